import Foundation
import StratusAPIStepFunctions
import StratusJSON

extension TestStateConformanceCases {
    typealias StateText = (String) throws -> String

    /// test_test_state_mock_scenarios.py and test_state_mock_validation.py.
    static func addMockCases(_ cases: inout [RecordedTestStateCase], state: StateText, templates: TestStateTemplates) throws {
        func add(_ test: String, _ key: String, _ request: StepFunctions.TestStateInput, reconstructed: Bool = false) {
            cases.append(RecordedTestStateCase(test: test, key: key, request: request, reconstructed: reconstructed))
        }
        let lambda = try state("base_lambda_service_task_state")
        let lambdaInput = #"{"FunctionName": "f", "Payload": null}"#
        add("test_base_lambda_service_task_mock_is_not_json_string", "validation-exception",
            call(lambda, input: lambdaInput, mock: mock("not JSON string", mode: "NONE")))
        add("test_base_lambda_service_task_mock_success", "test_case_response",
            call(lambda, input: lambdaInput, mock: mock(#"{"Payload": "function output", "SdkHttpMetadata": {"HttpStatusCode": 200}}"#)))
        for (id, file) in [("base", "base_dynamodb_service_task_state"), ("io", "io_dynamodb_service_task_state"),
                           ("io_output_path", "io_output_path_dynamodb_service_task_state")] {
            add("test_io_dynamodb_service_task_mock_success[\(id)]", "test_case_response",
                call(try state(file), input: #"{"TableName": "sfn_test_table", "Item": {"data": {"S": "HelloWorld"}, "id": {"S": "id1"}}}"#,
                     mock: mock(#"{"SdkHttpMetadata": {"HttpStatusCode": 200}}"#)))
        }
        add("test_put_events_mock_success", "test_case_response",
            call(try state("base_events_put_events"), input: #"{"Entries": [{"Detail": "detail", "DetailType": "detail_type", "Source": "source"}]}"#,
                 mock: mock(#"{"Entries": [{"EventId": "0e4c4f5b-7c7a-4b0e-9d2e-3b1f0a9c8d7e"}]}"#)))
        add("test_send_sqs_message_success", "test_case_response",
            call(try state("base_sqs_send_message"), input: #"{"QueueUrl": "queue_url", "MessageBody": "message_body"}"#,
                 mock: mock(#"{"MD5OfMessageBody": "5b1dd3f5c8a06d4d8c13c0c8e0d4f8a4", "MessageId": "6f1c2b3a-9d8e-4f7a-8b6c-5d4e3f2a1b0c"}"#)))
        add("test_sfn_start_execution_success", "test_case_response",
            call(try state("base_sfn_start_execution"),
                 input: #"{"stateMachineArn": "arn:aws:states:us-east-1:111111111111:stateMachine:TargetStateMachine", "targetInput": null, "name": "TestStartTarget"}"#,
                 mock: mock(#"{"ExecutionArn": "arn:aws:states:us-east-1:111111111111:execution:TargetStateMachine:TestStartTarget", "StartDate": "2025-11-26T10:00:00.000000"}"#)))
        let branches = #"[{"branch1": "result"}, {"branch2": "result"}]"#
        for level in levels {
            add("test_base_parallel_state_mock_success[\(level)]", "test_case_response",
                call(try state("base_parallel_state"), input: #"{"key": "value"}"#, level: level, mock: mock(branches)), reconstructed: true)
            add("test_io_parallel_state_mock_success[\(level)]", "test_case_response",
                call(try state("io_parallel_state"), input: #"{"parallelInput": {"data": "input_value"}}"#, level: level, mock: mock(branches)),
                reconstructed: true)
            add("test_io_jsonata_parallel_state_mock_success[\(level)]", "test_case_response",
                call(try state("io_jsonata_parallel_state"), input: #"{"parallelInput": {"data": "input_value"}}"#, level: level,
                     mock: mock(branches)), reconstructed: true)
        }

        // test_state_mock_validation.py
        let unmockable = [("PassState", "base_pass_state"), ("FailState", "base_fail_state"), ("SucceedState", "base_succeed_state")]
        for (id, variant) in [("mock_result", mock(#"{"mock": "the unmockable"}"#)),
                              ("mock_error_output", StepFunctions.MockInput(errorOutput: StepFunctions.MockErrorOutput(error: "Error", cause: "Cause")))] {
            for (stateID, file) in unmockable {
                add("test_state_type_does_not_accept_mock[\(id)-\(stateID)]", "validation_exception",
                    call(try state(file), level: "TRACE", role: false, mock: variant))
            }
        }
        for (id, file) in [("MapState", "base_map_state"), ("MapTaskState", "map_task_state"), ("ParallelState", "base_parallel_state")] {
            add("test_state_type_requires_mock[\(id)]", "validation_exception", call(try state(file), level: "TRACE", role: false),
                reconstructed: id == "ParallelState")
        }
        add("test_both_mock_result_and_mock_error_output_are_set", "validation_exception",
            call(lambda, level: "TRACE", role: false,
                 mock: StepFunctions.MockInput(result: #"{"mock": "response"}"#, errorOutput: StepFunctions.MockErrorOutput(error: "Error", cause: "Cause"))))
        add("test_reveal_secrets_is_true_and_mock_result_is_set", "validation_exception",
            call(lambda, level: "TRACE", role: false, mock: mock(#"{"mock": "response"}"#), revealSecrets: true))
        add("test_mock_result_is_not_array_on_map_state_without_result_writer", "validation_exception",
            call(try state("base_map_state"), level: "TRACE", role: false, mock: mock(#"{"mock": "array is expected but object is provided instead"}"#)))
        add("test_mock_result_is_not_object_on_map_state_with_result_writer", "validation_exception",
            call(try state("base_map_state_result_writer"), level: "TRACE", role: false,
                 mock: mock(#"["object is expected but array is provided instead"]"#)))
        add("test_mock_result_is_not_array_on_parallel_state", "validation_exception",
            call(try state("base_parallel_state"), level: "TRACE", role: false, mock: mock(#"{"mock": "object"}"#)), reconstructed: true)
        add("test_mock_result_array_size_mismatch_on_parallel_state", "validation_exception",
            call(try state("base_parallel_state"), level: "TRACE", role: false, mock: mock(#"[{"branch1": "result"}]"#)), reconstructed: true)
        add("test_parallel_state_empty_branches", "validation_exception",
            call(#"{"Type": "Parallel", "Branches": [], "End": true}"#, level: "TRACE", role: false, mock: mock("[]")), reconstructed: true)
        add("test_map_iteration_failure_count_without_mock", "validation_exception",
            call(try state("base_map_state"), input: valuesInput, level: "TRACE",
                 configuration: StepFunctions.TestStateConfiguration(mapIterationFailureCount: 1)), reconstructed: true)
        add("test_map_iteration_failure_count_exceeds_mock_result_items", "validation_exception",
            call(try state("base_map_state"), input: valuesInput, level: "TRACE", mock: mock("[1, 1, 1]"),
                 configuration: StepFunctions.TestStateConfiguration(mapIterationFailureCount: 4)), reconstructed: true)
    }

    /// test_state_configuration.py.
    static func addConfigurationCases(_ cases: inout [RecordedTestStateCase], state: StateText) throws {
        func add(_ test: String, _ key: String, _ request: StepFunctions.TestStateInput) {
            cases.append(RecordedTestStateCase(test: test, key: key, request: request))
        }
        let mapMachine = try state("base_map_state_machine")
        let readerMachine = try state("map_item_reader_state_machine")
        let readerInput = #"{"Bucket": "test-bucket", "Key": "test-key"}"#
        for level in levels {
            for (id, file) in [("BASE_MAP_STATE", "base_map_state"), ("BASE_MAP_STATE_CATCH", "base_map_state_catch"),
                               ("BASE_MAP_STATE_RETRY", "base_map_state_retry"), ("MAP_TASK_STATE", "map_task_state")] {
                add("test_map_state_failure_count[\(level)-\(id)]", "below_tolerated_failure",
                    call(try state(file), input: valuesInput, level: level, mock: mock("[1, 1, 1]"),
                         configuration: StepFunctions.TestStateConfiguration(mapIterationFailureCount: 0)))
                add("test_map_state_failure_count[\(level)-\(id)]", "exceeds_tolerated_failure",
                    call(try state(file), input: valuesInput, level: level, mock: mock("[0, 0, 1]"),
                         configuration: StepFunctions.TestStateConfiguration(mapIterationFailureCount: 2)))
            }
            add("test_map_state_error_caused_by_state[\(level)]", "test_case_response",
                call(try state("base_map_state"), input: #"{"Values": [1, 1, 1]}"#, level: level, mock: mockException,
                     configuration: StepFunctions.TestStateConfiguration(errorCausedByState: "TestState")))
            for (key, count) in [("below_tolerated_failure", 0), ("exceeds_tolerated_failure", 2)] {
                add("test_state_configuration_map_iteration_failure_count_with_state_error[\(level)]", key,
                    call(try state("base_map_state"), input: valuesInput, level: level, mock: mockErrorCause,
                         configuration: StepFunctions.TestStateConfiguration(errorCausedByState: "TestState", mapIterationFailureCount: count)))
                add("test_state_machine_with_state_error[\(level)]", key,
                    call(mapMachine, input: valuesInput, level: level, stateName: "State0", mock: mockErrorCause,
                         configuration: StepFunctions.TestStateConfiguration(errorCausedByState: "HandleItem", mapIterationFailureCount: count)))
                add("test_state_machine_configuration_item_reader_with_error[\(level)]", key,
                    call(readerMachine, input: readerInput, level: level, stateName: "State0", mock: mockErrorCause,
                         configuration: StepFunctions.TestStateConfiguration(
                            errorCausedByState: "HandleItem", mapIterationFailureCount: count, mapItemReaderData: "[1, 2, 3]")))
            }
            add("test_state_machine_configuration_map_iteration_item_reader[\(level)]", "test_case_response",
                call(readerMachine, input: readerInput, level: level, stateName: "State0", mock: mock("[1, 4, 9]"),
                     configuration: StepFunctions.TestStateConfiguration(mapItemReaderData: "[1, 2, 3]")))
        }
        for level in ["DEBUG", "TRACE"] {
            for (key, count) in [("below_tolerated_retry_count_with_backoff", 4), ("exceeds_tolerated_retry_count", 5)] {
                add("test_state_configuration_retrier_retry_count[\(level)]", key,
                    call(try state("base_task_state_retry"), input: valuesInput, level: level, mock: mockException,
                         configuration: StepFunctions.TestStateConfiguration(retrierRetryCount: count)))
            }
        }
    }

    /// test_state_context_object.py.
    static func addContextCases(_ cases: inout [RecordedTestStateCase], state: StateText, templates: TestStateTemplates) throws {
        func add(_ test: String, _ key: String, _ request: StepFunctions.TestStateInput, reconstructed: Bool = false) {
            cases.append(RecordedTestStateCase(test: test, key: key, request: request, reconstructed: reconstructed))
        }
        func testState(_ file: String, literal: String) throws -> String {
            let machine = try templates.value("context_object/statemachines/\(file).json5")
            let text = machine["States"]?["TestState"]?.serializedString() ?? "{}"
            return text.replacingOccurrences(of: "%CONTEXT_OBJECT_LITERAL_PLACEHOLDER%", with: literal)
        }
        let lambdaInput = #"{"FunctionName": "lambda_function_name", "Payload": {"input-value": 0}}"#
        let pokemon = #"{"pokemon": ["charizard", "pikachu", "bulbasaur"]}"#
        for (id, literal) in [("ALL", "$$"), ("EXECUTION_INPUT", "$$.Execution.Input"), ("EXECUTION_INPUT_VALUES", "$$.Execution.Input.values")] {
            add("test_state_task_context_object[\(id)]", "test_case_response",
                call(try testState("context_object_result_selector", literal: literal), input: lambdaInput, level: "TRACE", role: false,
                     mock: mock(pokemon), context: fullContext))
            add("test_state_map_context_object[\(id)]", "test_case_response",
                call(try testState("context_object_items_path", literal: literal), input: #"["fire", "electricity", "grass"]"#, level: "TRACE",
                     role: false, mock: mock(#"["CHARIZARD", "PIKACHU", "BULBASAUR"]"#), context: fullContext))
        }
        // LocalStack's template loader puts a queue URL where the template says __QUEUE_URL__.
        let waitState = try state("io_sqs_service_task_wait")
            .replacingOccurrences(of: "__QUEUE_URL__", with: "https://sqs.us-east-1.amazonaws.com/000000000000/test-queue")
        add("test_state_wait_task_context_object", "test_case_response",
            call(waitState, level: "TRACE", role: false, mock: mock(pokemon), context: fullTaskContext), reconstructed: true)
        add("test_state_context_object_invalid_states[TOKEN_TASK_NOT_SYNC]", "exception",
            call(try testState("context_object_result_selector", literal: "$$"), input: #"["fire", "electricity", "grass"]"#, level: "TRACE",
                 role: false, mock: mock(#"{"pokemon": ["CHARIZARD", "PIKACHU", "BULBASAUR"]}"#), context: fullTaskContext))
        add("test_state_context_object_invalid_states[INVALID_STATE_PASS]", "exception",
            call(try testState("context_object_input_path", literal: "$$"), input: #"["fire", "electricity", "grass"]"#, level: "TRACE",
                 role: false, mock: mock(#"{"pokemon": ["CHARIZARD", "PIKACHU", "BULBASAUR"]}"#), context: fullContext))
        for (id, context) in [("INVALID_EXECUTION_ID_TYPE", #"{"Execution": {"Id": 1}}"#), ("INVALID_MAP", #"{"Map": {}}"#),
                              ("INVALID_EXECUTION_FIELD", #"{"Execution": {"pokemon": "squirtle"}}"#), ("INVALID_FIELD", #"{"Pokedex": {}}"#)] {
            add("test_state_context_object_validation_failures[\(id)]", "exception",
                call(try state("base_sfn_start_execution"), input: #"{"stateMachineArn": "arn", "targetInput": null, "name": "exec_name"}"#,
                     level: "TRACE", role: false, mock: mock(#"{"ExecutionArn": "exec_arn", "StartDate": "2025-11-26T10:00:00"}"#), context: context))
        }
        for (id, context) in [("EMPTY_OBJECTS", #"{"Execution": {}, "State": {}, "StateMachine": {}}"#), ("EMPTY", "{}")] {
            add("test_state_context_object_edge_cases[\(id)]", "test_case_response",
                call(try testState("context_object_result_selector", literal: "$$"), input: lambdaInput, level: "TRACE", role: false,
                     mock: mock(#"{"pokemon": "pikachu"}"#), context: context))
        }
    }

    /// test_field_validation_mode.py, …_none.py, …_present.py: mocks checked against the integrated API's shapes.
    static func addFieldValidationCases(_ cases: inout [RecordedTestStateCase], state: StateText) throws {
        func add(_ test: String, _ key: String, _ request: StepFunctions.TestStateInput) {
            cases.append(RecordedTestStateCase(test: test, key: key, request: request))
        }
        let events = try state("base_events_put_events")
        let eventsInput = #"{"Entries": [{"Detail": "detail", "DetailType": "detail_type", "Source": "source"}]}"#
        let sfn = try state("base_sfn_start_execution")
        let sfnInput = #"{"stateMachineArn": "arn:aws:states:us-east-1:111111111111:stateMachine:TargetStateMachine", "targetInput": null, "name": "TestStartTarget"}"#
        let lambda = try state("base_lambda_service_task_state")
        let dynamo = try state("base_dynamodb_service_task_state")
        let s3 = try state("base_aws_api_s3_get_object")
        let kms = try state("base_aws_api_kms_encrypt")
        let getFunction = try state("base_aws_api_lambda_get_function")
        let eventErrors = [("wrong_type_top_level_field", #"{"Entries": "Entries value should have been a list of entry objects"}"#),
                           ("wrong_type_nested_field", #"{"Entries": [{"EventId": ["EventId value should have been a string not a list of strings"]}]}"#),
                           ("wrong_type_2nd_array_element", #"{"Entries": [{"EventId": "First eventId has correct type: string"}, {"EventId": ["Second eventId has incorrect type: array"]}]}"#)]
        for (prefix, mode) in [("strict", nil), ("present", "PRESENT")] as [(String, String?)] {
            for (id, result) in [("field_not_part_of_api_spec", #"{"random": "json"}"#), ("empty_json", "{}")] {
                add("test_\(prefix)_mode_mock_result_field_not_in_api_spec[\(id)]", "test_case_response",
                    call(events, input: eventsInput, mock: mock(result, mode: mode)))
            }
            for (id, result) in eventErrors {
                add("test_\(prefix)_mode_eventbridge_task[\(id)]", "validation-exception", call(events, input: eventsInput, mock: mock(result, mode: mode)))
            }
            add("test_\(prefix)_mode_lambda_task[wrong_integer_type_string]", "validation-exception",
                call(lambda, input: #"{"FunctionName": "function_name", "Payload": null}"#, mock: mock(#"{"StatusCode": "200"}"#, mode: mode)))
            add("test_\(prefix)_mode_dynamodb_task[wrong_float_type_string]", "validation-exception",
                call(dynamo, input: #"{"TableName": "table_name", "Item": {"data": {"S": "HelloWorld"}, "id": {"S": "id1"}}}"#,
                     mock: mock(#"{"ConsumedCapacity": {"CapacityUnits": "123.45"}}"#, mode: mode)))
            for (id, result) in [("wrong_long_type_string", #"{"ContentLength": "9000"}"#), ("non_existent_enum_value", #"{"StorageClass": "Papyrus"}"#)] {
                add("test_\(prefix)_mode_aws_sdk_s3_task[\(id)]", "validation-exception",
                    call(s3, input: #"{"Bucket": "bucket_name", "Key": "file_key"}"#, mock: mock(result, mode: mode)))
            }
            for (id, result) in [("wrong_blob_type_number", #"{"CiphertextBlob": 123}"#), ("wrong_blob_length_less_than_minimum", #"{"CiphertextBlob": ""}"#)] {
                add("test_\(prefix)_mode_aws_sdk_kms_task[\(id)]", "validation-exception",
                    call(kms, input: #"{"KeyId": "key_id", "Plaintext": "plain_text"}"#, mock: mock(result, mode: mode)))
            }
            for (id, result) in [("integer_less_than_minimum_allowed", #"{"Configuration": {"MemorySize": 127}}"#),
                                 ("integer_more_than_maximum_allowed", #"{"Configuration": {"MemorySize": 10241}}"#)] {
                add("test_\(prefix)_mode_aws_sdk_lambda_get_function_task[\(id)]", "validation-exception",
                    call(getFunction, input: #"{"FunctionName": "function_name"}"#, mock: mock(result, mode: mode)))
            }
        }
        for (id, result) in [("missing_required_fields", "{}"),
                             ("field_name_not_in_sfn_case", #"{"executionArn": "stringValueExecutionArn", "startDate": "stringValueStartDate"}"#),
                             ("wrong_timestamp_type_bool", #"{"ExecutionArn": "stringValueExecutionArn", "StartDate": true}"#),
                             ("wrong_timestamp_type_number", #"{"ExecutionArn": "stringValueExecutionArn", "StartDate": 1764103483}"#)] {
            add("test_strict_mode_sfn_task[\(id)]", "validation-exception", call(sfn, input: sfnInput, mock: mock(result)))
        }
        for (id, result) in [("missing_required_fields", "{}"),
                             ("field_name_not_in_sfn_case", #"{"executionArn": "stringValueExecutionArn", "startDate": "stringValueStartDate"}"#)] {
            add("test_present_mode_sfn_task_validation_pass[\(id)]", "test_state_response", call(sfn, input: sfnInput, mock: mock(result, mode: "PRESENT")))
        }
        for (id, result) in [("wrong_timestamp_type_bool", #"{"StartDate": true}"#), ("wrong_string_type_number", #"{"ExecutionArn": 1764103483}"#)] {
            add("test_present_mode_sfn_task_validation_fail[\(id)]", "validation-exception", call(sfn, input: sfnInput, mock: mock(result, mode: "PRESENT")))
        }
        for (id, result) in [("missing_required_fields", "{}"), ("wrong_timestamp_type_bool", #"{"ExecutionArn": "stringValueExecutionArn", "StartDate": true}"#)] {
            add("test_none_mode_sfn_task[\(id)]", "test_state_response", call(sfn, input: sfnInput, mock: mock(result, mode: "NONE")))
        }
    }
}
