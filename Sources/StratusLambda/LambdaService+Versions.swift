// LambdaService+Versions: PublishVersion, ListVersionsByFunction and aliases.
import StratusAPILambda
import StratusServiceKit

extension LambdaService {
    /// `PublishVersion`: a snapshot of `$LATEST` (or the last version when nothing changed since).
    package func publishVersion(_ input: Lambda.PublishVersionRequest, context: RequestContext) async throws
        -> Lambda.FunctionConfiguration
    {
        let (function, qualifier) = try await lookUp(input.functionName, context: context)
        if qualifier != nil { throw LambdaFailure.invalidParameter("PublishVersion takes an unqualified function name.") }
        let latest = function.latest
        if let sha = input.codeSha256, sha != latest.code.sha256Base64 {
            throw LambdaFailure.invalidParameter(
                "CodeSHA256 (\(sha)) is different from current CodeSHA256 in $LATEST(\(latest.code.sha256Base64)). Please try again with the CodeSHA256 in $LATEST.")
        }
        if let revision = input.revisionId, revision != latest.revisionID {
            throw LambdaFailure.revisionMismatch(of: "GetFunction/GetAlias")
        }
        let published = try await publish(function, description: input.description)
        let version = published.versions.last!
        return Self.configuration(published, version)
    }

    /// Publishes `$LATEST` as the next version unless the last published version has the same code and
    /// configuration (then that version is answered, as Lambda does). Answers the function with the version last.
    func publish(_ function: LambdaFunctionRecord, description: String?) async throws -> LambdaFunctionRecord {
        let now = nowMilliseconds(), revision = newRevisionID()
        let updated = try await store.updateFunction(accountID: function.accountID, region: function.region,
                                                     name: function.name) { record in
            let latest = record.latest
            if latest.state == "Pending" { throw LambdaFailure.notReady(state: latest.state, arn: record.arn) }
            if latest.lastUpdateStatus == "InProgress" { throw LambdaFailure.updateInProgress(arn: record.arn) }
            if let last = record.versions.last, last.version != "$LATEST", Self.sameContent(last, latest) {
                record.versions.removeAll { $0.version == last.version }
                record.versions.append(last)
                return
            }
            record.lastPublishedVersion += 1
            var version = latest
            version.version = String(record.lastPublishedVersion)
            version.lastModified = now
            version.revisionID = revision
            if let description { version.description = description }
            version.lastUpdateStatus = "Successful"
            version.lastUpdateStatusReason = nil
            version.lastUpdateStatusReasonCode = nil
            record.versions.append(version)
        }
        guard let updated else { throw LambdaFailure.functionNotFound(function.arn) }
        return updated
    }

    /// Whether two versions run the same code with the same configuration.
    static func sameContent(_ a: LambdaVersionRecord, _ b: LambdaVersionRecord) -> Bool {
        a.code == b.code && a.runtime == b.runtime && a.handler == b.handler && a.role == b.role
            && a.timeout == b.timeout && a.memorySize == b.memorySize && a.environment == b.environment
            && a.layers == b.layers && a.architectures == b.architectures && a.description == b.description
            && a.ephemeralStorageSize == b.ephemeralStorageSize && a.tracingMode == b.tracingMode
            && a.deadLetterTargetArn == b.deadLetterTargetArn
    }

    /// `ListVersionsByFunction`: `$LATEST`, then the published versions.
    package func listVersionsByFunction(_ input: Lambda.ListVersionsByFunctionRequest, context: RequestContext)
        async throws -> Lambda.ListVersionsByFunctionResponse
    {
        let (function, _) = try await lookUp(input.functionName, context: context)
        let versions = function.versions.sorted { Self.versionOrder($0.version) < Self.versionOrder($1.version) }
        let page = try Self.page(versions.map { Self.configuration(function, $0) }, marker: input.marker,
                                 maxItems: input.maxItems)
        return Lambda.ListVersionsByFunctionResponse(nextMarker: page.nextMarker, versions: page.items)
    }

    static func versionOrder(_ version: String) -> Int { version == "$LATEST" ? 0 : Int(version) ?? Int.max }

    // MARK: Aliases

    /// `CreateAlias`.
    package func createAlias(_ input: Lambda.CreateAliasRequest, context: RequestContext) async throws
        -> Lambda.AliasConfiguration
    {
        let (function, _) = try await lookUp(input.functionName, context: context)
        try Self.checkAliasName(input.name)
        let weights = try Self.checkRouting(input.routingConfig, primary: input.functionVersion, function: function)
        try Self.checkAliasTarget(input.functionVersion, function: function)
        let alias = LambdaAliasRecord(name: input.name, functionVersion: input.functionVersion,
                                      description: input.description ?? "", additionalVersionWeights: weights,
                                      revisionID: newRevisionID())
        let updated = try await store.updateFunction(accountID: function.accountID, region: function.region,
                                                     name: function.name) { record in
            if record.alias(alias.name) != nil {
                throw LambdaFailure.conflict("Alias already exists: \(record.arn):\(alias.name)")
            }
            try Self.checkAliasTarget(alias.functionVersion, function: record)
            record.aliases.append(alias)
            record.aliases.sort { $0.name < $1.name }
        }
        guard let updated else { throw LambdaFailure.functionNotFound(function.arn) }
        return Self.aliasConfiguration(updated, alias)
    }

