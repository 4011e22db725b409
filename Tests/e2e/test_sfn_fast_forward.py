"""`stratus serve --fast-forward`: executions do not wait for timers while no task is in flight; history shows the
waited time. Also the Express five-minute limit, which only fast-forward makes testable in seconds."""
import json
import threading
import time

from sfn_support import ROLE, unique, wait_for


def _machine(sfn, definition: dict, kind: str = "STANDARD") -> str:
    return sfn.create_state_machine(
        name=unique("ff"), definition=json.dumps(definition), roleArn=ROLE, type=kind)["stateMachineArn"]


def _events(sfn, arn: str) -> list[dict]:
    return sfn.get_execution_history(executionArn=arn, maxResults=1000)["events"]


def _seconds_between(events: list[dict], first: str, second: str) -> float:
    start = next(e["timestamp"] for e in events if e["type"] == first)
    end = next(e["timestamp"] for e in events if e["type"] == second)
    return (end - start).total_seconds()


WAIT_AN_HOUR = {"StartAt": "Nap", "States": {
    "Nap": {"Type": "Wait", "Seconds": 3600, "Next": "Done"},
    "Done": {"Type": "Pass", "Result": "rested", "End": True}}}


def test_an_hour_long_wait_passes_at_once_and_history_shows_the_hour(fresh_stratus):
    server = fresh_stratus("--fast-forward", "--in-memory")
    sfn = server.client("stepfunctions")
    arn = sfn.start_execution(stateMachineArn=_machine(sfn, WAIT_AN_HOUR), input="{}")["executionArn"]
    began = time.monotonic()
    described = wait_for(sfn, arn, timeout=5)
    assert described["status"] == "SUCCEEDED", described
    assert json.loads(described["output"]) == "rested"
    assert time.monotonic() - began < 5
    events = _events(sfn, arn)
    assert 3600 <= _seconds_between(events, "WaitStateEntered", "WaitStateExited") < 3601
    assert (described["stopDate"] - described["startDate"]).total_seconds() >= 3600


def test_the_environment_variable_turns_it_on_too(fresh_stratus):
    server = fresh_stratus("--in-memory", env={"STRATUS_FAST_FORWARD": "1"})
    sfn = server.client("stepfunctions")
    arn = sfn.start_execution(stateMachineArn=_machine(sfn, WAIT_AN_HOUR))["executionArn"]
    assert wait_for(sfn, arn, timeout=5)["status"] == "SUCCEEDED"


def test_without_the_flag_a_wait_really_waits(fresh_stratus):
    server = fresh_stratus("--in-memory")
    sfn = server.client("stepfunctions")
    arn = sfn.start_execution(stateMachineArn=_machine(sfn, WAIT_AN_HOUR))["executionArn"]
    time.sleep(0.5)
    assert sfn.describe_execution(executionArn=arn)["status"] == "RUNNING"


def test_retry_back_offs_pass_at_once_with_their_intervals_in_history(fresh_stratus):
    server = fresh_stratus("--fast-forward", "--in-memory")
    sfn = server.client("stepfunctions")
    missing_queue = f"{server.endpoint}/000000000000/{unique('nowhere')}"
    definition = {"StartAt": "Send", "States": {"Send": {
        "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
        "Parameters": {"QueueUrl": missing_queue, "MessageBody": "hi"},
        "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 100, "BackoffRate": 2, "MaxAttempts": 2}],
        "End": True}}}
    arn = sfn.start_execution(stateMachineArn=_machine(sfn, definition))["executionArn"]
    described = wait_for(sfn, arn, timeout=5)
    assert described["status"] == "FAILED"
    assert described["error"] == "SQS.QueueDoesNotExistException"
    failures = [e["timestamp"] for e in _events(sfn, arn) if e["type"] == "TaskFailed"]
    scheduled = [e["timestamp"] for e in _events(sfn, arn) if e["type"] == "TaskScheduled"]
    assert len(failures) == 3 and len(scheduled) == 3
    assert 100 <= (scheduled[1] - failures[0]).total_seconds() < 101
    assert 200 <= (scheduled[2] - failures[1]).total_seconds() < 201


def test_the_execution_timeout_fires_at_once_when_a_wait_is_longer(fresh_stratus):
    server = fresh_stratus("--fast-forward", "--in-memory")
    sfn = server.client("stepfunctions")
    definition = dict(WAIT_AN_HOUR, TimeoutSeconds=60)
    arn = sfn.start_execution(stateMachineArn=_machine(sfn, definition))["executionArn"]
    described = wait_for(sfn, arn, timeout=5)
    assert described["status"] == "TIMED_OUT"
    assert 60 <= (described["stopDate"] - described["startDate"]).total_seconds() < 61


