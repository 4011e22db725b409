import Foundation
import OrderedCollections
import StratusAPIDynamoDB
import StratusAPIEventBridge
import StratusAPILambda
import StratusAPIS3
import StratusAPISNS
import StratusAPISQS
import StratusAPIStepFunctions
import StratusServiceKit
import Testing
@testable import StratusWire

@Suite struct ValidationTests {
    let service = RPCTestSupport.echoService
    var echo: OperationSchema { service.operation(named: "Echo")! }

    private func message(_ input: AWSValue, style: ModelValidator.Style = .aws) -> String? {
        do {
            try ModelValidator(service: service, style: style).validate(input, operation: echo)
            return nil
        } catch {
            #expect(error.code == .validation)
            return error.message
        }
    }

    @Test func validInputPasses() {
        #expect(message(["Name": "abc", "Count": 3, "Mode": "FAST"]) == nil)
    }

    @Test func missingRequiredMemberIsNull() {
        #expect(
            message(["Count": 3])
                == "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null")
    }

    @Test func everyViolationIsListedInMemberOrder() {
        #expect(
            message(["Name": "ABCDEFGHIJ", "Count": 11, "Mode": "MEDIUM"])
                == "4 validation errors detected: "
                + "Value 'ABCDEFGHIJ' at 'name' failed to satisfy constraint: Member must have length between 1 and 8, inclusive; "
                + "Value 'ABCDEFGHIJ' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+; "
                + "Value '11' at 'count' failed to satisfy constraint: Member must be between 1 and 10, inclusive; "
                + "Value 'MEDIUM' at 'mode' failed to satisfy constraint: Member must satisfy enum value set: [FAST, SLOW]")
    }

    @Test func smithyStyleUsesPointerPathsAndFieldList() throws {
        do {
            try ModelValidator(service: service, style: .smithy).validate(["Name": "abcdefghij"], operation: echo)
            Issue.record("expected a violation")
        } catch {
            #expect(
                error.message
                    == "1 validation error detected. Value with length 10 at '/Name' failed to satisfy constraint: Member must have length between 1 and 8, inclusive"
            )
            #expect(
                error.fields["fieldList"]
                    == [
                        [
                            "path": "/Name",
                            "message":
                                "Value with length 10 at '/Name' failed to satisfy constraint: Member must have length between 1 and 8, inclusive",
                        ]
                    ])
        }
    }

    @Test func sqsRequiredQueueName() {
        let sqs = ServiceSchema.sqs
        #expect {
            try ModelValidator(service: sqs).validate(.emptyObject, operation: sqs.operation(named: "CreateQueue")!)
        } throws: { error in
            (error as? AWSServiceError)?.message
                == "1 validation error detected: Value null at 'queueName' failed to satisfy constraint: Member must not be null"
        }
    }

    @Test func everyPatternOfOurServicesCompiles() {
        let services: [ServiceSchema] = [.sqs, .sns, .s3, .dynamoDB, .eventBridge, .lambda, .stepFunctions]
        var unreadable: [String] = []
        for service in services {
            for shape in service.shapes {
                if let pattern = shape.pattern, ModelValidator.compiledPattern(pattern) == nil {
                    unreadable.append("\(service.modelName).\(shape.name): \(pattern)")
                }
            }
        }
        #expect(unreadable.isEmpty, "patterns ICU cannot compile: \(unreadable)")
    }

    @Test func patternsMatchWholeValues() {
        let expression = ModelValidator.compiledPattern("[a-z]+")!
        let text = "ab1"
        #expect(expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil)
    }
}
