"""EventBridge archives and replays with boto3 and the AWS CLI: CreateArchive (with a pattern), DescribeArchive's
counts, ListArchives, UpdateArchive, DeleteArchive; StartReplay to the bus's rules (all, or those FilterArns
names) with `replay-name` in each replayed event, DescribeReplay, ListReplays, CancelReplay, and the errors."""
import datetime
import json
import time
import uuid

import botocore.exceptions
import pytest


def name(prefix="a"):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def error_of(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


def queue(sqs):
    url = sqs.create_queue(QueueName=name("q"))["QueueUrl"]
    return url, sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]


def receive(sqs, url, count):
    got = []
    for _ in range(10):
        for message in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", []):
            got.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        if len(got) >= count:
            break
    return got


def entry(bus, source="shop.orders", total=120):
    return {"EventBusName": bus, "Source": source, "DetailType": "Order Placed", "Detail": json.dumps({"total": total})}


def test_archive_and_replay(stratus):
    events, sqs = stratus.client("events"), stratus.client("sqs")
    bus = name("bus")
    bus_arn = events.create_event_bus(Name=bus)["EventBusArn"]
    all_url, all_arn = queue(sqs)
    big_url, big_arn = queue(sqs)
    everything = events.put_rule(Name=name("r"), EventBusName=bus, EventPattern=json.dumps({"source": ["shop.orders"]}))
    events.put_targets(Rule=everything["RuleArn"].rsplit("/", 1)[1], EventBusName=bus, Targets=[{"Id": "q", "Arn": all_arn}])
    big_rule = name("r")
    big = events.put_rule(Name=big_rule, EventBusName=bus, EventPattern=json.dumps(
        {"source": ["shop.orders"], "detail": {"total": [{"numeric": [">", 100]}]}}))
    events.put_targets(Rule=big_rule, EventBusName=bus, Targets=[{"Id": "q", "Arn": big_arn}])

    archive = name("archive")
    created = events.create_archive(ArchiveName=archive, EventSourceArn=bus_arn, Description="orders",
                                    EventPattern=json.dumps({"source": ["shop.orders"]}), RetentionDays=7)
    assert created["ArchiveArn"] == f"arn:aws:events:us-east-1:000000000000:archive/{archive}" and created["State"] == "ENABLED"
    start = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(seconds=5)
    events.put_events(Entries=[entry(bus), entry(bus, total=5), entry(bus, source="other")])
    assert len(receive(sqs, all_url, 2)) == 2 and len(receive(sqs, big_url, 1)) == 1
    described = events.describe_archive(ArchiveName=archive)
    assert described["EventCount"] == 2 and described["SizeBytes"] > 0 and described["RetentionDays"] == 7
    assert described["EventSourceArn"] == bus_arn and described["Description"] == "orders"
    assert [a["ArchiveName"] for a in events.list_archives(EventSourceArn=bus_arn)["Archives"]] == [archive]

    time.sleep(1.1)
    end = datetime.datetime.now(datetime.timezone.utc)
    replay = name("replay")
    started = events.start_replay(ReplayName=replay, EventSourceArn=created["ArchiveArn"], EventStartTime=start,
                                  EventEndTime=end, Destination={"Arn": bus_arn})
    assert started["State"] == "STARTING" and started["ReplayArn"].endswith(f":replay/{replay}")
    replayed = receive(sqs, all_url, 2)
    assert sorted(e["detail"]["total"] for e in replayed) == [5, 120]
    assert all(e["replay-name"] == replay for e in replayed)
    assert [e["detail"]["total"] for e in receive(sqs, big_url, 1)] == [120]
    state = events.describe_replay(ReplayName=replay)
    assert state["State"] == "COMPLETED" and state["EventSourceArn"] == created["ArchiveArn"]
    assert state["Destination"] == {"Arn": bus_arn} and "EventLastReplayedTime" in state and "ReplayEndTime" in state
    # Replayed events are not archived again.
    assert events.describe_archive(ArchiveName=archive)["EventCount"] == 2

    # Only the rules FilterArns names get a filtered replay.
    filtered = name("replay")
    events.start_replay(ReplayName=filtered, EventSourceArn=created["ArchiveArn"], EventStartTime=start, EventEndTime=end,
                        Destination={"Arn": bus_arn, "FilterArns": [big["RuleArn"]]})
    assert [e["detail"]["total"] for e in receive(sqs, big_url, 1)] == [120]
    assert receive(sqs, all_url, 1) == []
    names = [r["ReplayName"] for r in events.list_replays(EventSourceArn=created["ArchiveArn"])["Replays"]]
    assert sorted(names) == sorted([replay, filtered])
    assert error_of(events.cancel_replay, ReplayName=replay) == (
        "IllegalStatusException", f"Replay {replay} is not in a valid state for this operation.")
    assert error_of(events.start_replay, ReplayName=replay, EventSourceArn=created["ArchiveArn"], EventStartTime=start,
                    EventEndTime=end, Destination={"Arn": bus_arn})[0] == "ResourceAlreadyExistsException"

    events.update_archive(ArchiveName=archive, Description="all orders", RetentionDays=0)
    assert events.describe_archive(ArchiveName=archive)["Description"] == "all orders"
    events.delete_archive(ArchiveName=archive)
    assert error_of(events.describe_archive, ArchiveName=archive) == (
        "ResourceNotFoundException", f"Archive {archive} does not exist.")


