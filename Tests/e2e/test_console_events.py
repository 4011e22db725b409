"""The console's EventBridge API (`/_stratus/console/api/events`) against the built binary: buses, rules (patterns
and schedules) and targets (SQS, SNS, Lambda, Step Functions; input, input path, input transformer, dead-letter queue,
retry policy) created by boto3 are answered as boto3 sees them, and an event put through the console reaches the SQS
queue its rule targets."""
import json
import urllib.parse
import uuid

import pytest

from console_support import drain, new_queue

CONSOLE = "/_stratus/console"
ACCOUNT, REGION = "000000000000", "us-east-1"


def q(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def name(prefix="r"):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def api(stratus, path: str, body=None):
    if body is None:
        return stratus.json("GET", f"{CONSOLE}/api/events{path}")
    return stratus.json("POST", f"{CONSOLE}/api/events{path}", body=json.dumps(body),
                        headers={"Content-Type": "application/json"})






def without_metadata(answer):
    return {k: v for k, v in answer.items() if k != "ResponseMetadata"}


def test_buses_are_listed_as_boto3_lists_them(stratus):
    events = stratus.client("events")
    bus = name("bus")
    events.create_event_bus(Name=bus, Description="model pipeline")
    status, headers, body = api(stratus, "/buses")
    assert status == 200 and headers["content-type"] == "application/json"
    assert body["truncated"] is False
    boto, token = [], None
    while True:  # ListEventBuses has no boto3 paginator
        page = events.list_event_buses(**({"NextToken": token} if token else {}))
        boto += page["EventBuses"]
        token = page.get("NextToken")
        if not token:
            break
    listed = {b["Name"]: b for b in body["buses"]}
    assert {b["Name"] for b in boto} <= set(listed) and {"default", bus} <= set(listed)
    expected = next(b for b in boto if b["Name"] == bus)
    assert listed[bus]["Arn"] == expected["Arn"] == f"arn:aws:events:{REGION}:{ACCOUNT}:event-bus/{bus}"
    assert listed[bus]["Description"] == "model pipeline"
    assert listed[bus]["CreationTime"] == pytest.approx(expected["CreationTime"].timestamp())


def test_a_bus_is_described_with_its_rules_and_targets(stratus):
    events, sqs = stratus.client("events"), stratus.client("sqs")
    bus = name("bus")
    events.create_event_bus(Name=bus)
    _, queue_arn = new_queue(sqs)
    pattern = {"source": ["stratus.train"], "detail-type": ["Model Ready"]}
    events.put_rule(Name="ready", EventBusName=bus, EventPattern=json.dumps(pattern), Description="models")
    events.put_rule(Name="off", EventBusName=bus, EventPattern=json.dumps({"source": ["x"]}), State="DISABLED")
    events.put_targets(Rule="ready", EventBusName=bus, Targets=[
        {"Id": "queue", "Arn": queue_arn},
        {"Id": "topic", "Arn": f"arn:aws:sns:{REGION}:{ACCOUNT}:{name('topic')}"}])
    status, _, body = api(stratus, f"/bus?name={q(bus)}")
    assert status == 200, body
    described = without_metadata(events.describe_event_bus(Name=bus))
    assert body["bus"]["Name"] == bus and body["bus"]["Arn"] == described["Arn"]
    assert set(body["bus"]) == set(described)
    for key, value in described.items():  # timestamps are epoch seconds, as the AWS JSON protocol writes them
        assert body["bus"][key] == (pytest.approx(value.timestamp()) if hasattr(value, "timestamp") else value)
    assert body["truncated"] is False
    assert [{k: v for k, v in r.items() if k != "targets"} for r in body["rules"]] == \
        events.list_rules(EventBusName=bus)["Rules"]
    rules = {r["Name"]: r for r in body["rules"]}
    assert json.loads(rules["ready"]["EventPattern"]) == pattern
    assert rules["ready"]["targets"] == events.list_targets_by_rule(Rule="ready", EventBusName=bus)["Targets"]
    assert [t["Id"] for t in rules["ready"]["targets"]] == ["queue", "topic"]
    assert rules["off"]["State"] == "DISABLED" and rules["off"]["targets"] == []


def test_a_rule_is_described_with_its_targets_and_tags(stratus):
    events, sqs = stratus.client("events"), stratus.client("sqs")
    rule = name("nightly")
    _, queue_arn = new_queue(sqs)
    _, dead_arn = new_queue(sqs)
    rule_arn = events.put_rule(Name=rule, ScheduleExpression="rate(1 day)", Description="nightly retrain",
                               Tags=[{"Key": "team", "Value": "ml"}])["RuleArn"]
    targets = [
        {"Id": "queue", "Arn": queue_arn, "Input": json.dumps({"fixed": True}),
         "DeadLetterConfig": {"Arn": dead_arn}, "RetryPolicy": {"MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 600}},
        {"Id": "function", "Arn": f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:retrain", "InputPath": "$.detail"},
        {"Id": "machine", "Arn": f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:deploy",
         "RoleArn": f"arn:aws:iam::{ACCOUNT}:role/events",
         "InputTransformer": {"InputPathsMap": {"time": "$.time"}, "InputTemplate": '{"at": <time>}'}},
    ]
    events.put_targets(Rule=rule, Targets=targets)
    for path in (f"/rule?name={q(rule)}", f"/rule?bus=default&name={q(rule)}"):
        status, _, body = api(stratus, path)
        assert status == 200, body
        described = without_metadata(events.describe_rule(Name=rule))
        assert body["rule"] == described
        assert body["rule"]["Arn"] == rule_arn and body["rule"]["ScheduleExpression"] == "rate(1 day)"
        assert body["targets"] == events.list_targets_by_rule(Rule=rule)["Targets"]
        assert [t["Id"] for t in body["targets"]] == ["queue", "function", "machine"]
        assert body["tags"] == [{"Key": "team", "Value": "ml"}]


def test_unknown_buses_and_rules_are_not_found(stratus):
    for path in (f"/bus?name={name('missing')}", f"/rule?name={name('missing')}"):
        status, _, body = api(stratus, path)
        assert status == 400 and body["error"] == "ResourceNotFoundException" and body["message"], path
    status, _, body = api(stratus, "/rule?bus=default")
    assert status == 400 and body["error"] == "ValidationException"


def test_a_put_event_reaches_the_targeted_queue(stratus):
    events, sqs = stratus.client("events"), stratus.client("sqs")
    bus = name("bus")
    events.create_event_bus(Name=bus)
    url, queue_arn = new_queue(sqs)
    events.put_rule(Name="ready", EventBusName=bus, EventPattern=json.dumps(
        {"source": ["stratus.train"], "detail": {"model": ["m1"]}}))
    events.put_targets(Rule="ready", EventBusName=bus, Targets=[{"Id": "queue", "Arn": queue_arn}])
    status, _, body = api(stratus, "/put-events", {"bus": bus, "source": "stratus.train", "detailType": "Model Ready",
                                                   "detail": json.dumps({"model": "m1", "score": 0.9})})
    assert status == 200, body
    assert body["FailedEntryCount"] == 0
    event_id = body["Entries"][0]["EventId"]
    (delivered,) = [m["Body"] for m in drain(sqs, url)]
    event = json.loads(delivered)
    assert event["id"] == event_id and event["source"] == "stratus.train" and event["detail-type"] == "Model Ready"
    assert event["detail"] == {"model": "m1", "score": 0.9}
    assert event["resources"] == [] and event["account"] == ACCOUNT


def test_a_malformed_detail_is_the_entrys_error(stratus):
    status, _, body = api(stratus, "/put-events", {"source": "s", "detailType": "t", "detail": "[1, 2]"})
    assert status == 200, body
    assert body["FailedEntryCount"] == 1
    assert body["Entries"][0]["ErrorCode"] == "MalformedDetail" and "EventId" not in body["Entries"][0]
    status, _, body = api(stratus, "/put-events", {"source": "s", "detailType": "t"})
    assert status == 400 and body["error"] == "ValidationException"