    /// `GetAlias`.
    package func getAlias(_ input: Lambda.GetAliasRequest, context: RequestContext) async throws -> Lambda.AliasConfiguration {
        let (function, _) = try await lookUp(input.functionName, context: context)
        guard let alias = function.alias(input.name) else { throw Self.aliasNotFound(function, input.name) }
        return Self.aliasConfiguration(function, alias)
    }

    /// `UpdateAlias`.
    package func updateAlias(_ input: Lambda.UpdateAliasRequest, context: RequestContext) async throws
        -> Lambda.AliasConfiguration
    {
        let (function, _) = try await lookUp(input.functionName, context: context)
        guard let current = function.alias(input.name) else { throw Self.aliasNotFound(function, input.name) }
        let primary = input.functionVersion ?? current.functionVersion
        let weights = try input.routingConfig.map { try Self.checkRouting($0, primary: primary, function: function) }
        let revision = newRevisionID()
        let updated = try await store.updateFunction(accountID: function.accountID, region: function.region,
                                                     name: function.name) { record in
            guard let index = record.aliases.firstIndex(where: { $0.name == input.name }) else {
                throw Self.aliasNotFound(record, input.name)
            }
            var alias = record.aliases[index]
            if let expected = input.revisionId, expected != alias.revisionID {
                throw LambdaFailure.revisionMismatch(of: "GetFunction/GetAlias")
            }
            try Self.checkAliasTarget(primary, function: record)
            alias.functionVersion = primary
            if let description = input.description { alias.description = description }
            if let weights { alias.additionalVersionWeights = weights }
            alias.revisionID = revision
            record.aliases[index] = alias
        }
        guard let updated, let alias = updated.alias(input.name) else { throw Self.aliasNotFound(function, input.name) }
        // An alias's provisioned environments follow it to its new version.
        if updated.provisionedConcurrency?.contains(where: { $0.qualifier == input.name }) == true {
            await applyProvisionedConcurrency(of: updated, releasing: function)
        }
        return Self.aliasConfiguration(updated, alias)
    }

    /// `DeleteAlias`.
    package func deleteAlias(_ input: Lambda.DeleteAliasRequest, context: RequestContext) async throws {
        let (function, _) = try await lookUp(input.functionName, context: context)
        let updated = try await store.updateFunction(accountID: function.accountID, region: function.region,
                                                     name: function.name) {
            $0.aliases.removeAll { $0.name == input.name }
            $0.eventInvokeConfigs.removeAll { $0.qualifier == input.name }
            $0.provisionedConcurrency?.removeAll { $0.qualifier == input.name }
        }
        if let updated, function.provisionedConcurrency?.contains(where: { $0.qualifier == input.name }) == true {
            await applyProvisionedConcurrency(of: updated, releasing: function)
        }
    }

    /// `ListAliases` (optionally only those pointing at `FunctionVersion`).
    package func listAliases(_ input: Lambda.ListAliasesRequest, context: RequestContext) async throws
        -> Lambda.ListAliasesResponse
    {
        let (function, _) = try await lookUp(input.functionName, context: context)
        let aliases = function.aliases.filter { input.functionVersion == nil || $0.functionVersion == input.functionVersion }
        let page = try Self.page(aliases.map { Self.aliasConfiguration(function, $0) }, marker: input.marker,
                                 maxItems: input.maxItems)
        return Lambda.ListAliasesResponse(nextMarker: page.nextMarker, aliases: page.items)
    }

    static func aliasNotFound(_ function: LambdaFunctionRecord, _ name: String) -> AWSServiceError {
        LambdaFailure.notFound("Cannot find alias arn: \(function.arn):\(name)")
    }

    static func checkAliasName(_ name: String) throws {
        guard LambdaFunctionName.isQualifier(name), name != "$LATEST", Int(name) == nil else {
            throw LambdaFailure.invalidParameter("Invalid alias name: \(name)")
        }
    }

    static func checkAliasTarget(_ version: String, function: LambdaFunctionRecord) throws {
        guard function.version(version) != nil else {
            throw LambdaFailure.notFound("Function not found: \(function.arn):\(version)")
        }
    }

    /// Validates `AdditionalVersionWeights`: published versions other than the primary, weights in 0…1.
    static func checkRouting(_ routing: Lambda.AliasRoutingConfiguration?, primary: String,
                             function: LambdaFunctionRecord) throws -> [String: Double]
    {
        let weights = routing?.additionalVersionWeights ?? [:]
        guard weights.count <= 1 else {
            throw LambdaFailure.invalidParameter("Number of items in AdditionalVersionWeights cannot be greater than 1")
        }
        for (version, weight) in weights {
            guard (0...1).contains(weight) else {
                throw LambdaFailure.invalidParameter("Invalid weight \(weight) for version \(version): weights lie in [0.0, 1.0].")
            }
            guard version != primary else {
                throw LambdaFailure.invalidParameter("Invalid function version \(version). Function version \(version) is already included in routing configuration.")
            }
            guard version != "$LATEST", function.version(version) != nil else {
                throw LambdaFailure.invalidParameter("Invalid function version \(version) in routing configuration: it must be a published version.")
            }
        }
        return weights
    }
}
