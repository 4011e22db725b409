import Foundation
import StratusAPIEventBridge
import StratusAWSCore
import StratusServiceKit

/// API destination calls: `PutEvents` queues them (durably, with the event) and answers; ``EventBridgeCallWorker``
/// makes them, retrying as EventBridge does.
extension EventBridgeService {
    /// The longest wait between two attempts of a call.
    static let longestRetryDelay: Int64 = 60_000

    /// Queues a call of `target` (an API destination) with `input`, for `event` of `rule`, due now.
    func queueCall(_ input: String, event: String, target: EventBridge.Target, rule: EventRuleRecord,
                   context: RequestContext) async throws {
        let now = nowMilliseconds()
        let call = EventPendingCall(ruleARN: rule.arn, target: target, input: input, event: event,
                                    accountID: context.accountID, region: context.region, routedAt: now)
        try await store.enqueueCall(call, dueAt: now)
        pendingCalls.signal()
    }

    /// Claims up to `limit` calls that are due (none when the store cannot be read; the worker looks again).
    package func claimDueCalls(limit: Int) async -> [EventPendingCall] {
        (try? await store.claimDueCalls(now: nowMilliseconds(), limit: limit)) ?? []
    }

    /// Makes calls claimed by an earlier run due again (at start-up).
    package func releaseClaimedCalls() async {
        try? await store.releaseClaimedCalls()
    }

    /// Makes one attempt of `call`. Made: forgotten. Held back by the destination's `InvocationRateLimitPerSecond`:
    /// due again once a call may start, not counted as an attempt. Failed with an answer EventBridge retries (401,
    /// 407, 409, 429, 5xx) or none at all (refused, timed out): due again after 1, 2, 4 … 60 s, until the target's
    /// `RetryPolicy` (`MaximumRetryAttempts`, default 185; `MaximumEventAgeInSeconds`, default 86,400) is spent. Given
    /// up, or failed for good (another 4xx, a missing destination or connection, a deauthorized connection): the
    /// event goes to the target's dead-letter queue, if it has one, and the call is forgotten.
    package func attempt(_ call: EventPendingCall) async {
        var call = call
        let context = RequestContext(accountID: call.accountID, region: call.region, requestID: ids.next(),
                                     host: "localhost", receivedAt: clock.now())
        let failure: any Error
        do {
            try await callApiDestination(call.input, target: call.target)
            try? await store.removeCall(id: call.id)
            return
        } catch {
            failure = error
        }
        let now = nowMilliseconds()
        let retries = call.target.retryPolicy?.maximumRetryAttempts ?? 185
        let maximumAge = Int64(call.target.retryPolicy?.maximumEventAgeInSeconds ?? 86_400) * 1000
        var exhausted: String?
        if let throttled = failure as? EventBridgeThrottledCall {
            if now + throttled.delay - call.routedAt < maximumAge,
               (try? await store.rescheduleCall(call, dueAt: now + throttled.delay)) != nil
            {
                return
            }
            exhausted = "MaximumEventAgeExhausted"
        } else {
            call.attempts += 1
            let delay = min(1000 << Int64(min(call.attempts - 1, 16)), Self.longestRetryDelay)
            if Self.isRetried(failure) {
                if call.attempts > retries {
                    exhausted = "MaximumRetryAttemptsExhausted"
                } else if now + delay - call.routedAt >= maximumAge {
                    exhausted = "MaximumEventAgeExhausted"
                } else if (try? await store.rescheduleCall(call, dueAt: now + delay)) != nil {
                    return
                }
                // Not rescheduled: released at the next start-up, or given up below.
            }
        }
        if let queue = call.target.deadLetterConfig?.arn, queue.hasPrefix("arn:aws:sqs:"), let targets {
            let deadLetter = EventBridgeDeadLetter(
                ruleARN: call.ruleARN, targetARN: call.target.arn, error: failure,
                retryAttempts: max(0, call.attempts - 1), exhaustedCondition: exhausted)
            try? await targets.deliver(call.event, to: EventBridge.Target(id: call.target.id, arn: queue),
                                       attributes: deadLetter.attributes, context: context)
        }
        try? await store.removeCall(id: call.id)
    }

    /// Whether EventBridge retries a call that failed with `error`: HTTP 401, 407, 409, 429 and 5xx answers, and
    /// calls that got no answer.
    static func isRetried(_ error: any Error) -> Bool {
        if let failure = error as? EventBridgeHTTPFailure {
            return [401, 407, 409, 429].contains(failure.status) || failure.status >= 500
        }
        return !(error is AWSServiceError) && !(error is EventBridgeInputFailure) && !(error is EventBridgeThrottledCall)
    }
}

/// An API destination answered with a status other than 2xx.
struct EventBridgeHTTPFailure: Error, CustomStringConvertible {
    /// The HTTP status.
    let status: Int
    /// The start of the answer's body.
    let body: String

    var description: String { "The API destination answered HTTP \(status): \(body)" }
}
