import StratusASL
import Testing

/// Top-level fields and the graph rules (transitions, reachability, end states, names, nesting).
@Suite struct ValidationDefinitionTests {
    typealias V = Validation

    // MARK: Top level (recorded by AWS: test_sfn_api_validation, test_sfn_api)

    @Test func emptyTextIsNotADefinition() {
        #expect(V.diagnostics("") == [ASLDiagnostic(message: "Definition must be a valid JSON object", location: nil)])
    }

    @Test func textThatIsNotJSONIsInvalidJSONDescription() {
        let diagnostics = V.diagnostics("not a definition")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.code == ASLDiagnostic.invalidJSONDescription)
    }

    @Test func aJSONValueThatIsNotAnObjectIsRejected() {
        #expect(V.diagnostics("[1]") == [ASLDiagnostic(message: "Definition must be a valid JSON object", location: nil)])
    }

    @Test func emptyObjectNeedsStatesAndStartAt() {
        #expect(V.diagnostics("{}") == [V.error("These fields are required: [States, StartAt]", at: "/")])
    }

    @Test func missingStartAt() {
        #expect(V.diagnostics(#"{"States": {"A": {"Type": "Pass", "End": true}}}"#)
            == [V.error("These fields are required: [StartAt]", at: "/")])
    }

    @Test func missingStates() {
        #expect(V.diagnostics(#"{"StartAt": "A"}"#) == [V.error("These fields are required: [States]", at: "/")])
    }

    @Test func versionMustBe1_0() {
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Pass", "End": true}"#, extra: #""Version": "2.0","#))
            == [V.error("The field 'Version' should have one of these values: [1.0]", at: "/Version")])
    }

    @Test func timeoutSecondsMustBeANonNegativeInteger() {
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Pass", "End": true}"#, extra: #""TimeoutSeconds": -1,"#))
            == [V.error("Minimum value is 0", at: "/TimeoutSeconds")])
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Pass", "End": true}"#, extra: #""TimeoutSeconds": 1.5,"#))
            == [V.error("Expected value of type: Integer", at: "/TimeoutSeconds")])
    }

    @Test func queryLanguageMustBeKnown() {
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Pass", "End": true}"#, extra: #""QueryLanguage": "jq","#))
            == [V.error("The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata]", at: "/QueryLanguage")])
    }

    @Test func unknownTopLevelFieldIsNotSupported() {
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Pass", "End": true}"#, extra: #""Foo": 1,"#))
            == [V.error("Field 'Foo' is not supported", at: "/")])
    }

    @Test func jsonPathStateInsideAJSONataMachineIsRejected() {
        let text = V.machine(#""Pass": {"Type": "Pass", "QueryLanguage": "JSONPath", "End": true}"#, startAt: "Pass",
                             extra: #""QueryLanguage": "JSONata","#)
        #expect(V.diagnostics(text) == [V.error("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", at: "/States/Pass")])
    }

    // MARK: States and transitions

    @Test func stateTypeMustBeKnown() {
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Nope", "End": true}"#))
            == [V.error("The field 'Type' should have one of these values: [Task, Wait, Pass, Succeed, Fail, Choice, Parallel, Map]", at: "/States/A/Type")])
    }

    @Test func stateTypeIsRequired() {
        #expect(V.diagnostics(V.machine(#""A": {"End": true}"#)) == [V.error("These fields are required: [Type]", at: "/States/A")])
    }

    @Test func nextAndEndAreMutuallyExclusive() {
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Pass", "Next": "A", "End": true}"#))
            == [V.error("There should only be one of the following fields: [Next, End]", at: "/States/A")])
    }

    @Test func aStateNeedsNextOrEnd() {
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Pass"}, "B": {"Type": "Succeed"}"#)).first
            == V.error("This state must have either a 'Next' or an 'End' field", at: "/States/A"))
    }

    @Test func succeedAndFailTakeNoNext() {
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Succeed", "Next": "A"}"#)).first
            == V.error("The field 'Next' is not supported for state type 'Succeed'", at: "/States/A"))
    }

    @Test func choiceTakesNoEnd() {
        let text = V.machine(#""A": {"Type": "Choice", "End": true, "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "B"}]}, "B": {"Type": "Succeed"}"#)
        #expect(V.diagnostics(text) == [V.error("The field 'End' is not supported for state type 'Choice'", at: "/States/A")])
    }

    @Test func missingNextTarget() {
        let text = V.machine(#""pass1": {"Type": "Pass", "Next": "pass3"}, "pass2": {"Type": "Pass", "End": true}"#, startAt: "pass1")
        #expect(V.diagnostics(text) == [
            V.error(ASLDiagnostic.missingTransitionTarget, "Missing 'Next' target: pass3", at: "/States/pass1/Next"),
            V.error(ASLDiagnostic.missingTransitionTarget, "State \"pass2\" is not reachable.", at: "/States/pass2"),
        ])
    }

    @Test func missingStartAtTarget() {
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Succeed"}"#, startAt: "Z"))
            == [V.error(ASLDiagnostic.missingTransitionTarget, "Missing 'Next' target: Z", at: "/StartAt")])
    }

    @Test func missingDefaultAndChoiceAndCatchTargets() {
        let text = V.machine(#"""
        "A": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "X"}], "Default": "Y"},
        "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Z"}]}
        """#)
        #expect(V.diagnostics(text) == [
            V.error(ASLDiagnostic.missingTransitionTarget, "Missing 'Next' target: X", at: "/States/A/Choices[0]/Next"),
            V.error(ASLDiagnostic.missingTransitionTarget, "Missing 'Next' target: Y", at: "/States/A/Default"),
            V.error(ASLDiagnostic.missingTransitionTarget, "Missing 'Next' target: Z", at: "/States/T/Catch[0]/Next"),
            V.error(ASLDiagnostic.missingTransitionTarget, "State \"T\" is not reachable.", at: "/States/T"),
        ])
    }

    @Test func aCycleNotReachableFromStartAtIsUnreachable() {
        let text = V.machine(#""A": {"Type": "Succeed"}, "B": {"Type": "Pass", "Next": "C"}, "C": {"Type": "Pass", "Next": "B"}"#)
        #expect(V.diagnostics(text) == [
            V.error(ASLDiagnostic.missingTransitionTarget, "State \"B\" is not reachable.", at: "/States/B"),
            V.error(ASLDiagnostic.missingTransitionTarget, "State \"C\" is not reachable.", at: "/States/C"),
        ])
    }

    @Test func statesReachedOnlyThroughCatchOrDefaultAreReachable() {
        let text = V.machine(#"""
        "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "C", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "B"}]},
        "B": {"Type": "Fail"},
        "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "A"}], "Default": "D"},
        "D": {"Type": "Succeed"}
        """#)
        #expect(V.diagnostics(text).isEmpty)
    }

    @Test func withoutATerminalStateUnreachableStatesAreNotReported() {
        // Measured on AWS: the loop plus a state nothing routes to gives MISSING_END_STATE alone; a dangling Next
        // comes first.
        let text = V.machine(#""A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}, "C": {"Type": "Pass", "Next": "A"}"#)
        #expect(V.diagnostics(text) == [V.error(ASLDiagnostic.missingEndState, "Workflow has no terminal state", at: nil)])
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Pass", "Next": "NOPE"}"#)) == [
            V.error(ASLDiagnostic.missingTransitionTarget, "Missing 'Next' target: NOPE", at: "/States/A/Next"),
            V.error(ASLDiagnostic.missingEndState, "Workflow has no terminal state", at: nil),
        ])
        let withTerminal = V.machine(#""A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}, "C": {"Type": "Pass", "End": true}"#)
        #expect(V.diagnostics(withTerminal) == [V.error(ASLDiagnostic.missingTransitionTarget, "State \"C\" is not reachable.", at: "/States/C")])
    }

    @Test func aLoopWithoutTerminalStateHasNoEnd() {
        let text = V.machine(#""A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Pass", "Next": "A"}"#)
        #expect(V.diagnostics(text) == [V.error(ASLDiagnostic.missingEndState, "Workflow has no terminal state", at: nil)])
    }

    @Test func aBranchWithoutTerminalStateHasNoEnd() {
        let text = V.machine(#""A": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "B"}}}]}"#)
        #expect(V.diagnostics(text) == [V.error(ASLDiagnostic.missingEndState, "Workflow has no terminal state", at: nil)])
    }

    @Test func aBranchCannotTransitionToAnOuterState() {
        let text = V.machine(#""A": {"Type": "Parallel", "Next": "C", "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Pass", "Next": "C"}}}]}, "C": {"Type": "Succeed"}"#)
        #expect(V.diagnostics(text) == [
            V.error(ASLDiagnostic.missingTransitionTarget, "Missing 'Next' target: C", at: "/States/A/Branches[0]/States/B/Next"),
            V.error(ASLDiagnostic.missingEndState, "Workflow has no terminal state", at: nil),
        ])
    }

    @Test func stateNamesAreUniqueAcrossTheWholeMachine() {
        let text = V.machine(#""A": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Succeed"}}}]}"#)
        #expect(V.diagnostics(text) == [V.error(ASLDiagnostic.duplicateStateName, "Duplicate State name: A", at: "/States/A/Branches[0]/States/A")])
    }

    @Test func stateNamesAreUniqueAcrossMapProcessors() {
        let text = V.machine(#"""
        "A": {"Type": "Map", "Next": "B", "ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Succeed"}}}},
        "B": {"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "X", "States": {"X": {"Type": "Succeed"}}}}
        """#)
        #expect(V.diagnostics(text) == [V.error(ASLDiagnostic.duplicateStateName, "Duplicate State name: X", at: "/States/B/ItemProcessor/States/X")])
    }

    @Test func aStateNameWrittenTwiceInOneStatesObjectIsADuplicate() {
        let text = #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}, "A": {"Type": "Pass", "Next": "B"}}}"#
        #expect(V.diagnostics(text) == [V.error(ASLDiagnostic.duplicateStateName, "Duplicate State name: A", at: "/States/A")])
        // An escaped quote inside a string must not confuse the scan: "Comment": "{\"Y\": 1}".
        let nested = #"""
        {"StartAt": "P", "States": {"P": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "X", "States": {"X": {"Type": "Succeed"}}},
            {"StartAt": "Y", "States": {"Y": {"Type": "Succeed", "Comment": "{\"Y\": 1}"}, "Y": {"Type": "Succeed"}}}]}}}
        """#
        #expect(V.diagnostics(nested) == [V.error(ASLDiagnostic.duplicateStateName, "Duplicate State name: Y", at: "/States/P/Branches[1]/States/Y")])
    }

    @Test func repeatedKeysOutsideStatesObjectsAreNotStateNames() {
        let text = #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"k": 1, "k": 2}, "End": true}}}"#
        #expect(V.diagnostics(text).isEmpty)
    }

    @Test func stateNamesAreAtMost80Characters() {
        let name = String(repeating: "n", count: 81)
        #expect(V.diagnostics(V.machine(#""\#(name)": {"Type": "Succeed"}"#, startAt: name))
            == [V.error(ASLDiagnostic.invalidStateName, "State names must be 1 to 80 characters long", at: "/States/\(name)")])
        let longest = String(repeating: "n", count: 80)
        #expect(V.diagnostics(V.machine(#""\#(longest)": {"Type": "Succeed"}"#, startAt: longest)).isEmpty)
    }

    @Test func tooDeeplyNestedParallels() {
        var states = #""L": {"Type": "Succeed"}"#
        for level in (0..<ASLParser.maximumNesting).reversed() {
            states = #""P\#(level)": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "\#(level + 1 == ASLParser.maximumNesting ? "L" : "P\(level + 1)")", "States": {\#(states)}}]}"#
        }
        let diagnostics = V.diagnostics(V.machine(states, startAt: "P0"))
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.code == ASLDiagnostic.tooDeeplyNested)
        #expect(diagnostics.first?.message == "The states are nested more than \(ASLParser.maximumNesting) levels deep")
        #expect(diagnostics.first?.location?.hasSuffix("/Branches[0]/States") == true)
    }

    @Test func nestingUpToTheLimitIsAccepted() {
        var states = #""L": {"Type": "Succeed"}"#
        for level in (0..<(ASLParser.maximumNesting - 1)).reversed() {
            states = #""P\#(level)": {"Type": "Parallel", "End": true, "Branches": [{"StartAt": "\#(level + 2 == ASLParser.maximumNesting ? "L" : "P\(level + 1)")", "States": {\#(states)}}]}"#
        }
        #expect(V.diagnostics(V.machine(states, startAt: "P0")).isEmpty)
    }

    @Test func allDiagnosticsAreReportedInOnePass() {
        let text = #"{"StartAt": "A", "Version": "3", "States": {"A": {"Type": "Pass", "Next": "Z"}, "B": {"Type": "Wait", "End": true}}}"#
        #expect(V.diagnostics(text) == [
            V.error("The field 'Version' should have one of these values: [1.0]", at: "/Version"),
            V.error("A Wait state must have exactly one of 'Seconds', 'SecondsPath', 'Timestamp' or 'TimestampPath'", at: "/States/B"),
            V.error(ASLDiagnostic.missingTransitionTarget, "Missing 'Next' target: Z", at: "/States/A/Next"),
            V.error(ASLDiagnostic.missingTransitionTarget, "State \"B\" is not reachable.", at: "/States/B"),
        ])
    }
}
