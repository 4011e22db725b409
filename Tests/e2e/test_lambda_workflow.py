"""A workflow calling two real functions: lambda:invoke with Retry, a function ARN with Catch, a missing function,
and lambda:invoke.waitForTaskToken answered by the handler itself through boto3."""
import json

from sfn_support import wait_for
from test_lambda_support import ACCOUNT, REGION, python_function, unique

FLAKY = (
    "attempts = 0\n"
    "class TransientError(Exception):\n"
    "    pass\n"
    "def handler(event, context):\n"
    "    global attempts\n"
    "    attempts += 1\n"
    "    if attempts == 1:\n"
    "        raise TransientError('try again')\n"
    "    return {'valid': True, 'count': len(event['items']), 'attempts': attempts}\n"
)
PROCESS = (
    "def handler(event, context):\n"
    "    if event.get('fail'):\n"
    "        raise ValueError('cannot process ' + str(event['count']))\n"
    "    return {'processed': event['count']}\n"
)


def machine(sfn, definition: dict) -> str:
    return sfn.create_state_machine(name=unique("wf"), roleArn=f"arn:aws:iam::{ACCOUNT}:role/sfn",
                                    definition=json.dumps(definition))["stateMachineArn"]


def test_two_functions_with_retry_and_catch(stratus):
    lam, sfn = stratus.client("lambda"), stratus.client("stepfunctions")
    validate = python_function(lam, FLAKY)
    process = python_function(lam, PROCESS)
    process_arn = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{process}"
    arn = machine(sfn, {
        "StartAt": "Validate",
        "States": {
            "Validate": {
                "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": validate, "Payload.$": "$"},
                "ResultSelector": {"validation.$": "$.Payload", "version.$": "$.ExecutedVersion", "status.$": "$.StatusCode"},
                "ResultPath": "$.check",
                "Retry": [{"ErrorEquals": ["TransientError"], "IntervalSeconds": 1, "MaxAttempts": 2}],
                "Next": "Process",
            },
            "Process": {
                "Type": "Task", "Resource": process_arn,
                "Parameters": {"count.$": "$.check.validation.count", "fail.$": "$.fail"},
                "Catch": [{"ErrorEquals": ["ValueError"], "ResultPath": "$.error", "Next": "Fallback"}],
                "End": True,
            },
            "Fallback": {"Type": "Pass", "End": True},
        },
    })
    ok = sfn.start_execution(stateMachineArn=arn, input=json.dumps({"items": [1, 2, 3], "fail": False}))
    done = wait_for(sfn, ok["executionArn"], timeout=30)
    assert done["status"] == "SUCCEEDED", done
    assert json.loads(done["output"]) == {"processed": 3}
    events = sfn.get_execution_history(executionArn=ok["executionArn"])["events"]
    types = [e["type"] for e in events]
    assert types.count("TaskFailed") == 1 and types.count("TaskSucceeded") == 1
    failed = next(e for e in events if e["type"] == "TaskFailed")["taskFailedEventDetails"]
    assert failed["error"] == "TransientError" and failed["resourceType"] == "lambda" and failed["resource"] == "invoke"
    assert json.loads(failed["cause"])["errorMessage"] == "try again"
    succeeded = json.loads(next(e for e in events if e["type"] == "TaskSucceeded")["taskSucceededEventDetails"]["output"])
    assert succeeded["StatusCode"] == 200 and succeeded["ExecutedVersion"] == "$LATEST"
    assert succeeded["Payload"]["count"] == 3
    assert succeeded["SdkHttpMetadata"]["HttpStatusCode"] == 200 and "RequestId" in succeeded["SdkResponseMetadata"]
    assert "LambdaFunctionScheduled" in types and "LambdaFunctionSucceeded" in types

    caught = sfn.start_execution(stateMachineArn=arn, input=json.dumps({"items": [1], "fail": True}))
    done = wait_for(sfn, caught["executionArn"], timeout=30)
    assert done["status"] == "SUCCEEDED", done
    output = json.loads(done["output"])
    assert output["error"]["Error"] == "ValueError"
    assert json.loads(output["error"]["Cause"])["errorMessage"] == "cannot process 1"
    history = sfn.get_execution_history(executionArn=caught["executionArn"])["events"]
    assert any(e["type"] == "LambdaFunctionFailed" for e in history)


