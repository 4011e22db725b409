/// A claim made under a FIFO `ReceiveRequestAttemptId`: a retry of an earlier receive with the same id answers
/// that receive's messages again instead of claiming new ones.
///
/// The store must, in one transaction, look up the attempt `attemptID` of `claim.queueID` recorded after
/// `recordedAfter`:
/// - none (never recorded, or recorded at or before `recordedAfter`): make `claim` as ``SQSStore/claimMessages(_:)``
///   does and, when it claimed at least one message, record the attempt at `claim.now` with the claimed messages
///   and their receipt tokens (replacing an older record of the same id); answer ``SQSAttemptClaimOutcome/claimed(_:)``;
/// - one whose messages are all still held by it (each still in the queue, unexpired by `claim.retentionCutoff`,
///   with the attempt's receipt token, in flight at `claim.now`, and its visibility not changed since): set their
///   visibility deadline to `claim.visibleUntil` (receive counts and tokens unchanged) and answer
///   ``SQSAttemptClaimOutcome/replayed(_:)`` with them in the attempt's order;
/// - one whose messages are not all held any more: change nothing, answer ``SQSAttemptClaimOutcome/notRetryable``.
package struct SQSAttemptClaimRequest: Sendable, Equatable {
    /// The claim to make when the attempt is new.
    package var claim: SQSClaimRequest
    /// The caller's receive request attempt id (per queue).
    package var attemptID: String
    /// Attempts recorded at or before this time (ms) are forgotten (AWS keeps them five minutes).
    package var recordedAfter: Int64

    /// Creates an attempt claim.
    package init(claim: SQSClaimRequest, attemptID: String, recordedAfter: Int64) {
        self.claim = claim
        self.attemptID = attemptID
        self.recordedAfter = recordedAfter
    }
}
