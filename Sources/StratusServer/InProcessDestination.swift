import Foundation
import StratusAPILambda
import StratusAPISNS
import StratusAPISQS
import StratusAPIStepFunctions
import StratusServiceKit

/// Where S3 notifications, SNS messages and EventBridge events go, named by ARN: an SQS queue, an SNS topic, a Lambda
/// function or a Step Functions state machine — reached in-process, as the account and region the ARN names.
///
/// Guarantees: every send returns once the destination accepted the message durably (a stored SQS message, a
/// published SNS message, a queued asynchronous Lambda invocation, a started execution).
struct InProcessDestination: Sendable {
    enum Kind: Sendable, Equatable {
        case queue(name: String)
        case topic
        case function
        case stateMachine
    }

    /// The ARN as given.
    let arn: String
    let kind: Kind
    /// The region and account the ARN names.
    let region: String, accountID: String

    /// The destination `arn` names, or nil for other ARNs.
    init?(arn: String) {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 6, parts[0] == "arn" else { return nil }
        switch parts[2] {
        case "sqs" where parts.count == 6: kind = .queue(name: parts[5])
        case "sns" where parts.count == 6: kind = .topic
        case "lambda" where parts.count >= 7 && parts[5] == "function": kind = .function
        case "states" where parts.count == 7 && parts[5] == "stateMachine": kind = .stateMachine
        default: return nil
        }
        self.arn = arn
        region = parts[3]
        accountID = parts[4]
    }

    /// `context` acting in the destination's account and region.
    func scoped(_ context: RequestContext) -> RequestContext {
        var scoped = context
        scoped.region = region
        scoped.accountID = accountID
        return scoped
    }

    /// Whether the destination exists.
    func exists(invoker: any ServiceInvoker, context: RequestContext) async -> Bool {
        let context = scoped(context)
        do {
            switch kind {
            case .queue(let name):
                _ = try await SQSClient(invoker: invoker, context: context).getQueueUrl(SQS.GetQueueUrlRequest(queueName: name))
            case .topic:
                _ = try await SNSClient(invoker: invoker, context: context).getTopicAttributes(SNS.GetTopicAttributesInput(topicArn: arn))
            case .function:
                _ = try await LambdaClient(invoker: invoker, context: context).getFunction(Lambda.GetFunctionRequest(functionName: arn))
            case .stateMachine:
                _ = try await StepFunctionsClient(invoker: invoker, context: context)
                    .describeStateMachine(StepFunctions.DescribeStateMachineInput(stateMachineArn: arn))
            }
            return true
        } catch {
            return false
        }
    }

    /// Sends `body`: an SQS message (with `attributes` and, for FIFO queues, the group and deduplication ids), an SNS
    /// message (with `subject`), an asynchronous Lambda invocation, or an execution's input.
    func send(_ body: String, invoker: any ServiceInvoker, context: RequestContext, subject: String? = nil,
              attributes: [String: SQS.MessageAttributeValue] = [:], groupID: String? = nil,
              deduplicationID: String? = nil) async throws {
        let context = scoped(context)
        switch kind {
        case .queue(let name):
            let sqs = SQSClient(invoker: invoker, context: context)
            let url = try await sqs.getQueueUrl(SQS.GetQueueUrlRequest(queueName: name)).queueUrl ?? ""
            var request = SQS.SendMessageRequest(queueUrl: url, messageBody: body)
            if !attributes.isEmpty { request.messageAttributes = attributes }
            if name.hasSuffix(".fifo") {
                request.messageGroupId = groupID
                request.messageDeduplicationId = deduplicationID ?? UUID().uuidString
            }
            _ = try await sqs.sendMessage(request)
        case .topic:
            var request = SNS.PublishInput(message: body)
            request.topicArn = arn
            request.subject = subject
            _ = try await SNSClient(invoker: invoker, context: context).publish(request)
        case .function:
            _ = try await LambdaClient(invoker: invoker, context: context).invoke(
                Lambda.InvocationRequest(functionName: arn, invocationType: "Event", payload: Data(body.utf8)))
        case .stateMachine:
            var request = StepFunctions.StartExecutionInput(stateMachineArn: arn)
            request.input = body
            _ = try await StepFunctionsClient(invoker: invoker, context: context).startExecution(request)
        }
    }
}