def test_missing_function_fails_with_lambdas_error(stratus):
    sfn = stratus.client("stepfunctions")
    missing = unique("missing")
    arn = machine(sfn, {"StartAt": "Call", "States": {"Call": {
        "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": missing, "Payload": {}}, "End": True}}})
    execution = sfn.start_execution(stateMachineArn=arn)
    done = wait_for(sfn, execution["executionArn"], timeout=15)
    assert done["status"] == "FAILED"
    assert done["error"] == "Lambda.ResourceNotFoundException"
    assert done["cause"].startswith(
        f"Function not found: arn:aws:lambda:{REGION}:{ACCOUNT}:function:{missing}:$LATEST (Service: AWSLambda; "
        "Status Code: 404; Error Code: ResourceNotFoundException; Request ID: ")


def test_wait_for_task_token_answered_by_the_handler(stratus):
    lam, sfn = stratus.client("lambda"), stratus.client("stepfunctions")
    name = python_function(lam, (
        "import boto3, json\n"
        "def handler(event, context):\n"
        "    boto3.client('stepfunctions').send_task_success(taskToken=event['token'],\n"
        "                                                    output=json.dumps({'approved': event['order']}))\n"
        "    return 'sent'\n"), Timeout=30)
    arn = machine(sfn, {"StartAt": "Ask", "States": {"Ask": {
        "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
        "Parameters": {"FunctionName": name, "Payload": {"token.$": "$$.Task.Token", "order.$": "$.order"}},
        "TimeoutSeconds": 60, "End": True}}})
    execution = sfn.start_execution(stateMachineArn=arn, input=json.dumps({"order": 42}))
    done = wait_for(sfn, execution["executionArn"], timeout=30)
    assert done["status"] == "SUCCEEDED", done
    assert json.loads(done["output"]) == {"approved": 42}


RAISE = "def handler(event, context):\n    raise Exception(\"Some exception was raised.\")\n"
BYTES = "def handler(event, context):\n    return b'\"HelloWorld!\"'\n"
LARGE = "def handler(event, context):\n    return ('a' * (257 * 1024)).encode('utf-8')\n"


