import OrderedCollections
import StratusServiceKit
import Testing
@testable import StratusWire

/// Member-level constraints, `uniqueItems` and internal enum values, on a hand-built schema.
@Suite struct ValidationConstraintTests {
    /// 0 String (length 1…10, `[a-z]+`), 1 Int (0…100), 2 Letters (unique list), 3 Letter (enum, `c` internal),
    /// 4 Input.
    let service = ServiceSchema(
        modelName: "constraints", serviceID: "C", endpointPrefix: "c", signingName: "c", apiVersion: "1",
        protocols: [.json],
        shapes: [
            ShapeSchema(name: "String", type: .string, min: 1, max: 10, pattern: "[a-z]+"),
            ShapeSchema(name: "Int", type: .integer, min: 0, max: 100),
            ShapeSchema(name: "Letters", type: .list, listMember: MemberSchema(name: "member", shape: 3), uniqueItems: true),
            ShapeSchema(name: "Letter", type: .string, enumValues: ["a", "b", "c"], internalEnumValues: ["c"]),
            ShapeSchema(
                name: "Input", type: .structure,
                members: [
                    MemberSchema(name: "Short", shape: 0, max: 3),
                    MemberSchema(name: "Upper", shape: 0, pattern: "[A-Z]+"),
                    MemberSchema(name: "Plain", shape: 0),
                    MemberSchema(name: "Small", shape: 1, min: 5),
                    MemberSchema(name: "Letters", shape: 2),
                ]),
        ],
        operations: [OperationSchema(name: "Op", input: MemberSchema(name: "input", shape: 4))])

    private func messages(_ input: AWSValue, style: ModelValidator.Style = .aws) -> [String] {
        ModelValidator(service: service, style: style).violations(of: input, shape: 4).map(\.message)
    }

    @Test func memberBoundsReplaceTheShapesBounds() {
        // `Short` has only max 3: the shape's min 1 no longer applies, its pattern still does.
        #expect(messages(["Short": "abcd"]) == ["Value 'abcd' at 'short' failed to satisfy constraint: Member must have length less than or equal to 3"])
        #expect(messages(["Short": ""]).isEmpty == false)  // the pattern `[a-z]+` still rejects ""
        #expect(messages(["Short": "ab"]).isEmpty)
        #expect(messages(["Plain": "abcdefghijk"]).count == 1)
        #expect(messages(["Small": 3]) == ["Value '3' at 'small' failed to satisfy constraint: Member must have value greater than or equal to 5"])
        #expect(messages(["Small": 500]).isEmpty)  // the shape's max 100 is replaced by the member's bounds
    }

    @Test func memberPatternReplacesTheShapesPattern() {
        #expect(messages(["Upper": "ABC"]).isEmpty)
        #expect(
            messages(["Upper": "abc"])
                == ["Value 'abc' at 'upper' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Z]+"])
    }

    @Test func uniqueItemsAndInternalEnumValues() {
        #expect(messages(["Letters": ["a", "b", "c"]]).isEmpty)  // internal values are valid
        #expect(
            messages(["Letters": ["a", "a"]], style: .smithy)
                == ["Value at '/Letters' failed to satisfy constraint: Member must have unique values"])
        #expect(
            messages(["Letters": ["z"]], style: .smithy)
                == ["Value at '/Letters/0' failed to satisfy constraint: Member must satisfy enum value set: [a, b]"])
    }
}
