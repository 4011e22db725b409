"""`stratus lambda logs` and `GET /_stratus/lambda/logs`: every invocation's log (sync, Event), kept per function."""
import json
import os
import socket
import subprocess
import threading
import time
import urllib.parse

from conftest import stratus_binary
from sfn_support import wait_for
from test_lambda_support import ACCOUNT, REGION, python_function, unique

PRINTER = (
    "import sys\n"
    "def handler(event, context):\n"
    "    print(f\"hello from {event['tag']}\")\n"
    "    print(f\"to stderr {event['tag']}\", file=sys.stderr)\n"
    "    return {'tag': event['tag']}\n"
)


def logs_cli(server, *args, timeout=60):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STRATUS_", "AWS_"))}
    return subprocess.run([stratus_binary(), "lambda", "logs", *args, "--endpoint", server.endpoint],
                          capture_output=True, text=True, env=env, timeout=timeout)


def logs_endpoint(server, **parameters):
    return server.json("GET", "/_stratus/lambda/logs?" + urllib.parse.urlencode(parameters))


def wait_for_events(server, name, count, deadline_seconds=30):
    """The function's events once there are at least `count` (long polls with `wait`)."""
    deadline = time.monotonic() + deadline_seconds
    events, since = [], 0
    while len(events) < count and time.monotonic() < deadline:
        status, _, body = logs_endpoint(server, function=name, since=since, wait=5)
        assert status == 200, body
        events += body["events"]
        since = body["next"]
    return events


def test_sync_and_event_invocations_are_both_logged(stratus):
    lam = stratus.client("lambda")
    name = python_function(lam, PRINTER)
    answer = lam.invoke(FunctionName=name, Payload=json.dumps({"tag": "sync-one"}))
    assert json.loads(answer["Payload"].read()) == {"tag": "sync-one"}
    assert lam.invoke(FunctionName=name, InvocationType="Event",
                      Payload=json.dumps({"tag": "event-two"}))["StatusCode"] == 202
    events = wait_for_events(stratus, name, 2)
    assert len(events) == 2

    result = logs_cli(stratus, name)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "hello from sync-one" in out and "hello from event-two" in out
    assert "to stderr sync-one" in out and "to stderr event-two" in out
    assert out.count("START RequestId: ") == 2
    assert out.count("END RequestId: ") == 2
    assert out.count("REPORT RequestId: ") == 2
    # Each invocation's text is printed as it is, in order: START, its own lines, END, REPORT.
    for event in events:
        block = event["message"]
        assert block in out
        request_id = event["requestId"]
        assert block.index(f"START RequestId: {request_id}") < block.index("hello from") \
            < block.index(f"END RequestId: {request_id}") < block.index(f"REPORT RequestId: {request_id}")


