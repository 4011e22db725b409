import StratusASL
import Testing

/// Rules of each state type: Task, Pass, Wait, Fail, Choice, Parallel, Map, Retry and Catch.
@Suite struct ValidationStateTests {
    typealias V = Validation

    static func task(_ fields: String) -> String {
        V.machine(#""A": {"Type": "Task", \#(fields)}"#)
    }

    // MARK: Task

    @Test func taskNeedsResource() {
        #expect(V.diagnostics(Self.task(#""End": true"#)) == [V.error("These fields are required: [Resource]", at: "/States/A")])
    }

    @Test(arguments: [
        "arn:aws:states:::dynamodb:query",
        "arn:aws:states:::lambda:listFunctions",
        "arn:aws:states:::dynamodb:getItem.sync",
        "arn:aws:states:::sqs:sendMessage.sync",
        "arn:aws:states:::aws-sdk:s3:listObjectsV2.sync",
        "$.FunctionName",
        "arn:aws:lambda:us-east-1::function:f",
        "arn:aws:lambda::000000000000:function:f",
        "arn:aws:states:us-east-1:000000000000:stateMachine:m",
        "arn:aws:states:::",
    ])
    func unrecognizedResources(resource: String) {
        #expect(V.diagnostics(Self.task(#""Resource": "\#(resource)", "End": true"#)) == [V.error(
            "The resource provided \(resource) is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.",
            at: "/States/A/Resource")])
    }

    @Test(arguments: [
        "arn:aws:states:::lambda:invoke", "arn:aws:states:::lambda:invoke.waitForTaskToken",
        "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "arn:aws:states:::sns:publish",
        "arn:aws:states:::dynamodb:putItem", "arn:aws:states:::states:startExecution.sync:2",
        "arn:aws:states:::states:startExecution.sync", "arn:aws:states:::events:putEvents.waitForTaskToken",
        "arn:aws:states:::aws-sdk:s3:listObjectsV2", "arn:aws:states:::aws-sdk:sfn:startExecution.waitForTaskToken",
        "arn:aws:states:::ecs:runTask.sync", "arn:aws:states:::http:invoke", "arn:aws-cn:states:::lambda:invoke",
        "arn:aws:lambda:us-east-1:000000000000:function:f", "arn:aws:lambda:us-east-1:000000000000:function:f:prod",
        // AWS's TestState accepted the documentation's placeholder (recorded: test_state map cases).
        "arn:aws:lambda:your-region:your-account-id:function:yourHelloWorldFunction",
        "arn:aws:states:us-east-1:000000000000:activity:worker",
    ])
    func recognizedResources(resource: String) {
        #expect(V.diagnostics(Self.task(#""Resource": "\#(resource)", "End": true"#)).isEmpty)
    }

    @Test func expressMachinesRejectCallbacksSyncAndActivities() {
        let cases = [
            ("arn:aws:states:::sns:publish.waitForTaskToken", "Express state machine does not support '.waitForTaskToken' service integration "),
            ("arn:aws:states:::states:startExecution.sync", "Express state machine does not support '.sync' service integration"),
            ("arn:aws:states:::states:startExecution.sync:2", "Express state machine does not support '.sync' service integration"),
            ("arn:aws:states:us-east-1:000000000000:activity:worker", "Express state machine does not support Activity ARN"),
        ]
        for (resource, message) in cases {
            let text = Self.task(#""Resource": "\#(resource)", "End": true"#)
            #expect(V.diagnostics(text, express: true) == [V.error(message, at: "/States/A/Resource")])
            #expect(V.diagnostics(text).isEmpty)
        }
        #expect(ASLDiagnostic.invalidDefinitionMessage(V.diagnostics(Self.task(#""Resource": "arn:aws:states:::sns:publish.waitForTaskToken", "End": true"#), express: true))
            == "Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration  at /States/A/Resource'")
    }

    @Test func timeoutAndItsPathAreMutuallyExclusive() {
        #expect(V.diagnostics(Self.task(#""Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 5, "TimeoutSecondsPath": "$.t", "End": true"#))
            == [V.error("There should only be one of the following fields: [TimeoutSeconds, TimeoutSecondsPath]", at: "/States/A")])
    }

    @Test func heartbeatMustBeSmallerThanTimeout() {
        #expect(V.diagnostics(Self.task(#""Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 5, "HeartbeatSeconds": 5, "End": true"#))
            == [V.error("HeartbeatSeconds must be smaller than TimeoutSeconds", at: "/States/A/HeartbeatSeconds")])
    }

    @Test func timeoutSecondsIsAPositiveInteger() {
        #expect(V.diagnostics(Self.task(#""Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 0, "End": true"#))
            == [V.error("Minimum value is 1", at: "/States/A/TimeoutSeconds")])
    }

    @Test func secondsAndCountsAreWholeNumbers() {
        #expect(V.diagnostics(Self.task(#""Resource": "arn:aws:states:::lambda:invoke", "TimeoutSeconds": 1.5, "End": true"#))
            == [V.error("Expected value of type: Integer", at: "/States/A/TimeoutSeconds")])
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Wait", "Seconds": 0.5, "End": true}"#))
            == [V.error("Expected value of type: Integer", at: "/States/A/Seconds")])
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Wait", "Seconds": 2.0, "End": true}"#)).isEmpty)
        let map = V.machine(#""A": {"Type": "Map", "End": true, "MaxConcurrency": 2.5, "ToleratedFailurePercentage": 12.5, "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}"#)
        #expect(V.diagnostics(map) == [V.error("Expected value of type: Integer", at: "/States/A/MaxConcurrency")])
    }

    @Test func credentialsNeedRoleArn() {
        #expect(V.diagnostics(Self.task(#""Resource": "arn:aws:states:::lambda:invoke", "Credentials": {}, "End": true"#))
            == [V.error("The field 'RoleArn' is required but was missing", at: "/States/A/Credentials")])
    }

    // MARK: Pass, Wait, Fail

    @Test func passResultIsJSONPathOnly() {
        let text = V.machine(#""A": {"Type": "Pass", "QueryLanguage": "JSONata", "Result": 1, "End": true}"#)
        #expect(V.diagnostics(text) == [V.error("The QueryLanguage is set to 'JSONata', but field 'Result' is only supported for the 'JSONPath' QueryLanguage", at: "/States/A")])
    }

    @Test func waitNeedsExactlyOneForm() {
        let message = "A Wait state must have exactly one of 'Seconds', 'SecondsPath', 'Timestamp' or 'TimestampPath'"
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Wait", "End": true}"#)) == [V.error(message, at: "/States/A")])
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Wait", "Seconds": 1, "SecondsPath": "$.s", "End": true}"#))
            == [V.error("There should only be one of the following fields: [Seconds, SecondsPath, Timestamp, TimestampPath]", at: "/States/A")])
    }

    @Test func waitTimestampMustBeRFC3339() {
        for text in ["2016-03-14 01:59:00Z", "2016-03-14T01:59:00", "2016-13-14T01:59:00Z", "{% $now() %}"] {
            #expect(V.diagnostics(V.machine(#""A": {"Type": "Wait", "Timestamp": "\#(text)", "End": true}"#))
                == [V.error("String does not match RFC3339 timestamp", at: "/States/A/Timestamp")])
        }
    }

    @Test func waitPathsAreJSONPathOnly() {
        let text = V.machine(#""A": {"Type": "Wait", "QueryLanguage": "JSONata", "SecondsPath": "$.s", "End": true}"#)
        #expect(V.diagnostics(text) == [V.error("The QueryLanguage is set to 'JSONata', but field 'SecondsPath' is only supported for the 'JSONPath' QueryLanguage", at: "/States/A")])
    }

    @Test func waitSecondsIsNonNegative() {
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Wait", "Seconds": -1, "End": true}"#))
            == [V.error("Minimum value is 0", at: "/States/A/Seconds")])
    }

    @Test func failErrorAndErrorPathAreMutuallyExclusive() {
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Fail", "Error": "E", "ErrorPath": "$.e"}"#))
            == [V.error("There should only be one of the following fields: [Error, ErrorPath]", at: "/States/A")])
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Fail", "Cause": "C", "CausePath": "$.c"}"#))
            == [V.error("There should only be one of the following fields: [Cause, CausePath]", at: "/States/A")])
    }

    @Test func failErrorPathIsAReferencePathOrIntrinsic() {
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Fail", "ErrorPath": "$.e[*]"}"#))
            == [V.error("The value for the field 'ErrorPath' must be a valid Reference Path or intrinsic function call", at: "/States/A/ErrorPath")])
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Fail", "ErrorPath": "States.Format('{}', $.e)"}"#)).isEmpty)
    }

    @Test func failTakesNoIOFields() {
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Fail", "InputPath": "$"}"#))
            == [V.error("Field 'InputPath' is not supported", at: "/States/A")])
    }

    // MARK: Choice

    static func choice(_ rules: String, extra: String = "") -> String {
        V.machine(#""A": {"Type": "Choice", \#(extra)"Choices": [\#(rules)], "Default": "B"}, "B": {"Type": "Succeed"}"#)
    }

    @Test func choicesMustNotBeEmpty() {
        #expect(V.diagnostics(Self.choice("")) == [V.error("Value cannot be empty", at: "/States/A/Choices")])
    }

    @Test func topLevelRulesNeedNext() {
        #expect(V.diagnostics(Self.choice(#"{"Variable": "$.x", "IsPresent": true}"#))
            == [V.error("These fields are required: [Next]", at: "/States/A/Choices[0]")])
    }

    @Test func nestedRulesTakeNoNext() {
        #expect(V.diagnostics(Self.choice(#"{"Not": {"Variable": "$.x", "IsPresent": true, "Next": "B"}, "Next": "B"}"#))
            == [V.error("The field 'Next' is only supported in top-level Choice Rules", at: "/States/A/Choices[0]/Not/Next")])
    }

    @Test func aRuleHasExactlyOneOperator() {
        #expect(V.diagnostics(Self.choice(#"{"Variable": "$.x", "IsPresent": true, "IsNull": false, "Next": "B"}"#))
            == [V.error("A Choice Rule must not have more than one comparison operator or combinator", at: "/States/A/Choices[0]")])
        #expect(V.diagnostics(Self.choice(#"{"Variable": "$.x", "Next": "B"}"#))
            == [V.error("A Choice Rule must have exactly one comparison operator or one of 'And', 'Or', 'Not'", at: "/States/A/Choices[0]")])
    }

    @Test func comparisonOperandsHaveTheOperatorsType() {
        #expect(V.diagnostics(Self.choice(#"{"Variable": "$.x", "NumericEquals": "1", "Next": "B"}"#))
            == [V.error("Expected value of type: Number", at: "/States/A/Choices[0]/NumericEquals")])
        #expect(V.diagnostics(Self.choice(#"{"Variable": "$.x", "TimestampEquals": "yesterday", "Next": "B"}"#))
            == [V.error("String does not match RFC3339 timestamp", at: "/States/A/Choices[0]/TimestampEquals")])
    }

    @Test func andNeedsANonEmptyArray() {
        #expect(V.diagnostics(Self.choice(#"{"And": [], "Next": "B"}"#)) == [V.error("Value cannot be empty", at: "/States/A/Choices[0]/And")])
    }

    @Test func jsonataRulesNeedCondition() {
        #expect(V.diagnostics(Self.choice(#"{"Next": "B"}"#, extra: #""QueryLanguage": "JSONata","#))
            == [V.error("These fields are required: [Condition]", at: "/States/A/Choices[0]")])
        #expect(V.diagnostics(Self.choice(#"{"Condition": "yes", "Next": "B"}"#, extra: #""QueryLanguage": "JSONata","#))
            == [V.error("The field 'Condition' must be a JSONata expression or a boolean", at: "/States/A/Choices[0]/Condition")])
    }

    @Test func jsonataRulesRejectVariable() {
        #expect(V.diagnostics(Self.choice(#"{"Condition": true, "Variable": "$.x", "Next": "B"}"#, extra: #""QueryLanguage": "JSONata","#))
            == [V.error("Field 'Variable' is not supported", at: "/States/A/Choices[0]")])
    }

    // MARK: Retry and Catch

    static func retrying(_ retry: String) -> String {
        Self.task(#""Resource": "arn:aws:states:::lambda:invoke", "End": true, "Retry": [\#(retry)]"#)
    }

    @Test func statesALLMustBeAloneAndLast() {
        #expect(V.diagnostics(Self.retrying(#"{"ErrorEquals": ["States.ALL", "X"]}"#))
            == [V.error("'States.ALL' must appear alone in 'ErrorEquals'", at: "/States/A/Retry[0]/ErrorEquals")])
        #expect(V.diagnostics(Self.retrying(#"{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["X"]}"#))
            == [V.error("A Retrier with 'States.ALL' must be the last one", at: "/States/A/Retry[0]/ErrorEquals")])
    }

    @Test func errorEqualsMustNotBeEmpty() {
        #expect(V.diagnostics(Self.retrying(#"{"ErrorEquals": []}"#)) == [V.error("Value cannot be empty", at: "/States/A/Retry[0]/ErrorEquals")])
    }

    @Test func retrierFieldRanges() {
        let text = Self.retrying(#"{"ErrorEquals": ["X"], "IntervalSeconds": 0, "MaxAttempts": -1, "BackoffRate": 0.5, "MaxDelaySeconds": 31622401, "JitterStrategy": "HALF"}"#)
        #expect(V.diagnostics(text) == [
            V.error("Minimum value is 1", at: "/States/A/Retry[0]/IntervalSeconds"),
            V.error("Minimum value is 0", at: "/States/A/Retry[0]/MaxAttempts"),
            V.error("Minimum value is 1.0", at: "/States/A/Retry[0]/BackoffRate"),
            V.error("Maximum value is 31622400", at: "/States/A/Retry[0]/MaxDelaySeconds"),
            V.error("The field 'JitterStrategy' should have one of these values: [FULL, NONE]", at: "/States/A/Retry[0]/JitterStrategy"),
        ])
    }

    @Test func retriersAndCatchersMayHaveComments() {
        let text = V.machine(#"""
        "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
              "Retry": [{"Comment": "r", "ErrorEquals": ["X"]}], "Catch": [{"Comment": "c", "ErrorEquals": ["X"], "Next": "B"}]},
        "B": {"Type": "Succeed"}
        """#)
        #expect(V.diagnostics(text).isEmpty)
    }

    @Test func onlyTaskParallelAndMapRetry() {
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Pass", "End": true, "Retry": []}"#))
            == [V.error("Field 'Retry' is not supported", at: "/States/A")])
    }

    // MARK: Parallel and Map

    @Test func parallelBranchesMustNotBeEmpty() {
        #expect(V.diagnostics(V.machine(#""StateName": {"Type": "Parallel", "Branches": [], "End": true}"#, startAt: "StateName"))
            == [V.error("Value cannot be empty", at: "/States/StateName/Branches")])
    }

    @Test func mapNeedsItemProcessor() {
        #expect(V.diagnostics(V.machine(#""A": {"Type": "Map", "End": true}"#)) == [V.error("These fields are required: [ItemProcessor]", at: "/States/A")])
    }

    static func distributedMap(label: String, name: String = "A", next: String = #""End": true"#) -> String {
        #""\#(name)": {"Type": "Map", \#(next), "Label": "\#(label)", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "\#(name)I", "States": {"\#(name)I": {"Type": "Succeed"}}}}"#
    }

    @Test func labelRules() {
        #expect(V.diagnostics(V.machine(Self.distributedMap(label: "")))
            == [V.error(ASLDiagnostic.invalidLabelName, "Label cannot be empty", at: "/States/A/Label")])
        #expect(V.diagnostics(V.machine(Self.distributedMap(label: String(repeating: "1", count: 41))))
            == [V.error(ASLDiagnostic.invalidLabelName, "Label cannot exceed 40 characters", at: "/States/A/Label")])
        for bad in [" ", "?", "*", "<", "{", "\\\\", "\\u0000", "\\u007f", "\\u009f", "~", "$"] {
            let diagnostics = V.diagnostics(V.machine(Self.distributedMap(label: "label_\(bad)")))
            #expect(diagnostics.count == 1 && diagnostics[0].code == ASLDiagnostic.invalidLabelName, "\(bad): \(diagnostics)")
            #expect(diagnostics.first?.message.hasPrefix("Label contains invalid character: ") == true)
        }
        #expect(V.diagnostics(V.machine(Self.distributedMap(label: "label_ok-1.(x)"))).isEmpty)
    }

    @Test func labelsAreUnique() {
        let text = V.machine(Self.distributedMap(label: "L", next: #""Next": "B""#) + ", " + Self.distributedMap(label: "L", name: "B"))
        #expect(V.diagnostics(text) == [V.error(ASLDiagnostic.duplicateLabelName, "Duplicate Label name: L", at: "/States/B/Label")])
    }

    @Test func labelIsForDistributedMapsOnly() {
        let text = V.machine(#""A": {"Type": "Map", "End": true, "Label": "L", "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}"#)
        #expect(V.diagnostics(text) == [V.error("The field 'Label' is only supported for Map states in DISTRIBUTED mode", at: "/States/A/Label")])
    }

    @Test func toleratedFailurePercentageIsAtMost100() {
        let text = V.machine(#""A": {"Type": "Map", "End": true, "ToleratedFailurePercentage": 101, "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}"#)
        #expect(V.diagnostics(text) == [V.error("Maximum value is 100.0", at: "/States/A/ToleratedFailurePercentage")])
    }

    @Test func itemsIsJSONataOnly() {
        let text = V.machine(#""A": {"Type": "Map", "End": true, "Items": [1], "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}"#)
        #expect(V.diagnostics(text) == [V.error("The QueryLanguage is set to 'JSONPath', but field 'Items' is only supported for the 'JSONata' QueryLanguage", at: "/States/A")])
    }

    @Test func jsonataItemsIsAnArrayAnObjectOrAnExpression() {
        let map = { (items: String) in
            V.machine(#""A": {"Type": "Map", "QueryLanguage": "JSONata", "End": true, "Items": \#(items), "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}"#)
        }
        #expect(V.diagnostics(map(#""items""#)) == [V.error("The field 'Items' must be an array, an object or a JSONata expression", at: "/States/A/Items")])
        #expect(V.diagnostics(map("3")) == [V.error("The field 'Items' must be an array, an object or a JSONata expression", at: "/States/A/Items")])
        for items in ["[1]", #"{"a": 1}"#, #""{% [1, 2] %}""#] { #expect(V.diagnostics(map(items)).isEmpty) }
    }

    @Test func itemReaderAndResultWriterNeedResource() {
        let text = V.machine(#"""
        "A": {"Type": "Map", "End": true, "ItemReader": {"ReaderConfig": {}}, "ResultWriter": {"Resource": 1}, "ItemBatcher": [],
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}
        """#)
        #expect(V.diagnostics(text) == [
            V.error("These fields are required: [Resource]", at: "/States/A/ItemReader"),
            V.error("Expected value of type: Object", at: "/States/A/ItemBatcher"),
            V.error("Expected value of type: String", at: "/States/A/ResultWriter/Resource"),
        ])
    }

    @Test func readerAndBatcherNumbersAreCheckedLikeMapNumbers() {
        let map = { (reader: String, batcher: String) in
            V.machine(#"""
            "A": {"Type": "Map", "End": true, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {\#(reader)}}, "ItemBatcher": {\#(batcher)},
                  "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}
            """#)
        }
        #expect(V.diagnostics(map(#""MaxItems": 100000001"#, #""MaxItemsPerBatch": -1"#)) == [
            V.error("Maximum value is 100000000", at: "/States/A/ItemReader/ReaderConfig/MaxItems"),
            V.error("Minimum value is 0", at: "/States/A/ItemBatcher/MaxItemsPerBatch"),
        ])
        #expect(V.diagnostics(map(#""MaxItems": 1, "MaxItemsPath": "$.n""#, #""MaxInputBytesPerBatchPath": "$$.Execution.Input.n""#)) == [
            V.error("There should only be one of the following fields: [MaxItems, MaxItemsPath]", at: "/States/A/ItemReader/ReaderConfig"),
            V.error("Value is not a Reference Path", at: "/States/A/ItemBatcher/MaxInputBytesPerBatchPath"),
        ])
        #expect(V.diagnostics(map(#""MaxItemsPath": "$.n", "InputType": "JSON""#, #""MaxItemsPerBatch": 5, "BatchInput": {"a": 1}"#)).isEmpty)
        let jsonata = V.machine(#"""
        "A": {"Type": "Map", "QueryLanguage": "JSONata", "End": true, "ItemBatcher": {"MaxItemsPerBatch": "{% $states.result %}"},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}
        """#)
        #expect(V.diagnostics(jsonata).map(\.location) == ["/States/A/ItemBatcher/MaxItemsPerBatch"])
    }

    @Test func itemReaderParametersAreATemplateAndArgumentsAreJSONata() {
        let jsonPath = V.machine(#"""
        "A": {"Type": "Map", "End": true, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Parameters": {"Bucket.$": 1}, "Arguments": {}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}
        """#)
        #expect(V.diagnostics(jsonPath) == [
            V.error("The QueryLanguage is set to 'JSONPath', but field 'Arguments' is only supported for the 'JSONata' QueryLanguage", at: "/States/A/ItemReader"),
            V.error("The value for the field 'Bucket.$' must be a STRING that contains a JSONPath but was an NUMBER", at: "/States/A/ItemReader/Parameters"),
        ])
        let jsonata = V.machine(#"""
        "A": {"Type": "Map", "QueryLanguage": "JSONata", "End": true, "ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "Arguments": {"Bucket": "{% $x"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "I", "States": {"I": {"Type": "Succeed"}}}}
        """#)
        #expect(V.diagnostics(jsonata) == [
            V.error("The JSONata expression must start with '{%' and end with '%}' with no characters around them", at: "/States/A/ItemReader/Arguments/Bucket"),
        ])
    }

    // MARK: Single states (TestState)

    @Test func aSingleStateIsCheckedAsStateNameWithoutGraphChecks() {
        #expect(ASLParser.parseState(json(#"{"Type": "Pass", "Next": "Elsewhere"}"#)).diagnostics.isEmpty)
        #expect(ASLParser.parseState(json(#"{"Type": "Parallel", "Branches": [], "End": true}"#)).diagnostics
            == [V.error("Value cannot be empty", at: "/States/StateName/Branches")])
        let nested = ASLParser.parseState(json(#"{"Type": "Map", "End": true, "ItemProcessor": {"StartAt": "I", "States": {"I": {"Type": "Pass", "Next": "Z"}}}}"#))
        #expect(nested.diagnostics == [
            V.error(ASLDiagnostic.missingTransitionTarget, "Missing 'Next' target: Z", at: "/States/StateName/ItemProcessor/States/I/Next"),
            V.error(ASLDiagnostic.missingEndState, "Workflow has no terminal state", at: nil),
        ])
        #expect(ASLParser.parseState(json(#"{"Type": "Pass", "Next": "Elsewhere"}"#)).definition?.graph.startAt == ASLParser.singleStateName)
    }
}
