import StratusAPIEventBridge

/// An API destination call EventBridge still has to make (`PutEvents` queues it; ``EventBridgeCallWorker`` makes
/// it, retrying as the target's `RetryPolicy` allows).
package struct EventPendingCall: Sendable, Equatable, Codable {
    /// The store's id of the call (0 until stored).
    package var id: Int64 = 0
    /// The rule whose target this is.
    package var ruleARN: String
    /// The target (its API destination ARN, HTTP parameters, retry policy and dead-letter queue).
    package var target: EventBridge.Target
    /// The body to send (the target's input).
    package var input: String
    /// The event itself (what the dead-letter queue gets).
    package var event: String
    /// The account of the rule.
    package var accountID: String
    /// The region of the rule.
    package var region: String
    /// When the event was routed (ms since the epoch): the start of its age.
    package var routedAt: Int64
    /// Attempts made so far.
    package var attempts: Int = 0

    /// A call not attempted yet.
    package init(ruleARN: String, target: EventBridge.Target, input: String, event: String, accountID: String,
                 region: String, routedAt: Int64) {
        self.ruleARN = ruleARN
        self.target = target
        self.input = input
        self.event = event
        self.accountID = accountID
        self.region = region
        self.routedAt = routedAt
    }
}
