"""Step Functions TestState (one state evaluated once) through boto3 and the AWS CLI against the built binary:
inspection levels, Choice, Fail, Task on the real SQS integration, mocks, Retry/Catch decisions, a state of a whole
machine with variables, Map/Parallel from a mock, a real Lambda function, and the request checks in AWS's words. TestState carries the
`sync-` host prefix, which does not resolve locally: clients turn it off (`inject_host_prefix=False`,
`AWS_DISABLE_HOST_PREFIX_INJECTION=true`)."""
import json

import pytest
from sfn_support import ACCOUNT, REGION, ROLE, error_of, unique
from test_lambda_support import python_function


@pytest.fixture
def sfn(stratus):
    return stratus.client("stepfunctions", inject_host_prefix=False)


def test_pass_state_at_each_inspection_level(sfn):
    definition = json.dumps({"Type": "Pass", "InputPath": "$.data", "Parameters": {"doubled.$": "States.MathAdd($.n, $.n)"},
                             "ResultPath": "$.result", "Next": "Done"})
    given = json.dumps({"data": {"n": 21}})
    info = sfn.test_state(definition=definition, input=given)
    assert info["status"] == "SUCCEEDED" and info["nextState"] == "Done"
    assert json.loads(info["output"]) == {"data": {"n": 21}, "result": {"doubled": 42}}
    assert "inspectionData" not in info
    for level in ("DEBUG", "TRACE"):
        debug = sfn.test_state(definition=definition, input=given, inspectionLevel=level)["inspectionData"]
        assert json.loads(debug["input"]) == {"data": {"n": 21}}
        assert json.loads(debug["afterInputPath"]) == {"n": 21}
        assert json.loads(debug["afterParameters"]) == {"doubled": 42}
        assert json.loads(debug["afterResultPath"]) == {"data": {"n": 21}, "result": {"doubled": 42}}


def test_choice_fail_and_wait(sfn):
    choice = json.dumps({"Type": "Choice", "Choices": [{"Variable": "$.cost", "NumericLessThan": 10, "Next": "Approve"}],
                         "Default": "Ask"})
    assert sfn.test_state(definition=choice, input='{"cost": 9}')["nextState"] == "Approve"
    assert sfn.test_state(definition=choice, input='{"cost": 10}')["nextState"] == "Ask"
    failed = sfn.test_state(definition=json.dumps({"Type": "Fail", "Error": "Nope", "Cause": "no reason"}))
    assert (failed["status"], failed["error"], failed["cause"]) == ("FAILED", "Nope", "no reason")
    waited = sfn.test_state(definition=json.dumps({"Type": "Wait", "Seconds": 86400, "Next": "Later"}), input='{"a": 1}')
    assert waited["status"] == "SUCCEEDED" and waited["nextState"] == "Later" and json.loads(waited["output"]) == {"a": 1}


def test_task_sends_a_real_sqs_message(stratus, sfn):
    sqs = stratus.client("sqs")
    url = sqs.create_queue(QueueName=unique("ts"))["QueueUrl"]
    definition = json.dumps({"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                             "Parameters": {"QueueUrl": url, "MessageBody.$": "$.body"},
                             "ResultSelector": {"id.$": "$.MessageId"}, "End": True})
    answer = sfn.test_state(definition=definition, roleArn=ROLE, input='{"body": "from TestState"}', inspectionLevel="DEBUG")
    assert answer["status"] == "SUCCEEDED", answer
    message = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=5)["Messages"][0]
    assert message["Body"] == "from TestState"
    assert json.loads(answer["output"]) == {"id": message["MessageId"]}
    assert json.loads(answer["inspectionData"]["result"])["MessageId"] == message["MessageId"]
    missing = sfn.test_state(definition=definition.replace(url, url + "-missing"), roleArn=ROLE, input='{"body": "x"}')
    assert missing["status"] == "FAILED" and missing["error"] == "SQS.QueueDoesNotExistException"
    glue_task = json.dumps({"Type": "Task", "Resource": "arn:aws:states:::glue:startJobRun", "Parameters": {"JobName": "j"},
                            "End": True})
    unsupported = sfn.test_state(definition=glue_task, roleArn=ROLE)
    assert unsupported["status"] == "FAILED" and unsupported["error"] == "Stratus.UnsupportedIntegration"


