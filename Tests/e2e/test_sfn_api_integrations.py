"""Step Functions Task states on the SQS integration (`arn:aws:states:::sqs:sendMessage` and its
`.waitForTaskToken` form) and the task-token callbacks (SendTaskSuccess/Failure/Heartbeat), through boto3 and the
AWS CLI against the built binary."""
import hashlib
import json
import signal
import uuid

import pytest
from sfn_support import ACCOUNT, ROLE, error_of, unique, wait_for

SEND = "arn:aws:states:::sqs:sendMessage"
SEND_WAIT = "arn:aws:states:::sqs:sendMessage.waitForTaskToken"


def machine(sfn, states: dict, start: str = "T") -> str:
    return sfn.create_state_machine(name=unique("sm"), definition=json.dumps({"StartAt": start, "States": states}),
                                    roleArn=ROLE)["stateMachineArn"]


def receive_one(sqs, url: str) -> dict:
    messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=5, MessageAttributeNames=["All"])["Messages"]
    assert len(messages) == 1
    return messages[0]


@pytest.fixture
def clients(stratus):
    return stratus.client("stepfunctions"), stratus.client("sqs")


def test_send_message_sends_json_body_and_attributes(clients):
    sfn, sqs = clients
    url = sqs.create_queue(QueueName=unique("q"))["QueueUrl"]
    arn = machine(sfn, {"T": {"Type": "Task", "Resource": SEND, "Parameters": {
        "QueueUrl": url, "MessageBody.$": "$.order", "DelaySeconds": 0,
        "MessageAttributes": {"kind": {"DataType": "String", "StringValue": "order"}}}, "End": True}})
    execution = sfn.start_execution(stateMachineArn=arn, input=json.dumps({"order": {"id": 7, "items": ["a"]}}))
    described = wait_for(sfn, execution["executionArn"])
    assert described["status"] == "SUCCEEDED", described
    output = json.loads(described["output"])
    message = receive_one(sqs, url)
    assert json.loads(message["Body"]) == {"id": 7, "items": ["a"]}
    assert message["MessageAttributes"]["kind"]["StringValue"] == "order"
    assert output["MessageId"] == message["MessageId"]
    assert output["MD5OfMessageBody"] == hashlib.md5(message["Body"].encode()).hexdigest()
    assert "MD5OfMessageAttributes" in output
    assert output["SdkHttpMetadata"]["HttpStatusCode"] == 200
    assert output["SdkResponseMetadata"]["RequestId"]
    events = [event["type"] for event in sfn.get_execution_history(executionArn=execution["executionArn"])["events"]]
    assert "TaskSucceeded" in events


def test_send_message_errors_become_task_failures(clients):
    sfn, sqs = clients
    url = sqs.create_queue(QueueName=unique("q"))["QueueUrl"]
    missing = url.rsplit("/", 1)[0] + "/" + unique("missing")
    arn = machine(sfn, {"T": {"Type": "Task", "Resource": SEND,
                              "Parameters": {"QueueUrl": missing, "MessageBody": "x"}, "End": True}})
    described = wait_for(sfn, sfn.start_execution(stateMachineArn=arn)["executionArn"])
    assert described["status"] == "FAILED"
    assert described["error"] == "SQS.QueueDoesNotExistException"
    assert described["cause"]
    caught = machine(sfn, {
        "T": {"Type": "Task", "Resource": SEND, "Parameters": {"QueueUrl": missing, "MessageBody": "x"},
              "Catch": [{"ErrorEquals": ["SQS.QueueDoesNotExistException"], "ResultPath": "$.error", "Next": "Ok"}],
              "End": True},
        "Ok": {"Type": "Pass", "End": True}})
    recovered = wait_for(sfn, sfn.start_execution(stateMachineArn=caught)["executionArn"])
    assert recovered["status"] == "SUCCEEDED"
    assert json.loads(recovered["output"])["error"]["Error"] == "SQS.QueueDoesNotExistException"
    bad = machine(sfn, {"T": {"Type": "Task", "Resource": SEND,
                              "Parameters": {"QueueUrl": url, "MessageBody": "x", "Bogus": 1}, "End": True}})
    failed = wait_for(sfn, sfn.start_execution(stateMachineArn=bad)["executionArn"])
    assert failed["status"] == "FAILED" and failed["error"] == "States.Runtime" and "Bogus" in failed["cause"]


def callback_machine(sfn, url: str, timeout: int | None = None, heartbeat: int | None = None) -> str:
    task = {"Type": "Task", "Resource": SEND_WAIT, "Parameters": {
        "QueueUrl": url, "MessageBody": {"input.$": "$", "token.$": "$$.Task.Token"}}, "End": True}
    if timeout:
        task["TimeoutSeconds"] = timeout
    if heartbeat:
        task["HeartbeatSeconds"] = heartbeat
    return machine(sfn, {"T": task})


