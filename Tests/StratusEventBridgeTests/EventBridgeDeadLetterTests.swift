import Foundation
import StratusAPIEventBridge
@testable import StratusEventBridge
import StratusJSON
import StratusServiceKit
import StratusStoreSQLite
import StratusTesting
import Synchronization
import Testing

/// What a dead-lettered event says about its failure.
@Suite struct EventBridgeDeadLetterTests {
    private let rule = "arn:aws:events:us-east-1:000000000000:rule/r"
    private let target = "arn:aws:sqs:us-east-1:000000000000:gone"

    @Test func missingTargetsAreNoResource() {
        for code in [AWSErrorCode("QueueDoesNotExist"), AWSErrorCode("NotFound", httpStatus: 404),
                     AWSErrorCode("ResourceNotFoundException", httpStatus: 404), AWSErrorCode("StateMachineDoesNotExist")] {
            let letter = EventBridgeDeadLetter(ruleARN: rule, targetARN: target,
                                               error: AWSServiceError(code, "The target does not exist."))
            #expect(letter.attributes == [
                "RULE_ARN": rule, "TARGET_ARN": target, "ERROR_CODE": "NO_RESOURCE",
                "ERROR_MESSAGE": "The target does not exist.", "RETRY_ATTEMPTS": "0",
            ])
        }
    }

    @Test func refusalsAreErrorsFromTheTargetAndBrokenInputsInvalidParameters() {
        let refused = EventBridgeDeadLetter(ruleARN: rule, targetARN: target,
                                            error: AWSServiceError(AWSErrorCode("InvalidExecutionInput"), "Bad input"))
        #expect(refused.attributes["ERROR_CODE"] == "ERROR_FROM_TARGET")
        #expect(refused.attributes["ERROR_MESSAGE"] == "Bad input")
        let broken = EventBridgeDeadLetter(ruleARN: rule, targetARN: target,
                                           error: EventBridgeInputFailure(message: "no such path"))
        #expect(broken.attributes["ERROR_CODE"] == "INVALID_PARAMETER")
        #expect(broken.attributes["EXHAUSTED_RETRY_CONDITION"] == nil)
    }

    @Test func anInputThatCannotBeBuiltGoesToTheDeadLetterQueueWithItsAttributes() async throws {
        let targets = RecordingTargets()
        let store = SQLiteEventBridgeStore(database: try SQLiteDatabase.inMemory(name: "events"))
        let events = EventBridgeService(store: store, clock: ManualClock(), ids: CountingIDs(), targets: targets)
        let context = EventBridgeServiceTests.context
        var rule = EventBridge.PutRuleRequest(name: "orders")
        rule.eventPattern = #"{"source": ["shop"]}"#
        let ruleARN = try await events.putRule(rule, context: context).ruleArn
        var target = EventBridge.Target(id: "picky", arn: "arn:aws:sqs:us-east-1:000000000000:orders")
        target.inputPath = "$.detail.missing"
        target.deadLetterConfig = EventBridge.DeadLetterConfig(arn: "arn:aws:sqs:us-east-1:000000000000:dlq")
        _ = try await events.putTargets(EventBridge.PutTargetsRequest(rule: "orders", targets: [target]), context: context)
        var entry = EventBridge.PutEventsRequestEntry()
        entry.source = "shop"
        entry.detailType = "Order"
        entry.detail = "{}"
        _ = try await events.putEvents(EventBridge.PutEventsRequest(entries: [entry]), context: context)
        let sent = targets.sent.withLock { $0 }
        #expect(sent.count == 1 && sent.first?.0 == "picky")
        #expect(try JSONValue.parse(sent.first?.1 ?? "")["source"] == "shop", "the dead letter is the whole event")
        let attributes = targets.attributes.withLock { $0 }.first ?? [:]
        #expect(attributes["ERROR_CODE"] == "INVALID_PARAMETER")
        #expect(attributes["RULE_ARN"] == ruleARN)
        #expect(attributes["TARGET_ARN"] == "arn:aws:sqs:us-east-1:000000000000:orders")
    }
}