def test_results_and_errors_as_aws_records_them(stratus):
    lam, sfn = stratus.client("lambda"), stratus.client("stepfunctions")
    raising, returning_bytes, large = python_function(lam, RAISE), python_function(lam, BYTES), python_function(lam, LARGE)
    arn = machine(sfn, {"StartAt": "Invoke", "States": {
        "Invoke": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Parameters": {"FunctionName.$": "$.FunctionName", "Payload.$": "$.Payload"},
                   "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}], "End": True},
        "Handled": {"Type": "Pass", "End": True}}})

    def run(function):
        started = sfn.start_execution(stateMachineArn=arn, input=json.dumps({"FunctionName": function, "Payload": None}))
        assert wait_for(sfn, started["executionArn"], timeout=30)["status"] == "SUCCEEDED"
        return sfn.get_execution_history(executionArn=started["executionArn"])["events"]

    # An unhandled error's cause is the runtime's error document, written compactly (as Step Functions does).
    failed = next(e for e in run(raising) if e["type"] == "TaskFailed")["taskFailedEventDetails"]
    assert failed["error"] == "Exception"
    assert failed["cause"].startswith('{"errorMessage":"Some exception was raised.","errorType":"Exception","requestId":"')
    assert list(json.loads(failed["cause"])) == ["errorMessage", "errorType", "requestId", "stackTrace"]
    # Stack traces name the code directory /var/task, as on Lambda.
    assert json.loads(failed["cause"])["stackTrace"] == [
        '  File "/var/task/app.py", line 2, in handler\n    raise Exception("Some exception was raised.")\n']

    # Bytes a Python handler returns are the response as they are; the result carries Lambda's headers.
    events = run(returning_bytes)
    output = json.loads(next(e for e in events if e["type"] == "TaskSucceeded")["taskSucceededEventDetails"]["output"])
    assert output["Payload"] == "HelloWorld!" and output["StatusCode"] == 200
    headers = output["SdkHttpMetadata"]["HttpHeaders"]
    assert set(headers) == {"Connection", "Content-Length", "Content-Type", "Date", "X-Amz-Executed-Version",
                            "x-amzn-Remapped-Content-Length", "x-amzn-RequestId", "X-Amzn-Trace-Id"}
    assert headers["Content-Length"] == "13" and headers["Connection"] == "keep-alive"
    assert headers["X-Amzn-Trace-Id"].startswith("Root=1-")
    assert output["SdkHttpMetadata"]["AllHttpHeaders"]["Content-Type"] == ["application/json"]

    # A result over 256 KB fails the task (caught here), naming the resource.
    failed = next(e for e in run(large) if e["type"] == "TaskFailed")["taskFailedEventDetails"]
    assert failed == {"resourceType": "lambda", "resource": "invoke", "error": "States.DataLimitExceeded",
                      "cause": "The state/task 'arn:aws:states:::lambda:invoke' returned a result with a size exceeding "
                               "the maximum number of bytes service limit."}

    # With a function ARN as the resource, the cause is the error document as the runtime wrote it.
    raising_arn = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{raising}"
    legacy = machine(sfn, {"StartAt": "Invoke", "States": {"Invoke": {"Type": "Task", "Resource": raising_arn, "End": True}}})
    started = sfn.start_execution(stateMachineArn=legacy, input="{}")
    assert wait_for(sfn, started["executionArn"], timeout=30)["status"] == "FAILED"
    events = sfn.get_execution_history(executionArn=started["executionArn"])["events"]
    cause = next(e for e in events if e["type"] == "LambdaFunctionFailed")["lambdaFunctionFailedEventDetails"]["cause"]
    assert cause.startswith('{"errorMessage": "Some exception was raised.", "errorType": "Exception", "requestId": "')

    function_arn = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{large}"
    direct = machine(sfn, {"StartAt": "Invoke", "States": {
        "Invoke": {"Type": "Task", "Resource": function_arn,
                   "Catch": [{"ErrorEquals": ["States.DataLimitExceeded"], "Next": "Handled"}], "End": True},
        "Handled": {"Type": "Pass", "End": True}}})
    started = sfn.start_execution(stateMachineArn=direct, input="{}")
    assert wait_for(sfn, started["executionArn"], timeout=30)["status"] == "SUCCEEDED"
    events = sfn.get_execution_history(executionArn=started["executionArn"])["events"]
    assert "LambdaFunctionSucceeded" not in [e["type"] for e in events]
    assert next(e for e in events if e["type"] == "LambdaFunctionFailed")["lambdaFunctionFailedEventDetails"] == {
        "error": "States.DataLimitExceeded",
        "cause": f"The state/task '{function_arn}' returned a result with a size exceeding the maximum number of bytes "
                 "service limit."}


def test_python_runtime_answers_bytes_raw_and_utf8_json(stratus):
    lam = stratus.client("lambda")
    raw = python_function(lam, BYTES)
    assert lam.invoke(FunctionName=raw)["Payload"].read() == b'"HelloWorld!"'
    text = "def handler(event, context):\n    return {'word': 'caf\\u00e9'}\n"
    modern = python_function(lam, text, runtime="python3.12")
    assert lam.invoke(FunctionName=modern)["Payload"].read() == '{"word": "café"}'.encode()
    older = python_function(lam, text, runtime="python3.11")
    assert lam.invoke(FunctionName=older)["Payload"].read() == b'{"word": "caf\\u00e9"}'
