"""The web console (`/_stratus/console`): its pages and assets, and its JSON API answering with the state that boto3
creates and sees — state machines, executions started either way, histories, stops."""
import json
import urllib.parse

import boto3
import botocore.config
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


SCRIPTS = ("statuses.js", "graph.js", "resources.js", "console.js", "stepfunctions.js", "lambda.js", "dynamodb.js", "sqs.js",
           "s3.js", "sns.js", "events.js")


@pytest.mark.parametrize("path", [CONSOLE, CONSOLE + "/", CONSOLE + "/state-machine?arn=x", CONSOLE + "/execution?arn=y",
                                  CONSOLE + "/lambda", CONSOLE + "/lambda/function?name=f", CONSOLE + "/dynamodb",
                                  CONSOLE + "/dynamodb/table?name=t", CONSOLE + "/sqs", CONSOLE + "/sqs/queue?url=u",
                                  CONSOLE + "/s3", CONSOLE + "/s3/bucket?name=b", CONSOLE + "/sns",
                                  CONSOLE + "/sns/topic?arn=t", CONSOLE + "/events", CONSOLE + "/events/bus?name=b",
                                  CONSOLE + "/events/rule?bus=b&name=r"])
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
    *((script, "text/javascript; charset=utf-8") for script in ("resources.js", "stepfunctions.js", "lambda.js", "dynamodb.js", "sqs.js", "s3.js",
                                                                       "sns.js", "events.js")),
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


# ---------------------------------------------------------------- versions, aliases, Map Runs, redrive

DISTRIBUTED = {"StartAt": "M", "States": {"M": {
    "Type": "Map", "Label": "items", "MaxConcurrency": 2, "ToleratedFailureCount": 1,
    "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                      "StartAt": "Check", "States": {
                          "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericEquals": 3, "Next": "Bad"}],
                                    "Default": "Good"},
                          "Good": {"Type": "Pass", "End": True},
                          "Bad": {"Type": "Fail", "Error": "Three", "Cause": "three is bad"}}},
    "End": True}}}


def test_versions_and_aliases_match_what_boto3_sees(stratus, sfn):
    arn = machine(sfn, PASS)
    first = sfn.publish_state_machine_version(stateMachineArn=arn, description="first")["stateMachineVersionArn"]
    sfn.update_state_machine(stateMachineArn=arn, definition=json.dumps(CHOICE))
    second = sfn.publish_state_machine_version(stateMachineArn=arn)["stateMachineVersionArn"]
    alias = sfn.create_state_machine_alias(name="live", description="canary", routingConfiguration=[
        {"stateMachineVersionArn": second, "weight": 80}, {"stateMachineVersionArn": first, "weight": 20}],
    )["stateMachineAliasArn"]

    status, _, versions = api(stratus, f"/state-machine/versions?arn={q(arn)}")
    assert status == 200 and versions["truncated"] is False
    boto3_versions = sfn.list_state_machine_versions(stateMachineArn=arn)["stateMachineVersions"]
    assert [v["stateMachineVersionArn"] for v in versions["versions"]] == \
        [v["stateMachineVersionArn"] for v in boto3_versions] == [second, first]
    assert versions["versions"][0]["creationDate"] == pytest.approx(boto3_versions[0]["creationDate"].timestamp(), abs=0.001)
    status, _, version = api(stratus, f"/state-machine?arn={q(first)}")
    assert status == 200 and json.loads(version["definition"]) == PASS and version["description"] == "first"

    status, _, aliases = api(stratus, f"/state-machine/aliases?arn={q(arn)}")
    assert status == 200 and aliases["truncated"] is False
    [listed] = aliases["aliases"]
    described = sfn.describe_state_machine_alias(stateMachineAliasArn=alias)
    assert listed["stateMachineAliasArn"] == alias and listed["name"] == "live" and listed["description"] == "canary"
    assert listed["routingConfiguration"] == described["routingConfiguration"] == [
        {"stateMachineVersionArn": second, "weight": 80}, {"stateMachineVersionArn": first, "weight": 20}]
    assert listed["creationDate"] == pytest.approx(described["creationDate"].timestamp(), abs=0.001)

    # Starting a version or an alias from the console is StartExecution with the qualified ARN.
    status, _, by_version = api(stratus, "/executions", {"stateMachineArn": first, "input": json.dumps({"value": 1})})
    assert status == 200
    assert wait_for(sfn, by_version["executionArn"])["stateMachineVersionArn"] == first
    status, _, by_alias = api(stratus, "/executions", {"stateMachineArn": alias, "input": json.dumps({"n": 5})})
    assert status == 200
    with_alias = wait_for(sfn, by_alias["executionArn"])
    assert with_alias["stateMachineAliasArn"] == alias and with_alias["stateMachineVersionArn"] in (first, second)
    for qualified, started in ((first, by_version), (alias, by_alias)):
        listed = api(stratus, f"/executions?stateMachineArn={q(qualified)}")[2]["executions"]
        boto3_listed = sfn.list_executions(stateMachineArn=qualified)["executions"]
        assert [e["executionArn"] for e in listed] == [e["executionArn"] for e in boto3_listed]
        assert started["executionArn"] in [e["executionArn"] for e in listed]
    # The alias lists only what it started; a version also lists what the alias routed to it.
    assert [e["executionArn"] for e in api(stratus, f"/executions?stateMachineArn={q(alias)}")[2]["executions"]] == \
        [by_alias["executionArn"]]
    assert api(stratus, f"/executions?stateMachineArn={q(arn)}")[2]["executions"][0]["stateMachineAliasArn"] == alias

    missing = arn + "-gone"
    for route in ("versions", "aliases"):
        status, _, body = api(stratus, f"/state-machine/{route}?arn={q(missing)}")
        assert status == 400 and body["error"] == "StateMachineDoesNotExist"


