"""Step Functions RedriveExecution through boto3 and the AWS CLI against the built binary: a failed execution is
redriven once its cause is fixed (a Task on an SQS queue that did not exist yet), only the unsuccessful parts run
again, DescribeExecution/ListExecutions report the redrive, clientToken is idempotent, and a redrive survives kill -9."""
import json
import signal
import time

from sfn_support import ROLE, error_of, unique, wait_for

SEND = "arn:aws:states:::sqs:sendMessage"


def machine(sfn, states: dict, start: str, type_: str = "STANDARD") -> str:
    return sfn.create_state_machine(name=unique("sm"), definition=json.dumps({"StartAt": start, "States": states}),
                                    roleArn=ROLE, type=type_)["stateMachineArn"]


def missing_queue_url(sqs) -> tuple[str, str]:
    """A queue name and the URL it will have once created (it does not exist yet)."""
    probe = sqs.create_queue(QueueName=unique("probe"))["QueueUrl"]
    name = unique("later")
    return name, probe.rsplit("/", 1)[0] + "/" + name


def history_types(sfn, arn: str) -> list[str]:
    return [event["type"] for event in sfn.get_execution_history(executionArn=arn, maxResults=1000)["events"]]


def messages(sqs, url: str) -> list[str]:
    received = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
    return [message["Body"] for message in received]


def test_a_failed_task_is_redriven_once_its_queue_exists(stratus):
    sfn, sqs = stratus.client("stepfunctions"), stratus.client("sqs")
    name, url = missing_queue_url(sqs)
    arn = machine(sfn, {
        "Prepare": {"Type": "Pass", "Result": {"order": 7}, "Next": "Send"},
        "Send": {"Type": "Task", "Resource": SEND, "Parameters": {"QueueUrl": url, "MessageBody.$": "$"},
                 "ResultSelector": {"id.$": "$.MessageId"}, "End": True},
    }, "Prepare")
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    failed = wait_for(sfn, execution)
    assert failed["status"] == "FAILED" and failed["error"] == "SQS.QueueDoesNotExistException", failed
    assert failed["redriveCount"] == 0 and failed["redriveStatus"] == "REDRIVABLE"
    assert "redriveDate" not in failed and "redriveStatusReason" not in failed
    not_redriven = sfn.list_executions(stateMachineArn=arn, redriveFilter="NOT_REDRIVEN")["executions"]
    assert [item["executionArn"] for item in not_redriven] == [execution]
    assert sfn.list_executions(stateMachineArn=arn, redriveFilter="REDRIVEN")["executions"] == []

    created = sqs.create_queue(QueueName=name)["QueueUrl"]
    assert created == url
    redriven = sfn.redrive_execution(executionArn=execution)
    described = wait_for(sfn, execution)
    assert described["status"] == "SUCCEEDED", described
    assert described["redriveCount"] == 1 and described["redriveDate"] == redriven["redriveDate"]
    assert described["redriveStatus"] == "NOT_REDRIVABLE"
    assert described["redriveStatusReason"] == "Execution is SUCCEEDED and cannot be redriven"
    assert described["stopDate"] >= redriven["redriveDate"]
    assert json.loads(messages(sqs, url)[0]) == {"order": 7}
    assert set(json.loads(described["output"])) == {"id"}

    events = sfn.get_execution_history(executionArn=execution)["events"]
    types = [event["type"] for event in events]
    at = types.index("ExecutionRedriven")
    assert types[at - 1] == "ExecutionFailed"
    assert events[at]["executionRedrivenEventDetails"] == {"redriveCount": 1}
    assert events[at]["previousEventId"] == events[at - 1]["id"]
    assert types[at:] == ["ExecutionRedriven", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded",
                          "TaskStateExited", "ExecutionSucceeded"]
    assert types.count("PassStateEntered") == 1  # the Pass state that succeeded is not run again
    redriven_items = sfn.list_executions(stateMachineArn=arn, redriveFilter="REDRIVEN")["executions"]
    assert [item["executionArn"] for item in redriven_items] == [execution]
    assert redriven_items[0]["redriveCount"] == 1 and redriven_items[0]["redriveDate"] == redriven["redriveDate"]


