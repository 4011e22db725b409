import StratusAPILambda
import StratusAWSCore
import StratusServiceKit

/// Provisioned concurrency: `Put`/`Get`/`Delete`/`ListProvisionedConcurrencyConfigs` of published versions and
/// aliases, kept with the function, and execution environments started ahead of invocations for them
/// (``LambdaExecutionEnvironments/provision(_:count:)``): `IN_PROGRESS` until all are up, then `READY` (`FAILED`
/// with the init error when one cannot start). A version's environments serve its configuration and those of the
/// aliases pointing at it; they follow alias changes and go with the version or function.
extension LambdaService {
    package func putProvisionedConcurrencyConfig(_ input: Lambda.PutProvisionedConcurrencyConfigRequest,
                                                 context: RequestContext) async throws
        -> Lambda.PutProvisionedConcurrencyConfigResponse
    {
        if input.qualifier == "$LATEST" {
            throw LambdaFailure.invalidParameter(
                "Provisioned Concurrency Configs cannot be applied to unpublished function versions.")
        }
        guard input.provisionedConcurrentExecutions >= 1 else {
            throw AWSServiceError.validation(
                "1 validation error detected: Value '\(input.provisionedConcurrentExecutions)' at 'provisionedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 1")
        }
        let (function, _) = try await lookUp(input.functionName, context: context)
        let qualifier = input.qualifier
        let version = try provisionedVersion(of: function, qualifier: qualifier)
        if version == "$LATEST" {
            throw LambdaFailure.invalidParameter(
                "Provisioned Concurrency Configs cannot be applied to unpublished function versions.")
        }
        let configured = function.provisionedConcurrency ?? []
        if let alias = function.alias(qualifier) {
            if !alias.additionalVersionWeights.isEmpty {
                throw LambdaFailure.invalidParameter("Alias with weights can not be used with Provisioned Concurrency")
            }
            if configured.contains(where: { $0.qualifier == version }) {
                throw LambdaFailure.conflict(
                    "Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version")
            }
        } else if function.aliases.contains(where: { alias in
            alias.functionVersion == qualifier && configured.contains { $0.qualifier == alias.name }
        }) {
            throw LambdaFailure.conflict("Version is pointed by a Provisioned Concurrency alias")
        }
        let record = LambdaProvisionedConcurrencyRecord(
            qualifier: qualifier, requested: input.provisionedConcurrentExecutions, lastModified: nowMilliseconds())
        guard let updated = try await store.updateFunction(
            accountID: function.accountID, region: function.region, name: function.name, { stored in
                var configs = stored.provisionedConcurrency ?? []
                configs.removeAll { $0.qualifier == qualifier }
                configs.append(record)
                stored.provisionedConcurrency = configs
            })
        else { throw LambdaFailure.functionNotFound(function.arn) }
        await applyProvisionedConcurrency(of: updated)
        return Lambda.PutProvisionedConcurrencyConfigResponse(
            requestedProvisionedConcurrentExecutions: record.requested, availableProvisionedConcurrentExecutions: 0,
            allocatedProvisionedConcurrentExecutions: 0, status: .init(rawValue: "IN_PROGRESS"),
            lastModified: LambdaTimestamp.text(record.lastModified))
    }

    package func getProvisionedConcurrencyConfig(_ input: Lambda.GetProvisionedConcurrencyConfigRequest,
                                                 context: RequestContext) async throws
        -> Lambda.GetProvisionedConcurrencyConfigResponse
    {
        try Self.checkPublishedQualifier(input.qualifier)
        let (function, _) = try await lookUp(input.functionName, context: context)
        _ = try provisionedVersion(of: function, qualifier: input.qualifier)
        guard let record = function.provisionedConcurrency?.first(where: { $0.qualifier == input.qualifier }) else {
            throw LambdaFailure.user(LambdaErrors.provisionedConcurrencyConfigNotFoundException,
                                     "No Provisioned Concurrency Config found for this function")
        }
        let state = await provisioningState(of: function, record)
        return Lambda.GetProvisionedConcurrencyConfigResponse(
            requestedProvisionedConcurrentExecutions: record.requested,
            availableProvisionedConcurrentExecutions: state.available, allocatedProvisionedConcurrentExecutions: state.available,
            status: .init(rawValue: state.status), statusReason: state.reason,
            lastModified: LambdaTimestamp.text(record.lastModified))
    }

    package func listProvisionedConcurrencyConfigs(_ input: Lambda.ListProvisionedConcurrencyConfigsRequest,
                                                   context: RequestContext) async throws
        -> Lambda.ListProvisionedConcurrencyConfigsResponse
    {
        let (function, _) = try await lookUp(input.functionName, context: context)
        var items: [Lambda.ProvisionedConcurrencyConfigListItem] = []
        for record in function.provisionedConcurrency ?? [] {
            let state = await provisioningState(of: function, record)
            items.append(Lambda.ProvisionedConcurrencyConfigListItem(
                functionArn: "\(function.arn):\(record.qualifier)", requestedProvisionedConcurrentExecutions: record.requested,
                availableProvisionedConcurrentExecutions: state.available,
                allocatedProvisionedConcurrentExecutions: state.available, status: .init(rawValue: state.status),
                statusReason: state.reason, lastModified: LambdaTimestamp.text(record.lastModified)))
        }
        let page = try Self.page(items, marker: input.marker, maxItems: input.maxItems)
        return Lambda.ListProvisionedConcurrencyConfigsResponse(provisionedConcurrencyConfigs: page.items,
                                                                nextMarker: page.nextMarker)
    }

