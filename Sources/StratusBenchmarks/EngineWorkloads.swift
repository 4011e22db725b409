import OrderedCollections
import StratusJSON

/// The engine workloads `stratus-bench` measures.
enum EngineWorkloads {
    /// (a) 20 Pass states in a row.
    static func passChain() throws -> EngineBenchmark {
        var states: [String] = []
        for index in 1...20 {
            let transition = index == 20 ? "\"End\": true" : "\"Next\": \"Step\(index + 1)\""
            states.append("\"Step\(index)\": {\"Type\": \"Pass\", \(transition)}")
        }
        let text = "{\"StartAt\": \"Step1\", \"States\": {\(states.joined(separator: ", "))}}"
        let input: JSONValue = ["order": ["id": "o-1", "customer": "c-42", "items": [1, 2, 3], "total": 12.5]]
        return try EngineBenchmark(name: "(a) Pass chain, 20 states", text: text, input: input)
    }

    /// (b) A counter incremented with `States.MathAdd` until a Choice exits (1,000 rounds; the Choice checks
    /// three rules before its default).
    static func choiceLoop(rounds: Int = 1_000) throws -> EngineBenchmark {
        let text = """
        {"StartAt": "Check", "States": {
          "Check": {"Type": "Choice", "Choices": [
              {"Variable": "$.count", "NumericGreaterThanEquals": \(rounds), "Next": "Done"},
              {"And": [{"Variable": "$.count", "NumericLessThan": 0}, {"Variable": "$.label", "StringEquals": "never"}], "Next": "Done"},
              {"Variable": "$.label", "StringMatches": "stop*", "Next": "Done"}],
            "Default": "Increment"},
          "Increment": {"Type": "Pass", "Parameters": {"count.$": "States.MathAdd($.count, 1)", "label.$": "$.label"}, "Next": "Check"},
          "Done": {"Type": "Succeed"}}}
        """
        return try EngineBenchmark(name: "(b) Choice loop, MathAdd ×\(rounds)", text: text, input: ["count": 0, "label": "loop"])
    }

    /// (c) An inline Map over 10,000 items whose processor is two Pass states.
    static func map(items: Int = 10_000) throws -> EngineBenchmark {
        let text = """
        {"StartAt": "Each", "States": {"Each": {"Type": "Map", "ItemsPath": "$.items",
          "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "Shape", "States": {
            "Shape": {"Type": "Pass", "Parameters": {"n.$": "$"}, "Next": "Unwrap"},
            "Unwrap": {"Type": "Pass", "OutputPath": "$.n", "End": true}}},
          "End": true}}}
        """
        let input: JSONValue = ["items": .array((0..<items).map { .number(JSONNumber($0)) })]
        return try EngineBenchmark(name: "(c) Map, \(items) items × 2 Pass", text: text, input: input)
    }
}