def test_a_parallel_runs_only_the_branch_that_failed(stratus):
    sfn, sqs = stratus.client("stepfunctions"), stratus.client("sqs")
    present = sqs.create_queue(QueueName=unique("present"))["QueueUrl"]
    name, later = missing_queue_url(sqs)
    branch = lambda url, body: {"StartAt": body, "States": {body: {  # noqa: E731
        "Type": "Task", "Resource": SEND, "Parameters": {"QueueUrl": url, "MessageBody": body},
        "ResultSelector": {"sent": body}, "End": True}}}
    slow = branch(later, "b")
    slow["States"]["pause"] = {"Type": "Wait", "Seconds": 1, "Next": "b"}
    slow["StartAt"] = "pause"  # branch a has succeeded (not been stopped) when branch b fails
    arn = machine(sfn, {"P": {"Type": "Parallel", "Branches": [branch(present, "a"), slow], "End": True}}, "P")
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    assert wait_for(sfn, execution)["status"] == "FAILED"
    sqs.create_queue(QueueName=name)
    sfn.redrive_execution(executionArn=execution)
    types = history_types(sfn, execution)
    assert types[types.index("ExecutionRedriven"):][:4] == [
        "ExecutionRedriven", "ParallelStateEntered", "ParallelStateStarted", "TaskStateEntered"]  # b failed in its Task
    described = wait_for(sfn, execution)
    assert described["status"] == "SUCCEEDED", described
    assert json.loads(described["output"]) == [{"sent": "a"}, {"sent": "b"}]
    assert messages(sqs, present) == ["a"]  # the branch that succeeded did not send again
    assert messages(sqs, later) == ["b"]


def test_executions_that_cannot_be_redriven(stratus):
    sfn = stratus.client("stepfunctions")
    waiting = sfn.start_execution(stateMachineArn=machine(sfn, {"W": {"Type": "Wait", "Seconds": 600, "End": True}}, "W"))
    error = error_of(sfn.redrive_execution, executionArn=waiting["executionArn"])
    assert error == {"Code": "ExecutionNotRedrivable", "Message": "Execution is RUNNING and cannot be redriven"}
    described = sfn.describe_execution(executionArn=waiting["executionArn"])
    assert described["redriveStatus"] == "NOT_REDRIVABLE"
    assert described["redriveStatusReason"] == "Execution is RUNNING and cannot be redriven"
    sfn.stop_execution(executionArn=waiting["executionArn"])
    assert sfn.describe_execution(executionArn=waiting["executionArn"])["redriveStatus"] == "REDRIVABLE"

    passed = sfn.start_execution(stateMachineArn=machine(sfn, {"P": {"Type": "Pass", "End": True}}, "P"))
    wait_for(sfn, passed["executionArn"])
    error = error_of(sfn.redrive_execution, executionArn=passed["executionArn"])
    assert error == {"Code": "ExecutionNotRedrivable", "Message": "Execution is SUCCEEDED and cannot be redriven"}

    unknown = passed["executionArn"].rsplit(":", 1)[0] + ":" + unique("nobody")
    assert error_of(sfn.redrive_execution, executionArn=unknown)["Code"] == "ExecutionDoesNotExist"
    assert error_of(sfn.redrive_execution, executionArn="arn:aws:states:us-east-1:000000000000:stateMachine:x")["Code"] \
        == "InvalidArn"

    express = machine(sfn, {"F": {"Type": "Fail", "Error": "E"}}, "F", type_="EXPRESS")
    failed = sfn.start_execution(stateMachineArn=express)["executionArn"]
    assert wait_for(sfn, failed)["status"] == "FAILED"
    assert error_of(sfn.redrive_execution, executionArn=failed)["Code"] == "ExecutionNotRedrivable"


