"""Step Functions executions through boto3 and the AWS CLI: start (name idempotency), describe, stop, list,
history, the scheduler's Wait timers, and unsupported Task resources failing with Stratus.UnsupportedIntegration."""
import json
import signal
import time
import uuid

import pytest
from sfn_support import ACCOUNT, REGION, ROLE, error_of, unique, wait_for


@pytest.fixture
def sfn(stratus):
    return stratus.client("stepfunctions")


def machine(sfn, definition: dict, type_: str = "STANDARD") -> str:
    return sfn.create_state_machine(name=unique("sm"), definition=json.dumps(definition), roleArn=ROLE,
                                    type=type_)["stateMachineArn"]


PASS = {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"got.$": "$.value"}, "End": True}}}
WAIT = {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "Next": "Done"},
                                   "Done": {"Type": "Pass", "End": True}}}
LONG_WAIT = {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": True}}}


def test_start_describe_and_history(sfn):
    arn = machine(sfn, PASS)
    started = sfn.start_execution(stateMachineArn=arn, name="first", input=json.dumps({"value": 7}))
    assert started["executionArn"] == arn.replace(":stateMachine:", ":execution:") + ":first"
    described = wait_for(sfn, started["executionArn"])
    assert described["status"] == "SUCCEEDED"
    assert json.loads(described["output"]) == {"got": 7}
    assert json.loads(described["input"]) == {"value": 7}
    assert described["startDate"] <= described["stopDate"]
    assert described["stateMachineArn"] == arn and described["name"] == "first"
    events = sfn.get_execution_history(executionArn=started["executionArn"])["events"]
    assert [event["type"] for event in events] == ["ExecutionStarted", "PassStateEntered", "PassStateExited",
                                                   "ExecutionSucceeded"]
    assert [event["id"] for event in events] == [1, 2, 3, 4]
    assert json.loads(events[0]["executionStartedEventDetails"]["input"]) == {"value": 7}
    assert events[0]["executionStartedEventDetails"]["roleArn"] == ROLE
    reverse = sfn.get_execution_history(executionArn=started["executionArn"], reverseOrder=True, maxResults=2,
                                        includeExecutionData=False)
    assert [event["id"] for event in reverse["events"]] == [4, 3]
    assert "output" not in reverse["events"][0]["executionSucceededEventDetails"]
    rest = sfn.get_execution_history(executionArn=started["executionArn"], reverseOrder=True, maxResults=2,
                                     nextToken=reverse["nextToken"])
    assert [event["id"] for event in rest["events"]] == [2, 1]
    assert "nextToken" not in rest


def test_default_name_is_a_uuid(sfn):
    arn = machine(sfn, PASS)
    execution_arn = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    name = execution_arn.rsplit(":", 1)[1]
    assert str(uuid.UUID(name)) == name


def test_name_idempotency(sfn):
    arn = machine(sfn, LONG_WAIT)
    first = sfn.start_execution(stateMachineArn=arn, name="same", input="{}")
    again = sfn.start_execution(stateMachineArn=arn, name="same", input="{}")
    assert again["executionArn"] == first["executionArn"] and again["startDate"] == first["startDate"]
    error = error_of(sfn.start_execution, stateMachineArn=arn, name="same", input='{"other": true}')
    assert error["Code"] == "ExecutionAlreadyExists"
    assert error["Message"] == f"Execution Already Exists: '{first['executionArn']}'"
    sfn.stop_execution(executionArn=first["executionArn"])
    # A closed execution's name cannot be reused, even with the same input.
    assert error_of(sfn.start_execution, stateMachineArn=arn, name="same", input="{}")["Code"] == "ExecutionAlreadyExists"


def test_start_errors(sfn):
    arn = machine(sfn, PASS)
    assert error_of(sfn.start_execution, stateMachineArn=arn, input="{not json")["Code"] == "InvalidExecutionInput"
    assert error_of(sfn.start_execution, stateMachineArn=arn, name="bad name")["Code"] == "InvalidName"
    missing = arn + "-missing"
    assert error_of(sfn.start_execution, stateMachineArn=missing)["Code"] == "StateMachineDoesNotExist"
    assert error_of(sfn.describe_execution, executionArn="garbage")["Code"] == "InvalidArn"
    gone = arn.replace(":stateMachine:", ":execution:") + ":nothing"
    error = error_of(sfn.describe_execution, executionArn=gone)
    assert error["Code"] == "ExecutionDoesNotExist"
    assert error_of(sfn.get_execution_history, executionArn=gone)["Code"] == "ExecutionDoesNotExist"
    assert error_of(sfn.stop_execution, executionArn=gone)["Code"] == "ExecutionDoesNotExist"


def test_wait_state_finishes_on_the_scheduler(sfn):
    arn = machine(sfn, WAIT)
    started = time.monotonic()
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    assert sfn.describe_execution(executionArn=execution)["status"] == "RUNNING"
    described = wait_for(sfn, execution)
    elapsed = time.monotonic() - started
    assert described["status"] == "SUCCEEDED"
    assert 0.9 <= elapsed < 5
    types = [event["type"] for event in sfn.get_execution_history(executionArn=execution)["events"]]
    assert types == ["ExecutionStarted", "WaitStateEntered", "WaitStateExited", "PassStateEntered",
                     "PassStateExited", "ExecutionSucceeded"]


def test_stop_execution(sfn):
    arn = machine(sfn, LONG_WAIT)
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    stopped = sfn.stop_execution(executionArn=execution, error="Manual", cause="operator")
    described = sfn.describe_execution(executionArn=execution)
    assert described["status"] == "ABORTED"
    assert described["error"] == "Manual" and described["cause"] == "operator"
    assert described["stopDate"] == stopped["stopDate"]
    types = [event["type"] for event in sfn.get_execution_history(executionArn=execution)["events"]]
    assert types[-1] == "ExecutionAborted"


def test_list_executions_filters_and_pages(sfn):
    arn = machine(sfn, LONG_WAIT)
    names = [f"run-{index}" for index in range(5)]
    for name in names:
        sfn.start_execution(stateMachineArn=arn, name=name)
    sfn.stop_execution(executionArn=arn.replace(":stateMachine:", ":execution:") + ":run-1")
    listed = []
    token = None
    while True:
        page = sfn.list_executions(stateMachineArn=arn, maxResults=2, **({"nextToken": token} if token else {}))
        listed += page["executions"]
        token = page.get("nextToken")
        if not token:
            break
    assert [item["name"] for item in listed] == list(reversed(names))
    aborted = sfn.list_executions(stateMachineArn=arn, statusFilter="ABORTED")["executions"]
    assert [item["name"] for item in aborted] == ["run-1"] and aborted[0]["stopDate"]
    running = sfn.list_executions(stateMachineArn=arn, statusFilter="RUNNING")["executions"]
    assert len(running) == 4 and all(item["status"] == "RUNNING" for item in running)
    assert error_of(sfn.list_executions, stateMachineArn=arn + "-missing")["Code"] == "StateMachineDoesNotExist"
    for item in running:
        sfn.stop_execution(executionArn=item["executionArn"])


def test_tasks_fail_with_unsupported_integration(sfn):
    resource = "arn:aws:states:::glue:startJobRun"
    arn = machine(sfn, {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": resource, "End": True}}})
    described = wait_for(sfn, sfn.start_execution(stateMachineArn=arn)["executionArn"])
    assert described["status"] == "FAILED"
    assert described["error"] == "Stratus.UnsupportedIntegration"
    assert resource in described["cause"]
    caught = machine(sfn, {"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": resource, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Ok"}],
              "End": True},
        "Ok": {"Type": "Succeed"}}})
    assert wait_for(sfn, sfn.start_execution(stateMachineArn=caught)["executionArn"])["status"] == "SUCCEEDED"


def test_express_machine_runs(sfn):
    arn = machine(sfn, PASS, "EXPRESS")
    execution = sfn.start_execution(stateMachineArn=arn, input='{"value": 1}')["executionArn"]
    assert ":express:" in execution
    assert json.loads(wait_for(sfn, execution)["output"]) == {"got": 1}


def test_aws_cli_start_and_describe(stratus, sfn):
    arn = machine(sfn, PASS)
    started = stratus.cli("stepfunctions", "start-execution", "--state-machine-arn", arn, "--name", "cli",
                          "--input", '{"value": "x"}')
    assert started.returncode == 0, started.stderr
    execution = json.loads(started.stdout)["executionArn"]
    described = stratus.cli("stepfunctions", "describe-execution", "--execution-arn", execution)
    assert described.returncode == 0, described.stderr
    assert json.loads(described.stdout)["status"] == "SUCCEEDED"
    history = stratus.cli("stepfunctions", "get-execution-history", "--execution-arn", execution)
    assert history.returncode == 0, history.stderr
    assert json.loads(history.stdout)["events"][-1]["type"] == "ExecutionSucceeded"
    again = stratus.cli("stepfunctions", "start-execution", "--state-machine-arn", arn, "--name", "cli",
                        "--input", "{}")
    assert again.returncode != 0
    assert "An error occurred (ExecutionAlreadyExists) when calling the StartExecution operation" in again.stderr


def test_standard_execution_survives_kill_9_during_a_wait(fresh_stratus, tmp_path):
    server = fresh_stratus(data_dir=str(tmp_path))
    client = server.client("stepfunctions")
    definition = {"StartAt": "W", "States": {
        "W": {"Type": "Wait", "Seconds": 3, "Next": "U"},
        "U": {"Type": "Pass", "Parameters": {"id.$": "States.UUID()", "in.$": "$.n"}, "End": True}}}
    arn = client.create_state_machine(name=unique("crash"), definition=json.dumps(definition),
                                      roleArn=ROLE)["stateMachineArn"]
    waiting = client.start_execution(stateMachineArn=arn, name="waiting", input='{"n": 1}')["executionArn"]
    stopped = client.start_execution(stateMachineArn=arn, name="stopped", input='{"n": 2}')["executionArn"]
    client.stop_execution(executionArn=stopped, cause="before the crash")
    started = time.monotonic()
    history_before = client.get_execution_history(executionArn=waiting)["events"]
    server.stop(sig=signal.SIGKILL)

    restarted = fresh_stratus(data_dir=str(tmp_path))
    again = restarted.client("stepfunctions")
    assert again.describe_execution(executionArn=waiting)["status"] == "RUNNING"
    assert again.get_execution_history(executionArn=waiting)["events"] == history_before
    described = wait_for(again, waiting, timeout=15)
    assert described["status"] == "SUCCEEDED"
    # The Wait keeps its original deadline: it ends about 3 s after the start, not 3 s after the restart.
    assert (described["stopDate"] - described["startDate"]).total_seconds() == pytest.approx(3, abs=0.5)
    assert time.monotonic() - started < 10
    assert json.loads(described["output"])["in"] == 1
    aborted = again.describe_execution(executionArn=stopped)
    assert aborted["status"] == "ABORTED" and aborted["cause"] == "before the crash"
    types = [event["type"] for event in again.get_execution_history(executionArn=waiting)["events"]]
    assert types == ["ExecutionStarted", "WaitStateEntered", "WaitStateExited", "PassStateEntered",
                     "PassStateExited", "ExecutionSucceeded"]
    listed = again.list_executions(stateMachineArn=arn)["executions"]
    assert [item["name"] for item in listed] == ["stopped", "waiting"]

    # A second restart replays the finished execution to the same history and output.
    history_after = again.get_execution_history(executionArn=waiting)["events"]
    restarted.stop(sig=signal.SIGKILL)
    third = fresh_stratus(data_dir=str(tmp_path)).client("stepfunctions")
    assert third.get_execution_history(executionArn=waiting)["events"] == history_after
    assert third.describe_execution(executionArn=waiting)["output"] == described["output"]