def test_mocked_errors_meet_retry_and_catch(sfn):
    definition = json.dumps({"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::lambda:invoke",
                             "Arguments": {"FunctionName": "f"},
                             "Retry": [{"ErrorEquals": ["Flaky"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 3}],
                             "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handle"}], "End": True})
    mock = {"errorOutput": {"error": "Flaky", "cause": "try again"}}
    retriable = sfn.test_state(definition=definition, inspectionLevel="DEBUG", mock=mock, stateConfiguration={"retrierRetryCount": 1})
    assert retriable["status"] == "RETRIABLE"
    assert retriable["inspectionData"]["errorDetails"] == {"retryIndex": 0, "retryBackoffIntervalSeconds": 6}
    caught = sfn.test_state(definition=definition, inspectionLevel="DEBUG", mock=mock, stateConfiguration={"retrierRetryCount": 3})
    assert caught["status"] == "CAUGHT_ERROR" and caught["nextState"] == "Handle"
    assert json.loads(caught["output"]) == {"Error": "Flaky", "Cause": "try again"}
    assert caught["inspectionData"]["errorDetails"] == {"retryIndex": 0, "catchIndex": 0}
    succeeded = sfn.test_state(definition=definition, mock={"result": '{"Payload": "done", "StatusCode": 200}'})
    assert succeeded["status"] == "SUCCEEDED" and json.loads(succeeded["output"]) == {"Payload": "done", "StatusCode": 200}
    # Mocked results are checked against the integrated API's model (STRICT by default).
    wrong = error_of(sfn.test_state, definition=definition, mock={"result": '{"StatusCode": "200"}'})
    assert wrong == {"Code": "ValidationException", "Message": "Mock result schema validation error: Field 'StatusCode' must be a number"}
    unchecked = sfn.test_state(definition=definition, mock={"result": '{"StatusCode": "200"}', "fieldValidationMode": "NONE"})
    assert unchecked["status"] == "SUCCEEDED"


def test_mocked_sdk_results_of_services_stratus_does_not_run(sfn):
    # KMS and Secrets Manager are not run by Stratus, but their models check mocked aws-sdk results as on AWS.
    encrypt = json.dumps({"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:kms:encrypt",
                          "Parameters": {"KeyId": "alias/k", "Plaintext": "x"}, "End": True})
    ok = sfn.test_state(definition=encrypt, roleArn=ROLE, mock={"result": '{"CiphertextBlob": "AQID", "KeyId": "k"}'})
    assert ok["status"] == "SUCCEEDED" and json.loads(ok["output"])["CiphertextBlob"] == "AQID"
    assert error_of(sfn.test_state, definition=encrypt, roleArn=ROLE, mock={"result": '{"CiphertextBlob": 123}'}) == {
        "Code": "ValidationException", "Message": "Mock result schema validation error: Field 'CiphertextBlob' must be a string"}
    assert error_of(sfn.test_state, definition=encrypt, roleArn=ROLE,
                    mock={"result": '{"CiphertextBlob": ""}', "fieldValidationMode": "PRESENT"}) == {
        "Code": "ValidationException",
        "Message": "Mock result schema validation error: Field 'CiphertextBlob' is smaller than the minimum length"}
    secret = json.dumps({"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:secretsmanager:getSecretValue",
                         "Parameters": {"SecretId": "s"}, "End": True})
    assert error_of(sfn.test_state, definition=secret, roleArn=ROLE, mock={"result": '{"VersionStages": "AWSCURRENT"}'}) == {
        "Code": "ValidationException", "Message": "Mock result schema validation error: Field 'VersionStages' must be an array"}


