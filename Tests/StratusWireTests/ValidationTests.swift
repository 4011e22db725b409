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
                + "Value 'ABCDEFGHIJ' at 'name' failed to satisfy constraint: Member must have length less than or equal to 8; "
                + "Value 'ABCDEFGHIJ' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+; "
                + "Value '11' at 'count' failed to satisfy constraint: Member must have value less than or equal to 10; "
                + "Value 'MEDIUM' at 'mode' failed to satisfy constraint: Member must satisfy enum value set: [FAST, SLOW]")
    }

    /// AWS's services name only the bound a value breaks (as DynamoDB's `keySchema` "less than or equal to 2" or
    /// Step Functions' `nextToken` "less than or equal to 1024" do, for members that have both bounds).
    @Test func awsStyleNamesTheBrokenBoundOnly() {
        #expect(
            message(["Name": "", "Count": 0])
                == "3 validation errors detected: "
                + "Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1; "
                + "Value '' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+; "
                + "Value '0' at 'count' failed to satisfy constraint: Member must have value greater than or equal to 1")
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

    /// Only look-around (which real models use in a handful of patterns, without nested quantifiers) goes to ICU.
    @Test func everyPatternOfOurServicesWithoutLookAroundIsLinear() {
        let services: [ServiceSchema] = [.sqs, .sns, .s3, .dynamoDB, .eventBridge, .lambda, .stepFunctions]
        var icuOnly: [String] = []
        for service in services {
            for shape in service.shapes {
                if let pattern = shape.pattern, ModelPattern(pattern) == nil, !pattern.contains("(?="),
                    !pattern.contains("(?!"), !pattern.contains("(?<")
                {
                    icuOnly.append(pattern)
                }
            }
        }
        #expect(icuOnly.isEmpty, "patterns outside ModelPattern's syntax: \(icuOnly)")
    }

    @Test(arguments: [
        ("[a-z]+", "abc", true), ("[a-z]+", "ab1", false), ("^[a-m]+$", "abc", true), ("a|bc", "bc", true),
        ("(ab)*c", "ababc", true), ("(ab)*c", "abac", false), ("x{2,3}", "xxxx", false), ("x{2,3}", "xxx", true),
        ("[^0-9]+", "abc", true), ("[^0-9]+", "a1", false), ("\\d{12}", "123456789012", true),
        ("[\\p{L}\\p{Z}]+", "héllo wörld", true), ("[\\p{L}\\p{Z}]+", "a-b", false),
        ("[\\u0009\\u000A\\u000D\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF]*", "ok 😀", true),
        ("[\\u0009\\u000A\\u000D\\u0020-\\uD7FF\\uE000-\\uFFFD\\uD800\\uDC00-\\uDBFF\\uDFFF]*", "bad\u{1}", false),
        ("arn:aws[a-zA-Z-]*:[a-z0-9-.]+", "arn:aws:sqs-1.x", true), ("[a-zA-Z0-9-_\\.]+", "a-b_c.d", true),
        ("^([0-9]+)+$$", String(repeating: "0", count: 84) + "!", false),
    ])
    func linearPatterns(pattern: String, text: String, expected: Bool) throws {
        let compiled = try #require(ModelPattern(pattern))
        #expect(compiled.matches(text) == expected)
    }
}
