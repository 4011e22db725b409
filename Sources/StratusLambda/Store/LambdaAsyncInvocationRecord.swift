// LambdaAsyncInvocationRecord: a queued asynchronous (`Event`) invocation.
import Foundation

/// An asynchronous invocation waiting in the durable queue.
///
/// Guarantees: `attempts` counts the runs that ended in a function error; `dueAt` is when it may run next
/// (a claim moves it forward by a lease, so an invocation whose runner died runs again once the lease passed).
package struct LambdaAsyncInvocationRecord: Sendable, Codable, Equatable {
    /// The request id the caller got.
    package var id: String
    /// The owning account.
    package var accountID: String
    /// The region.
    package var region: String
    /// The function name.
    package var functionName: String
    /// The qualifier the caller named (`nil`: `$LATEST`).
    package var qualifier: String?
    /// The event.
    package var payload: Data
    /// When it was accepted (ms).
    package var enqueuedAt: Int64
    /// Runs that ended in a function error so far.
    package var attempts: Int
    /// When it may run next (ms).
    package var dueAt: Int64

    package init(id: String, accountID: String, region: String, functionName: String, qualifier: String?,
                 payload: Data, enqueuedAt: Int64, attempts: Int, dueAt: Int64) {
        self.id = id
        self.accountID = accountID
        self.region = region
        self.functionName = functionName
        self.qualifier = qualifier
        self.payload = payload
        self.enqueuedAt = enqueuedAt
        self.attempts = attempts
        self.dueAt = dueAt
    }
}
