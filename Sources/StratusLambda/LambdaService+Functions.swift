// LambdaService+Functions: CreateFunction, Get/List/Delete, UpdateFunctionCode and UpdateFunctionConfiguration.
import Foundation
import StratusAPILambda
import StratusServiceKit

extension LambdaService {
    /// Lambda's default `Timeout`, `MemorySize` and `EphemeralStorage` size.
    static let defaultTimeout = 3, defaultMemorySize = 128, defaultEphemeralStorage = 512

    /// `CreateFunction`: stores the package and answers the function `Pending`; the background worker unpacks it
    /// and makes it `Active`.
    package func createFunction(_ input: Lambda.CreateFunctionRequest, context: RequestContext) async throws
        -> Lambda.FunctionConfiguration
    {
        guard LambdaFunctionName.isName(input.functionName) else {
            throw LambdaFailure.invalidParameter("Invalid function name: \(input.functionName)")
        }
        if input.packageType?.rawValue == "Image" || input.code.imageUri != nil {
            throw LambdaFailure.invalidParameter(
                "Stratus runs functions from zip packages only: PackageType Image (container images) is not supported.")
        }
        try Self.checkRole(input.role)
        guard let runtime = input.runtime?.rawValue, let handler = input.handler else {
            throw LambdaFailure.invalidParameter(
                "Runtime and Handler are mandatory parameters for functions created with deployment packages.")
        }
        let code = try await storeCode(zipFile: input.code.zipFile, s3Bucket: input.code.s3Bucket, s3Key: input.code.s3Key,
                                       s3ObjectVersion: input.code.s3ObjectVersion, context: context)
        let layers = try await resolveLayers(input.layers ?? [], context: context)
        let now = nowMilliseconds()
        let latest = LambdaVersionRecord(
            version: "$LATEST", runtime: runtime, handler: handler, role: input.role,
            description: input.description ?? "", timeout: try Self.checkTimeout(input.timeout ?? Self.defaultTimeout),
            memorySize: try Self.checkMemorySize(input.memorySize ?? Self.defaultMemorySize),
            environment: input.environment.map { $0.variables ?? [:] },
            layers: layers, code: code, architectures: try Self.checkArchitectures(input.architectures),
            ephemeralStorageSize: try Self.checkEphemeralStorage(input.ephemeralStorage?.size),
            tracingMode: input.tracingConfig?.mode?.rawValue ?? "PassThrough",
            deadLetterTargetArn: input.deadLetterConfig?.targetArn, lastModified: now, revisionID: newRevisionID(),
            state: "Pending", stateReason: "The function is being created.", stateReasonCode: "Creating",
            lastUpdateStatus: nil)
        var versions = [latest]
        if input.publish == true {
            var first = latest
            first.version = "1"
            first.revisionID = newRevisionID()
            versions.append(first)
        }
        let function = LambdaFunctionRecord(
            accountID: context.accountID, region: context.region, name: input.functionName, createdAt: now,
            tags: input.tags ?? [:], reservedConcurrency: nil, lastPublishedVersion: input.publish == true ? 1 : 0,
            versions: versions, aliases: [], eventInvokeConfigs: [])
        guard try await store.createFunction(function) else {
            throw LambdaFailure.conflict("Function already exist: \(input.functionName)")
        }
        activationSignal.signal()
        return Self.configuration(function, versions.last!)
    }

    /// `GetFunction`.
    package func getFunction(_ input: Lambda.GetFunctionRequest, context: RequestContext) async throws
        -> Lambda.GetFunctionResponse
    {
        let (function, qualifier) = try await lookUp(input.functionName, qualifier: input.qualifier, context: context)
        let version = try version(of: function, qualifier: qualifier)
        return Lambda.GetFunctionResponse(
            configuration: Self.configuration(function, version),
            code: Lambda.FunctionCodeLocation(
                repositoryType: "S3", location: Self.codeLocation(version.code, endpointURL: context.endpointURL)),
            tags: qualifier == nil ? function.tags : nil,
            concurrency: function.reservedConcurrency.map { Lambda.Concurrency(reservedConcurrentExecutions: $0) })
    }

    /// `GetFunctionConfiguration`.
    package func getFunctionConfiguration(_ input: Lambda.GetFunctionConfigurationRequest, context: RequestContext)
        async throws -> Lambda.FunctionConfiguration
    {
        let (function, qualifier) = try await lookUp(input.functionName, qualifier: input.qualifier, context: context)
        return Self.configuration(function, try version(of: function, qualifier: qualifier))
    }

