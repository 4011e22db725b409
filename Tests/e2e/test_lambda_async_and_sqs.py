"""Asynchronous invocations (retries, SQS destinations, dead-letter queue, durability across kill -9) and SQS event
source mappings (batches, partial batch failures, redrive to a DLQ) end to end."""
import json
import signal
import time

import pytest

from test_lambda_support import ACCOUNT, ECHO, REGION, ROLE, python_function, unique, zip_of

FAST_RETRIES = {"STRATUS_LAMBDA_ASYNC_RETRY_DELAYS": "1,1"}


def queue_arn(name: str) -> str:
    return f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"


def receive_one(sqs, url, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=2, MaxNumberOfMessages=10).get("Messages", [])
        if messages:
            return messages
    pytest.fail(f"nothing arrived in {url}")


def test_async_failures_retry_twice_then_reach_the_failure_destination(fresh_stratus):
    server = fresh_stratus("--in-memory", env=FAST_RETRIES)
    lam, sqs = server.client("lambda"), server.client("sqs")
    failures_name = unique("failures")
    failures = sqs.create_queue(QueueName=failures_name)["QueueUrl"]
    dead_name = unique("dead")
    dead = sqs.create_queue(QueueName=dead_name)["QueueUrl"]
    name = python_function(lam, "def handler(event, context):\n    print('attempt')\n    raise RuntimeError('always fails')\n",
                           DeadLetterConfig={"TargetArn": queue_arn(dead_name)})
    config = lam.put_function_event_invoke_config(
        FunctionName=name, DestinationConfig={"OnFailure": {"Destination": queue_arn(failures_name)}})
    assert config["FunctionArn"].endswith(f":{name}:$LATEST")
    accepted = lam.invoke(FunctionName=name, InvocationType="Event", Payload=b'{"order": 7}')
    assert accepted["StatusCode"] == 202
    started = time.monotonic()
    record = json.loads(receive_one(sqs, failures)[0]["Body"])
    assert time.monotonic() - started >= 2  # two retries, one second apart
    assert record["version"] == "1.0"
    assert record["requestContext"]["requestId"] == accepted["ResponseMetadata"]["RequestId"]
    assert record["requestContext"]["condition"] == "RetriesExhausted"
    assert record["requestContext"]["approximateInvokeCount"] == 3
    assert record["requestPayload"] == {"order": 7}
    assert record["responseContext"] == {"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"}
    assert record["responsePayload"]["errorMessage"] == "always fails"
    dead_letter = sqs.receive_message(QueueUrl=dead, WaitTimeSeconds=5, MessageAttributeNames=["All"])["Messages"][0]
    assert json.loads(dead_letter["Body"]) == {"order": 7}
    assert dead_letter["MessageAttributes"]["ErrorMessage"]["StringValue"] == "always fails"


def test_async_success_destination_and_no_retries(fresh_stratus):
    server = fresh_stratus("--in-memory", env=FAST_RETRIES)
    lam, sqs = server.client("lambda"), server.client("sqs")
    successes_name = unique("ok")
    successes = sqs.create_queue(QueueName=successes_name)["QueueUrl"]
    failures_name = unique("failed")
    failures = sqs.create_queue(QueueName=failures_name)["QueueUrl"]
    name = python_function(lam, "def handler(event, context):\n    if event.get('fail'):\n        raise ValueError('no')\n"
                                "    return {'ok': event}\n")
    lam.put_function_event_invoke_config(
        FunctionName=name, MaximumRetryAttempts=0,
        DestinationConfig={"OnSuccess": {"Destination": queue_arn(successes_name)},
                           "OnFailure": {"Destination": queue_arn(failures_name)}})
    lam.invoke(FunctionName=name, InvocationType="Event", Payload=b'{"x": 1}')
    success = json.loads(receive_one(sqs, successes)[0]["Body"])
    assert success["requestContext"]["condition"] == "Success"
    assert success["responsePayload"] == {"ok": {"x": 1}}
    lam.invoke(FunctionName=name, InvocationType="Event", Payload=b'{"fail": true}')
    failure = json.loads(receive_one(sqs, failures)[0]["Body"])
    assert failure["requestContext"]["approximateInvokeCount"] == 1
    cli = server.cli("lambda", "get-function-event-invoke-config", "--function-name", name)
    assert json.loads(cli.stdout)["MaximumRetryAttempts"] == 0
    with pytest.raises(Exception) as refused:
        lam.put_function_event_invoke_config(
            FunctionName=name, DestinationConfig={"OnSuccess": {"Destination": "arn:aws:s3:::a-bucket"}})
    assert "InvalidParameterValueException" in str(refused.value)


