"""Step Functions map runs: ListMapRuns, DescribeMapRun, UpdateMapRun and the child executions of a Distributed Map,
with boto3 and the AWS CLI against the built binary, and a kill -9 while a Map Run waits."""
import json
import signal
import time

import pytest

from sfn_support import ACCOUNT, REGION, ROLE, error_of, unique, wait_for


def waiting_map(seconds: int, max_concurrency: int, label: str = "items", extra: dict | None = None) -> str:
    """A Distributed Map whose items each wait `seconds`, then pass their input on."""
    state = {"Type": "Map", "Label": label, "MaxConcurrency": max_concurrency,
             "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                               "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": seconds, "End": True}}},
             "End": True}
    state.update(extra or {})
    return json.dumps({"StartAt": "M", "States": {"M": state}})


def start(sfn, definition: str, items) -> tuple[str, str]:
    """Creates a machine, starts one execution on `items`; returns (machine name, execution ARN)."""
    name = unique("maprun")
    machine = sfn.create_state_machine(name=name, definition=definition, roleArn=ROLE)["stateMachineArn"]
    execution = sfn.start_execution(stateMachineArn=machine, input=json.dumps(items))["executionArn"]
    return name, execution


def counts(total, **values) -> dict:
    """A full `itemCounts`/`executionCounts` object."""
    result = {"pending": 0, "running": 0, "succeeded": 0, "failed": 0, "timedOut": 0, "aborted": 0,
              "total": total, "resultsWritten": 0, "failuresNotRedrivable": 0, "pendingRedrive": 0}
    result.update(values)
    return result


def test_list_and_describe_a_finished_map_run(stratus):
    sfn = stratus.client("stepfunctions")
    name, execution = start(sfn, waiting_map(0, 1), [{"n": 1}, {"n": 2}])
    assert wait_for(sfn, execution)["status"] == "SUCCEEDED"
    listed = sfn.list_map_runs(executionArn=execution)
    assert len(listed["mapRuns"]) == 1 and "nextToken" not in listed
    item = listed["mapRuns"][0]
    assert set(item) == {"executionArn", "mapRunArn", "stateMachineArn", "startDate", "stopDate"}
    assert item["executionArn"] == execution
    prefix = f"arn:aws:states:{REGION}:{ACCOUNT}:mapRun:{name}/items:"
    assert item["mapRunArn"].startswith(prefix) and len(item["mapRunArn"]) == len(prefix) + 36
    assert item["stateMachineArn"] == f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{name}/items"
    history = sfn.get_execution_history(executionArn=execution)["events"]
    started = [e for e in history if e["type"] == "MapRunStarted"]
    assert started[0]["mapRunStartedEventDetails"]["mapRunArn"] == item["mapRunArn"]

    described = sfn.describe_map_run(mapRunArn=item["mapRunArn"])
    described.pop("ResponseMetadata")
    assert described.pop("startDate") == item["startDate"]
    assert described.pop("stopDate") == item["stopDate"]
    assert described == {
        "mapRunArn": item["mapRunArn"], "executionArn": execution, "status": "SUCCEEDED", "maxConcurrency": 1,
        "toleratedFailurePercentage": 0.0, "toleratedFailureCount": 0,
        "itemCounts": counts(2, succeeded=2, resultsWritten=2),
        "executionCounts": counts(2, succeeded=2, resultsWritten=2), "redriveCount": 0}

    # The child executions: one per item, under `<machine>/<label>`.
    children = sfn.list_executions(mapRunArn=item["mapRunArn"])["executions"]
    assert len(children) == 2
    for child in children:
        assert child["executionArn"].startswith(f"arn:aws:states:{REGION}:{ACCOUNT}:execution:{name}/items:")
        assert child["stateMachineArn"] == item["stateMachineArn"]
        assert child["mapRunArn"] == item["mapRunArn"] and child["itemCount"] == 1
        assert child["status"] == "SUCCEEDED"
        one = sfn.describe_execution(executionArn=child["executionArn"])
        assert one["name"] == child["name"] and one["mapRunArn"] == item["mapRunArn"]
        assert json.loads(one["input"]) == json.loads(one["output"])
    assert sorted(json.loads(sfn.describe_execution(executionArn=c["executionArn"])["input"])["n"]
                  for c in children) == [1, 2]
    assert sfn.list_executions(mapRunArn=item["mapRunArn"], statusFilter="FAILED")["executions"] == []
    # Each child execution has its own history, ids from 1, as GetExecutionHistory shows it on AWS.
    for child in children:
        events = sfn.get_execution_history(executionArn=child["executionArn"])["events"]
        assert [(e["id"], e["previousEventId"], e["type"]) for e in events] == [
            (1, 0, "ExecutionStarted"), (2, 0, "WaitStateEntered"), (3, 2, "WaitStateExited"),
            (4, 3, "ExecutionSucceeded")]
        item_input = sfn.describe_execution(executionArn=child["executionArn"])["input"]
        started = events[0]["executionStartedEventDetails"]
        assert json.loads(started["input"]) == json.loads(item_input) and started["roleArn"] == ROLE
        assert events[1]["stateEnteredEventDetails"]["name"] == "W"
        assert json.loads(events[3]["executionSucceededEventDetails"]["output"]) == json.loads(item_input)
        newest_first = sfn.get_execution_history(executionArn=child["executionArn"], reverseOrder=True)["events"]
        assert [e["id"] for e in newest_first] == [4, 3, 2, 1]
    # The parent's history holds none of the children's events.
    assert not [e for e in history if e["type"].startswith("Wait")]
    gone = children[0]["executionArn"].rsplit(":", 1)[0] + ":00000000-0000-4000-8000-000000000000"
    assert error_of(sfn.get_execution_history, executionArn=gone)["Code"] == "ExecutionDoesNotExist"