    /// `ListFunctions`: `$LATEST` of each function, or every version with `FunctionVersion=ALL`.
    package func listFunctions(_ input: Lambda.ListFunctionsRequest, context: RequestContext) async throws
        -> Lambda.ListFunctionsResponse
    {
        if let version = input.functionVersion, version.rawValue != "ALL" {
            throw LambdaFailure.invalidParameter("Invalid FunctionVersion: \(version.rawValue)")
        }
        let all = input.functionVersion != nil
        let functions = try await store.functions(accountID: context.accountID, region: context.region)
        let configurations = functions.flatMap { function in
            (all ? function.versions : [function.latest]).map { Self.configuration(function, $0) }
        }
        let page = try Self.page(configurations, marker: input.marker, maxItems: input.maxItems)
        return Lambda.ListFunctionsResponse(nextMarker: page.nextMarker, functions: page.items)
    }

    /// `DeleteFunction`: the whole function, or one published version (`Qualifier`).
    package func deleteFunction(_ input: Lambda.DeleteFunctionRequest, context: RequestContext) async throws
        -> Lambda.DeleteFunctionResponse
    {
        let (function, qualifier) = try await lookUp(input.functionName, qualifier: input.qualifier, context: context)
        if let qualifier {
            guard qualifier != "$LATEST" else {
                throw LambdaFailure.invalidParameter("$LATEST version cannot be deleted without deleting the function.")
            }
            guard function.version(qualifier) != nil else {
                if function.alias(qualifier) != nil {
                    throw LambdaFailure.invalidParameter("Deletion of aliases is not supported by DeleteFunction; use DeleteAlias.")
                }
                throw LambdaFailure.functionNotFound("\(function.arn):\(qualifier)")
            }
            let users = function.aliases.filter {
                $0.functionVersion == qualifier || $0.additionalVersionWeights[qualifier] != nil
            }
            guard users.isEmpty else {
                throw LambdaFailure.conflict(
                    "Unable to delete version because the following aliases reference it: [\(users.map(\.name).joined(separator: ", "))]")
            }
            let removed = function.version(qualifier)!
            // Its provisioned environments go with it (released before its code can go).
            var released = function
            released.provisionedConcurrency?.removeAll { $0.qualifier == qualifier }
            await applyProvisionedConcurrency(of: released, releasing: function)
            _ = try await store.updateFunction(accountID: function.accountID, region: function.region, name: function.name) {
                $0.versions.removeAll { $0.version == qualifier }
                $0.eventInvokeConfigs.removeAll { $0.qualifier == qualifier }
                $0.provisionedConcurrency?.removeAll { $0.qualifier == qualifier }
            }
            await environments.retire(functionArn: function.arn)
            try await deleteUnusedCode([removed.code] + removed.layers.map(\.code))
            return Lambda.DeleteFunctionResponse(statusCode: 204)
        }
        var released = function
        released.provisionedConcurrency = nil
        await applyProvisionedConcurrency(of: released, releasing: function)
        guard let deleted = try await store.deleteFunction(
            accountID: function.accountID, region: function.region, name: function.name)
        else { throw LambdaFailure.functionNotFound(function.arn) }
        await environments.retire(functionArn: deleted.arn)
        logBook.drop(functionArn: deleted.arn)
        try await deleteUnusedCode(deleted.versions.flatMap { [$0.code] + $0.layers.map(\.code) })
        return Lambda.DeleteFunctionResponse(statusCode: 204)
    }

