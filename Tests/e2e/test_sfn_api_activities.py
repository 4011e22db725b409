"""Step Functions activities through boto3 and the AWS CLI: Create/Describe/Delete/ListActivities, tags, GetActivityTask
long polls, activity Task states (history as AWS records it), timeouts, stop, and kill -9 while a task waits."""
import json
import signal
import threading
import time

import pytest

from sfn_support import ACCOUNT, REGION, ROLE, error_of, unique, wait_for


def activity_arn(name: str) -> str:
    return f"arn:aws:states:{REGION}:{ACCOUNT}:activity:{name}"


def task_machine(sfn, activity: str, **fields) -> str:
    state = {"Type": "Task", "Resource": activity, "End": True, **fields}
    definition = {"StartAt": "ActivityTask", "States": {"ActivityTask": state}}
    return sfn.create_state_machine(name=unique("m"), definition=json.dumps(definition), roleArn=ROLE)["stateMachineArn"]


@pytest.fixture
def sfn(stratus):
    # A GetActivityTask poll may last 60 seconds: the client must wait longer than that.
    return stratus.client("stepfunctions", read_timeout=75)


class Poller(threading.Thread):
    """A GetActivityTask call running beside the test."""

    def __init__(self, sfn, activity: str, worker: str = "worker"):
        super().__init__(daemon=True)
        self.sfn, self.activity, self.worker, self.result, self.error = sfn, activity, worker, None, None
        # Set once botocore is about to send this thread's request (building it can take a while on a busy machine).
        self.sent = threading.Event()
        sfn.meta.events.register("before-send.sfn.GetActivityTask", self._before_send, unique_id=f"poller-{id(self)}")
        self.start()

    def _before_send(self, **_):
        if threading.current_thread() is self:
            self.sent.set()

    def wait_until_polling(self):
        """Returns once the request was sent and the server has had a moment to start waiting on it."""
        assert self.sent.wait(timeout=10), "the GetActivityTask request was never sent"
        time.sleep(0.3)

    def run(self):
        try:
            self.result = self.sfn.get_activity_task(activityArn=self.activity, workerName=self.worker)
        except Exception as error:  # noqa: BLE001 - reported to the test
            self.error = error


