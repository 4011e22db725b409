"""EventBridge bus settings and permissions with boto3 and the AWS CLI: UpdateEventBus and CreateEventBus's KMS key,
dead-letter queue and log settings, PutPermission/RemovePermission on custom buses and the default bus (kept and
answered by DescribeEventBus; not enforced)."""
import json
import uuid

import botocore.exceptions
import pytest


def name(prefix="bus"):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def error_of(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


DLQ = "arn:aws:sqs:us-east-1:000000000000:bus-dlq"


def test_bus_settings(stratus):
    events = stratus.client("events")
    bus = name()
    created = events.create_event_bus(Name=bus, Description="orders", KmsKeyIdentifier="alias/orders",
                                      DeadLetterConfig={"Arn": DLQ}, LogConfig={"IncludeDetail": "FULL", "Level": "INFO"})
    assert created["KmsKeyIdentifier"] == "alias/orders" and created["DeadLetterConfig"] == {"Arn": DLQ}
    described = events.describe_event_bus(Name=bus)
    assert described["LogConfig"] == {"IncludeDetail": "FULL", "Level": "INFO"} and described["Description"] == "orders"

    updated = events.update_event_bus(Name=bus, Description="all orders", LogConfig={"IncludeDetail": "NONE", "Level": "ERROR"})
    assert updated["Arn"] == described["Arn"] and updated["Description"] == "all orders"
    described = events.describe_event_bus(Name=bus)
    assert described["Description"] == "all orders" and described["KmsKeyIdentifier"] == "alias/orders"
    assert described["LogConfig"] == {"IncludeDetail": "NONE", "Level": "ERROR"}
    assert described["LastModifiedTime"] >= described["CreationTime"]
    # The list carries the same times.
    listed = events.list_event_buses(NamePrefix=bus)["EventBuses"]
    assert [(b["Name"], b["CreationTime"], b["LastModifiedTime"]) for b in listed] == [
        (bus, described["CreationTime"], described["LastModifiedTime"])]

    assert error_of(events.update_event_bus, Name=bus, DeadLetterConfig={"Arn": "not-an-arn"})[0] == "ValidationException"
    assert error_of(events.update_event_bus, Name="no-such-bus", Description="x") == (
        "ResourceNotFoundException", "Event bus no-such-bus does not exist.")

    # The default bus keeps its settings too, and is still listed once.
    events.update_event_bus(Description="the default bus")
    assert events.describe_event_bus()["Description"] == "the default bus"
    names = [b["Name"] for b in events.list_event_buses()["EventBuses"]]
    assert names.count("default") == 1 and names[0] == "default"
    events.update_event_bus(Description="")


def test_permissions(stratus):
    events = stratus.client("events")
    bus = name()
    arn = events.create_event_bus(Name=bus)["EventBusArn"]
    events.put_permission(EventBusName=bus, Action="events:PutEvents", Principal="111122223333", StatementId="partner")
    events.put_permission(EventBusName=bus, Action="events:PutEvents", Principal="*", StatementId="org",
                          Condition={"Type": "StringEquals", "Key": "aws:PrincipalOrgID", "Value": "o-1234567"})
    policy = json.loads(events.describe_event_bus(Name=bus)["Policy"])
    assert policy["Version"] == "2012-10-17"
    assert policy["Statement"] == [
        {"Sid": "partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
         "Action": "events:PutEvents", "Resource": arn},
        {"Sid": "org", "Effect": "Allow", "Principal": "*", "Action": "events:PutEvents", "Resource": arn,
         "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1234567"}}},
    ]
    assert [b.get("Policy") for b in events.list_event_buses(NamePrefix=bus)["EventBuses"]] == [
        events.describe_event_bus(Name=bus)["Policy"]]

    assert error_of(events.put_permission, EventBusName=bus, Action="events:DeleteRule", Principal="111122223333",
                    StatementId="x") == ("ValidationException", "Provided value in parameter 'action' is not supported.")
    code, message = error_of(events.put_permission, EventBusName=bus, Action="events:PutEvents", Principal="12",
                             StatementId="x")
    assert code == "ValidationException" and "'principal' failed to satisfy constraint" in message
    assert error_of(events.put_permission, EventBusName=bus, Action="events:PutEvents", Principal="111122223333",
                    StatementId="x", Condition={"Type": "StringEquals", "Key": "aws:PrincipalOrgID", "Value": "o"}) == (
        "InvalidParameterValue", "Value of the parameter 'principal' must be '*' when the parameter 'condition' is set.")
    assert error_of(events.put_permission, EventBusName=bus, Policy="{not json") == (
        "ValidationException", "This policy contains invalid Json")

    events.remove_permission(EventBusName=bus, StatementId="partner")
    assert [s["Sid"] for s in json.loads(events.describe_event_bus(Name=bus)["Policy"])["Statement"]] == ["org"]
    assert error_of(events.remove_permission, EventBusName=bus, StatementId="partner") == (
        "ResourceNotFoundException", "Statement with the provided id does not exist.")
    events.remove_permission(EventBusName=bus, RemoveAllPermissions=True)
    assert "Policy" not in events.describe_event_bus(Name=bus)
    assert error_of(events.remove_permission, EventBusName=bus, StatementId="org") == (
        "ResourceNotFoundException", "EventBus does not have a policy.")

    whole = json.dumps({"Version": "2012-10-17", "Statement": [{"Sid": "all", "Effect": "Allow", "Principal": "*",
                                                                "Action": "events:PutEvents", "Resource": arn}]})
    events.put_permission(EventBusName=bus, Policy=whole)
    assert events.describe_event_bus(Name=bus)["Policy"] == whole


