// LambdaEventInvokeConfigRecord: the asynchronous-invocation settings of one function qualifier.

/// `PutFunctionEventInvokeConfig` settings of a function version or alias.
///
/// Guarantees: `nil` limits mean Lambda's defaults (2 retries, 21600 s maximum event age).
package struct LambdaEventInvokeConfigRecord: Sendable, Codable, Equatable {
    /// `$LATEST`, a version number or an alias name.
    package var qualifier: String
    /// `MaximumRetryAttempts` (0–2).
    package var maximumRetryAttempts: Int?
    /// `MaximumEventAgeInSeconds` (60–21600).
    package var maximumEventAgeInSeconds: Int?
    /// `DestinationConfig.OnSuccess.Destination`.
    package var onSuccess: String?
    /// `DestinationConfig.OnFailure.Destination`.
    package var onFailure: String?
    /// When it was last changed (ms).
    package var lastModified: Int64

    package init(qualifier: String, maximumRetryAttempts: Int?, maximumEventAgeInSeconds: Int?, onSuccess: String?,
                 onFailure: String?, lastModified: Int64) {
        self.qualifier = qualifier
        self.maximumRetryAttempts = maximumRetryAttempts
        self.maximumEventAgeInSeconds = maximumEventAgeInSeconds
        self.onSuccess = onSuccess
        self.onFailure = onFailure
        self.lastModified = lastModified
    }
}
