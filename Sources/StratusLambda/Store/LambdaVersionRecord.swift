// LambdaVersionRecord: the configuration of one function version ($LATEST or a published number).

/// One version of a function as Lambda describes it (`FunctionConfiguration`), with the stored code it runs.
///
/// Guarantees: a published version never changes after publication except its `state` fields (activation);
/// `revisionID` changes with every change of `$LATEST`'s code or configuration; times are milliseconds since the
/// Unix epoch.
package struct LambdaVersionRecord: Sendable, Codable, Equatable {
    /// `$LATEST` or the published version number.
    package var version: String
    /// `python3.12`, `nodejs20.x`, `provided.al2023`, …
    package var runtime: String
    /// The handler (`file.function` for the managed runtimes).
    package var handler: String
    /// The execution role ARN.
    package var role: String
    /// `Description`.
    package var description: String
    /// `Timeout` in seconds.
    package var timeout: Int
    /// `MemorySize` in MB.
    package var memorySize: Int
    /// `Environment.Variables`, nil when never set.
    package var environment: [String: String]?
    /// The layers, in order.
    package var layers: [LambdaLayerReference]
    /// The deployment package.
    package var code: StoredLambdaCode
    /// `x86_64` or `arm64`.
    package var architectures: [String]
    /// `EphemeralStorage.Size` in MB.
    package var ephemeralStorageSize: Int
    /// `TracingConfig.Mode`.
    package var tracingMode: String
    /// `DeadLetterConfig.TargetArn`.
    package var deadLetterTargetArn: String?
    /// When the version (or, for `$LATEST`, its last change) was made.
    package var lastModified: Int64
    /// `RevisionId`.
    package var revisionID: String
    /// `State`: `Pending`, `Active` or `Failed`.
    package var state: String
    /// `StateReason`.
    package var stateReason: String?
    /// `StateReasonCode`.
    package var stateReasonCode: String?
    /// `LastUpdateStatus`: `InProgress`, `Successful` or `Failed` (nil before the first activation).
    package var lastUpdateStatus: String?
    /// `LastUpdateStatusReason`.
    package var lastUpdateStatusReason: String?
    /// `LastUpdateStatusReasonCode`.
    package var lastUpdateStatusReasonCode: String?

    package init(
        version: String, runtime: String, handler: String, role: String, description: String, timeout: Int,
        memorySize: Int, environment: [String: String]?, layers: [LambdaLayerReference], code: StoredLambdaCode,
        architectures: [String], ephemeralStorageSize: Int, tracingMode: String, deadLetterTargetArn: String?,
        lastModified: Int64, revisionID: String, state: String, stateReason: String?, stateReasonCode: String?,
        lastUpdateStatus: String?, lastUpdateStatusReason: String? = nil, lastUpdateStatusReasonCode: String? = nil
    ) {
        self.version = version
        self.runtime = runtime
        self.handler = handler
        self.role = role
        self.description = description
        self.timeout = timeout
        self.memorySize = memorySize
        self.environment = environment
        self.layers = layers
        self.code = code
        self.architectures = architectures
        self.ephemeralStorageSize = ephemeralStorageSize
        self.tracingMode = tracingMode
        self.deadLetterTargetArn = deadLetterTargetArn
        self.lastModified = lastModified
        self.revisionID = revisionID
        self.state = state
        self.stateReason = stateReason
        self.stateReasonCode = stateReasonCode
        self.lastUpdateStatus = lastUpdateStatus
        self.lastUpdateStatusReason = lastUpdateStatusReason
        self.lastUpdateStatusReasonCode = lastUpdateStatusReasonCode
    }

    /// Whether activation (unpacking the code and layers) is still to be done.
    package var needsActivation: Bool { state == "Pending" || lastUpdateStatus == "InProgress" }
}
