import StratusASL
import Testing

/// Data-flow rules: paths, payload templates, intrinsic functions, JSONata fields, `$states`, and variables.
@Suite struct ValidationDataTests {
    typealias V = Validation

    static func pass(_ fields: String, language: String? = nil) -> String {
        let query = language.map { #""QueryLanguage": "\#($0)", "# } ?? ""
        return V.machine(#""A": {"Type": "Pass", \#(query)\#(fields), "End": true}"#)
    }

    static func task(_ fields: String, language: String = "JSONata") -> String {
        V.machine(#""A": {"Type": "Task", "QueryLanguage": "\#(language)", "Resource": "arn:aws:states:::lambda:invoke", \#(fields), "End": true}"#)
    }

    // MARK: JSONPath

    @Test func resultPathMustNotUseTheContextObjectOrVariables() {
        #expect(V.diagnostics(Self.pass(#""ResultPath": "$$.Execution.Id""#))
            == [V.error("The value for the field 'ResultPath' must be a valid Reference Path", at: "/States/A/ResultPath")])
        #expect(V.diagnostics(Self.pass(#""ResultPath": "$x.y""#))
            == [V.error("The value for the field 'ResultPath' must be a valid Reference Path", at: "/States/A/ResultPath")])
        #expect(V.diagnostics(Self.pass(#""ResultPath": null"#)).isEmpty)
    }

    @Test func resultPathIsAReferencePath() {
        #expect(V.diagnostics(Self.pass(#""ResultPath": "$.a[*]""#))
            == [V.error("The value for the field 'ResultPath' must be a valid Reference Path", at: "/States/A/ResultPath")])
    }

