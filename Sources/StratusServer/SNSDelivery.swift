import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Logging
import StratusAPISQS
import StratusSNS
import StratusServiceKit
import StratusStepFunctions

/// Delivers SNS messages to SQS queues (`SendMessage`, with message attributes and FIFO ids) and Lambda functions
/// (an `Event` invocation) in-process, through ``InProcessDestination``; POSTs to HTTP(S) endpoints (URLSession) and
/// hands email to an SMTP server (``SMTPClient``) in background tasks.
///
/// Guarantees: a queue or function delivery returns once SQS stored the message or Lambda queued the invocation
/// (both durable). An HTTP(S) POST is retried after each of its delays while the endpoint answers 5xx or 429, does
/// not answer within 15 s, or cannot be reached; an email is tried once. Both are held in memory only: a restart
/// of Stratus drops those still in flight. Failures are logged.
struct SNSDelivery: SNSDestinations {
    /// Reaches the SQS and Lambda handlers.
    let invoker: HandlerServiceInvoker
    /// Where email goes; nil refuses email subscriptions.
    let smtp: StratusConfiguration.MailServer?
    var logger = Logger(label: "stratus.sns")

    init(invoker: HandlerServiceInvoker, smtp: StratusConfiguration.MailServer? = nil) {
        self.invoker = invoker
        self.smtp = smtp
    }

    var sendsEmail: Bool { smtp != nil }

    func post(_ request: SNSEndpointRequest) {
        let logger = logger
        Task {
            for (attempt, delay) in ([nil] + request.retries.map(Optional.some)).enumerated() {
                if let delay, delay > 0 { try? await Task.sleep(for: .milliseconds(Int(delay * 1000))) }
                let outcome = await Self.attempt(request)
                if outcome == nil { return }
                logger.notice("SNS delivery to \(request.url) failed (attempt \(attempt + 1) of \(request.retries.count + 1)): \(outcome ?? "")")
            }
        }
    }

    /// One POST; nil when delivered (answered 2xx–4xx but 429), else why not.
    private static func attempt(_ delivery: SNSEndpointRequest) async -> String? {
        guard let url = URL(string: delivery.url) else { return "not a URL" }
        var request = URLRequest(url: url, timeoutInterval: 15)
        request.httpMethod = "POST"
        for header in delivery.headers { request.setValue(header.value, forHTTPHeaderField: header.name) }
        request.httpBody = Data(delivery.body.utf8)
        do {
            let (_, response) = try await URLSession.shared.data(for: request)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            return (200..<500).contains(status) && status != 429 ? nil : "HTTP \(status)"
        } catch {
            return String(describing: error)
        }
    }

    func send(_ email: SNSEmail) {
        guard let smtp else { return }
        let logger = logger
        Task {
            do {
                try await SMTPClient(host: smtp.host, port: smtp.port)
                    .send(from: email.from, to: email.to, subject: email.subject, body: email.body, date: Date())
            } catch {
                logger.notice("SNS email to \(email.to) through \(smtp.host):\(smtp.port) failed: \(error)")
            }
        }
    }

    func deliverToQueue(_ delivery: SNSQueueDelivery, context: RequestContext) async throws {
        guard let destination = InProcessDestination(arn: delivery.queueARN), case .queue = destination.kind else { return }
        let attributes = delivery.attributes.mapValues { attribute in
            var value = SQS.MessageAttributeValue(dataType: attribute.dataType)
            value.stringValue = attribute.stringValue
            value.binaryValue = attribute.binaryValue
            return value
        }
        try await destination.send(delivery.body, invoker: invoker, context: context, attributes: attributes,
                                   groupID: delivery.messageGroupID, deduplicationID: delivery.deduplicationID)
    }

    func invokeFunction(arn: String, payload: Data, context: RequestContext) async throws {
        guard let destination = InProcessDestination(arn: arn), destination.kind == .function else { return }
        try await destination.send(String(decoding: payload, as: UTF8.self), invoker: invoker, context: context)
    }
}
