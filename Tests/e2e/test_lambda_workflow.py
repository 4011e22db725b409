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