    @Test func inputPathMustBeAPath() {
        #expect(V.diagnostics(Self.pass(##""InputPath": "$.a[""##))
            == [V.error("The value for the field 'InputPath' must be a valid JSONPath", at: "/States/A/InputPath")])
        #expect(V.diagnostics(Self.pass(#""InputPath": "$$.Execution.Input""#)).isEmpty)
    }

    @Test func dynamicTemplateValuesMustBeStrings() {
        #expect(V.diagnostics(Self.pass(#""Parameters": {"x.$": 1}"#))
            == [V.error("The value for the field 'x.$' must be a STRING that contains a JSONPath but was an NUMBER", at: "/States/A/Parameters")])
    }

    @Test func dynamicTemplateValuesMustBePathsOrIntrinsics() {
        let message = "The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call"
        for text in [#"States.Format('He said, \\\"Hello\\\"')"#, "States.Nope(1)", "States.ArrayLength()", "$.a[", "just text"] {
            #expect(V.diagnostics(Self.pass(#""Parameters": {"parsed.$": "\#(text)"}"#)) == [V.error(message, at: "/States/A/Parameters")], "\(text)")
        }
    }

    @Test func intrinsicsNestAtMostTenDeep() {
        var call = "States.UUID()"
        for _ in 0..<10 { call = "States.Array(\(call))" }
        #expect(V.diagnostics(Self.pass(#""Parameters": {"x.$": "\#(call)"}"#))
            == [V.error("The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call", at: "/States/A/Parameters")])
    }

    @Test func templateKeysAreUniqueAfterStrippingDollar() {
        #expect(V.diagnostics(Self.pass(#""Parameters": {"x": 1, "x.$": "$.y"}"#))
            == [V.error("The field 'x' is defined more than once", at: "/States/A/Parameters")])
    }

    @Test func jsonPathStatesRejectJSONataFields() {
        #expect(V.diagnostics(Self.pass(#""Output": {}"#)) == [V.error("Field 'Output' is not supported in JSONPath states", at: "/States/A/Output")])
    }

    // MARK: JSONata

    @Test func jsonataStatesRejectJSONPathFields() {
        for field in ["InputPath", "OutputPath", "ResultPath", "Parameters"] {
            #expect(V.diagnostics(Self.pass(#""\#(field)": "$""#, language: "JSONata"))
                == [V.error("Field '\(field)' is not supported in JSONata states", at: "/States/A/\(field)")])
        }
        #expect(V.diagnostics(Self.task(#""ResultSelector": {}"#))
            == [V.error("Field 'ResultSelector' is not supported in JSONata states", at: "/States/A/ResultSelector")])
    }

    @Test func aJSONataStringMustBeWrappedExactly() {
        let message = "The JSONata expression must start with '{%' and end with '%}' with no characters around them"
        #expect(V.diagnostics(Self.pass(#""Output": {"a": ["{% $states.input"]}"#, language: "JSONata")) == [V.error(message, at: "/States/A/Output")])
        #expect(V.diagnostics(Self.pass(#""Output": "$states.input %}""#, language: "JSONata")) == [V.error(message, at: "/States/A/Output")])
        // AWS treats a string with characters around the markers as a literal (recorded: outputdecl base_literals).
        #expect(V.diagnostics(Self.pass(#""Output": " {% states.input %} ""#, language: "JSONata")).isEmpty)
    }

    @Test func statesResultOnlyInOutputAndAssignOfTaskMapParallel() {
        let message = "The JSONata expression '{% $states.result %}' uses '$states.result', which is only available in the top-level 'Output' and 'Assign' fields of Task, Map and Parallel states"
        #expect(V.diagnostics(Self.task(#""Arguments": {"x": "{% $states.result %}"}"#)) == [V.error(message, at: "/States/A/Arguments")])
        #expect(V.diagnostics(Self.pass(#""Output": "{% $states.result %}""#, language: "JSONata")) == [V.error(message, at: "/States/A/Output")])
        #expect(V.diagnostics(Self.task(#""Output": "{% $states.result %}", "Assign": {"r": "{% $states.result.Payload %}"}"#)).isEmpty)
    }

    @Test func statesErrorOutputOnlyInCatchers() {
        let message = "The JSONata expression '{% $states.errorOutput %}' uses '$states.errorOutput', which is only available in the 'Output' and 'Assign' fields of a Catcher"
        #expect(V.diagnostics(Self.task(#""Output": "{% $states.errorOutput %}""#)) == [V.error(message, at: "/States/A/Output")])
        let caught = V.machine(#"""
        "A": {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B", "Output": "{% $states.errorOutput %}", "Assign": {"e": "{% $states.errorOutput.Error %}"}}]},
        "B": {"Type": "Succeed"}
        """#)
        #expect(V.diagnostics(caught).isEmpty)
        let resultInCatch = V.machine(#"""
        "A": {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
              "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B", "Output": "{% $states.result %}"}]},
        "B": {"Type": "Succeed"}
        """#)
        #expect(V.diagnostics(resultInCatch).map(\.location) == ["/States/A/Catch[0]/Output"])
    }

    @Test func statesFieldsInsideStringLiteralsOrLongerNamesAreNotReferences() {
        #expect(V.diagnostics(Self.pass(#""Output": {"a": "{% '$states.result' & $states.resultSet %}"}"#, language: "JSONata")).isEmpty)
    }

    @Test func choiceConditionsAndWaitExpressionsAreChecked() {
        let text = V.machine(#"""
        "A": {"Type": "Choice", "QueryLanguage": "JSONata", "Choices": [{"Condition": "{% $states.result %}", "Next": "B"}], "Default": "B"},
        "B": {"Type": "Wait", "QueryLanguage": "JSONata", "Seconds": "{% $states.errorOutput %}", "End": true}
        """#)
        #expect(V.diagnostics(text).map(\.location) == ["/States/A/Choices[0]/Condition", "/States/B/Seconds"])
    }

    // MARK: Variables

    @Test func variableNamesAreIdentifiers() {
        #expect(V.diagnostics(Self.pass(#""Assign": {"1x": 1}"#))
            == [V.error("The variable name '1x' is invalid: it must be an identifier of 1 to 80 characters", at: "/States/A/Assign")])
        #expect(V.diagnostics(Self.pass(#""Assign": {"x.y": 1}"#))
            == [V.error("The variable name 'x.y' is invalid: it must be an identifier of 1 to 80 characters", at: "/States/A/Assign")])
        #expect(V.diagnostics(Self.pass(#""Assign": {"états_1": 1, "_x": 2}"#)).isEmpty)
    }

    @Test func statesIsAReservedVariableName() {
        #expect(V.diagnostics(Self.pass(#""Assign": {"states": 1}"#, language: "JSONata"))
            == [V.error("The variable name 'states' is reserved", at: "/States/A/Assign")])
    }

    @Test func succeedAndFailCannotAssign() {
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Succeed", "Assign": {"x": 1}}"#))
            == [V.error("Field 'Assign' is not supported", at: "/States/A/Assign")])
    }

    static let scopeMessage = "is assigned in an outer scope and cannot be assigned in a Parallel branch or Map iteration"

    @Test func anOuterVariableCannotBeAssignedInABranch() {
        let text = V.machine(#"""
        "A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "P"},
        "P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "Assign": {"x": 2, "y": 3}, "End": true}}}]}
        """#)
        #expect(V.diagnostics(text) == [V.error("The variable 'x' \(Self.scopeMessage)", at: "/States/P/Branches[0]/States/B/Assign")])
    }

    @Test func anOuterVariableAssignedLaterStillConflicts() {
        let text = V.machine(#"""
        "M": {"Type": "Map", "Next": "A", "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Pass", "Assign": {"x": 2}, "End": true}}}},
        "A": {"Type": "Pass", "Assign": {"x": 1}, "End": true}
        """#, startAt: "M")
        #expect(V.diagnostics(text) == [V.error("The variable 'x' \(Self.scopeMessage)", at: "/States/M/ItemProcessor/States/B/Assign")])
    }

    @Test func nestedScopesInheritTheRule() {
        let text = V.machine(#"""
        "A": {"Type": "Pass", "Assign": {"x": 1}, "Next": "P"},
        "P": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "Q", "States": {
            "Q": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "Assign": {"x": 2}, "End": true}}}]}}}]}
        """#)
        #expect(V.diagnostics(text) == [V.error("The variable 'x' \(Self.scopeMessage)", at: "/States/P/Branches[0]/States/Q/Branches[0]/States/B/Assign")])
    }

    @Test func siblingBranchesMayReuseNames() {
        let text = V.machine(#"""
        "P": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Assign": {"x": 1}, "End": true}}},
            {"StartAt": "B2", "States": {"B2": {"Type": "Pass", "Assign": {"x": 2}, "End": true}}}]}
        """#, startAt: "P")
        #expect(V.diagnostics(text).isEmpty)
    }

    @Test func theEnclosingStatesOwnAssignmentsDoNotConflict() {
        // Recorded as accepted by AWS (statevariables parallel_catch_error_variable_sampling).
        let text = V.machine(#"""
        "P": {"Type": "Parallel", "Next": "C", "Assign": {"x": 0},
              "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "Assign": {"x": 1}, "End": true}}}],
              "Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"x": 2}, "Next": "C"}]},
        "C": {"Type": "Succeed"}
        """#, startAt: "P")
        #expect(V.diagnostics(text).isEmpty)
    }

    @Test func choiceRuleAndCatcherAssignmentsCount() {
        let text = V.machine(#"""
        "A": {"Type": "Choice", "Choices": [{"Variable": "$.v", "IsPresent": true, "Assign": {"x": 1}, "Next": "M"}], "Default": "M"},
        "M": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "B", "States": {"B": {"Type": "Pass", "Assign": {"x.$": "$"}, "End": true}}}}
        """#)
        #expect(V.diagnostics(text) == [V.error("The variable 'x' \(Self.scopeMessage)", at: "/States/M/ItemProcessor/States/B/Assign")])
    }

    // MARK: Warnings (the definition stays valid)

    @Test func noDollarWarnsAboutPathLikeLiteralsInTemplates() {
        let result = ASLParser.parse(text: Self.pass(#""Parameters": {"a": "$.x", "b": {"c": "States.UUID()"}, "d": "$ 5", "e.$": "$.y"}"#))
        #expect(result.isValid)
        #expect(result.diagnostics == [
            ASLDiagnostic(severity: .warning, code: ASLDiagnostic.noDollar,
                          message: "The field 'a' looks like a JSONPath or an intrinsic function call, but its name does not end with '.$'", location: "/States/A/Parameters"),
            ASLDiagnostic(severity: .warning, code: ASLDiagnostic.noDollar,
                          message: "The field 'c' looks like a JSONPath or an intrinsic function call, but its name does not end with '.$'", location: "/States/A/Parameters"),
        ])
    }

    @Test func passResultIsStaticWarns() {
        let result = ASLParser.parse(text: Self.pass(#""Result": {"x": [{"y.$": "$.z"}]}"#))
        #expect(result.isValid)
        #expect(result.diagnostics == [ASLDiagnostic(severity: .warning, code: ASLDiagnostic.passResultIsStatic,
            message: "The field 'Result' has fields ending in '.$', which a Pass state does not evaluate (use 'Parameters')", location: "/States/A/Result")])
    }

    @Test func noPathWarnsAboutPathLikeFailFields() {
        let result = ASLParser.parse(text: V.machine(#""A": {"Type": "Fail", "Error": "$.error", "Cause": "plain"}"#))
        #expect(result.isValid)
        #expect(result.diagnostics == [ASLDiagnostic(severity: .warning, code: ASLDiagnostic.noPath,
            message: "The value of the field 'Error' looks like a path, but the field name does not end with 'Path'", location: "/States/A/Error")])
    }

    @Test func warningsDoNotDropStatesFromTheModel() {
        let result = ASLParser.parse(text: Self.pass(#""Parameters": {"a": "$.x"}"#))
        #expect(result.definition?.graph.stateNames == ["A"])
    }
}