def test_executions_are_filtered_by_status(stratus, sfn):
    arn = machine(sfn, CHOICE)
    big = sfn.start_execution(stateMachineArn=arn, input=json.dumps({"n": 5}))["executionArn"]
    small = sfn.start_execution(stateMachineArn=arn, input=json.dumps({"n": 1}))["executionArn"]
    wait_for(sfn, big), wait_for(sfn, small)
    for status_filter, expected in (("SUCCEEDED", [big]), ("FAILED", [small]), ("RUNNING", [])):
        listed = api(stratus, f"/executions?stateMachineArn={q(arn)}&status={status_filter}")[2]["executions"]
        boto3_listed = sfn.list_executions(stateMachineArn=arn, statusFilter=status_filter)["executions"]
        assert [e["executionArn"] for e in listed] == [e["executionArn"] for e in boto3_listed] == expected
    status, _, body = api(stratus, f"/executions?stateMachineArn={q(arn)}&status=DONE")
    assert status == 400 and body["error"] == "ValidationException" and "status" in body["message"]
    status, _, body = api(stratus, "/executions")
    assert status == 400 and body["message"] == "The query parameter stateMachineArn or mapRunArn is required."


def test_map_runs_and_their_child_executions_match_what_boto3_sees(stratus, sfn):
    arn = machine(sfn, DISTRIBUTED)
    execution = sfn.start_execution(stateMachineArn=arn, input=json.dumps([1, 2, 3, 4]))["executionArn"]
    assert wait_for(sfn, execution, timeout=20)["status"] == "SUCCEEDED"
    status, _, body = api(stratus, f"/map-runs?executionArn={q(execution)}")
    assert status == 200 and body["truncated"] is False
    [run] = body["mapRuns"]
    [listed] = sfn.list_map_runs(executionArn=execution)["mapRuns"]
    described = sfn.describe_map_run(mapRunArn=listed["mapRunArn"])
    assert run["mapRunArn"] == listed["mapRunArn"] and run["stateMachineArn"] == listed["stateMachineArn"]
    assert run["stateMachineArn"] == arn + "/items"
    for key in ("executionArn", "status", "maxConcurrency", "toleratedFailureCount", "toleratedFailurePercentage",
                "itemCounts", "executionCounts", "redriveCount"):
        assert run[key] == described[key], key
    assert run["status"] == "SUCCEEDED" and run["maxConcurrency"] == 2 and run["toleratedFailureCount"] == 1
    assert run["itemCounts"]["total"] == 4 and run["itemCounts"]["succeeded"] == 3 and run["itemCounts"]["failed"] == 1
    assert run["startDate"] == pytest.approx(described["startDate"].timestamp(), abs=0.001)
    assert api(stratus, f"/map-run?arn={q(run['mapRunArn'])}")[2]["itemCounts"] == described["itemCounts"]

    status, _, children = api(stratus, f"/executions?mapRunArn={q(run['mapRunArn'])}")
    assert status == 200
    boto3_children = sfn.list_executions(mapRunArn=run["mapRunArn"])["executions"]
    assert [c["executionArn"] for c in children["executions"]] == [c["executionArn"] for c in boto3_children]
    assert len(boto3_children) == 4
    failed = api(stratus, f"/executions?mapRunArn={q(run['mapRunArn'])}&status=FAILED")[2]["executions"]
    assert len(failed) == 1
    child = api(stratus, f"/execution?arn={q(failed[0]['executionArn'])}")[2]
    assert child["error"] == "Three" and child["mapRunArn"] == run["mapRunArn"] and json.loads(child["input"]) == 3
    assert child["stateMachineArn"] == arn + "/items"
    # A child execution's own history, as boto3 sees it.
    status, _, history = api(stratus, f"/execution/history?arn={q(failed[0]['executionArn'])}")
    assert status == 200
    boto3_history = sfn.get_execution_history(executionArn=failed[0]["executionArn"])["events"]
    assert [e["type"] for e in history["events"]] == [e["type"] for e in boto3_history]
    assert history["events"][0]["type"] == "ExecutionStarted" and history["events"][-1]["type"] == "ExecutionFailed"

    unknown = run["mapRunArn"].rsplit(":", 1)[0] + ":00000000-0000-4000-8000-000000000000"
    assert api(stratus, f"/map-run?arn={q(unknown)}")[2]["error"] == "ResourceNotFound"
    assert api(stratus, f"/map-runs?executionArn={q(execution + '-gone')}")[2]["error"] == "ExecutionDoesNotExist"


