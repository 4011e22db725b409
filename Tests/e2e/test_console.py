"""The web console (`/_stratus/console`): its pages and assets, and its JSON API answering with the state that boto3
creates and sees — state machines, executions started either way, histories, stops."""
import json
import urllib.parse

import pytest
from sfn_support import ROLE, unique, wait_for

CONSOLE = "/_stratus/console"

PASS = {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"got.$": "$.value"}, "End": True}}}
CHOICE = {
    "StartAt": "Check",
    "States": {
        "Check": {"Type": "Choice", "Choices": [{"Variable": "$.n", "NumericGreaterThan": 3, "Next": "Big"}],
                  "Default": "Small"},
        "Big": {"Type": "Pass", "End": True},
        "Small": {"Type": "Fail", "Error": "TooSmall", "Cause": "n is 3 or less"},
    },
}
LONG_WAIT = {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": True}}}


@pytest.fixture
def sfn(stratus):
    return stratus.client("stepfunctions")


def machine(sfn, definition: dict, type_: str = "STANDARD") -> str:
    return sfn.create_state_machine(name=unique("console"), definition=json.dumps(definition), roleArn=ROLE,
                                    type=type_)["stateMachineArn"]


def q(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def api(stratus, path: str, body=None):
    if body is None:
        return stratus.json("GET", f"{CONSOLE}/api{path}")
    return stratus.json("POST", f"{CONSOLE}/api{path}", body=json.dumps(body),
                        headers={"Content-Type": "application/json"})


SCRIPTS = ("statuses.js", "graph.js", "resources.js", "console.js", "lambda.js", "dynamodb.js", "sqs.js", "s3.js", "sns.js",
           "events.js")


@pytest.mark.parametrize("path", [CONSOLE, CONSOLE + "/", CONSOLE + "/state-machine?arn=x", CONSOLE + "/execution?arn=y",
                                  CONSOLE + "/lambda", CONSOLE + "/lambda/function?name=f", CONSOLE + "/dynamodb",
                                  CONSOLE + "/dynamodb/table?name=t", CONSOLE + "/sqs", CONSOLE + "/sqs/queue?url=u",
                                  CONSOLE + "/s3", CONSOLE + "/s3/bucket?name=b"])
def test_pages_are_the_console_document(stratus, path):
    status, headers, body = stratus.raw("GET", path)
    assert status == 200
    assert headers["content-type"] == "text/html; charset=utf-8"
    html = body.decode()
    assert html.startswith("<!doctype html>") and "<title>Stratus console</title>" in html
    assert "/_stratus/console/assets/console.css" in html
    # The scripts in the order they must run: the service pages register with console.js's router.
    positions = [html.index(f'<script src="/_stratus/console/assets/{script}" defer>') for script in SCRIPTS]
    assert positions == sorted(positions)


@pytest.mark.parametrize("asset,content_type", [
    ("console.css", "text/css; charset=utf-8"), ("console.js", "text/javascript; charset=utf-8"),
    ("graph.js", "text/javascript; charset=utf-8"), ("statuses.js", "text/javascript; charset=utf-8"),
    *((script, "text/javascript; charset=utf-8") for script in ("resources.js", "lambda.js", "dynamodb.js", "sqs.js", "s3.js")),
])
def test_assets_are_served_from_the_binary(stratus, asset, content_type):
    status, headers, body = stratus.raw("GET", f"{CONSOLE}/assets/{asset}")
    assert status == 200
    assert headers["content-type"] == content_type
    assert headers["x-content-type-options"] == "nosniff"
    assert len(body) > 1000
    # Self-contained: no CDN, no external fonts; the only URL is the SVG namespace, which loads nothing.
    urls = body.replace(b"http://www.w3.org/2000/svg", b"")
    assert b"https://" not in urls and b"http://" not in urls


@pytest.mark.parametrize("path", [CONSOLE + "/nothing", CONSOLE + "/assets/missing.js", CONSOLE + "/assets/"])
def test_unknown_console_pages_are_not_found(stratus, path):
    status, headers, body = stratus.raw("GET", path)
    assert status == 404
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert path.encode() in body


def test_unknown_console_api_paths_are_not_found(stratus):
    status, headers, body = api(stratus, "/nothing")
    assert status == 404 and headers["content-type"] == "application/json"
    assert body == {"error": "NotFound", "message": "No console API at /_stratus/console/api/nothing"}


def test_the_console_does_not_shadow_other_admin_endpoints(stratus):
    assert stratus.json("GET", "/_stratus/health")[0] == 200
    assert stratus.json("GET", "/_stratus/consoles")[0] == 404


def test_state_machines_are_listed_and_described_as_boto3_made_them(stratus, sfn):
    arn = machine(sfn, CHOICE)
    express = machine(sfn, PASS, "EXPRESS")
    status, headers, body = api(stratus, "/state-machines")
    assert status == 200 and headers["content-type"] == "application/json"
    listed = {item["stateMachineArn"]: item for item in body["stateMachines"]}
    pages = sfn.get_paginator("list_state_machines").paginate()
    boto3_listed = {item["stateMachineArn"]: item for page in pages for item in page["stateMachines"]}
    assert set(listed) == set(boto3_listed)
    assert listed[arn]["type"] == "STANDARD" and listed[express]["type"] == "EXPRESS"
    assert listed[arn]["name"] == arn.rsplit(":", 1)[1]
    assert listed[arn]["creationDate"] == pytest.approx(boto3_listed[arn]["creationDate"].timestamp(), abs=0.001)
    status, _, described = api(stratus, f"/state-machine?arn={q(arn)}")
    assert status == 200
    assert json.loads(described["definition"]) == CHOICE
    assert described["roleArn"] == ROLE and described["status"] == "ACTIVE"


def test_executions_and_history_match_what_boto3_sees(stratus, sfn):
    arn = machine(sfn, CHOICE)
    big = sfn.start_execution(stateMachineArn=arn, name="big", input=json.dumps({"n": 5}))["executionArn"]
    small = sfn.start_execution(stateMachineArn=arn, name="small", input=json.dumps({"n": 1}))["executionArn"]
    assert wait_for(sfn, big)["status"] == "SUCCEEDED" and wait_for(sfn, small)["status"] == "FAILED"

    status, _, listed = api(stratus, f"/executions?stateMachineArn={q(arn)}")
    assert status == 200
    by_name = {item["name"]: item for item in listed["executions"]}
    assert set(by_name) == {"big", "small"}
    assert by_name["big"]["status"] == "SUCCEEDED" and by_name["small"]["status"] == "FAILED"

    status, _, described = api(stratus, f"/execution?arn={q(small)}")
    assert status == 200
    boto3_described = sfn.describe_execution(executionArn=small)
    for key in ("executionArn", "stateMachineArn", "name", "status", "input", "error", "cause"):
        assert described[key] == boto3_described[key], key
    assert described["error"] == "TooSmall"

    status, _, history = api(stratus, f"/execution/history?arn={q(big)}")
    assert status == 200 and history["truncated"] is False
    boto3_events = sfn.get_execution_history(executionArn=big)["events"]
    assert [(e["id"], e["type"], e.get("previousEventId")) for e in history["events"]] == \
        [(e["id"], e["type"], e.get("previousEventId")) for e in boto3_events]
    assert [e["type"] for e in history["events"]] == [
        "ExecutionStarted", "ChoiceStateEntered", "ChoiceStateExited", "PassStateEntered", "PassStateExited",
        "ExecutionSucceeded"]
    assert history["events"][3]["stateEnteredEventDetails"]["name"] == "Big"


def test_an_execution_started_from_the_console_is_a_real_execution(stratus, sfn):
    arn = machine(sfn, PASS)
    status, _, started = api(stratus, "/executions", {"stateMachineArn": arn, "name": "from-console",
                                                       "input": json.dumps({"value": 42})})
    assert status == 200
    assert started["executionArn"] == arn.replace(":stateMachine:", ":execution:") + ":from-console"
    described = wait_for(sfn, started["executionArn"])
    assert described["status"] == "SUCCEEDED" and json.loads(described["output"]) == {"got": 42}
    # The service's own validation answers, with its code and status.
    status, _, error = api(stratus, "/executions", {"stateMachineArn": arn, "name": "from-console",
                                                     "input": json.dumps({"value": 1})})
    assert status == 400 and error["error"] == "ExecutionAlreadyExists"
    status, _, error = api(stratus, "/executions", {"stateMachineArn": arn, "input": "{not json"})
    assert status == 400 and error["error"] == "InvalidExecutionInput"


def test_stopping_from_the_console(stratus, sfn):
    arn = machine(sfn, LONG_WAIT)
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    assert api(stratus, f"/execution?arn={q(execution)}")[2]["status"] == "RUNNING"
    status, _, stopped = api(stratus, "/execution/stop", {"executionArn": execution, "error": "Console",
                                                          "cause": "stopped in the console"})
    assert status == 200 and "stopDate" in stopped
    described = sfn.describe_execution(executionArn=execution)
    assert described["status"] == "ABORTED" and described["error"] == "Console"
    history = api(stratus, f"/execution/history?arn={q(execution)}")[2]["events"]
    assert history[-1]["type"] == "ExecutionAborted"


def test_posts_must_be_json_so_other_origins_cannot_forge_them(stratus, sfn):
    arn = machine(sfn, PASS)
    status, _, body = stratus.json("POST", f"{CONSOLE}/api/executions", body=json.dumps({"stateMachineArn": arn}),
                                   headers={"Content-Type": "text/plain"})
    assert status == 415 and body["error"] == "UnsupportedMediaType"
    assert sfn.list_executions(stateMachineArn=arn)["executions"] == []


def test_errors_of_the_service_keep_their_code(stratus):
    missing = "arn:aws:states:us-east-1:000000000000:stateMachine:no-such-machine"
    status, _, body = api(stratus, f"/state-machine?arn={q(missing)}")
    assert status == 400 and body["error"] == "StateMachineDoesNotExist"
    status, _, body = api(stratus, "/execution")
    assert status == 400 and body["message"] == "The query parameter arn is required."
    status, headers, _ = stratus.json("DELETE", f"{CONSOLE}/api/state-machines")
    assert status == 405 and headers["allow"] == "GET"
