// LambdaService+Settings: concurrency, tags and account settings.
import StratusAPILambda
import StratusServiceKit

extension LambdaService {
    /// Lambda keeps this many executions unreserved per account and region.
    static let unreservedMinimum = 100

    /// `PutFunctionConcurrency`.
    package func putFunctionConcurrency(_ input: Lambda.PutFunctionConcurrencyRequest, context: RequestContext)
        async throws -> Lambda.Concurrency
    {
        let (function, qualifier) = try await lookUp(input.functionName, context: context)
        if qualifier != nil { throw LambdaFailure.invalidParameter("Concurrency is set on unqualified functions only.") }
        let wanted = input.reservedConcurrentExecutions
        guard wanted >= 0 else {
            throw AWSServiceError.validation(
                "1 validation error detected: Value '\(wanted)' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0")
        }
        let others = try await store.functions(accountID: function.accountID, region: function.region)
            .filter { $0.name != function.name }.compactMap(\.reservedConcurrency).reduce(0, +)
        let available = settings.accountConcurrencyLimit - Self.unreservedMinimum - others
        guard wanted <= available else {
            throw LambdaFailure.invalidParameter(
                "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [\(Self.unreservedMinimum)].")
        }
        guard try await store.updateFunction(accountID: function.accountID, region: function.region, name: function.name,
                                             { $0.reservedConcurrency = wanted }) != nil
        else { throw LambdaFailure.functionNotFound(function.arn) }
        return Lambda.Concurrency(reservedConcurrentExecutions: wanted)
    }

    /// `GetFunctionConcurrency`.
    package func getFunctionConcurrency(_ input: Lambda.GetFunctionConcurrencyRequest, context: RequestContext)
        async throws -> Lambda.GetFunctionConcurrencyResponse
    {
        let (function, _) = try await lookUp(input.functionName, context: context)
        return Lambda.GetFunctionConcurrencyResponse(reservedConcurrentExecutions: function.reservedConcurrency)
    }

    /// `DeleteFunctionConcurrency`.
    package func deleteFunctionConcurrency(_ input: Lambda.DeleteFunctionConcurrencyRequest, context: RequestContext)
        async throws
    {
        let (function, _) = try await lookUp(input.functionName, context: context)
        _ = try await store.updateFunction(accountID: function.accountID, region: function.region, name: function.name) {
            $0.reservedConcurrency = nil
        }
    }

    /// `GetAccountSettings`.
    package func getAccountSettings(_ input: Lambda.GetAccountSettingsRequest, context: RequestContext) async throws
        -> Lambda.GetAccountSettingsResponse
    {
        let functions = try await store.functions(accountID: context.accountID, region: context.region)
        let reserved = functions.compactMap(\.reservedConcurrency).reduce(0, +)
        let codeSize = functions.flatMap(\.versions).map { Int($0.code.size) }.reduce(0, +)
        return Lambda.GetAccountSettingsResponse(
            accountLimit: Lambda.AccountLimit(
                totalCodeSize: 80_530_636_800, codeSizeUnzipped: 262_144_000, codeSizeZipped: 52_428_800,
                concurrentExecutions: settings.accountConcurrencyLimit,
                unreservedConcurrentExecutions: settings.accountConcurrencyLimit - reserved),
            accountUsage: Lambda.AccountUsage(totalCodeSize: codeSize, functionCount: functions.count))
    }

    // MARK: Tags

    /// `TagResource` on a function ARN.
    package func tagResource(_ input: Lambda.TagResourceRequest, context: RequestContext) async throws {
        let function = try await taggedFunction(input.resource, context: context)
        _ = try await store.updateFunction(accountID: function.accountID, region: function.region, name: function.name) {
            $0.tags.merge(input.tags) { _, new in new }
        }
    }

    /// `UntagResource` on a function ARN.
    package func untagResource(_ input: Lambda.UntagResourceRequest, context: RequestContext) async throws {
        let function = try await taggedFunction(input.resource, context: context)
        _ = try await store.updateFunction(accountID: function.accountID, region: function.region, name: function.name) {
            for key in input.tagKeys { $0.tags[key] = nil }
        }
    }

    /// `ListTags` of a function ARN.
    package func listTags(_ input: Lambda.ListTagsRequest, context: RequestContext) async throws -> Lambda.ListTagsResponse {
        Lambda.ListTagsResponse(tags: try await taggedFunction(input.resource, context: context).tags)
    }

    /// The function an (unqualified) ARN names, for tag operations.
    func taggedFunction(_ arn: String, context: RequestContext) async throws -> LambdaFunctionRecord {
        guard arn.hasPrefix("arn:"), let reference = LambdaFunctionName(arn) else {
            throw LambdaFailure.invalidParameter("Invalid resource ARN: \(arn)")
        }
        if reference.qualifier != nil {
            throw LambdaFailure.invalidParameter("Tags are supported on unqualified function ARNs only: \(arn)")
        }
        return try await lookUp(arn, context: context).function
    }

    /// `GetFunctionCodeSigningConfig`: Stratus has no code signing configurations (creating one answers
    /// `NotImplemented`), so every function answers as a function without one does: an empty `CodeSigningConfigArn` —
    /// what infrastructure tools (Terraform's `aws_lambda_function`) read back after creating a function.
    package func getFunctionCodeSigningConfig(_ input: Lambda.GetFunctionCodeSigningConfigRequest, context: RequestContext)
        async throws -> Lambda.GetFunctionCodeSigningConfigResponse
    {
        let (function, _) = try await lookUp(input.functionName, context: context)
        return Lambda.GetFunctionCodeSigningConfigResponse(codeSigningConfigArn: "", functionName: function.name)
    }

    /// `ListCodeSigningConfigs`: none (Stratus has no code signing configurations).
    package func listCodeSigningConfigs(_ input: Lambda.ListCodeSigningConfigsRequest, context: RequestContext)
        async throws -> Lambda.ListCodeSigningConfigsResponse
    {
        Lambda.ListCodeSigningConfigsResponse(codeSigningConfigs: [])
    }
}