def test_redriving_from_the_console_after_fixing_what_failed(stratus, sfn):
    sqs = stratus.client("sqs")
    probe = sqs.create_queue(QueueName=unique("probe"))["QueueUrl"]
    name = unique("later")
    url = probe.rsplit("/", 1)[0] + "/" + name
    arn = machine(sfn, {"StartAt": "Send", "States": {"Send": {
        "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
        "Parameters": {"QueueUrl": url, "MessageBody": "hello"}, "End": True}}})
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]
    assert wait_for(sfn, execution)["status"] == "FAILED"
    described = api(stratus, f"/execution?arn={q(execution)}")[2]
    assert described["redriveCount"] == 0 and described["redriveStatus"] == "REDRIVABLE"

    sqs.create_queue(QueueName=name)
    status, _, redriven = api(stratus, "/execution/redrive", {"executionArn": execution})
    assert status == 200 and "redriveDate" in redriven
    done = wait_for(sfn, execution)
    assert done["status"] == "SUCCEEDED" and done["redriveCount"] == 1
    assert done["redriveDate"].timestamp() == pytest.approx(redriven["redriveDate"], abs=0.001)
    listed = api(stratus, f"/executions?stateMachineArn={q(arn)}")[2]["executions"]
    assert listed[0]["redriveCount"] == 1

    # Not redrivable any more: the service's error, with its code and message.
    status, _, refused = api(stratus, "/execution/redrive", {"executionArn": execution})
    assert status == 400 and refused == {"error": "ExecutionNotRedrivable",
                                         "message": "Execution is SUCCEEDED and cannot be redriven"}
    status, _, body = stratus.json("POST", f"{CONSOLE}/api/execution/redrive",
                                   body=json.dumps({"executionArn": execution}), headers={"Content-Type": "text/plain"})
    assert status == 415


def regional(stratus, service: str, region: str):
    return boto3.client(service, endpoint_url=stratus.endpoint, region_name=region, aws_access_key_id="test",
                        aws_secret_access_key="test", config=botocore.config.Config(retries={"max_attempts": 1}))


def test_the_console_acts_in_the_region_it_is_asked_for(stratus):
    """What boto3 creates in another region is what the console shows with ?region= (and only then)."""
    sfn_eu, sqs_eu = regional(stratus, "stepfunctions", "eu-west-1"), regional(stratus, "sqs", "eu-west-1")
    arn = machine(sfn_eu, PASS)
    queue_url = sqs_eu.create_queue(QueueName=unique("regional"))["QueueUrl"]
    assert arn.startswith("arn:aws:states:eu-west-1:")
    status, _, context = api(stratus, "/context")
    assert status == 200 and context["region"] == "us-east-1" and "eu-west-1" in context["regions"]
    home = [m["stateMachineArn"] for m in api(stratus, "/state-machines")[2]["stateMachines"]]
    there = [m["stateMachineArn"] for m in api(stratus, "/state-machines?region=eu-west-1")[2]["stateMachines"]]
    assert arn not in home and arn in there
    queues = [q_["url"] for q_ in api(stratus, "/sqs/queues?region=eu-west-1")[2]["queues"]]
    assert queue_url in queues and queue_url not in [q_["url"] for q_ in api(stratus, "/sqs/queues")[2]["queues"]]
    # An execution started through the console runs in that region.
    status, _, started = api(stratus, "/executions?region=eu-west-1", {"stateMachineArn": arn, "input": {"value": 1}})
    assert status == 200, started
    assert wait_for(sfn_eu, started["executionArn"])["status"] == "SUCCEEDED"
    status, _, refused = api(stratus, "/state-machines?region=Mars")
    assert (status, refused["error"]) == (400, "ValidationException")