    /// `UpdateFunctionCode`: new package for `$LATEST` (`LastUpdateStatus` `InProgress` until unpacked).
    package func updateFunctionCode(_ input: Lambda.UpdateFunctionCodeRequest, context: RequestContext) async throws
        -> Lambda.FunctionConfiguration
    {
        let (function, qualifier) = try await lookUp(input.functionName, context: context)
        if qualifier != nil { throw LambdaFailure.invalidParameter("Updating the code of a qualified function is not supported.") }
        if input.imageUri != nil {
            throw LambdaFailure.invalidParameter(
                "Stratus runs functions from zip packages only: PackageType Image (container images) is not supported.")
        }
        let code = try await storeCode(zipFile: input.zipFile, s3Bucket: input.s3Bucket, s3Key: input.s3Key,
                                       s3ObjectVersion: input.s3ObjectVersion, context: context)
        let architectures = try input.architectures.map { try Self.checkArchitectures($0) }
        if input.dryRun == true {
            var preview = function.latest
            preview.code = code
            return Self.configuration(function, preview)
        }
        let now = nowMilliseconds(), revision = newRevisionID()
        let expected = input.revisionId
        let previous = function.latest.code
        let updated = try await store.updateFunction(accountID: function.accountID, region: function.region,
                                                     name: function.name) { record in
            try Self.checkUpdatable(record, expectedRevision: expected)
            var latest = record.latest
            latest.code = code
            if let architectures { latest.architectures = architectures }
            Self.markUpdating(&latest, now: now, revision: revision)
            record.replace(latest)
        }
        guard var updated else { throw LambdaFailure.functionNotFound(function.arn) }
        await environments.retire(functionArn: function.arn)
        activationSignal.signal()
        if previous != code { try await deleteUnusedCode([previous]) }
        if input.publish == true {
            updated = try await publish(updated, description: nil)
            return Self.configuration(updated, updated.versions.last!)
        }
        return Self.configuration(updated, updated.latest)
    }

    /// `UpdateFunctionConfiguration`.
    package func updateFunctionConfiguration(_ input: Lambda.UpdateFunctionConfigurationRequest, context: RequestContext)
        async throws -> Lambda.FunctionConfiguration
    {
        let (function, qualifier) = try await lookUp(input.functionName, context: context)
        if qualifier != nil {
            throw LambdaFailure.invalidParameter("Updating the configuration of a qualified function is not supported.")
        }
        if let role = input.role { try Self.checkRole(role) }
        if input.imageConfig != nil {
            throw LambdaFailure.invalidParameter("Stratus runs functions from zip packages only: ImageConfig is not supported.")
        }
        let timeout = try input.timeout.map(Self.checkTimeout)
        let memorySize = try input.memorySize.map(Self.checkMemorySize)
        let storage = try input.ephemeralStorage.map { try Self.checkEphemeralStorage($0.size) }
        var layers: [LambdaLayerReference]?
        if let arns = input.layers { layers = try await resolveLayers(arns, context: context) }
        let newLayers = layers
        let now = nowMilliseconds(), revision = newRevisionID()
        let expected = input.revisionId
        let updated = try await store.updateFunction(accountID: function.accountID, region: function.region,
                                                     name: function.name) { record in
            try Self.checkUpdatable(record, expectedRevision: expected)
            var latest = record.latest
            if let role = input.role { latest.role = role }
            if let handler = input.handler { latest.handler = handler }
            if let description = input.description { latest.description = description }
            if let timeout { latest.timeout = timeout }
            if let memorySize { latest.memorySize = memorySize }
            if let environment = input.environment { latest.environment = environment.variables ?? [:] }
            if let runtime = input.runtime { latest.runtime = runtime.rawValue }
            if let dead = input.deadLetterConfig { latest.deadLetterTargetArn = dead.targetArn.flatMap { $0.isEmpty ? nil : $0 } }
            if let tracing = input.tracingConfig?.mode { latest.tracingMode = tracing.rawValue }
            if let newLayers { latest.layers = newLayers }
            if let storage { latest.ephemeralStorageSize = storage }
            Self.markUpdating(&latest, now: now, revision: revision)
            record.replace(latest)
        }
        guard let updated else { throw LambdaFailure.functionNotFound(function.arn) }
        await environments.retire(functionArn: function.arn)
        activationSignal.signal()
        return Self.configuration(updated, updated.latest)
    }

    // MARK: Helpers

    /// Refuses a change while the function is being created or updated, or when `expectedRevision` is stale.
    static func checkUpdatable(_ record: LambdaFunctionRecord, expectedRevision: String?) throws {
        let latest = record.latest
        if latest.state == "Pending" { throw LambdaFailure.notReady(state: latest.state, arn: record.arn) }
        if latest.lastUpdateStatus == "InProgress" { throw LambdaFailure.updateInProgress(arn: record.arn) }
        if let expectedRevision, expectedRevision != latest.revisionID {
            throw LambdaFailure.revisionMismatch(of: "GetFunction/GetAlias")
        }
    }