def test_update_map_run_raises_concurrency_of_a_running_run(stratus):
    sfn = stratus.client("stepfunctions")
    _, execution = start(sfn, waiting_map(2, 1), [1, 2, 3, 4])
    run = sfn.list_map_runs(executionArn=execution)["mapRuns"][0]
    assert "stopDate" not in run
    described = sfn.describe_map_run(mapRunArn=run["mapRunArn"])
    assert described["status"] == "RUNNING" and "stopDate" not in described
    assert described["executionCounts"] == counts(4, pending=3, running=1)
    assert len(sfn.list_executions(mapRunArn=run["mapRunArn"])["executions"]) == 1

    sfn.update_map_run(mapRunArn=run["mapRunArn"], maxConcurrency=4, toleratedFailureCount=2,
                       toleratedFailurePercentage=50)
    described = sfn.describe_map_run(mapRunArn=run["mapRunArn"])
    assert described["maxConcurrency"] == 4
    assert described["toleratedFailureCount"] == 2 and described["toleratedFailurePercentage"] == 50.0
    assert described["executionCounts"] == counts(4, running=4)
    done = wait_for(sfn, execution, timeout=15)
    assert done["status"] == "SUCCEEDED" and json.loads(done["output"]) == [1, 2, 3, 4]
    # All four ran side by side: the whole Map took about one Wait, not four.
    assert (done["stopDate"] - done["startDate"]).total_seconds() < 5
    final = sfn.describe_map_run(mapRunArn=run["mapRunArn"])
    assert final["status"] == "SUCCEEDED" and final["executionCounts"] == counts(4, succeeded=4, resultsWritten=4)

    # A finished run cannot be updated.
    finished = error_of(sfn.update_map_run, mapRunArn=run["mapRunArn"], maxConcurrency=2)
    assert finished["Code"] == "ValidationException"