def test_async_records_reach_sns_eventbridge_and_lambda_destinations(fresh_stratus):
    server = fresh_stratus("--in-memory", env=FAST_RETRIES)
    lam, sqs, sns, events = (server.client(s) for s in ("lambda", "sqs", "sns", "events"))
    inbox_name = unique("inbox")
    inbox = sqs.create_queue(QueueName=inbox_name)["QueueUrl"]
    topic = sns.create_topic(Name=unique("results"))["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn(inbox_name),
                  Attributes={"RawMessageDelivery": "true"})
    bus = events.create_event_bus(Name=unique("bus"))["EventBusArn"]
    rule = unique("rule")
    events.put_rule(Name=rule, EventBusName=bus, EventPattern=json.dumps({"source": ["lambda"]}))
    events.put_targets(Rule=rule, EventBusName=bus, Targets=[{"Id": "inbox", "Arn": queue_arn(inbox_name)}])
    relay = python_function(lam, "import boto3, os\n"
                                 "def handler(event, context):\n    print('relayed', event['requestContext']['condition'])\n")
    relay_arn = lam.get_function(FunctionName=relay)["Configuration"]["FunctionArn"]
    name = python_function(lam, "def handler(event, context):\n    if event.get('fail'):\n        raise ValueError('no')\n"
                                "    return 'done'\n")
    lam.put_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=0, DestinationConfig={
        "OnSuccess": {"Destination": topic}, "OnFailure": {"Destination": bus}})
    lam.invoke(FunctionName=name, InvocationType="Event", Payload=b'{"n": 1}')
    record = json.loads(receive_one(sqs, inbox)[0]["Body"])
    assert record["requestContext"]["condition"] == "Success" and record["responsePayload"] == "done"
    sqs.purge_queue(QueueUrl=inbox)
    lam.invoke(FunctionName=name, InvocationType="Event", Payload=b'{"fail": true}')
    event = json.loads(receive_one(sqs, inbox)[0]["Body"])
    assert event["source"] == "lambda" and event["detail-type"] == "Lambda Function Invocation Result - Failure"
    assert event["detail"]["requestContext"]["condition"] == "RetriesExhausted"
    assert event["detail"]["requestPayload"] == {"fail": True}

    lam.put_function_event_invoke_config(FunctionName=name, MaximumRetryAttempts=0,
                                         DestinationConfig={"OnSuccess": {"Destination": relay_arn}})
    lam.invoke(FunctionName=name, InvocationType="Event", Payload=b'{"n": 2}')
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        status, _, body = server.json("GET", f"/_stratus/lambda/logs?function={relay}")
        if status == 200 and any("relayed Success" in e["message"] for e in body["events"]):
            break
        time.sleep(0.5)
    else:
        pytest.fail("the Lambda destination was not invoked with the success record")


