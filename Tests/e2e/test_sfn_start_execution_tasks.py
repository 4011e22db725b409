"""Nested workflows: `arn:aws:states:::states:startExecution` as request-response, `.sync`, `.sync:2` and
`.waitForTaskToken` (boto3), including a `.sync` task waiting across a kill -9."""
import json
import signal
import time

from sfn_support import ROLE, unique, wait_for

CHILD_OK = {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"Arg1": "argument1"}, "End": True}}}
CHILD_FAILS = {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "SomeFailure", "Cause": "it failed"}}}
# Answers its parent's task token itself (aws-sdk:sfn:sendTaskSuccess), then goes on for a while.
CHILD_ANSWERS_TOKEN = {"StartAt": "Answer", "States": {
    "Answer": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sfn:sendTaskSuccess",
               "Parameters": {"TaskToken.$": "$.token", "Output": "{\"from\": \"child\"}"}, "Next": "Linger"},
    "Linger": {"Type": "Wait", "Seconds": 30, "End": True}}}


def machine(sfn, definition: dict) -> str:
    return sfn.create_state_machine(name=unique("nest"), roleArn=ROLE, definition=json.dumps(definition))["stateMachineArn"]


def parent(sfn, resource: str, parameters: dict, catch: bool = False) -> str:
    state = {"Type": "Task", "Resource": f"arn:aws:states:::states:{resource}", "Parameters": parameters, "End": True}
    if catch:
        state["Catch"] = [{"ErrorEquals": ["States.TaskFailed"], "Next": "Caught"}]
        del state["End"]
        state["Next"] = "Done"
    states = {"Start": state, "Caught": {"Type": "Pass", "End": True}, "Done": {"Type": "Pass", "End": True}}
    return machine(sfn, {"StartAt": "Start", "States": states if catch else {"Start": state}})


def run(sfn, arn: str, payload: dict, timeout: float = 20) -> tuple[dict, list[dict]]:
    started = sfn.start_execution(stateMachineArn=arn, input=json.dumps(payload))["executionArn"]
    described = wait_for(sfn, started, timeout=timeout)
    return described, sfn.get_execution_history(executionArn=started)["events"]


def test_request_response_starts_the_execution_and_answers_at_once(stratus):
    sfn = stratus.client("stepfunctions")
    child = machine(sfn, CHILD_OK)
    described, events = run(sfn, parent(sfn, "startExecution", {"StateMachineArn": child, "Input": {"a": 1},
                                                                "Name": "first-child"}), {})
    assert described["status"] == "SUCCEEDED"
    output = json.loads(described["output"])
    assert output["ExecutionArn"].endswith(f":execution:{child.split(':')[-1]}:first-child")
    assert isinstance(output["StartDate"], int) and output["SdkHttpMetadata"]["HttpStatusCode"] == 200
    assert output["SdkHttpMetadata"]["HttpHeaders"]["Content-Type"] == "application/x-amz-json-1.0"
    assert [e["type"] for e in events][2:5] == ["TaskScheduled", "TaskStarted", "TaskSucceeded"]
    scheduled = events[2]["taskScheduledEventDetails"]
    assert scheduled["resourceType"] == "states" and scheduled["resource"] == "startExecution"
    child_run = wait_for(sfn, output["ExecutionArn"])
    assert child_run["status"] == "SUCCEEDED" and json.loads(child_run["input"]) == {"a": 1}


def test_sync_waits_for_the_execution_and_returns_it(stratus):
    sfn = stratus.client("stepfunctions")
    child = machine(sfn, CHILD_OK)
    described, events = run(sfn, parent(sfn, "startExecution.sync", {"StateMachineArn": child, "Input": None}), {})
    assert described["status"] == "SUCCEEDED"
    assert [e["type"] for e in events][2:6] == ["TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded"]
    output = json.loads(described["output"])
    assert output["Status"] == "SUCCEEDED" and output["Output"] == '{"Arg1":"argument1"}' and output["Input"] == "{}"
    assert output["InputDetails"] == {"Included": True} and output["OutputDetails"] == {"Included": True}
    assert isinstance(output["StartDate"], int) and isinstance(output["StopDate"], int)
    submitted = json.loads(events[4]["taskSubmittedEventDetails"]["output"])
    assert submitted["ExecutionArn"] == output["ExecutionArn"]

    # .sync:2 gives Input and Output as JSON.
    described, _ = run(sfn, parent(sfn, "startExecution.sync:2", {"StateMachineArn": child, "Input": "{\"x\": 1}"}), {})
    output = json.loads(described["output"])
    assert output["Output"] == {"Arg1": "argument1"} and output["Input"] == {"x": 1}