def test_create_describe_list_delete(sfn):
    name = unique("activity.name")
    created = sfn.create_activity(name=name)
    assert created["activityArn"] == activity_arn(name)
    again = sfn.create_activity(name=name, tags=[{"key": "ignored", "value": "on a repeat"}])
    assert (again["activityArn"], again["creationDate"]) == (created["activityArn"], created["creationDate"])
    described = sfn.describe_activity(activityArn=created["activityArn"])
    assert described["name"] == name and described["creationDate"] == created["creationDate"]
    assert described["encryptionConfiguration"] == {"type": "AWS_OWNED_KEY"}
    listed = sfn.list_activities(maxResults=1000)["activities"]
    assert {"activityArn": created["activityArn"], "name": name, "creationDate": created["creationDate"]} in listed
    assert [item["name"] for item in listed] == sorted(item["name"] for item in listed)
    assert sfn.list_tags_for_resource(resourceArn=created["activityArn"])["tags"] == []

    assert sfn.delete_activity(activityArn=created["activityArn"])["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert sfn.delete_activity(activityArn=created["activityArn"])["ResponseMetadata"]["HTTPStatusCode"] == 200
    error = error_of(sfn.describe_activity, activityArn=created["activityArn"])
    assert error == {"Code": "ActivityDoesNotExist", "Message": f"Activity Does Not Exist: '{created['activityArn']}'"}
    error = error_of(sfn.get_activity_task, activityArn=created["activityArn"])
    assert error["Code"] == "ActivityDoesNotExist"


@pytest.mark.parametrize("name", ["activity name", "activity<name", "activity{name", "activity?name", "activity\"name",
                                  "activity#name", "activity%name", "activity\\name", "activity|name", "activity$name",
                                  "activity,name", "activity:name", "activity/name", "\x00activity", "activity\x7f"])
def test_invalid_names(sfn, name):
    assert error_of(sfn.create_activity, name=name) == {"Code": "InvalidName", "Message": f"Invalid Name: '{name}'"}


def test_invalid_arns_tokens_tags_and_encryption(sfn):
    for call in (sfn.describe_activity, sfn.get_activity_task, sfn.delete_activity):
        error = error_of(call, activityArn="no_an_activity_arn")
        assert error == {"Code": "InvalidArn", "Message": "Invalid Arn: 'Invalid ARN prefix: no_an_activity_arn'"}
    assert error_of(sfn.list_activities, nextToken="bm9wZQ==")["Code"] == "InvalidToken"
    too_many = [{"key": f"k{i}", "value": "v"} for i in range(51)]
    assert error_of(sfn.create_activity, name=unique("t"), tags=too_many)["Code"] == "TooManyTags"
    error = error_of(sfn.create_activity, name=unique("e"), encryptionConfiguration={"type": "AWS_OWNED_KEY"})
    assert error["Code"] == "ValidationException"
    assert error_of(sfn.list_tags_for_resource, resourceArn=activity_arn(unique("nope")))["Code"] == "ResourceNotFound"


def test_pagination(fresh_stratus):
    server = fresh_stratus("--in-memory")
    sfn = server.client("stepfunctions")
    for name in ["c", "a", "b"]:
        sfn.create_activity(name=name)
    first = sfn.list_activities(maxResults=2)
    assert [item["name"] for item in first["activities"]] == ["a", "b"]
    rest = sfn.list_activities(maxResults=2, nextToken=first["nextToken"])
    assert [item["name"] for item in rest["activities"]] == ["c"] and "nextToken" not in rest


def test_tags_on_activities(sfn):
    arn = sfn.create_activity(name=unique("tagged"), tags=[{"key": "a", "value": "1"}])["activityArn"]
    sfn.tag_resource(resourceArn=arn, tags=[{"key": "b", "value": "2"}, {"key": "a", "value": "3"}])
    sfn.untag_resource(resourceArn=arn, tagKeys=["b", "absent"])
    assert sfn.list_tags_for_resource(resourceArn=arn)["tags"] == [{"key": "a", "value": "3"}]


def test_worker_completes_a_task_with_the_recorded_history(sfn):
    activity = sfn.create_activity(name=unique("act"))["activityArn"]
    execution = sfn.start_execution(
        stateMachineArn=task_machine(sfn, activity), input=json.dumps({"Value1": "HelloWorld"}))["executionArn"]
    task = sfn.get_activity_task(activityArn=activity, workerName="BASE_ID_ACTIVITY_CONSUMER")
    assert json.loads(task["input"]) == {"Value1": "HelloWorld"}
    sfn.send_task_heartbeat(taskToken=task["taskToken"])
    sfn.send_task_success(taskToken=task["taskToken"], output=json.dumps({"Value1": "HelloWorld"}))
    described = wait_for(sfn, execution)
    assert described["status"] == "SUCCEEDED" and json.loads(described["output"]) == {"Value1": "HelloWorld"}
    events = sfn.get_execution_history(executionArn=execution)["events"]
    assert [(e["id"], e["previousEventId"], e["type"]) for e in events] == [
        (1, 0, "ExecutionStarted"), (2, 0, "TaskStateEntered"), (3, 2, "ActivityScheduled"),
        (4, 3, "ActivityStarted"), (5, 4, "ActivitySucceeded"), (6, 5, "TaskStateExited"),
        (7, 6, "ExecutionSucceeded"),
    ]
    scheduled = events[2]["activityScheduledEventDetails"]
    assert scheduled["resource"] == activity and json.loads(scheduled["input"]) == {"Value1": "HelloWorld"}
    assert scheduled["inputDetails"] == {"truncated": False}
    assert events[3]["activityStartedEventDetails"] == {"workerName": "BASE_ID_ACTIVITY_CONSUMER"}
    assert json.loads(events[4]["activitySucceededEventDetails"]["output"]) == {"Value1": "HelloWorld"}
    assert error_of(sfn.send_task_success, taskToken=task["taskToken"], output="{}")["Code"] == "TaskTimedOut"


def test_a_waiting_poll_wakes_when_a_task_is_scheduled_and_tasks_go_oldest_first(sfn):
    activity = sfn.create_activity(name=unique("act"))["activityArn"]
    machine = task_machine(sfn, activity)
    poller = Poller(sfn, activity)
    poller.wait_until_polling()
    assert poller.is_alive()
    started = time.monotonic()
    first = sfn.start_execution(stateMachineArn=machine, input='{"n": 1}')["executionArn"]
    poller.join(timeout=10)
    assert not poller.is_alive() and poller.error is None
    assert time.monotonic() - started < 5
    assert json.loads(poller.result["input"]) == {"n": 1}
    for n in (2, 3):
        sfn.start_execution(stateMachineArn=machine, input=json.dumps({"n": n}))
    inputs = [json.loads(sfn.get_activity_task(activityArn=activity)["input"])["n"] for _ in range(2)]
    assert inputs == [2, 3]
    sfn.send_task_failure(taskToken=poller.result["taskToken"], error="Boom", cause="why")
    failed = wait_for(sfn, first)
    assert (failed["status"], failed["error"], failed["cause"]) == ("FAILED", "Boom", "why")


def test_a_poll_without_work_answers_no_token_after_60_seconds(sfn):
    activity = sfn.create_activity(name=unique("idle"))["activityArn"]
    started = time.monotonic()
    answer = sfn.get_activity_task(activityArn=activity, workerName="idle")
    waited = time.monotonic() - started
    assert "taskToken" not in answer and "input" not in answer
    assert 59 <= waited < 70


def test_a_task_on_a_missing_activity_fails_the_execution(sfn):
    # As AWS does: States.Runtime, which Catch (even States.ALL) does not catch.
    activity = activity_arn(unique("missing"))
    definition = {"StartAt": "ActivityTask", "States": {
        "ActivityTask": {"Type": "Task", "Resource": activity, "Next": "Done",
                         "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}]},
        "Done": {"Type": "Succeed"}}}
    machine = sfn.create_state_machine(
        name=unique("m"), definition=json.dumps(definition), roleArn=ROLE)["stateMachineArn"]
    execution = sfn.start_execution(stateMachineArn=machine, input='{"Value1": "HelloWorld"}')["executionArn"]
    failed = wait_for(sfn, execution)
    assert failed["status"] == "FAILED" and failed["error"] == "States.Runtime"
    assert failed["cause"] == (f"An error occurred while executing the state 'ActivityTask' (entered at the event id #2). "
                               f"The activity {activity} does not exist.")


def test_timeout_and_stop_take_the_task_off_the_queue(sfn):
    activity = sfn.create_activity(name=unique("act"))["activityArn"]
    machine = task_machine(sfn, activity, TimeoutSeconds=1)
    timed_out = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    stopped = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    sfn.stop_execution(executionArn=stopped)
    described = wait_for(sfn, timed_out)
    assert (described["status"], described["error"]) == ("FAILED", "States.Timeout")
    events = sfn.get_execution_history(executionArn=timed_out)["events"]
    assert [e["type"] for e in events][-2:] == ["ActivityTimedOut", "ExecutionFailed"]
    assert events[-2]["activityTimedOutEventDetails"] == {"error": "States.Timeout"}
    assert events[2]["activityScheduledEventDetails"]["timeoutInSeconds"] == 1
    # Neither task is handed out any more: the next one queued is.
    later = sfn.start_execution(stateMachineArn=task_machine(sfn, activity), input='{"later": true}')["executionArn"]
    task = sfn.get_activity_task(activityArn=activity)
    assert json.loads(task["input"]) == {"later": True}
    sfn.send_task_success(taskToken=task["taskToken"], output="{}")
    assert wait_for(sfn, later)["status"] == "SUCCEEDED"


def test_missed_heartbeat_times_the_task_out(sfn):
    activity = sfn.create_activity(name=unique("act"))["activityArn"]
    execution = sfn.start_execution(
        stateMachineArn=task_machine(sfn, activity, TimeoutSeconds=60, HeartbeatSeconds=1))["executionArn"]
    token = sfn.get_activity_task(activityArn=activity)["taskToken"]
    described = wait_for(sfn, execution)
    assert (described["status"], described["error"]) == ("FAILED", "States.HeartbeatTimeout")
    assert error_of(sfn.send_task_heartbeat, taskToken=token)["Code"] == "TaskTimedOut"


def test_reset_and_shutdown_end_waiting_polls(fresh_stratus):
    server = fresh_stratus("--in-memory")
    sfn = server.client("stepfunctions", read_timeout=75)
    activity = sfn.create_activity(name="act")["activityArn"]
    poller = Poller(sfn, activity)
    poller.wait_until_polling()
    assert server.json("POST", "/_stratus/reset")[0] == 200
    poller.join(timeout=10)
    assert not poller.is_alive() and poller.error is None and "taskToken" not in poller.result

    activity = sfn.create_activity(name="act")["activityArn"]
    poller = Poller(sfn, activity)
    poller.wait_until_polling()
    started = time.monotonic()
    assert server.stop(sig=signal.SIGTERM) == 0
    assert time.monotonic() - started < 10
    poller.join(timeout=10)
    assert not poller.is_alive()


def test_activities_through_the_cli(stratus):
    name = unique("cli")
    created = stratus.cli("stepfunctions", "create-activity", "--name", name)
    assert created.returncode == 0, created.stderr
    arn = json.loads(created.stdout)["activityArn"]
    described = json.loads(stratus.cli("stepfunctions", "describe-activity", "--activity-arn", arn).stdout)
    assert described["name"] == name
    listed = json.loads(stratus.cli("stepfunctions", "list-activities").stdout)
    assert arn in [item["activityArn"] for item in listed["activities"]]

    sfn = stratus.client("stepfunctions")
    execution = sfn.start_execution(stateMachineArn=task_machine(sfn, arn), input='{"via": "cli"}')["executionArn"]
    polled = stratus.cli("stepfunctions", "get-activity-task", "--activity-arn", arn, "--worker-name", "cli-worker")
    assert polled.returncode == 0, polled.stderr
    task = json.loads(polled.stdout)
    assert json.loads(task["input"]) == {"via": "cli"}
    done = stratus.cli("stepfunctions", "send-task-success", "--task-token", task["taskToken"], "--task-output", '{"ok": 1}')
    assert done.returncode == 0, done.stderr
    assert json.loads(wait_for(sfn, execution)["output"]) == {"ok": 1}
    history = sfn.get_execution_history(executionArn=execution)["events"]
    assert history[3]["activityStartedEventDetails"] == {"workerName": "cli-worker"}
    assert stratus.cli("stepfunctions", "delete-activity", "--activity-arn", arn).returncode == 0
    missing = stratus.cli("stepfunctions", "describe-activity", "--activity-arn", arn)
    assert missing.returncode != 0 and "ActivityDoesNotExist" in missing.stderr


def test_an_activity_task_survives_kill_9(fresh_stratus, tmp_path):
    server = fresh_stratus(data_dir=str(tmp_path))
    sfn = server.client("stepfunctions", read_timeout=75)
    activity = sfn.create_activity(name="durable", tags=[{"key": "k", "value": "v"}])["activityArn"]
    machine = task_machine(sfn, activity)
    started = sfn.start_execution(stateMachineArn=machine, name="started", input='{"n": 1}')["executionArn"]
    queued = sfn.start_execution(stateMachineArn=machine, name="queued", input='{"n": 2}')["executionArn"]
    token = sfn.get_activity_task(activityArn=activity, workerName="before")["taskToken"]
    server.stop(sig=signal.SIGKILL)

    restarted = fresh_stratus(data_dir=str(tmp_path))
    again = restarted.client("stepfunctions", read_timeout=75)
    assert again.describe_activity(activityArn=activity)["name"] == "durable"
    assert again.list_tags_for_resource(resourceArn=activity)["tags"] == [{"key": "k", "value": "v"}]
    assert again.describe_execution(executionArn=started)["status"] == "RUNNING"
    # The task nobody had taken is queued again; the one a worker holds is not handed out twice.
    task = again.get_activity_task(activityArn=activity, workerName="after")
    assert json.loads(task["input"]) == {"n": 2}
    again.send_task_success(taskToken=token, output='{"after": "restart"}')
    again.send_task_success(taskToken=task["taskToken"], output='{"second": true}')
    first = wait_for(again, started)
    assert first["status"] == "SUCCEEDED" and json.loads(first["output"]) == {"after": "restart"}
    assert json.loads(wait_for(again, queued)["output"]) == {"second": True}
    workers = [e["activityStartedEventDetails"]["workerName"]
               for e in again.get_execution_history(executionArn=started)["events"] if e["type"] == "ActivityStarted"]
    assert workers == ["before"]