def test_archive_and_replay_errors(stratus):
    events = stratus.client("events")
    bus = name("bus")
    bus_arn = events.create_event_bus(Name=bus)["EventBusArn"]
    other_arn = events.create_event_bus(Name=name("bus"))["EventBusArn"]
    archive = name("archive")
    archive_arn = events.create_archive(ArchiveName=archive, EventSourceArn=bus_arn)["ArchiveArn"]
    assert error_of(events.create_archive, ArchiveName=archive, EventSourceArn=bus_arn) == (
        "ResourceAlreadyExistsException", f"Archive {archive} already exists.")
    assert error_of(events.create_archive, ArchiveName=name(), EventSourceArn=bus_arn,
                    EventPattern="{not json")[0] == "InvalidEventPatternException"
    missing_bus = bus_arn.replace(bus, "no-such-bus")
    assert error_of(events.create_archive, ArchiveName=name(), EventSourceArn=missing_bus) == (
        "ResourceNotFoundException", "Event bus no-such-bus does not exist.")

    now = datetime.datetime.now(datetime.timezone.utc)
    earlier = now - datetime.timedelta(minutes=5)
    assert error_of(events.start_replay, ReplayName=name(), EventSourceArn=archive_arn, EventStartTime=now,
                    EventEndTime=earlier, Destination={"Arn": bus_arn}) == (
        "ValidationException", "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.")
    assert error_of(events.start_replay, ReplayName=name(), EventSourceArn=archive_arn, EventStartTime=earlier,
                    EventEndTime=now, Destination={"Arn": other_arn}) == (
        "ValidationException", "Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.")
    assert error_of(events.start_replay, ReplayName=name(), EventSourceArn=archive_arn.replace(archive, "nope"),
                    EventStartTime=earlier, EventEndTime=now, Destination={"Arn": bus_arn}) == (
        "ResourceNotFoundException", "Archive nope does not exist.")
    assert error_of(events.describe_replay, ReplayName="no-such-replay")[0] == "ResourceNotFoundException"
    assert error_of(events.delete_archive, ArchiveName="no-such-archive")[0] == "ResourceNotFoundException"


def test_cli(stratus):
    events = stratus.client("events")
    bus_arn = events.create_event_bus(Name=name("bus"))["EventBusArn"]
    archive = name("archive")
    created = stratus.cli("events", "create-archive", "--archive-name", archive, "--event-source-arn", bus_arn)
    assert created.returncode == 0, created.stderr
    described = stratus.cli("events", "describe-archive", "--archive-name", archive)
    assert described.returncode == 0 and json.loads(described.stdout)["EventCount"] == 0
    listed = stratus.cli("events", "list-archives", "--name-prefix", archive)
    assert [a["ArchiveName"] for a in json.loads(listed.stdout)["Archives"]] == [archive]