    package func deleteProvisionedConcurrencyConfig(_ input: Lambda.DeleteProvisionedConcurrencyConfigRequest,
                                                    context: RequestContext) async throws
    {
        try Self.checkPublishedQualifier(input.qualifier)
        let (function, _) = try await lookUp(input.functionName, context: context)
        _ = try provisionedVersion(of: function, qualifier: input.qualifier)
        // Deleting a configuration that does not exist changes nothing and succeeds, as on Lambda.
        guard function.provisionedConcurrency?.contains(where: { $0.qualifier == input.qualifier }) == true else { return }
        let qualifier = input.qualifier
        guard let updated = try await store.updateFunction(
            accountID: function.accountID, region: function.region, name: function.name, { stored in
                stored.provisionedConcurrency?.removeAll { $0.qualifier == qualifier }
                if stored.provisionedConcurrency?.isEmpty == true { stored.provisionedConcurrency = nil }
            })
        else { throw LambdaFailure.functionNotFound(function.arn) }
        await applyProvisionedConcurrency(of: updated, releasing: function)
    }

    private static func checkPublishedQualifier(_ qualifier: String) throws {
        if qualifier == "$LATEST" {
            throw LambdaFailure.invalidParameter("The function resource provided must be an alias or a published version.")
        }
    }

    /// The published version `qualifier` names (itself, or the alias's version); Lambda's not-found errors otherwise.
    private func provisionedVersion(of function: LambdaFunctionRecord, qualifier: String) throws -> String {
        if let alias = function.alias(qualifier) { return alias.functionVersion }
        guard function.version(qualifier) != nil, qualifier != "$LATEST" else {
            if qualifier.allSatisfy(\.isNumber) { throw LambdaFailure.functionNotFound("\(function.arn):\(qualifier)") }
            throw LambdaFailure.notFound("Cannot find alias arn: \(function.arn):\(qualifier)")
        }
        return qualifier
    }

    /// The state Lambda reports for a configuration: the environments of its version that are up (shared with the
    /// other configurations of that version, in their order), and `READY`, `IN_PROGRESS` or `FAILED`.
    private func provisioningState(of function: LambdaFunctionRecord, _ record: LambdaProvisionedConcurrencyRecord) async
        -> (available: Int, status: String, reason: String?)
    {
        guard let versionName = try? provisionedVersion(of: function, qualifier: record.qualifier),
              let version = function.version(versionName),
              let configuration = try? await runtimeConfiguration(LambdaInvocationTarget(
                  function: function, version: version, qualifier: versionName))
        else { return (0, "FAILED", "The function version is not available.") }
        let state = await environments.provisioning(of: configuration)
        // Configurations of the same version share its environments, in the order they were stored.
        let before = (function.provisionedConcurrency ?? []).prefix { $0 != record }
            .filter { (try? provisionedVersion(of: function, qualifier: $0.qualifier)) == versionName }
            .reduce(0) { $0 + $1.requested }
        let available = min(record.requested, max(0, state.allocated - before))
        if available >= record.requested { return (available, "READY", nil) }
        if let failure = state.failure { return (available, "FAILED", "FUNCTION_ERROR_INIT_FAILURE: \(failure)") }
        return (available, "IN_PROGRESS", nil)
    }

    /// Brings the provisioned environments of every published version of `function` to what its configurations ask
    /// (the sum of the version's own and its aliases'); versions of `releasing` (the function as it was) that no
    /// longer ask for any are released.
    func applyProvisionedConcurrency(of function: LambdaFunctionRecord, releasing previous: LambdaFunctionRecord? = nil)
        async
    {
        var wanted: [String: Int] = [:]
        for record in function.provisionedConcurrency ?? [] {
            guard let version = try? provisionedVersion(of: function, qualifier: record.qualifier) else { continue }
            wanted[version, default: 0] += record.requested
        }
        var touched = Set(wanted.keys)
        for record in previous?.provisionedConcurrency ?? [] {
            if let previous, let version = try? provisionedVersion(of: previous, qualifier: record.qualifier) {
                touched.insert(version)
            }
        }
        for versionName in touched {
            guard let version = function.version(versionName) ?? previous?.version(versionName),
                  let configuration = try? await runtimeConfiguration(LambdaInvocationTarget(
                      function: function, version: version, qualifier: versionName))
            else { continue }
            await environments.provision(configuration, count: wanted[versionName] ?? 0)
        }
    }
}
