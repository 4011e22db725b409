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
/// hands email to an SMTP server (``SMTPClient``).
///
/// Guarantees: a queue or function delivery returns once SQS stored the message or Lambda queued the invocation
/// (both durable). An HTTP(S) POST or an email is one attempt (a POST gives up after 15 s); retries are the SNS
/// delivery queue's (``SNSDeliveryWorker``). Failures are logged.
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

    func post(_ request: SNSEndpointRequest) async -> String? {
        guard let url = URL(string: request.url) else { return "not a URL" }
        var urlRequest = URLRequest(url: url, timeoutInterval: 15)
        urlRequest.httpMethod = "POST"
        for header in request.headers { urlRequest.setValue(header.value, forHTTPHeaderField: header.name) }
        urlRequest.httpBody = Data(request.body.utf8)
        let failure: String?
        do {
            let (_, response) = try await URLSession.shared.data(for: urlRequest)
            let status = (response as? HTTPURLResponse)?.statusCode ?? 0
            failure = (200..<500).contains(status) && status != 429 ? nil : "HTTP \(status)"
        } catch {
            failure = String(describing: error)
        }
        if let failure { logger.notice("SNS delivery to \(request.url) failed: \(failure)") }
        return failure
    }

    func send(_ email: SNSEmail) async -> String? {
        guard let smtp else { return "no SMTP server configured" }
        do {
            try await SMTPClient(host: smtp.host, port: smtp.port)
                .send(from: email.from, to: email.to, subject: email.subject, body: email.body, date: Date())
            return nil
        } catch {
            logger.notice("SNS email to \(email.to) through \(smtp.host):\(smtp.port) failed: \(error)")
            return String(describing: error)
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