def test_a_task_in_flight_keeps_real_time_so_its_callback_still_arrives(fresh_stratus):
    server = fresh_stratus("--fast-forward", "--in-memory")
    sfn = server.client("stepfunctions")
    sqs = server.client("sqs")
    queue_url = sqs.create_queue(QueueName=unique("ffq"))["QueueUrl"]
    definition = {"StartAt": "Ask", "States": {"Ask": {
        "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        "Parameters": {"QueueUrl": queue_url, "MessageBody": {"token.$": "$$.Task.Token"}},
        "TimeoutSeconds": 30, "Next": "Nap"},
        "Nap": {"Type": "Wait", "Seconds": 600, "End": True}}}
    arn = sfn.start_execution(stateMachineArn=_machine(sfn, definition))["executionArn"]
    messages = sqs.receive_message(QueueUrl=queue_url, WaitTimeSeconds=5)["Messages"]
    time.sleep(0.5)
    assert sfn.describe_execution(executionArn=arn)["status"] == "RUNNING"
    sfn.send_task_success(taskToken=json.loads(messages[0]["Body"])["token"], output='{"ok": true}')
    described = wait_for(sfn, arn, timeout=5)
    assert described["status"] == "SUCCEEDED"
    assert json.loads(described["output"]) == {"ok": True}


def test_express_executions_end_after_five_minutes(fresh_stratus):
    server = fresh_stratus("--fast-forward", "--in-memory")
    sfn = server.client("stepfunctions", inject_host_prefix=False)
    definition = {"StartAt": "Nap", "TimeoutSeconds": 3600, "States": {
        "Nap": {"Type": "Wait", "Seconds": 400, "End": True}}}
    machine = _machine(sfn, definition, kind="EXPRESS")
    result = sfn.start_sync_execution(stateMachineArn=machine, input="{}")
    assert result["status"] == "TIMED_OUT"
    assert 300 <= (result["stopDate"] - result["startDate"]).total_seconds() < 301
    assert result["error"] == "States.Timeout"


def test_express_executions_within_five_minutes_succeed(fresh_stratus):
    server = fresh_stratus("--fast-forward", "--in-memory")
    sfn = server.client("stepfunctions", inject_host_prefix=False)
    definition = {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 299, "End": True}}}
    result = sfn.start_sync_execution(stateMachineArn=_machine(sfn, definition, kind="EXPRESS"), input='{"a": 1}')
    assert result["status"] == "SUCCEEDED"
    assert json.loads(result["output"]) == {"a": 1}


def test_a_fast_forwarded_execution_reads_the_same_after_a_restart(fresh_stratus, tmp_path):
    data = str(tmp_path / "data")
    server = fresh_stratus("--fast-forward", data_dir=data)
    sfn = server.client("stepfunctions")
    arn = sfn.start_execution(stateMachineArn=_machine(sfn, WAIT_AN_HOUR))["executionArn"]
    assert wait_for(sfn, arn, timeout=5)["status"] == "SUCCEEDED"
    before = _events(sfn, arn)
    server.stop()
    again = fresh_stratus("--fast-forward", data_dir=data).client("stepfunctions")
    assert _events(again, arn) == before


def test_many_executions_fast_forward_side_by_side(fresh_stratus):
    server = fresh_stratus("--fast-forward", "--in-memory")
    sfn = server.client("stepfunctions", max_pool_connections=16)
    machine = _machine(sfn, {"StartAt": "Loop", "States": {
        "Loop": {"Type": "Wait", "SecondsPath": "$.wait", "Next": "Done"},
        "Done": {"Type": "Pass", "End": True}}})
    arns = []
    lock = threading.Lock()

    def start(seconds: int) -> None:
        arn = sfn.start_execution(stateMachineArn=machine, input=json.dumps({"wait": seconds}))["executionArn"]
        with lock:
            arns.append(arn)

    threads = [threading.Thread(target=start, args=(60 * (i + 1),)) for i in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for arn in arns:
        described = wait_for(sfn, arn, timeout=5)
        assert described["status"] == "SUCCEEDED"
        waited = json.loads(described["input"])["wait"]
        assert waited <= (described["stopDate"] - described["startDate"]).total_seconds() < waited + 1
