/// What a claim under a receive request attempt id did (see ``SQSAttemptClaimRequest``).
package enum SQSAttemptClaimOutcome: Sendable, Equatable {
    /// The attempt was new (or forgotten): due messages were claimed, and the attempt was recorded if any were.
    case claimed(SQSClaimResult)
    /// The attempt was a retry: its messages, unchanged except for their new visibility deadline, in its order.
    case replayed([SQSMessageRecord])
    /// The attempt was recorded, but one of its messages was deleted, received again, had its visibility
    /// changed or became visible again since; nothing was changed.
    case notRetryable
}