def test_queued_invocations_and_functions_survive_kill_9(fresh_stratus):
    server = fresh_stratus(env=FAST_RETRIES)
    data_dir = server.data_dir
    lam, sqs = server.client("lambda"), server.client("sqs")
    done_name = unique("done")
    sqs.create_queue(QueueName=done_name)
    name = python_function(lam, "def handler(event, context):\n    return event\n")
    lam.put_function_event_invoke_config(FunctionName=name,
                                         DestinationConfig={"OnSuccess": {"Destination": queue_arn(done_name)}})
    # Throttled (reserved concurrency 0): the invocation stays queued.
    lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=0)
    for n in range(3):
        assert lam.invoke(FunctionName=name, InvocationType="Event", Payload=json.dumps({"n": n}))["StatusCode"] == 202
    server.process.send_signal(signal.SIGKILL)
    server.process.wait()
    restarted = fresh_stratus(data_dir=data_dir, env=FAST_RETRIES)
    lam, sqs = restarted.client("lambda"), restarted.client("sqs")
    assert lam.get_function(FunctionName=name)["Configuration"]["State"] == "Active"
    lam.delete_function_concurrency(FunctionName=name)
    done = sqs.get_queue_url(QueueName=done_name)["QueueUrl"]
    seen = set()
    # An invocation claimed at the moment of the kill runs again once its 15-second claim has passed.
    deadline = time.monotonic() + 45
    while len(seen) < 3 and time.monotonic() < deadline:
        for message in sqs.receive_message(QueueUrl=done, WaitTimeSeconds=2, MaxNumberOfMessages=10).get("Messages", []):
            seen.add(json.loads(message["Body"])["responsePayload"]["n"])
    assert seen == {0, 1, 2}


def test_sqs_event_source_mapping_with_partial_batch_failures_and_a_dlq(stratus):
    lam, sqs = stratus.client("lambda"), stratus.client("sqs")
    dlq_name = unique("esm-dlq")
    dlq = sqs.create_queue(QueueName=dlq_name)["QueueUrl"]
    source_name = unique("esm-source")
    source = sqs.create_queue(QueueName=source_name, Attributes={
        "VisibilityTimeout": "2",
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": queue_arn(dlq_name), "maxReceiveCount": "2"}),
    })["QueueUrl"]
    name = python_function(lam, (
        "def handler(event, context):\n"
        "    print('batch', [r['body'] for r in event['Records']])\n"
        "    assert all(r['eventSource'] == 'aws:sqs' for r in event['Records'])\n"
        "    return {'batchItemFailures': [{'itemIdentifier': r['messageId']} for r in event['Records']\n"
        "                                  if r['body'].startswith('bad')]}\n"))
    for body in ["good-1", "bad-1", "good-2"]:
        sqs.send_message(QueueUrl=source, MessageBody=body)
    mapping = lam.create_event_source_mapping(EventSourceArn=queue_arn(source_name), FunctionName=name, BatchSize=5,
                                              FunctionResponseTypes=["ReportBatchItemFailures"])
    assert mapping["State"] == "Creating" and mapping["BatchSize"] == 5
    deadline = time.monotonic() + 20
    while lam.get_event_source_mapping(UUID=mapping["UUID"])["State"] != "Enabled":
        assert time.monotonic() < deadline
        time.sleep(0.2)
    dead = receive_one(sqs, dlq, seconds=30)
    assert [m["Body"] for m in dead] == ["bad-1"]
    attributes = sqs.get_queue_attributes(QueueUrl=source, AttributeNames=["All"])["Attributes"]
    assert attributes["ApproximateNumberOfMessages"] == "0" and attributes["ApproximateNumberOfMessagesNotVisible"] == "0"
    listed = lam.list_event_source_mappings(FunctionName=name)["EventSourceMappings"]
    assert [m["UUID"] for m in listed] == [mapping["UUID"]]
    disabled = lam.update_event_source_mapping(UUID=mapping["UUID"], Enabled=False)
    assert disabled["State"] == "Disabling"
    deleted = lam.delete_event_source_mapping(UUID=mapping["UUID"])
    assert deleted["State"] == "Deleting"