def test_wait_for_task_token_success_and_failure(clients):
    sfn, sqs = clients
    url = sqs.create_queue(QueueName=unique("q"))["QueueUrl"]
    arn = callback_machine(sfn, url)
    execution = sfn.start_execution(stateMachineArn=arn, input='{"n": 1}')["executionArn"]
    body = json.loads(receive_one(sqs, url)["Body"])
    assert body["input"] == {"n": 1}
    token = body["token"]
    assert sfn.describe_execution(executionArn=execution)["status"] == "RUNNING"
    sfn.send_task_heartbeat(taskToken=token)
    assert error_of(sfn.send_task_success, taskToken=token, output="{nope")["Code"] == "InvalidOutput"
    sfn.send_task_success(taskToken=token, output=json.dumps({"done": True}))
    described = wait_for(sfn, execution)
    assert described["status"] == "SUCCEEDED" and json.loads(described["output"]) == {"done": True}
    assert error_of(sfn.send_task_success, taskToken=token, output="{}")["Code"] == "TaskTimedOut"
    assert error_of(sfn.send_task_heartbeat, taskToken=str(uuid.uuid4()))["Code"] == "TaskDoesNotExist"
    assert error_of(sfn.send_task_failure, taskToken="not-a-token")["Code"] == "InvalidToken"
    # A malformed token is refused before the output is read, with AWS's words (recorded).
    assert error_of(sfn.send_task_success, taskToken="not-a-token", output="{nope") == {
        "Code": "InvalidToken", "Message": "Invalid Token: 'Invalid token'"}

    second = sfn.start_execution(stateMachineArn=arn, input='{"n": 2}')["executionArn"]
    token = json.loads(receive_one(sqs, url)["Body"])["token"]
    sfn.send_task_failure(taskToken=token, error="Worker.Failed", cause="could not do it")
    failed = wait_for(sfn, second)
    assert failed["status"] == "FAILED"
    assert failed["error"] == "Worker.Failed" and failed["cause"] == "could not do it"


def test_wait_for_task_token_times_out(clients):
    sfn, sqs = clients
    url = sqs.create_queue(QueueName=unique("q"))["QueueUrl"]
    execution = sfn.start_execution(stateMachineArn=callback_machine(sfn, url, timeout=1))["executionArn"]
    token = json.loads(receive_one(sqs, url)["Body"])["token"]
    described = wait_for(sfn, execution, timeout=10)
    assert described["status"] == "FAILED" and described["error"] == "States.Timeout"
    assert error_of(sfn.send_task_success, taskToken=token, output="{}")["Code"] == "TaskTimedOut"
    silent = sfn.start_execution(stateMachineArn=callback_machine(sfn, url, heartbeat=1))["executionArn"]
    receive_one(sqs, url)
    missed = wait_for(sfn, silent, timeout=10)
    # AWS names a missed heartbeat of a task token States.Timeout (activities: States.HeartbeatTimeout).
    assert missed["status"] == "FAILED" and missed["error"] == "States.Timeout"


def test_callbacks_through_the_cli(stratus, clients):
    sfn, sqs = clients
    url = sqs.create_queue(QueueName=unique("q"))["QueueUrl"]
    arn = callback_machine(sfn, url)
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    token = json.loads(receive_one(sqs, url)["Body"])["token"]
    beat = stratus.cli("stepfunctions", "send-task-heartbeat", "--task-token", token)
    assert beat.returncode == 0, beat.stderr
    done = stratus.cli("stepfunctions", "send-task-success", "--task-token", token, "--task-output", '{"cli": 1}')
    assert done.returncode == 0, done.stderr
    assert json.loads(wait_for(sfn, execution)["output"]) == {"cli": 1}
    again = stratus.cli("stepfunctions", "send-task-failure", "--task-token", token)
    assert again.returncode != 0 and "TaskTimedOut" in again.stderr


def test_waiting_token_survives_kill_9(fresh_stratus, tmp_path):
    server = fresh_stratus(data_dir=str(tmp_path))
    sfn, sqs = server.client("stepfunctions"), server.client("sqs")
    url = sqs.create_queue(QueueName=unique("q"))["QueueUrl"]
    execution = sfn.start_execution(stateMachineArn=callback_machine(sfn, url), input='{"n": 5}')["executionArn"]
    token = json.loads(receive_one(sqs, url)["Body"])["token"]
    server.stop(sig=signal.SIGKILL)

    restarted = fresh_stratus(data_dir=str(tmp_path))
    again = restarted.client("stepfunctions")
    assert again.describe_execution(executionArn=execution)["status"] == "RUNNING"
    again.send_task_success(taskToken=token, output='{"after": "restart"}')
    described = wait_for(again, execution)
    assert described["status"] == "SUCCEEDED" and json.loads(described["output"]) == {"after": "restart"}
