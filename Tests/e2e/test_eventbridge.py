"""EventBridge through boto3 and the AWS CLI: custom buses, rules with event patterns, targets (SQS, SNS, Lambda, Step
Functions) with Input, InputPath and InputTransformer, PutEvents with per-entry errors, TestEventPattern, tags, AWS's
errors, and the Step Functions `events:putEvents` integration (results and failures as recorded from AWS)."""
import json
import time
import uuid

import botocore.exceptions
import pytest

from sfn_support import ROLE, wait_for


def name(prefix="r"):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def error_of(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]


def queue(sqs):
    url = sqs.create_queue(QueueName=name("q"))["QueueUrl"]
    return url, sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]


def receive(sqs, url, count=1):
    got = []
    for _ in range(10):
        for message in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", []):
            got.append(message["Body"])
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        if len(got) >= count:
            break
    return got


def entry(source="shop.orders", detail=None, **more):
    return {"Source": source, "DetailType": "Order Placed", "Detail": json.dumps(detail or {"total": 120}), **more}


def test_rules_route_matching_events_to_queues(stratus):
    events, sqs = stratus.client("events"), stratus.client("sqs")
    url, arn = queue(sqs)
    rule = name()
    rule_arn = events.put_rule(Name=rule, EventPattern=json.dumps(
        {"source": ["shop.orders"], "detail": {"total": [{"numeric": [">", 100]}]}}))["RuleArn"]
    assert rule_arn == f"arn:aws:events:us-east-1:000000000000:rule/{rule}"
    events.put_targets(Rule=rule, Targets=[
        {"Id": "whole", "Arn": arn},
        {"Id": "total", "Arn": arn, "InputPath": "$.detail.total"},
        {"Id": "shaped", "Arn": arn, "InputTransformer": {
            "InputPathsMap": {"total": "$.detail.total", "source": "$.source"},
            "InputTemplate": '{"from": <source>, "amount": <total>, "rule": "<aws.events.rule-name>"}'}},
    ])
    answer = events.put_events(Entries=[entry(), entry(detail={"total": 5}), entry(source="other")])
    assert answer["FailedEntryCount"] == 0 and all(e["EventId"] for e in answer["Entries"])
    bodies = receive(sqs, url, 3)
    event = json.loads(next(b for b in bodies if b.startswith('{"version"')))
    assert event["source"] == "shop.orders" and event["detail-type"] == "Order Placed" and event["detail"] == {"total": 120}
    assert event["account"] == "000000000000" and event["region"] == "us-east-1" and event["id"] == answer["Entries"][0]["EventId"]
    assert "120" in bodies and {"from": "shop.orders", "amount": 120, "rule": rule} in [json.loads(b) for b in bodies]
    assert [t["Id"] for t in events.list_targets_by_rule(Rule=rule)["Targets"]] == ["whole", "total", "shaped"]
    assert events.list_rule_names_by_target(TargetArn=arn)["RuleNames"] == [rule]
    described = events.describe_rule(Name=rule)
    assert described["State"] == "ENABLED" and described["EventBusName"] == "default"
    assert [r["Name"] for r in events.list_rules(NamePrefix=rule)["Rules"]] == [rule]
    events.disable_rule(Name=rule)
    events.put_events(Entries=[entry()])
    assert receive(sqs, url, 1) == []
    events.enable_rule(Name=rule)
    assert events.describe_rule(Name=rule)["State"] == "ENABLED"
    events.tag_resource(ResourceARN=rule_arn, Tags=[{"Key": "team", "Value": "orders"}])
    assert events.list_tags_for_resource(ResourceARN=rule_arn)["Tags"] == [{"Key": "team", "Value": "orders"}]
    events.untag_resource(ResourceARN=rule_arn, TagKeys=["team"])
    assert events.list_tags_for_resource(ResourceARN=rule_arn)["Tags"] == []
    assert error_of(events.delete_rule, Name=rule)["Message"] == "Rule can't be deleted since it has targets."
    events.remove_targets(Rule=rule, Ids=["whole", "total", "shaped"])
    events.delete_rule(Name=rule)
    assert error_of(events.describe_rule, Name=rule)["Message"] == f"Rule {rule} does not exist on EventBus default."