def test_a_failing_map_run_reads_failed(stratus):
    sfn = stratus.client("stepfunctions")
    definition = json.dumps({"StartAt": "M", "States": {"M": {
        "Type": "Map", "ToleratedFailureCount": 0,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                          "StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Bad", "Cause": "item"}}},
        "End": True}}})
    _, execution = start(sfn, definition, [1])
    assert wait_for(sfn, execution)["status"] == "FAILED"
    run = sfn.list_map_runs(executionArn=execution)["mapRuns"][0]
    described = sfn.describe_map_run(mapRunArn=run["mapRunArn"])
    assert described["status"] == "FAILED"
    assert described["executionCounts"] == counts(1, failed=1)
    child = sfn.list_executions(mapRunArn=run["mapRunArn"])["executions"][0]
    assert child["status"] == "FAILED"
    one = sfn.describe_execution(executionArn=child["executionArn"])
    assert one["error"] == "Bad" and one["cause"] == "item"
    events = sfn.get_execution_history(executionArn=child["executionArn"])["events"]
    assert [(e["id"], e["previousEventId"], e["type"]) for e in events] == [
        (1, 0, "ExecutionStarted"), (2, 0, "FailStateEntered"), (3, 2, "ExecutionFailed")]
    assert events[2]["executionFailedEventDetails"] == {"error": "Bad", "cause": "item"}


def test_errors(stratus):
    sfn = stratus.client("stepfunctions")
    _, execution = start(sfn, waiting_map(30, 1), [1, 2])
    run = sfn.list_map_runs(executionArn=execution)["mapRuns"][0]["mapRunArn"]
    unknown = run.rsplit(":", 1)[0] + ":00000000-0000-4000-8000-000000000000"
    assert error_of(sfn.describe_map_run, mapRunArn=unknown)["Code"] == "ResourceNotFound"
    assert error_of(sfn.describe_map_run, mapRunArn=execution)["Code"] == "InvalidArn"
    assert error_of(sfn.list_map_runs, executionArn=execution + "-gone")["Code"] == "ExecutionDoesNotExist"
    assert error_of(sfn.list_map_runs, executionArn=run)["Code"] == "InvalidArn"
    missing = error_of(sfn.update_map_run, mapRunArn=run)
    assert missing["Code"] == "ValidationException"
    assert error_of(sfn.update_map_run, mapRunArn=unknown, maxConcurrency=1)["Code"] == "ResourceNotFound"
    assert error_of(sfn.list_executions, mapRunArn=unknown)["Code"] == "ResourceNotFound"
    sfn.stop_execution(executionArn=execution)
    aborted = sfn.describe_map_run(mapRunArn=run)
    assert aborted["status"] == "ABORTED" and "stopDate" in aborted
    assert aborted["executionCounts"] == counts(2, pending=1, aborted=1)
    # The child that was waiting ends its own history aborted.
    child = sfn.list_executions(mapRunArn=run)["executions"][0]
    events = sfn.get_execution_history(executionArn=child["executionArn"])["events"]
    assert [(e["id"], e["type"]) for e in events] == [
        (1, "ExecutionStarted"), (2, "WaitStateEntered"), (3, "ExecutionAborted")]


@pytest.mark.parametrize("label,reason", [
    ("", "Label cannot be empty"),
    ("x" * 41, "Label cannot exceed 40 characters"),
    ("label_ ", "Label contains invalid character: ' '"),
    ("a:b", "Label contains invalid character: ':'"),
])
def test_invalid_labels_are_refused_on_create(stratus, label, reason):
    sfn = stratus.client("stepfunctions")
    definition = json.dumps({"StartAt": "MapState", "States": {"MapState": {
        "Type": "Map", "Label": label,
        "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                          "StartAt": "IteratorInner", "States": {"IteratorInner": {"Type": "Pass", "End": True}}},
        "End": True}}})
    error = error_of(sfn.create_state_machine, name=unique("label"), definition=definition, roleArn=ROLE)
    assert error["Code"] == "InvalidDefinition"
    assert reason in error["Message"]