def test_sync_fails_with_the_failed_execution(stratus):
    sfn = stratus.client("stepfunctions")
    child = machine(sfn, CHILD_FAILS)
    described, events = run(sfn, parent(sfn, "startExecution.sync", {"StateMachineArn": child}, catch=True), {})
    assert described["status"] == "SUCCEEDED"
    failed = next(e for e in events if e["type"] == "TaskFailed")["taskFailedEventDetails"]
    assert failed["error"] == "States.TaskFailed"
    cause = json.loads(failed["cause"])
    assert cause["Status"] == "FAILED" and cause["Error"] == "SomeFailure" and cause["Cause"] == "it failed"

    missing = child.replace(child.split(":")[-1], "no-such-machine")
    described, events = run(sfn, parent(sfn, "startExecution", {"StateMachineArn": missing}), {})
    assert described["status"] == "FAILED"
    assert described["error"] == "StepFunctions.StateMachineDoesNotExistException"
    assert "(Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist;" in described["cause"]


def test_task_token_of_sync_and_wait_for_task_token(stratus):
    sfn = stratus.client("stepfunctions")
    child = machine(sfn, CHILD_ANSWERS_TOKEN)
    for resource in ("startExecution.waitForTaskToken", "startExecution.sync"):
        described, _ = run(sfn, parent(sfn, resource, {"StateMachineArn": child,
                                                       "Input": {"token.$": "$$.Task.Token"}}), {})
        # The child's SendTaskSuccess ends the parent's task before the child itself ends.
        assert described["status"] == "SUCCEEDED", resource
        assert json.loads(described["output"]) == {"from": "child"}


def test_a_cancelled_sync_task_stops_its_execution(stratus):
    sfn = stratus.client("stepfunctions")
    child = machine(sfn, {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "End": True}}})
    timed = machine(sfn, {"StartAt": "S", "States": {"S": {
        "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync", "TimeoutSeconds": 1,
        "Parameters": {"StateMachineArn": child}, "End": True}}})
    described, _ = run(sfn, timed, {})
    assert described["status"] == "FAILED" and described["error"] == "States.Timeout"
    started = sfn.list_executions(stateMachineArn=child)["executions"]
    assert len(started) == 1 and wait_for(sfn, started[0]["executionArn"])["status"] == "ABORTED"

    waiting = parent(sfn, "startExecution.sync", {"StateMachineArn": child})
    execution = sfn.start_execution(stateMachineArn=waiting, input="{}")["executionArn"]
    deadline = time.monotonic() + 10
    while len(sfn.list_executions(stateMachineArn=child)["executions"]) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    sfn.stop_execution(executionArn=execution)
    second = next(e for e in sfn.list_executions(stateMachineArn=child)["executions"]
                  if e["executionArn"] != started[0]["executionArn"])
    assert wait_for(sfn, second["executionArn"])["status"] == "ABORTED"


def test_sync_task_survives_kill_9(fresh_stratus, tmp_path):
    server = fresh_stratus(data_dir=str(tmp_path))
    sfn = server.client("stepfunctions")
    child = machine(sfn, {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 2, "Next": "P"},
                                                      "P": {"Type": "Pass", "Result": "done", "End": True}}})
    arn = parent(sfn, "startExecution.sync", {"StateMachineArn": child})
    execution = sfn.start_execution(stateMachineArn=arn, input="{}")["executionArn"]
    deadline = time.monotonic() + 10
    while not sfn.list_executions(stateMachineArn=child)["executions"] and time.monotonic() < deadline:
        time.sleep(0.05)
    server.stop(sig=signal.SIGKILL)

    again = fresh_stratus(data_dir=str(tmp_path)).client("stepfunctions")
    described = wait_for(again, execution, timeout=20)
    assert described["status"] == "SUCCEEDED", described
    assert json.loads(json.loads(described["output"])["Output"]) == "done"
    # The task called StartExecution again after the restart and found the same execution: one child only, and
    # one TaskSubmitted.
    assert len(again.list_executions(stateMachineArn=child)["executions"]) == 1
    types = [e["type"] for e in again.get_execution_history(executionArn=execution)["events"]]
    assert types.count("TaskSubmitted") == 1 and types.count("TaskSucceeded") == 1
