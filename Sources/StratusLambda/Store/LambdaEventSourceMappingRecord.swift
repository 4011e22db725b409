// LambdaEventSourceMappingRecord: an event source mapping (SQS queue or DynamoDB stream → function).

/// An event source mapping from an SQS queue or a DynamoDB stream (the stream settings are nil for queues).
///
/// Guarantees: `state` is one of Lambda's states (`Creating`, `Enabling`, `Enabled`, `Disabling`, `Disabled`,
/// `Updating`); the poller moves the transitional ones to `Enabled`/`Disabled` once it acted on them.
package struct LambdaEventSourceMappingRecord: Sendable, Codable, Equatable {
    /// The mapping's UUID.
    package var uuid: String
    /// The owning account.
    package var accountID: String
    /// The region.
    package var region: String
    /// The function ARN (qualified when the mapping names a version or alias).
    package var functionArn: String
    /// The queue's or stream's ARN.
    package var eventSourceArn: String
    /// `BatchSize`.
    package var batchSize: Int
    /// `MaximumBatchingWindowInSeconds`.
    package var maximumBatchingWindowInSeconds: Int
    /// Whether polling is wanted (`Enabled`).
    package var enabled: Bool
    /// Lambda's state.
    package var state: String
    /// `StateTransitionReason`.
    package var stateTransitionReason: String
    /// `FunctionResponseTypes` (`ReportBatchItemFailures`).
    package var functionResponseTypes: [String]
    /// `ScalingConfig.MaximumConcurrency`.
    package var maximumConcurrency: Int?
    /// `LastProcessingResult`.
    package var lastProcessingResult: String
    /// Tags.
    package var tags: [String: String]
    /// When it was last changed (ms).
    package var lastModified: Int64
    /// `FilterCriteria` patterns (event-pattern JSON); a message matching none is deleted, not sent. Nil: none.
    package var filterPatterns: [String]?
    /// `StartingPosition` of a stream source (`TRIM_HORIZON`, `LATEST`); nil for a queue.
    package var startingPosition: String?
    /// `MaximumRetryAttempts` of a stream source (-1: retry until the records expire).
    package var maximumRetryAttempts: Int?
    /// `MaximumRecordAgeInSeconds` of a stream source (-1: no limit).
    package var maximumRecordAgeInSeconds: Int?
    /// `BisectBatchOnFunctionError` of a stream source.
    package var bisectBatchOnFunctionError: Bool?
    /// `ParallelizationFactor` of a stream source.
    package var parallelizationFactor: Int?
    /// `DestinationConfig.OnFailure.Destination` of a stream source (an SQS queue or SNS topic), if any.
    package var onFailureDestination: String?
    /// The sequence number of the last stream record handled (invoked with success, or given up on); nil before
    /// the first. Polling resumes after it, also after a restart.
    package var streamCheckpoint: String?

    /// Whether the source is a DynamoDB stream.
    package var isStream: Bool { startingPosition != nil }

    package init(uuid: String, accountID: String, region: String, functionArn: String, eventSourceArn: String,
                 batchSize: Int, maximumBatchingWindowInSeconds: Int, enabled: Bool, state: String,
                 stateTransitionReason: String, functionResponseTypes: [String], maximumConcurrency: Int?,
                 lastProcessingResult: String, tags: [String: String], lastModified: Int64) {
        self.uuid = uuid
        self.accountID = accountID
        self.region = region
        self.functionArn = functionArn
        self.eventSourceArn = eventSourceArn
        self.batchSize = batchSize
        self.maximumBatchingWindowInSeconds = maximumBatchingWindowInSeconds
        self.enabled = enabled
        self.state = state
        self.stateTransitionReason = stateTransitionReason
        self.functionResponseTypes = functionResponseTypes
        self.maximumConcurrency = maximumConcurrency
        self.lastProcessingResult = lastProcessingResult
        self.tags = tags
        self.lastModified = lastModified
    }

    /// `arn:aws:lambda:<region>:<account>:event-source-mapping:<uuid>`.
    package var arn: String { "arn:aws:lambda:\(region):\(accountID):event-source-mapping:\(uuid)" }
}
