import StratusASL
import StratusJSON
import StratusJSONPath
import Testing

/// The typed model the parser builds for valid definitions (what the engine reads).
@Suite struct ParserModelTests {
    static func definition(_ text: String) throws -> StateMachineDefinition {
        let result = ASLParser.parse(text: text)
        guard let definition = result.definition else {
            Issue.record("invalid: \(result.diagnostics)")
            throw ModelMissing()
        }
        return definition
    }

    struct ModelMissing: Error {}

    static func state(_ graph: StateGraph, _ name: String) throws -> State {
        guard let state = graph.state(named: name) else { throw ModelMissing() }
        return state
    }

    @Test func topLevelFieldsAndDefaults() throws {
        let definition = try Self.definition(#"{"Comment": "c", "Version": "1.0", "TimeoutSeconds": 30, "StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#)
        #expect(definition.comment == "c")
        #expect(definition.version == "1.0")
        #expect(definition.timeoutSeconds == 30)
        #expect(definition.queryLanguage == .jsonPath)
        let pass = try Self.state(definition.graph, "A")
        #expect(pass.transition == .end)
        #expect(pass.inputPath?.isWholeInput == true)
        #expect(pass.outputPath?.isWholeInput == true)
        #expect(pass.resultPath?.isWholeInput == true)
        #expect(definition.graph.stateNames == ["A"])
    }

    @Test func nullPathsAreNil() throws {
        let definition = try Self.definition(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": null, "ResultPath": null, "OutputPath": null, "End": true}}}"#)
        let pass = try Self.state(definition.graph, "A")
        #expect(pass.inputPath == nil && pass.resultPath == nil && pass.outputPath == nil)
    }

    @Test func taskRetryAndCatch() throws {
        let definition = try Self.definition(#"""
        {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "TimeoutSecondsPath": "$.t", "HeartbeatSeconds": 5,
                "Parameters": {"FunctionName": "f", "Payload.$": "$.p"}, "ResultSelector": {"r.$": "$.Payload"}, "ResultPath": "$.out",
                "Retry": [{"ErrorEquals": ["A"]}, {"ErrorEquals": ["States.ALL"], "IntervalSeconds": 2, "MaxAttempts": 0, "BackoffRate": 1.5, "MaxDelaySeconds": 9, "JitterStrategy": "FULL"}],
                "Catch": [{"ErrorEquals": ["X"], "ResultPath": null, "Next": "F"}, {"ErrorEquals": ["States.ALL"], "Next": "F"}], "Next": "F"},
          "F": {"Type": "Fail", "Error": "E", "CausePath": "$.c"}}}
        """#)
        let task = try Self.state(definition.graph, "T")
        #expect(task.transition == .next("F"))
        guard case .task(let part) = task.kind else { Issue.record("not a task"); return }
        #expect(part.resource == "arn:aws:states:::lambda:invoke")
        if case .path(let path)? = part.timeout { #expect(path.text == "$.t") } else { Issue.record("timeout \(String(describing: part.timeout))") }
        if case .literal(let seconds)? = part.heartbeat { #expect(seconds == 5) } else { Issue.record("heartbeat") }
        #expect(task.retriers == [
            Retrier(errorEquals: ["A"]),
            Retrier(errorEquals: ["States.ALL"], intervalSeconds: 2, maxAttempts: 0, backoffRate: 1.5, maxDelaySeconds: 9, fullJitter: true),
        ])
        #expect(task.catchers.map(\.next) == ["F", "F"])
        #expect(task.catchers[0].resultPath == nil)
        #expect(task.catchers[1].resultPath?.isWholeInput == true)
        #expect(task.resultPath?.text == "$.out")
        if case .object? = task.parameters {} else { Issue.record("parameters") }
        if case .object? = task.resultSelector {} else { Issue.record("resultSelector") }
        guard case .fail(let fail) = try Self.state(definition.graph, "F").kind else { Issue.record("not a fail"); return }
        #expect(fail.error == "E")
        if case .path(let path)? = fail.causePath { #expect(path.text == "$.c") } else { Issue.record("causePath") }
    }

    @Test func choiceRulesAndDefault() throws {
        let definition = try Self.definition(#"""
        {"StartAt": "C", "States": {
          "C": {"Type": "Choice", "Choices": [
              {"Variable": "$.n", "NumericGreaterThanEquals": 1, "Next": "S"},
              {"And": [{"Variable": "$.s", "StringMatches": "a*"}, {"Not": {"Variable": "$.t", "TimestampLessThanPath": "$.u"}}], "Next": "S", "Assign": {"x": 1}}],
            "Default": "S"},
          "S": {"Type": "Succeed"}}}
        """#)
        let choiceState = try Self.state(definition.graph, "C")
        guard case .choice(let choice) = choiceState.kind else { Issue.record("not a choice"); return }
        #expect(choice.defaultState == "S")
        #expect(choice.rules.map(\.next) == ["S", "S"])
        guard case .comparison(let variable, .numericGreaterThanEquals, .value(.number(let one))) = choice.rules[0].condition else {
            Issue.record("rule 0: \(choice.rules[0].condition)"); return
        }
        #expect(variable.text == "$.n" && one.doubleValue == 1)
        guard case .and(let parts) = choice.rules[1].condition, parts.count == 2,
              case .not(.comparison(_, .timestampLessThan, .path(let operand))) = parts[1] else {
            Issue.record("rule 1: \(choice.rules[1].condition)"); return
        }
        #expect(operand.text == "$.u")
        if case .jsonPath? = choice.rules[1].assign {} else { Issue.record("assign") }
    }

    @Test func waitForms() throws {
        let definition = try Self.definition(#"""
        {"StartAt": "A", "States": {
          "A": {"Type": "Wait", "Seconds": 3, "Next": "B"}, "B": {"Type": "Wait", "SecondsPath": "$.s", "Next": "C"},
          "C": {"Type": "Wait", "Timestamp": "2016-03-14T01:59:00Z", "Next": "D"}, "D": {"Type": "Wait", "TimestampPath": "$.t", "End": true}}}
        """#)
        let kinds = try ["A", "B", "C", "D"].map { try Self.state(definition.graph, $0).kind }
        if case .wait(.seconds(.literal(3))) = kinds[0] {} else { Issue.record("A \(kinds[0])") }
        if case .wait(.secondsPath(let path)) = kinds[1] { #expect(path.text == "$.s") } else { Issue.record("B") }
        if case .wait(.timestamp("2016-03-14T01:59:00Z")) = kinds[2] {} else { Issue.record("C") }
        if case .wait(.timestampPath(let path)) = kinds[3] { #expect(path.text == "$.t") } else { Issue.record("D") }
    }

    @Test func nestedStatesInheritTheMachinesLanguage() throws {
        let definition = try Self.definition(#"""
        {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
          "P": {"Type": "Parallel", "Arguments": {"a": "{% $states.input %}"}, "Output": "{% $states.result %}", "End": true,
                "Branches": [{"StartAt": "M", "States": {
                  "M": {"Type": "Map", "Items": "{% [1, 2] %}", "ItemSelector": {"v": "{% $states.context.Map.Item.Value %}"}, "MaxConcurrency": "{% 2 %}", "End": true,
                        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "EXPRESS"}, "StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}}}]}}}
        """#)
        #expect(definition.queryLanguage == .jsonata)
        let parallel = try Self.state(definition.graph, "P")
        #expect(parallel.queryLanguage == .jsonata)
        #expect(parallel.arguments != nil && parallel.output == .string("{% $states.result %}"))
        guard case .parallel(let part) = parallel.kind, part.branches.count == 1 else { Issue.record("parallel"); return }
        let mapState = try Self.state(part.branches[0], "M")
        #expect(mapState.queryLanguage == .jsonata)
        guard case .map(let map) = mapState.kind else { Issue.record("map"); return }
        #expect(map.mode == .distributed && map.executionType == "EXPRESS")
        #expect(map.items == .string("{% [1, 2] %}"))
        if case .jsonata("{% 2 %}")? = map.maxConcurrency {} else { Issue.record("maxConcurrency") }
        #expect(try Self.state(map.itemProcessor, "I").queryLanguage == .jsonata)
    }

    @Test func mapLegacyNamesAndDefaults() throws {
        let definition = try Self.definition(#"""
        {"StartAt": "M", "States": {"M": {"Type": "Map", "Parameters": {"v.$": "$$.Map.Item.Value"}, "End": true,
          "Iterator": {"StartAt": "I", "States": {"I": {"Type": "Pass", "End": true}}}}}}
        """#)
        guard case .map(let map) = try Self.state(definition.graph, "M").kind else { Issue.record("map"); return }
        #expect(map.mode == .inline)
        #expect(map.itemsPath?.isWholeInput == true)
        if case .object? = map.itemSelector {} else { Issue.record("itemSelector from Parameters") }
        #expect(map.itemProcessor.startAt == "I")
    }
}
