import Foundation
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
            == [V.error("Value is not a Reference Path", at: "/States/A/ResultPath")])
        #expect(V.diagnostics(Self.pass(#""ResultPath": "$x.y""#))
            == [V.error("Value is not a Reference Path", at: "/States/A/ResultPath")])
        #expect(V.diagnostics(Self.pass(#""ResultPath": null"#)).isEmpty)
    }

    @Test func resultPathIsAReferencePath() {
        #expect(V.diagnostics(Self.pass(#""ResultPath": "$.a[*]""#))
            == [V.error("Value is not a Reference Path", at: "/States/A/ResultPath")])
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
        #expect(V.diagnostics(Self.pass(#""Output": {}"#)) == [V.error("The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage", at: "/States/A")])
    }

    // MARK: Query language (AWS's rules and wording, measured by a third party against AWS)

    @Test func itemProcessorsAndBranchesTakeNoQueryLanguage() {
        let map = V.machine(#""M": {"Type": "Map", "End": true, "ItemProcessor": {"QueryLanguage": "JSONata", "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}"#, startAt: "M")
        #expect(V.diagnostics(map) == [V.error("Field 'QueryLanguage' is not supported", at: "/States/M/ItemProcessor")])
        let iterator = V.machine(#""M": {"Type": "Map", "End": true, "Iterator": {"QueryLanguage": "JSONata", "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}"#, startAt: "M")
        #expect(V.diagnostics(iterator) == [V.error("Field 'QueryLanguage' is not supported", at: "/States/M/Iterator")])
    }

    @Test func nestedStatesInheritTheMachinesLanguageNotTheEnclosingStates() {
        let text = V.machine(#""M": {"Type": "Map", "QueryLanguage": "JSONata", "End": true, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "Output": {}, "End": true}}}}"#, startAt: "M")
        #expect(V.diagnostics(text) == [V.error("The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage", at: "/States/M/ItemProcessor/States/P")])
    }

    @Test func anyQueryLanguageOtherThanJSONPathMeansJSONata() {
        let text = Self.pass(#""InputPath": "$""#, language: "jsonpath")
        #expect(V.diagnostics(text) == [
            V.error("The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata]", at: "/States/A/QueryLanguage"),
            V.error("The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the 'JSONPath' QueryLanguage", at: "/States/A"),
        ])
    }

    @Test func mapNumberPathsAreReferencePathsWithoutTheContextObject() {
        let map = { (field: String) in
            V.machine(#""M": {"Type": "Map", "End": true, \#(field), "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}"#, startAt: "M")
        }
        #expect(V.diagnostics(map(#""MaxConcurrencyPath": "$$.Execution.Input.n""#)) == [V.error("Value is not a Reference Path", at: "/States/M/MaxConcurrencyPath")])
        #expect(V.diagnostics(map(#""ToleratedFailureCountPath": "$.a[*]""#)) == [V.error("Value is not a Reference Path", at: "/States/M/ToleratedFailureCountPath")])
        #expect(V.diagnostics(map(#""ItemsPath": "$$.Execution.Input.items""#)).isEmpty)
        #expect(V.diagnostics(map(#""MaxConcurrency": 1, "MaxConcurrencyPath": "$.n""#))
            == [V.error("There should only be one of the following fields: [MaxConcurrency, MaxConcurrencyPath]", at: "/States/M")])
    }

    @Test func aDiagnosticWithoutLocationEndsInAtNull() {
        let diagnostics = V.diagnostics(V.machine(#""A": {"Type": "Pass", "Next": "A"}"#))
        #expect(ASLDiagnostic.invalidDefinitionMessage(diagnostics) == "Invalid State Machine Definition: 'MISSING_END_STATE: Workflow has no terminal state at null'")
    }

    // MARK: JSONata

    @Test func jsonataStatesRejectJSONPathFields() {
        for field in ["InputPath", "OutputPath", "ResultPath", "Parameters"] {
            #expect(V.diagnostics(Self.pass(#""\#(field)": "$""#, language: "JSONata"))
                == [V.error("The QueryLanguage is set to 'JSONata', but field '\(field)' is only supported for the 'JSONPath' QueryLanguage", at: "/States/A")])
        }
        #expect(V.diagnostics(Self.task(#""ResultSelector": {}"#))
            == [V.error("The QueryLanguage is set to 'JSONata', but field 'ResultSelector' is only supported for the 'JSONPath' QueryLanguage", at: "/States/A")])
    }

    @Test func aJSONataStringMustBeWrappedExactly() {
        let message = "The JSONata expression must start with '{%' and end with '%}' with no characters around them"
        #expect(V.diagnostics(Self.pass(#""Output": {"a": ["{% $states.input"]}"#, language: "JSONata")) == [V.error(message, at: "/States/A/Output/a[0]")])
        #expect(V.diagnostics(Self.pass(#""Output": "$states.input %}""#, language: "JSONata")) == [V.error(message, at: "/States/A/Output")])
        // AWS treats a string with characters around the markers as a literal (recorded: outputdecl base_literals).
        #expect(V.diagnostics(Self.pass(#""Output": " {% states.input %} ""#, language: "JSONata")).isEmpty)
    }

    static func unsupported(_ message: String, at location: String) -> ASLDiagnostic {
        V.error(ASLDiagnostic.unsupportedJSONataExpression, message, at: location)
    }

    @Test func statesResultOnlyInOutputAndAssignOfTaskMapParallel() {
        let message = "Field '$states.result' does not exist."
        #expect(V.diagnostics(Self.task(#""Arguments": {"x": "{% $states.result %}"}"#)) == [Self.unsupported(message, at: "/States/A/Arguments/x")])
        #expect(V.diagnostics(Self.pass(#""Output": "{% $states.result %}""#, language: "JSONata")) == [Self.unsupported(message, at: "/States/A/Output")])
        #expect(V.diagnostics(Self.task(#""Output": "{% $states.result %}", "Assign": {"r": "{% $states.result.Payload %}"}"#)).isEmpty)
    }

    @Test func statesErrorOutputOnlyInCatchers() {
        // AWS's wording, as quoted from a deployment error: "Field '$states.errorOutput' does not exist."
        let message = "Field '$states.errorOutput' does not exist."
        #expect(V.diagnostics(Self.task(#""Output": "{% $states.errorOutput %}""#)) == [Self.unsupported(message, at: "/States/A/Output")])
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
        #expect(V.diagnostics(resultInCatch) == [Self.unsupported("Field '$states.result' does not exist.", at: "/States/A/Catch[0]/Output")])
    }

    @Test func theRootReferenceIsRefusedInJSONata() {
        #expect(V.diagnostics(Self.pass(#""Output": {"a": "{% $$.Execution.Id %}", "b": "{% '$$' %}"}"#, language: "JSONata"))
            == [Self.unsupported("Reference to '$$' is not supported.", at: "/States/A/Output/a")])
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

    @Test func anInjectedJSONataCheckReportsAtTheExpressionsLocation() {
        // A stand-in for the JSONata parser: refuses expressions ending in an operator, and bare `phone`.
        let check: @Sendable (String) -> JSONataExpressionIssue? = { body in
            let trimmed = body.trimmingCharacters(in: .whitespaces)
            if trimmed.hasSuffix("+") { return JSONataExpressionIssue(code: ASLDiagnostic.invalidJSONataExpression, message: "Unexpected end of expression") }
            if trimmed == "phone" {
                return JSONataExpressionIssue(code: ASLDiagnostic.unsupportedJSONataExpression, message: "Reference to 'phone' at the top level is not supported.")
            }
            return nil
        }
        let text = V.machine(#"""
        "E": {"Type": "Pass", "QueryLanguage": "JSONata", "Output": {"v": "{% phone %}", "w": ["{% 1 + %}"], "ok": "{% $states.input %}"}, "Next": "W"},
        "W": {"Type": "Wait", "QueryLanguage": "JSONata", "Seconds": "{% 1 + %}", "End": true}
        """#, startAt: "E")
        let diagnostics = ASLParser.parse(text: text, options: .init(jsonataCheck: check)).diagnostics
        #expect(diagnostics == [
            V.error(ASLDiagnostic.unsupportedJSONataExpression, "Reference to 'phone' at the top level is not supported.", at: "/States/E/Output/v"),
            V.error(ASLDiagnostic.invalidJSONataExpression, "Unexpected end of expression", at: "/States/E/Output/w[0]"),
            V.error(ASLDiagnostic.invalidJSONataExpression, "Unexpected end of expression", at: "/States/W/Seconds"),
        ])
        #expect(V.diagnostics(text).isEmpty)
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
            == [V.error("Field 'Assign' is not supported", at: "/States/A")])
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
