import Foundation
import StratusAPIEventBridge
import StratusAPILambda
import StratusAPISNS
import StratusAPISQS
import StratusAPIStepFunctions
import StratusEventBridge
import StratusServiceKit
import StratusStepFunctions

/// Delivers EventBridge events to SQS queues (`SendMessage`, FIFO group from `SqsParameters`), SNS topics (`Publish`),
/// Lambda functions (an `Event` invocation) and Step Functions state machines (`StartExecution`) in-process, as the
/// account and region the target's ARN names.
///
/// Guarantees: a delivery returns once the destination accepted the input durably.
struct EventBridgeDelivery: EventBridgeTargets {
    /// Reaches the target services' handlers (Step Functions registers itself once built).
    let invoker: HandlerServiceInvoker

    func supports(arn: String) -> Bool { Kind(arn) != nil }

    func deliver(_ input: String, to target: EventBridge.Target, context: RequestContext) async throws {
        guard let kind = Kind(target.arn) else { return }
        let parts = target.arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var scoped = context
        scoped.region = parts[3]
        scoped.accountID = parts[4]
        switch kind {
        case .queue(let name):
            let sqs = SQSClient(invoker: invoker, context: scoped)
            let url = try await sqs.getQueueUrl(SQS.GetQueueUrlRequest(queueName: name)).queueUrl ?? ""
            var request = SQS.SendMessageRequest(queueUrl: url, messageBody: input)
            if name.hasSuffix(".fifo") {
                request.messageGroupId = target.sqsParameters?.messageGroupId
                request.messageDeduplicationId = UUID().uuidString
            }
            _ = try await sqs.sendMessage(request)
        case .topic:
            var request = SNS.PublishInput(message: input)
            request.topicArn = target.arn
            _ = try await SNSClient(invoker: invoker, context: scoped).publish(request)
        case .function:
            _ = try await LambdaClient(invoker: invoker, context: scoped).invoke(
                Lambda.InvocationRequest(functionName: target.arn, invocationType: "Event", payload: Data(input.utf8)))
        case .stateMachine:
            var request = StepFunctions.StartExecutionInput(stateMachineArn: target.arn)
            request.input = input
            _ = try await StepFunctionsClient(invoker: invoker, context: scoped).startExecution(request)
        }
    }

    /// The kinds of target Stratus delivers to, by ARN.
    private enum Kind {
        case queue(name: String)
        case topic
        case function
        case stateMachine

        init?(_ arn: String) {
            let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 6, parts[0] == "arn" else { return nil }
            switch parts[2] {
            case "sqs" where parts.count == 6: self = .queue(name: parts[5])
            case "sns" where parts.count == 6: self = .topic
            case "lambda" where parts.count >= 7 && parts[5] == "function": self = .function
            case "states" where parts.count == 7 && parts[5] == "stateMachine": self = .stateMachine
            default: return nil
            }
        }
    }
}