def test_state_of_a_machine_with_variables_and_context(sfn):
    machine = json.dumps({"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "B"},
        "B": {"Type": "Pass", "QueryLanguage": "JSONata",
              "Output": {"greeting": "{% $greeting & ' ' & $states.input.name %}", "execution": "{% $states.context.Execution.Name %}"},
              "End": True}}})
    answer = sfn.test_state(definition=machine, stateName="B", input='{"name": "Ada"}', variables='{"greeting": "hello"}',
                            context='{"Execution": {"Name": "given"}}', inspectionLevel="DEBUG")
    assert json.loads(answer["output"]) == {"greeting": "hello Ada", "execution": "given"}
    assert json.loads(answer["inspectionData"]["variables"]) == {"greeting": "hello"}
    assert error_of(sfn.test_state, definition=machine, stateName="C")["Message"] == "State not found in definition"


def test_map_and_parallel_need_a_mock(sfn):
    parallel = json.dumps({"Type": "Parallel", "End": True, "Branches": [
        {"StartAt": "X", "States": {"X": {"Type": "Pass", "End": True}}},
        {"StartAt": "Y", "States": {"Y": {"Type": "Pass", "End": True}}}]})
    refused = error_of(sfn.test_state, definition=parallel)
    assert refused["Code"] == "InvalidDefinition" and refused["Message"].startswith("TestState API does not support Map or Parallel")
    assert json.loads(sfn.test_state(definition=parallel, mock={"result": "[1, 2]"})["output"]) == [1, 2]
    mapped = json.dumps({"Type": "Map", "ItemsPath": "$.items", "ToleratedFailureCount": 0, "End": True,
                         "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}})
    over = sfn.test_state(definition=mapped, input='{"items": [1, 2]}', mock={"result": "[1, 2]"},
                          stateConfiguration={"mapIterationFailureCount": 1}, inspectionLevel="DEBUG")
    assert over["status"] == "FAILED" and over["error"] == "States.ExceedToleratedFailureThreshold"
    assert json.loads(over["inspectionData"]["afterItemsPath"]) == [1, 2]


def test_request_checks(sfn):
    task = json.dumps({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": True})
    assert error_of(sfn.test_state, definition=task) == {
        "Code": "ValidationException", "Message": "RoleArn must be specified when testing a Task state"}
    assert error_of(sfn.test_state, definition='{"Type": "Pass", "End": true}', input="{")["Code"] == "InvalidExecutionInput"
    assert error_of(sfn.test_state, definition='{"Type": "Pass", "End": true}', mock={"result": "{}"})["Message"] \
        == "State type 'Pass' is not supported when a mock is specified"
    invalid = error_of(sfn.test_state, definition='{"Type": "Pass"}')
    assert invalid["Code"] == "InvalidDefinition" and invalid["Message"].startswith("Invalid State Machine Definition")


def test_test_state_through_the_cli(stratus, monkeypatch):
    monkeypatch.setenv("AWS_DISABLE_HOST_PREFIX_INJECTION", "true")
    done = stratus.cli("stepfunctions", "test-state", "--definition", json.dumps({"Type": "Pass", "Result": {"ok": True}, "End": True}),
                       "--inspection-level", "DEBUG")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["status"] == "SUCCEEDED" and json.loads(answer["output"]) == {"ok": True}
    assert json.loads(answer["inspectionData"]["result"]) == {"ok": True}
    refused = stratus.cli("stepfunctions", "test-state", "--definition", json.dumps({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": True}))
    assert refused.returncode != 0 and "RoleArn must be specified" in refused.stderr


def test_task_invokes_a_real_lambda_function(stratus, sfn):
    name = python_function(stratus.client("lambda"), "def handler(event, context):\n    return event['inputData'] + '!'\n")
    function_arn = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}"
    answer = sfn.test_state(definition=json.dumps({"Type": "Task", "Resource": function_arn, "End": True}), roleArn=ROLE,
                            input='{"inputData": "HelloWorld"}', inspectionLevel="DEBUG")
    assert answer["status"] == "SUCCEEDED", answer
    assert json.loads(answer["output"]) == "HelloWorld!"
    assert json.loads(answer["inspectionData"]["result"]) == "HelloWorld!"
    invoke = json.dumps({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                         "Parameters": {"FunctionName": name, "Payload.$": "$"}, "OutputPath": "$.Payload", "End": True})
    answer = sfn.test_state(definition=invoke, roleArn=ROLE, input='{"inputData": "Hi"}')
    assert answer["status"] == "SUCCEEDED" and json.loads(answer["output"]) == "Hi!", answer