def test_redrive_with_the_cli_and_its_client_token(stratus):
    sfn = stratus.client("stepfunctions")
    arn = machine(sfn, {"F": {"Type": "Fail", "Error": "Again", "Cause": "still broken"}}, "F")
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    assert wait_for(sfn, execution)["status"] == "FAILED"
    first = stratus.cli("stepfunctions", "redrive-execution", "--execution-arn", execution, "--client-token", "tok-1")
    assert first.returncode == 0, first.stderr
    date = json.loads(first.stdout)["redriveDate"]
    # The Fail state fails again; the same token answers the same redrive instead of redriving again.
    repeated = stratus.cli("stepfunctions", "redrive-execution", "--execution-arn", execution, "--client-token", "tok-1")
    assert repeated.returncode == 0 and json.loads(repeated.stdout)["redriveDate"] == date
    described = sfn.describe_execution(executionArn=execution)
    assert described["status"] == "FAILED" and described["redriveCount"] == 1 and described["cause"] == "still broken"
    sfn.redrive_execution(executionArn=execution, clientToken="tok-2")
    assert sfn.describe_execution(executionArn=execution)["redriveCount"] == 2
    listed = stratus.cli("stepfunctions", "list-executions", "--state-machine-arn", arn, "--redrive-filter", "REDRIVEN")
    assert listed.returncode == 0 and json.loads(listed.stdout)["executions"][0]["redriveCount"] == 2
    assert history_types(sfn, execution).count("ExecutionRedriven") == 2
    refused = stratus.cli("stepfunctions", "redrive-execution", "--execution-arn", execution + "-nope")
    assert refused.returncode != 0 and "ExecutionDoesNotExist" in refused.stderr


def test_a_redriven_execution_survives_kill_9(fresh_stratus, tmp_path):
    server = fresh_stratus(data_dir=str(tmp_path))
    sfn, sqs = server.client("stepfunctions"), server.client("sqs")
    name, url = missing_queue_url(sqs)
    arn = machine(sfn, {
        "Send": {"Type": "Task", "Resource": SEND, "Parameters": {"QueueUrl": url, "MessageBody": "hi"}, "Next": "Wait"},
        "Wait": {"Type": "Wait", "Seconds": 2, "Next": "Done"},
        "Done": {"Type": "Pass", "End": True},
    }, "Send")
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    assert wait_for(sfn, execution)["status"] == "FAILED"
    sqs.create_queue(QueueName=name)
    redriven = sfn.redrive_execution(executionArn=execution, clientToken="kill-9")
    deadline = time.monotonic() + 10
    while history_types(sfn, execution)[-1] != "WaitStateEntered" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert history_types(sfn, execution)[-1] == "WaitStateEntered"
    server.stop(sig=signal.SIGKILL)

    restarted = fresh_stratus(data_dir=str(tmp_path))
    again = restarted.client("stepfunctions")
    described = again.describe_execution(executionArn=execution)
    assert described["status"] == "RUNNING" and described["redriveCount"] == 1
    assert described["redriveDate"] == redriven["redriveDate"]
    # The client token is remembered across the restart.
    assert again.redrive_execution(executionArn=execution, clientToken="kill-9")["redriveDate"] == redriven["redriveDate"]
    done = wait_for(again, execution)
    assert done["status"] == "SUCCEEDED" and done["redriveCount"] == 1
    history = again.get_execution_history(executionArn=execution)["events"]
    restarted.stop(sig=signal.SIGKILL)

    third = fresh_stratus(data_dir=str(tmp_path)).client("stepfunctions")
    assert third.get_execution_history(executionArn=execution)["events"] == history
    assert third.describe_execution(executionArn=execution)["redriveStatusReason"] \
        == "Execution is SUCCEEDED and cannot be redriven"