    /// `$LATEST` after a change: `LastUpdateStatus` `InProgress` until the worker has unpacked it.
    static func markUpdating(_ latest: inout LambdaVersionRecord, now: Int64, revision: String) {
        latest.lastModified = now
        latest.revisionID = revision
        latest.lastUpdateStatus = "InProgress"
        latest.lastUpdateStatusReason = "The function is being created."
        latest.lastUpdateStatusReasonCode = "Creating"
    }

    /// Keeps a package: the `ZipFile`, or the S3 object `S3Bucket`/`S3Key` (its version `S3ObjectVersion` when given;
    /// read through S3 in-process, S3's errors reported as Lambda reports them); refuses missing code.
    func storeCode(zipFile: Data?, s3Bucket: String?, s3Key: String?, s3ObjectVersion: String?,
                   context: RequestContext) async throws -> StoredLambdaCode {
        var zipFile = zipFile
        if s3Bucket != nil || s3Key != nil {
            guard zipFile == nil else {
                throw LambdaFailure.invalidParameter("Please do not provide other FunctionCode parameters when providing a ZipFile.")
            }
            guard let s3Bucket, let s3Key else { throw LambdaFailure.invalidParameter("Please provide a source for function code.") }
            zipFile = try await Self.s3Package(bucket: s3Bucket, key: s3Key, version: s3ObjectVersion, invoker: invoker,
                                               context: context)
        }
        guard let zipFile, !zipFile.isEmpty else {
            throw LambdaFailure.invalidParameter("Please provide a source for function code.")
        }
        do {
            return try await codeStore.store(zip: [UInt8](zipFile))
        } catch let error as LambdaCodeStoreError {
            throw error.serviceError
        }
    }

    /// Deletes packages no function version or layer version uses any longer.
    func deleteUnusedCode(_ codes: [StoredLambdaCode]) async throws {
        var seen = Set<String>()
        for code in codes where seen.insert(code.id).inserted {
            if try await !store.isCodeReferenced(code.id) { try await codeStore.delete(code) }
        }
    }

    /// Lambda's role pattern `arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+`.
    static func checkRole(_ role: String) throws {
        let parts = role.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        let valid = parts.count == 6 && parts[0] == "arn" && (parts[1].isEmpty || parts[1].hasPrefix("aws"))
            && parts[2] == "iam" && parts[3].isEmpty && parts[4].count == 12 && parts[4].allSatisfy(\.isNumber)
            && parts[5].hasPrefix("role") && parts[5].dropFirst(4).count > (parts[5].dropFirst(4).hasPrefix("/") ? 1 : 0)
            && parts[5].dropFirst(4).unicodeScalars.allSatisfy { scalar in
                LambdaFunctionName.isNameCharacter(scalar) || "+=,.@/".unicodeScalars.contains(scalar)
            }
        guard valid else {
            throw AWSServiceError.validation(
                "1 validation error detected: Value '\(role)' at 'role' failed to satisfy constraint: Member must satisfy "
                    + "regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+")
        }
    }

    static func checkTimeout(_ timeout: Int) throws -> Int {
        guard (1...900).contains(timeout) else {
            throw AWSServiceError.validation(
                "1 validation error detected: Value '\(timeout)' at 'timeout' failed to satisfy constraint: Member must have value "
                    + (timeout < 1 ? "greater than or equal to 1" : "less than or equal to 900"))
        }
        return timeout
    }

    static func checkMemorySize(_ size: Int) throws -> Int {
        guard (128...10240).contains(size) else {
            throw AWSServiceError.validation(
                "1 validation error detected: Value '\(size)' at 'memorySize' failed to satisfy constraint: Member must have value "
                    + (size < 128 ? "greater than or equal to 128" : "less than or equal to 10240"))
        }
        return size
    }

    static func checkEphemeralStorage(_ size: Int?) throws -> Int {
        guard let size else { return defaultEphemeralStorage }
        guard (512...10240).contains(size) else {
            throw LambdaFailure.invalidParameter("Ephemeral storage size must be between 512 and 10240 MB.")
        }
        return size
    }

    static func checkArchitectures(_ architectures: [Lambda.Architecture]?) throws -> [String] {
        guard let architectures else { return ["x86_64"] }
        guard architectures.count == 1, ["x86_64", "arm64"].contains(architectures[0].rawValue) else {
            throw LambdaFailure.invalidParameter("Architectures must hold exactly one of x86_64 and arm64.")
        }
        return [architectures[0].rawValue]
    }
}