def test_default_bus_permissions_with_the_cli(stratus):
    put = stratus.cli("events", "put-permission", "--action", "events:PutEvents", "--principal", "444455556666",
                      "--statement-id", "cli-partner")
    assert put.returncode == 0, put.stderr
    described = json.loads(stratus.cli("events", "describe-event-bus").stdout)
    assert any(s["Sid"] == "cli-partner" for s in json.loads(described["Policy"])["Statement"])
    removed = stratus.cli("events", "remove-permission", "--statement-id", "cli-partner")
    assert removed.returncode == 0, removed.stderr
    assert "Policy" not in json.loads(stratus.cli("events", "describe-event-bus").stdout)


def test_rules_forward_events_to_other_buses(stratus):
    events, sqs = stratus.client("events"), stratus.client("sqs")
    bus = name()
    bus_arn = events.create_event_bus(Name=bus)["EventBusArn"]
    url = sqs.create_queue(QueueName=name("q"))["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    source = name("src")
    forward, collect = name("r"), name("r")
    events.put_rule(Name=forward, EventPattern=json.dumps({"source": [source]}))
    assert events.put_targets(Rule=forward, Targets=[{"Id": "bus", "Arn": bus_arn}])["FailedEntryCount"] == 0
    events.put_rule(Name=collect, EventBusName=bus, EventPattern=json.dumps({"source": [source]}))
    events.put_targets(Rule=collect, EventBusName=bus, Targets=[{"Id": "q", "Arn": queue_arn}])
    sent = events.put_events(Entries=[{"Source": source, "DetailType": "Order", "Detail": json.dumps({"n": 7})}])
    messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=5).get("Messages", [])
    assert len(messages) == 1
    event = json.loads(messages[0]["Body"])
    assert event["id"] == sent["Entries"][0]["EventId"] and event["detail"] == {"n": 7} and event["source"] == source
    # An input of its own is refused for an event bus target.
    code, message = error_of(events.put_targets, Rule=forward, Targets=[{"Id": "shaped", "Arn": bus_arn, "Input": "{}"}])
    assert code == "ValidationException" and "event bus" in message
    listed = events.list_targets_by_rule(Rule=forward)["Targets"]
    assert [t["Arn"] for t in listed] == [bus_arn]