def test_mapping_and_step_functions_invocations_are_logged(stratus):
    lam, sqs, sfn = stratus.client("lambda"), stratus.client("sqs"), stratus.client("stepfunctions")
    name = python_function(lam, (
        "def handler(event, context):\n"
        "    if 'Records' in event:\n"
        "        print('from the queue', [r['body'] for r in event['Records']])\n"
        "    else:\n"
        "        print('from a workflow', event['step'])\n"
        "    return {}\n"))
    arn = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}"
    queue_name = unique("logs-source")
    queue = sqs.create_queue(QueueName=queue_name)["QueueUrl"]
    sqs.send_message(QueueUrl=queue, MessageBody="queued-body")
    lam.create_event_source_mapping(EventSourceArn=f"arn:aws:sqs:{REGION}:{ACCOUNT}:{queue_name}", FunctionName=name)
    machine = sfn.create_state_machine(
        name=unique("logs-wf"), roleArn=f"arn:aws:iam::{ACCOUNT}:role/sfn",
        definition=json.dumps({"StartAt": "Call", "States": {"Call": {
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": arn, "Payload": {"step": "task-one"}}, "End": True}}}))["stateMachineArn"]
    execution = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    assert wait_for(sfn, execution, timeout=30)["status"] == "SUCCEEDED"
    text = "".join(event["message"] for event in wait_for_events(stratus, name, 2))
    assert "from the queue ['queued-body']" in text
    assert "from a workflow task-one" in text


def test_admin_endpoint_json_cursor_and_names(stratus):
    lam = stratus.client("lambda")
    name = python_function(lam, PRINTER)
    arn = f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}"
    before = int(time.time() * 1000) - 1000
    invoked = lam.invoke(FunctionName=name, Payload=json.dumps({"tag": "first"}))
    request_id = invoked["ResponseMetadata"]["RequestId"]

    status, headers, body = logs_endpoint(stratus, function=name)
    assert status == 200 and headers["content-type"] == "application/json"
    assert body["function"] == arn
    assert len(body["events"]) == 1
    event = body["events"][0]
    assert event["requestId"] == request_id
    assert event["version"] == "$LATEST"
    assert before <= event["timestamp"] <= int(time.time() * 1000) + 1000
    assert event["ingestionTime"] >= event["timestamp"]
    assert "hello from first" in event["message"] and event["message"].startswith(f"START RequestId: {request_id}")
    assert body["next"] == event["ingestionTime"] + 1

    # The cursor continues after what was returned; an ARN names the same function.
    status, _, again = logs_endpoint(stratus, function=arn, since=body["next"])
    assert status == 200 and again["events"] == [] and again["next"] == body["next"]
    lam.invoke(FunctionName=name, Payload=json.dumps({"tag": "second"}))
    status, _, newer = logs_endpoint(stratus, function=arn, since=body["next"])
    assert [e["message"].count("hello from second") for e in newer["events"]] == [1]
    status, _, limited = logs_endpoint(stratus, function=name, limit=1)
    assert len(limited["events"]) == 1 and "hello from first" in limited["events"][0]["message"]
    # tail: the newest events instead of the oldest, still oldest first, with the cursor after the newest.
    status, _, tail = logs_endpoint(stratus, function=name, tail=1)
    assert status == 200 and len(tail["events"]) == 1 and "hello from second" in tail["events"][0]["message"]
    assert tail["next"] == tail["events"][0]["ingestionTime"] + 1
    status, _, both = logs_endpoint(stratus, function=name, tail=5)
    assert [e["requestId"] for e in both["events"]] == [request_id] + [e["requestId"] for e in newer["events"]]
    assert logs_endpoint(stratus, function=name, tail=0)[0] == 400
    assert logs_endpoint(stratus, function=name, tail=1, limit=1)[0] == 400

    # Errors: JSON with a code.
    status, _, missing = logs_endpoint(stratus, function="no-such-function-here")
    assert status == 404 and missing["code"] == "ResourceNotFoundException"
    assert "no-such-function-here" in missing["error"]
    assert logs_endpoint(stratus)[0] == 400
    assert logs_endpoint(stratus, function=name, wait=21)[0] == 400
    assert logs_endpoint(stratus, function=name, since="yesterday")[0] == 400
    assert logs_endpoint(stratus, function=f"{name}:1")[0] == 400
    assert stratus.raw("POST", "/_stratus/lambda/logs?function=" + name)[0] == 405


def test_deleting_a_function_drops_its_logs(stratus):
    lam = stratus.client("lambda")
    name = python_function(lam, PRINTER)
    lam.invoke(FunctionName=name, Payload=json.dumps({"tag": "old"}))
    assert len(logs_endpoint(stratus, function=name)[2]["events"]) == 1
    lam.delete_function(FunctionName=name)
    assert logs_endpoint(stratus, function=name)[0] == 404
    python_function(lam, PRINTER, name=name)
    assert logs_endpoint(stratus, function=name)[2]["events"] == []


def test_since_filters_by_time(stratus):
    lam = stratus.client("lambda")
    name = python_function(lam, PRINTER)
    lam.invoke(FunctionName=name, Payload=json.dumps({"tag": "recent"}))
    recent = logs_cli(stratus, name, "--since", "10m")
    assert recent.returncode == 0 and "hello from recent" in recent.stdout
    future = logs_cli(stratus, name, "--since", str(int(time.time() * 1000) + 3_600_000))
    assert future.returncode == 0 and future.stdout == ""
    iso = logs_cli(stratus, name, "--since", "2000-01-01T00:00:00Z")
    assert iso.returncode == 0 and "hello from recent" in iso.stdout
    assert logs_cli(stratus, name, "--since", "soon").returncode != 0


def test_follow_prints_new_invocations(stratus):
    lam = stratus.client("lambda")
    name = python_function(lam, PRINTER)
    lam.invoke(FunctionName=name, Payload=json.dumps({"tag": "before-follow"}))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STRATUS_", "AWS_"))}
    follower = subprocess.Popen([stratus_binary(), "lambda", "logs", name, "--follow", "--endpoint", stratus.endpoint],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    lines = []
    seen = {"before-follow": threading.Event(), "after-follow": threading.Event()}

    def read():
        for line in follower.stdout:
            lines.append(line)
            for tag, event in seen.items():
                if f"hello from {tag}" in line:
                    event.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert seen["before-follow"].wait(15), "".join(lines)
        lam.invoke(FunctionName=name, Payload=json.dumps({"tag": "after-follow"}))
        assert seen["after-follow"].wait(10), "".join(lines)
        assert follower.poll() is None  # still following
    finally:
        follower.kill()
        follower.wait(10)
        reader.join(5)
    text = "".join(lines)
    assert text.count("START RequestId: ") == 2 and text.count("REPORT RequestId: ") == 2


def test_unknown_function_exits_1_and_unreachable_server_exits_3(stratus):
    result = logs_cli(stratus, "no-such-function-anywhere")
    assert result.returncode == 1
    assert result.stderr.startswith("stratus: ") and "no-such-function-anywhere" in result.stderr
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STRATUS_", "AWS_"))}
    unreachable = subprocess.run([stratus_binary(), "lambda", "logs", "f", "--endpoint", f"http://127.0.0.1:{port}"],
                                 capture_output=True, text=True, env=env, timeout=60)
    assert unreachable.returncode == 3
    assert unreachable.stderr.startswith("stratus: ")


def test_reset_drops_all_logs(fresh_stratus):
    server = fresh_stratus("--in-memory")
    lam = server.client("lambda")
    name = python_function(lam, PRINTER)
    lam.invoke(FunctionName=name, Payload=json.dumps({"tag": "before-reset"}))
    assert len(logs_endpoint(server, function=name)[2]["events"]) == 1
    assert server.raw("POST", "/_stratus/reset")[0] == 200
    python_function(lam, PRINTER, name=name)
    assert logs_endpoint(server, function=name)[2]["events"] == []


def test_a_follower_does_not_hold_up_a_shutdown(fresh_stratus):
    server = fresh_stratus("--in-memory")
    name = python_function(server.client("lambda"), PRINTER)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STRATUS_", "AWS_"))}
    follower = subprocess.Popen([stratus_binary(), "lambda", "logs", name, "--follow", "--endpoint", server.endpoint],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        # Give the follower a moment to open its long poll (20 s): the graceful shutdown must end it, not wait
        # for it (stop() kills a server that takes over 15 s, which would answer -9, not 0).
        time.sleep(1)
        assert server.stop() == 0
        _, err = follower.communicate(timeout=30)
        assert follower.returncode == 3 and err.startswith("stratus: Cannot reach Stratus")
    finally:
        if follower.poll() is None:
            follower.kill()
            follower.wait()