def test_sqs_event_source_mapping_whole_batch_failure_and_cli(stratus):
    lam, sqs = stratus.client("lambda"), stratus.client("sqs")
    source_name = unique("esm-fail")
    source = sqs.create_queue(QueueName=source_name, Attributes={"VisibilityTimeout": "30"})["QueueUrl"]
    name = python_function(lam, "def handler(event, context):\n    raise RuntimeError('batch failed')\n")
    sqs.send_message(QueueUrl=source, MessageBody="m")
    created = stratus.cli("lambda", "create-event-source-mapping", "--event-source-arn", queue_arn(source_name),
                          "--function-name", name, "--batch-size", "1")
    assert created.returncode == 0, created.stderr
    uuid = json.loads(created.stdout)["UUID"]
    deadline = time.monotonic() + 20
    while True:
        attributes = sqs.get_queue_attributes(QueueUrl=source, AttributeNames=["All"])["Attributes"]
        if attributes["ApproximateNumberOfMessagesNotVisible"] == "1":
            break
        assert time.monotonic() < deadline
        time.sleep(0.2)
    # The failed message is not deleted: it is in flight until its visibility timeout ends.
    assert attributes["ApproximateNumberOfMessages"] == "0"
    assert stratus.cli("lambda", "delete-event-source-mapping", "--uuid", uuid).returncode == 0
    missing = stratus.cli("lambda", "get-event-source-mapping", "--uuid", uuid)
    assert missing.returncode != 0 and "ResourceNotFoundException" in missing.stderr


def test_sqs_event_source_mapping_filter_criteria(stratus):
    lam, sqs = stratus.client("lambda"), stratus.client("sqs")
    source_name = unique("esm-filter")
    source = sqs.create_queue(QueueName=source_name)["QueueUrl"]
    seen_name = unique("esm-seen")
    seen = sqs.create_queue(QueueName=seen_name)["QueueUrl"]
    name = python_function(lam, (
        "import boto3, json, os\n"
        "def handler(event, context):\n"
        f"    sqs = boto3.client('sqs')\n"
        f"    for r in event['Records']:\n"
        f"        sqs.send_message(QueueUrl={seen!r}, MessageBody=r['body'])\n"), Timeout=30)
    with pytest.raises(Exception) as refused:
        lam.create_event_source_mapping(EventSourceArn=queue_arn(source_name), FunctionName=name,
                                        FilterCriteria={"Filters": [{"Pattern": "{not json"}]})
    assert "Invalid filter pattern definition." in str(refused.value)
    patterns = [json.dumps({"body": {"kind": ["order"], "total": [{"numeric": [">", 100]}]}}),
                json.dumps({"body": ["plain-text-ping"]})]
    mapping = lam.create_event_source_mapping(EventSourceArn=queue_arn(source_name), FunctionName=name, BatchSize=10,
                                              FilterCriteria={"Filters": [{"Pattern": p} for p in patterns]})
    assert [f["Pattern"] for f in mapping["FilterCriteria"]["Filters"]] == patterns
    for body in [json.dumps({"kind": "order", "total": 500}), json.dumps({"kind": "order", "total": 5}),
                 json.dumps({"kind": "refund", "total": 500}), "plain-text-ping", "plain-text-other"]:
        sqs.send_message(QueueUrl=source, MessageBody=body)
    bodies = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(bodies) < 2:
        for message in sqs.receive_message(QueueUrl=seen, WaitTimeSeconds=2, MaxNumberOfMessages=10).get("Messages", []):
            bodies.append(message["Body"])
            sqs.delete_message(QueueUrl=seen, ReceiptHandle=message["ReceiptHandle"])
    assert sorted(bodies) == sorted([json.dumps({"kind": "order", "total": 500}), "plain-text-ping"])
    deadline = time.monotonic() + 10
    while True:
        attributes = sqs.get_queue_attributes(QueueUrl=source, AttributeNames=["All"])["Attributes"]
        if attributes["ApproximateNumberOfMessages"] == "0" and attributes["ApproximateNumberOfMessagesNotVisible"] == "0":
            break
        assert time.monotonic() < deadline, "filtered-out messages are deleted, not left in the queue"
        time.sleep(0.3)
    cleared = lam.update_event_source_mapping(UUID=mapping["UUID"], FilterCriteria={"Filters": []})
    assert "FilterCriteria" not in cleared
    lam.delete_event_source_mapping(UUID=mapping["UUID"])