def test_failed_targets_send_the_event_to_their_dead_letter_queue(stratus):
    events, sqs = stratus.client("events"), stratus.client("sqs")
    dlq_url, dlq = queue(sqs)
    gone_url, gone = queue(sqs)
    sqs.delete_queue(QueueUrl=gone_url)
    live_url, live = queue(sqs)
    rule = name()
    events.put_rule(Name=rule, EventPattern=json.dumps({"source": ["shop.orders"]}))
    rule_arn = events.describe_rule(Name=rule)["Arn"]
    broken_input_dlq_url, broken_input_dlq = queue(sqs)
    events.put_targets(Rule=rule, Targets=[
        {"Id": "gone", "Arn": gone, "DeadLetterConfig": {"Arn": dlq}},
        {"Id": "live", "Arn": live},
        {"Id": "bad-path", "Arn": live, "InputPath": "$.detail.missing", "DeadLetterConfig": {"Arn": broken_input_dlq}},
    ])
    answer = events.put_events(Entries=[entry()])
    assert answer["FailedEntryCount"] == 0
    dead = sqs.receive_message(QueueUrl=dlq_url, MaxNumberOfMessages=10, WaitTimeSeconds=5,
                               MessageAttributeNames=["All"])["Messages"]
    assert len(dead) == 1 and json.loads(dead[0]["Body"])["id"] == answer["Entries"][0]["EventId"]
    attributes = {key: value["StringValue"] for key, value in dead[0]["MessageAttributes"].items()}
    assert {key: attributes[key] for key in ("RULE_ARN", "TARGET_ARN", "ERROR_CODE", "RETRY_ATTEMPTS")} == {
        "RULE_ARN": rule_arn, "TARGET_ARN": gone, "ERROR_CODE": "NO_RESOURCE", "RETRY_ATTEMPTS": "0"}
    assert "does not exist" in attributes["ERROR_MESSAGE"]
    assert "EXHAUSTED_RETRY_CONDITION" not in attributes, "nothing was retried"
    assert all(value["DataType"] == "String" for value in dead[0]["MessageAttributes"].values())
    broken = sqs.receive_message(QueueUrl=broken_input_dlq_url, WaitTimeSeconds=5,
                                 MessageAttributeNames=["All"])["Messages"]
    assert broken[0]["MessageAttributes"]["ERROR_CODE"]["StringValue"] == "INVALID_PARAMETER"
    assert broken[0]["MessageAttributes"]["TARGET_ARN"]["StringValue"] == live
    assert len(receive(sqs, live_url, 1)) == 1, "a failed target does not stop the others"
    events.remove_targets(Rule=rule, Ids=["gone", "live", "bad-path"])
    events.delete_rule(Name=rule)


def test_entries_fail_one_by_one(stratus):
    events = stratus.client("events")
    answer = events.put_events(Entries=[
        entry(), {"Source": "s", "DetailType": "t", "Detail": '"just a string"'}, {"DetailType": "t", "Detail": "{}"},
        entry(EventBusName="no-such-bus")])
    assert answer["FailedEntryCount"] == 3
    assert answer["Entries"][1] == {"ErrorCode": "MalformedDetail", "ErrorMessage": "Detail is malformed."}
    assert answer["Entries"][2] == {"ErrorCode": "InvalidArgument",
                                    "ErrorMessage": "Parameter Source is not valid. Reason: Source is a required argument."}
    assert answer["Entries"][3]["ErrorCode"] == "ResourceNotFoundException"


def test_custom_buses_patterns_and_tags(stratus):
    events, sqs = stratus.client("events"), stratus.client("sqs")
    bus = name("bus")
    bus_arn = events.create_event_bus(Name=bus, Tags=[{"Key": "team", "Value": "a"}])["EventBusArn"]
    assert error_of(events.create_event_bus, Name=bus)["Code"] == "ResourceAlreadyExistsException"
    assert bus in [b["Name"] for b in events.list_event_buses()["EventBuses"]]
    assert events.list_tags_for_resource(ResourceARN=bus_arn)["Tags"] == [{"Key": "team", "Value": "a"}]
    url, arn = queue(sqs)
    events.put_rule(Name="on-bus", EventBusName=bus, EventPattern=json.dumps({"detail-type": [{"prefix": "Order"}]}))
    events.put_targets(Rule="on-bus", EventBusName=bus, Targets=[{"Id": "q", "Arn": arn, "Input": '{"constant": true}'}])
    events.put_events(Entries=[entry(EventBusName=bus), entry()])
    assert receive(sqs, url, 2) == ['{"constant": true}']
    bad = error_of(events.put_rule, Name="bad", EventPattern='{"source": "not-a-list"}')
    assert bad["Code"] == "InvalidEventPatternException" and bad["Message"].startswith("Event pattern is not valid. Reason: ")
    assert error_of(events.put_rule, Name="empty")["Message"] == "Parameter(s) EventPattern or ScheduleExpression must be specified."
    nightly = name()
    events.put_rule(Name=nightly, ScheduleExpression="cron(0 2 ? * MON-FRI *)")
    assert events.describe_rule(Name=nightly)["ScheduleExpression"] == "cron(0 2 ? * MON-FRI *)"
    events.delete_rule(Name=nightly)
    assert error_of(events.put_rule, Name="bad-cron", ScheduleExpression="cron(0 2 * * * *)")["Message"] == \
        "Parameter ScheduleExpression is not valid."
    assert error_of(events.delete_event_bus, Name="default")["Message"] == "Cannot delete event bus default."
    test_event = {"id": "1", "account": "000000000000", "source": "a", "time": "2024-01-01T00:00:00Z",
                  "region": "us-east-1", "detail-type": "x", "detail": {}, "resources": []}
    assert events.test_event_pattern(EventPattern=json.dumps({"source": ["a"]}), Event=json.dumps(test_event))["Result"]
    assert not events.test_event_pattern(EventPattern=json.dumps({"source": ["b"]}), Event=json.dumps(test_event))["Result"]
    events.remove_targets(Rule="on-bus", EventBusName=bus, Ids=["q"])
    events.delete_event_bus(Name=bus)
    assert error_of(events.describe_event_bus, Name=bus)["Code"] == "ResourceNotFoundException"


