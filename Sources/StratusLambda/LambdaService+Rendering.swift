// LambdaService+Rendering: records as the API shapes Lambda answers with.
import StratusAPILambda

extension LambdaService {
    /// The `FunctionConfiguration` of one version: the ARN is qualified for published versions, as Lambda does.
    static func configuration(_ function: LambdaFunctionRecord, _ version: LambdaVersionRecord)
        -> Lambda.FunctionConfiguration
    {
        var configuration = Lambda.FunctionConfiguration()
        configuration.functionName = function.name
        configuration.functionArn = version.version == "$LATEST" ? function.arn : "\(function.arn):\(version.version)"
        configuration.runtime = Lambda.Runtime(rawValue: version.runtime)
        configuration.role = version.role
        configuration.handler = version.handler
        configuration.codeSize = Int(version.code.size)
        configuration.description = version.description
        configuration.timeout = version.timeout
        configuration.memorySize = version.memorySize
        configuration.lastModified = LambdaTimestamp.text(version.lastModified)
        configuration.codeSha256 = version.code.sha256Base64
        configuration.version = version.version
        if let variables = version.environment {
            configuration.environment = Lambda.EnvironmentResponse(variables: variables)
        }
        configuration.tracingConfig = Lambda.TracingConfigResponse(mode: Lambda.TracingMode(rawValue: version.tracingMode))
        if let target = version.deadLetterTargetArn { configuration.deadLetterConfig = Lambda.DeadLetterConfig(targetArn: target) }
        configuration.revisionId = version.revisionID
        if !version.layers.isEmpty {
            configuration.layers = version.layers.map { Lambda.Layer(arn: $0.arn, codeSize: Int($0.code.size)) }
        }
        configuration.state = Lambda.State(rawValue: version.state)
        configuration.stateReason = version.stateReason
        configuration.stateReasonCode = version.stateReasonCode.map(Lambda.StateReasonCode.init(rawValue:))
        configuration.lastUpdateStatus = version.lastUpdateStatus.map(Lambda.LastUpdateStatus.init(rawValue:))
        configuration.lastUpdateStatusReason = version.lastUpdateStatusReason
        configuration.lastUpdateStatusReasonCode =
            version.lastUpdateStatusReasonCode.map(Lambda.LastUpdateStatusReasonCode.init(rawValue:))
        configuration.packageType = "Zip"
        configuration.architectures = version.architectures.map(Lambda.Architecture.init(rawValue:))
        configuration.ephemeralStorage = Lambda.EphemeralStorage(size: version.ephemeralStorageSize)
        configuration.snapStart = Lambda.SnapStartResponse(applyOn: "None", optimizationStatus: "Off")
        configuration.loggingConfig = Lambda.LoggingConfig(logFormat: "Text", logGroup: "/aws/lambda/\(function.name)")
        return configuration
    }

    /// The `AliasConfiguration` of an alias.
    static func aliasConfiguration(_ function: LambdaFunctionRecord, _ alias: LambdaAliasRecord)
        -> Lambda.AliasConfiguration
    {
        Lambda.AliasConfiguration(
            aliasArn: "\(function.arn):\(alias.name)", name: alias.name, functionVersion: alias.functionVersion,
            description: alias.description,
            routingConfig: alias.additionalVersionWeights.isEmpty
                ? nil : Lambda.AliasRoutingConfiguration(additionalVersionWeights: alias.additionalVersionWeights),
            revisionId: alias.revisionID)
    }

    /// One page of `items` after `marker` (an index), at most `maxItems` (default 50).
    static func page<T>(_ items: [T], marker: String?, maxItems: Int?) throws -> (items: [T], nextMarker: String?) {
        var start = 0
        if let marker {
            guard let index = Int(marker), index >= 0, index <= items.count else {
                throw LambdaFailure.invalidParameter("Invalid marker: \(marker)")
            }
            start = index
        }
        let limit = max(1, min(maxItems ?? 50, 10_000))
        let end = min(items.count, start + limit)
        return (Array(items[start..<end]), end < items.count ? String(end) : nil)
    }
}
