import StratusJSON
import StratusJSONPath
import Testing

@Suite("ResultPath assignment")
struct JSONPathAssignmentTests {
    struct Case: Sendable, CustomStringConvertible {
        var path: String
        var input: String
        var value: String
        var expected: String
        var description: String { "\(path) into \(input)" }
    }

    static let cases: [Case] = [
        .init(path: "$", input: #"{"a": 1}"#, value: #""result""#, expected: #""result""#),
        .init(path: "$.r", input: #"{"a": 1}"#, value: "[1]", expected: #"{"a": 1, "r": [1]}"#),
        .init(path: "$.a", input: #"{"a": 1}"#, value: "2", expected: #"{"a": 2}"#),
        .init(path: "$.x.y.z", input: #"{"a": 1}"#, value: "true", expected: #"{"a": 1, "x": {"y": {"z": true}}}"#),
        .init(path: "$.a.b", input: #"{"a": {"c": 3}}"#, value: "null", expected: #"{"a": {"c": 3, "b": null}}"#),
        .init(path: "$.list[1]", input: #"{"list": [1, 2, 3]}"#, value: #""two""#, expected: #"{"list": [1, "two", 3]}"#),
        .init(path: "$.list[-1].k", input: #"{"list": [{}, {}]}"#, value: "1", expected: #"{"list": [{}, {"k": 1}]}"#),
        .init(path: "$['a b']", input: "{}", value: "1", expected: #"{"a b": 1}"#),
    ]

    @Test("writes into a copy of the input, creating objects on the way", arguments: cases)
    func assign(_ testCase: Case) throws {
        let path = try JSONPath.referencePath(testCase.path, allowContext: false, allowVariables: false)
        let result = try path.assign(json(testCase.value), into: json(testCase.input))
        #expect(result == json(testCase.expected))
    }

    @Test("keeps member order and appends new members")
    func order() throws {
        let result = try JSONPath("$.b").assign(1, into: json(#"{"z": 0, "a": 0}"#))
        #expect(result.serializedString() == #"{"z":0,"a":0,"b":1}"#)
    }

    static let failures: [(String, String)] = [
        ("$.a", #""text""#),
        ("$.a", "[1, 2]"),
        ("$.a.b", #"{"a": "text"}"#),
        ("$.a.b", #"{"a": 5}"#),
        ("$.list[5]", #"{"list": [1]}"#),
        ("$.list[0]", #"{"list": {"0": 1}}"#),
    ]

    @Test("a node on the way that is not an object is States.ResultPathMatchFailure", arguments: failures)
    func matchFailure(_ path: String, _ input: String) throws {
        #expect {
            _ = try JSONPath(path).assign(1, into: json(input))
        } throws: { error in
            let error = error as? JSONPathError
            return error?.code == .resultPathMatchFailure
                && error?.message == "Unable to apply ReferencePath \(path) to input \(json(input).serializedString())"
        }
    }

    @Test("only reference paths rooted at $ can be assigned", arguments: ["$.a[*]", "$$.Execution", "$var.a", "$..a"])
    func notReference(_ path: String) throws {
        #expect {
            _ = try JSONPath(path).assign(1, into: json("{}"))
        } throws: { error in
            (error as? JSONPathError)?.code == .notReferencePath
        }
    }
}