def test_events_start_workflows_and_reach_topics(stratus):
    events, sfn, sns, sqs = (stratus.client(s) for s in ("events", "stepfunctions", "sns", "sqs"))
    machine = sfn.create_state_machine(name=name("wf"), roleArn=ROLE, definition=json.dumps(
        {"StartAt": "P", "States": {"P": {"Type": "Pass", "OutputPath": "$.detail", "End": True}}}))["stateMachineArn"]
    topic = sns.create_topic(Name=name("t"))["TopicArn"]
    url, arn = queue(sqs)
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn, Attributes={"RawMessageDelivery": "true"})
    rule = name()
    events.put_rule(Name=rule, EventPattern=json.dumps({"source": ["uploads"]}))
    events.put_targets(Rule=rule, Targets=[{"Id": "wf", "Arn": machine, "RoleArn": ROLE}, {"Id": "topic", "Arn": topic}])
    events.put_events(Entries=[entry(source="uploads", detail={"file": "a.csv"})])
    for _ in range(50):
        executions = sfn.list_executions(stateMachineArn=machine)["executions"]
        if executions:
            break
        time.sleep(0.1)
    assert json.loads(wait_for(sfn, executions[0]["executionArn"])["output"]) == {"file": "a.csv"}
    (published,) = receive(sqs, url)
    assert json.loads(published)["detail"] == {"file": "a.csv"}


def test_step_functions_put_events(stratus):
    events, sfn, sqs = stratus.client("events"), stratus.client("stepfunctions"), stratus.client("sqs")
    url, arn = queue(sqs)
    source = name("from.sfn")
    rule = name()
    events.put_rule(Name=rule, EventPattern=json.dumps({"source": [source]}))
    events.put_targets(Rule=rule, Targets=[{"Id": "q", "Arn": arn}])
    definition = {"StartAt": "PutEvents", "States": {"PutEvents": {
        "Type": "Task", "Resource": "arn:aws:states:::events:putEvents", "Parameters": {"Entries.$": "$.Entries"}, "End": True}}}
    machine = sfn.create_state_machine(name=name("put-wf"), roleArn=ROLE, definition=json.dumps(definition))["stateMachineArn"]
    ok = sfn.start_execution(stateMachineArn=machine, input=json.dumps({"Entries": [
        {"Detail": {"Message": "HelloWorld1"}, "DetailType": "t", "Source": source, "Resources": ["my-resource"]}]}))
    described = wait_for(sfn, ok["executionArn"])
    output = json.loads(described["output"])
    assert output["FailedEntryCount"] == 0 and list(output["Entries"][0]) == ["EventId"]
    (delivered,) = receive(sqs, url)
    event = json.loads(delivered)
    # As recorded: the event's own resources, then the state machine's and the execution's ARNs.
    assert event["resources"] == ["my-resource", machine, ok["executionArn"]] and event["detail"] == {"Message": "HelloWorld1"}
    bad = sfn.start_execution(stateMachineArn=machine, input=json.dumps({"Entries": [
        {"Detail": {"Message": "ok"}, "DetailType": "t", "Source": source},
        {"Detail": '"jsonstring"', "DetailType": "t", "Source": source}]}))
    failed = wait_for(sfn, bad["executionArn"])
    assert failed["error"] == "EventBridge.FailedEntry"
    cause = json.loads(failed["cause"])
    assert cause["FailedEntryCount"] == 1 and cause["Entries"][1] == {"ErrorCode": "MalformedDetail", "ErrorMessage": "Detail is malformed."}


def test_aws_cli(stratus):
    rule = name()
    created = stratus.cli("events", "put-rule", "--name", rule, "--event-pattern", '{"source": ["cli"]}')
    assert created.returncode == 0, created.stderr
    put = stratus.cli("events", "put-events", "--entries", json.dumps([entry(source="cli")]))
    assert put.returncode == 0 and json.loads(put.stdout)["FailedEntryCount"] == 0
    missing = stratus.cli("events", "describe-rule", "--name", rule + "-none")
    assert missing.returncode != 0 and "ResourceNotFoundException" in missing.stderr