def test_map_runs_with_the_cli(stratus):
    sfn = stratus.client("stepfunctions")
    _, execution = start(sfn, waiting_map(30, 1), [1, 2, 3])
    listed = stratus.cli("stepfunctions", "list-map-runs", "--execution-arn", execution)
    assert listed.returncode == 0, listed.stderr
    run = json.loads(listed.stdout)["mapRuns"][0]["mapRunArn"]
    updated = stratus.cli("stepfunctions", "update-map-run", "--map-run-arn", run, "--max-concurrency", "2")
    assert updated.returncode == 0, updated.stderr
    described = stratus.cli("stepfunctions", "describe-map-run", "--map-run-arn", run)
    assert described.returncode == 0, described.stderr
    body = json.loads(described.stdout)
    assert body["status"] == "RUNNING" and body["maxConcurrency"] == 2
    assert body["executionCounts"]["running"] == 2 and body["executionCounts"]["pending"] == 1
    refused = stratus.cli("stepfunctions", "update-map-run", "--map-run-arn", run)
    assert refused.returncode != 0
    assert "ValidationException" in refused.stderr
    sfn.stop_execution(executionArn=execution)


def test_a_map_run_survives_kill_9_while_its_items_wait(fresh_stratus, tmp_path):
    server = fresh_stratus(data_dir=str(tmp_path))
    sfn = server.client("stepfunctions")
    _, execution = start(sfn, waiting_map(3, 1), ["a", "b", "c"])
    run = sfn.list_map_runs(executionArn=execution)["mapRuns"][0]["mapRunArn"]
    # Journaled: the new concurrency and tolerance survive the crash.
    sfn.update_map_run(mapRunArn=run, maxConcurrency=2, toleratedFailureCount=1)
    before = sfn.describe_map_run(mapRunArn=run)
    assert before["executionCounts"] == counts(3, pending=1, running=2)
    children_before = sfn.list_executions(mapRunArn=run)["executions"]
    server.stop(sig=signal.SIGKILL)

    restarted = fresh_stratus(data_dir=str(tmp_path))
    again = restarted.client("stepfunctions")
    after = again.describe_map_run(mapRunArn=run)
    assert after["maxConcurrency"] == 2 and after["toleratedFailureCount"] == 1
    # The children seen before the crash are the same executions after it.
    names_after = {c["name"] for c in again.list_executions(mapRunArn=run)["executions"]}
    assert {c["name"] for c in children_before} <= names_after
    done = wait_for(again, execution, timeout=20)
    assert done["status"] == "SUCCEEDED" and json.loads(done["output"]) == ["a", "b", "c"]
    final = again.describe_map_run(mapRunArn=run)
    assert final["status"] == "SUCCEEDED"
    assert final["maxConcurrency"] == 2 and final["toleratedFailureCount"] == 1
    assert final["executionCounts"] == counts(3, succeeded=3, resultsWritten=3)
    assert final["itemCounts"] == counts(3, succeeded=3, resultsWritten=3)
    assert again.list_map_runs(executionArn=execution)["mapRuns"][0]["mapRunArn"] == run
    # Two waves of 3 s Waits at least (the third item waited for a free slot).
    assert (done["stopDate"] - done["startDate"]).total_seconds() >= 5.9

    # A second restart replays the finished run identically.
    children = again.list_executions(mapRunArn=run)["executions"]
    assert len(children) == 3 and all(c["status"] == "SUCCEEDED" for c in children)
    restarted.stop(sig=signal.SIGKILL)
    third = fresh_stratus(data_dir=str(tmp_path)).client("stepfunctions")
    assert third.describe_map_run(mapRunArn=run) | {"ResponseMetadata": None} == final | {"ResponseMetadata": None}
    assert third.list_executions(mapRunArn=run)["executions"] == children
