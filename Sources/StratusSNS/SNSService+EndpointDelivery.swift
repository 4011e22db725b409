import StratusServiceKit

/// Making the queued deliveries to HTTP(S) endpoints and mailboxes: one attempt at a time per delivery, retried by
/// its schedule, removed once made or given up.
extension SNSService {
    /// The delays of an email's retries, in seconds (SNS's default schedule for HTTP).
    static let emailRetries: [Double] = [20, 20, 20]
    /// How long a claimed delivery is held before it is due again (longer than an attempt can take).
    static let deliveryLeaseMilliseconds: Int64 = 60_000

    /// Claims at most `limit` deliveries due now.
    package func claimDueDeliveries(limit: Int) async -> [SNSPendingDelivery] {
        let now = nowMilliseconds()
        return (try? await store.claimDeliveries(now: now, leaseUntil: now + Self.deliveryLeaseMilliseconds,
                                                 limit: limit)) ?? []
    }

    /// Makes deliveries claimed by an earlier run (that ended before finishing them) due now.
    package func releaseClaimedDeliveries() async {
        try? await store.releaseClaimedDeliveries(now: nowMilliseconds())
    }

    /// Makes one attempt of a claimed delivery: removes it when it worked, else schedules its next attempt by its
    /// retry delays, or, when none is left, sends the message to the subscription's dead-letter queue (if it has
    /// one) and removes it. - Returns: why the attempt failed, or nil.
    @discardableResult
    package func attempt(_ delivery: SNSPendingDelivery) async -> String? {
        guard let destinations else { return nil }
        let failure: String?
        let retries: [Double]
        switch delivery.payload {
        case .http(let request):
            failure = await destinations.post(request)
            retries = request.retries
        case .email(let email):
            failure = await destinations.send(email)
            retries = Self.emailRetries
        }
        if failure != nil, delivery.attempts < retries.count {
            let due = nowMilliseconds() + Int64(retries[delivery.attempts] * 1000)
            try? await store.rescheduleDelivery(id: delivery.id, attempts: delivery.attempts + 1, dueAt: due)
            return failure
        }
        if failure != nil, let queue = delivery.deadLetterQueueARN {
            switch delivery.payload {
            case .http(let request): await sendToDeadLetterQueue(queue, body: request.body)
            case .email(let email): await sendToDeadLetterQueue(queue, body: email.body)
            }
        }
        try? await store.removeDelivery(id: delivery.id)
        return failure
    }
}
