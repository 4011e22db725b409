"""Lambda event source mappings from DynamoDB streams (boto3 and the AWS CLI): the function gets DynamoDB's stream
event in order, filters, retries with MaximumRetryAttempts and the OnFailure destination, ReportBatchItemFailures,
the checkpoint across updates, and the mapping's settings and errors."""
import json
import time

import botocore.exceptions
import pytest

from test_lambda_support import ACCOUNT, REGION, python_function, unique

# Prints one line per record: `seen <eventName> <sk> <eventSourceARN>`, and the whole event once as JSON.
RECORDER = (
    "import json\n"
    "def handler(event, context):\n"
    "    print('event ' + json.dumps(event))\n"
    "    for r in event['Records']:\n"
    "        print('seen', r['eventName'], r['dynamodb']['Keys']['sk']['N'], r['eventSourceARN'])\n"
    "    return {}\n"
)


def stream_table(ddb, view_type="NEW_AND_OLD_IMAGES"):
    name = unique("ddb-esm")
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "sk", "AttributeType": "N"}],
                     StreamSpecification={"StreamEnabled": True, "StreamViewType": view_type})
    return name, ddb.describe_table(TableName=name)["Table"]["LatestStreamArn"]


def put(ddb, table, sk, **attributes):
    item = {"pk": {"S": "p"}, "sk": {"N": str(sk)}, **{k: {"S": v} for k, v in attributes.items()}}
    ddb.put_item(TableName=table, Item=item)


def log_lines(stratus, function, prefix):
    status, _, body = stratus.json("GET", f"/_stratus/lambda/logs?function={function}")
    assert status == 200
    return [line for event in body["events"] for line in event["message"].splitlines() if line.startswith(prefix)]


def wait_for_lines(stratus, function, prefix, count, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        lines = log_lines(stratus, function, prefix)
        if len(lines) >= count:
            return lines
        time.sleep(0.3)
    pytest.fail(f"{function} logged {log_lines(stratus, function, prefix)}, expected {count} lines starting {prefix!r}")


def wait_enabled(lam, uuid):
    deadline = time.monotonic() + 20
    while lam.get_event_source_mapping(UUID=uuid)["State"] != "Enabled":
        assert time.monotonic() < deadline
        time.sleep(0.2)


def test_stream_records_reach_the_function_in_order_from_trim_horizon(stratus):
    ddb, lam = stratus.client("dynamodb"), stratus.client("lambda")
    table, stream = stream_table(ddb)
    put(ddb, table, 1, v="one")
    put(ddb, table, 1, v="two")
    name = python_function(lam, RECORDER)
    mapping = lam.create_event_source_mapping(EventSourceArn=stream, FunctionName=name, StartingPosition="TRIM_HORIZON",
                                              BatchSize=10)
    assert mapping["State"] == "Creating" and mapping["StartingPosition"] == "TRIM_HORIZON"
    assert mapping["BatchSize"] == 10 and mapping["MaximumRetryAttempts"] == -1
    assert mapping["MaximumRecordAgeInSeconds"] == -1 and mapping["BisectBatchOnFunctionError"] is False
    assert mapping["ParallelizationFactor"] == 1 and mapping["EventSourceArn"] == stream
    wait_enabled(lam, mapping["UUID"])
    ddb.delete_item(TableName=table, Key={"pk": {"S": "p"}, "sk": {"N": "1"}})
    lines = wait_for_lines(stratus, name, "seen", 3)
    assert lines == [f"seen INSERT 1 {stream}", f"seen MODIFY 1 {stream}", f"seen REMOVE 1 {stream}"]
    events = [json.loads(line[len("event "):]) for line in log_lines(stratus, name, "event ")]
    record = events[0]["Records"][0]
    assert record["eventSource"] == "aws:dynamodb" and record["awsRegion"] == REGION
    assert record["eventVersion"] == "1.1" and len(record["eventID"]) == 32
    assert isinstance(record["dynamodb"]["ApproximateCreationDateTime"], (int, float))
    assert record["dynamodb"]["NewImage"]["v"] == {"S": "one"}
    assert record["dynamodb"]["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    listed = lam.list_event_source_mappings(EventSourceArn=stream)["EventSourceMappings"]
    assert [m["UUID"] for m in listed] == [mapping["UUID"]]
    assert listed[0]["LastProcessingResult"] == "OK"
    lam.delete_event_source_mapping(UUID=mapping["UUID"])


def test_latest_skips_older_records_and_filters_select_records(stratus):
    ddb, lam = stratus.client("dynamodb"), stratus.client("lambda")
    table, stream = stream_table(ddb)
    put(ddb, table, 1, kind="old")
    name = python_function(lam, RECORDER)
    mapping = lam.create_event_source_mapping(
        EventSourceArn=stream, FunctionName=name, StartingPosition="LATEST",
        FilterCriteria={"Filters": [{"Pattern": json.dumps({"dynamodb": {"NewImage": {"kind": {"S": ["wanted"]}}}})}]})
    wait_enabled(lam, mapping["UUID"])  # Enabled: the mapping holds its LATEST position
    put(ddb, table, 2, kind="unwanted")
    put(ddb, table, 3, kind="wanted")
    assert wait_for_lines(stratus, name, "seen", 1) == [f"seen INSERT 3 {stream}"]
    time.sleep(1)
    assert log_lines(stratus, name, "seen") == [f"seen INSERT 3 {stream}"]
    lam.delete_event_source_mapping(UUID=mapping["UUID"])


def test_failed_batches_are_retried_then_reported_to_the_on_failure_destination(stratus):
    ddb, lam, sqs = stratus.client("dynamodb"), stratus.client("lambda"), stratus.client("sqs")
    table, stream = stream_table(ddb, view_type="KEYS_ONLY")
    failures = unique("ddb-esm-failures")
    failures_url = sqs.create_queue(QueueName=failures)["QueueUrl"]
    failures_arn = f"arn:aws:sqs:{REGION}:{ACCOUNT}:{failures}"
    name = python_function(lam, (
        "def handler(event, context):\n"
        "    sks = [r['dynamodb']['Keys']['sk']['N'] for r in event['Records']]\n"
        "    print('tried', ','.join(sks))\n"
        "    if '1' in sks:\n"
        "        raise RuntimeError('poison')\n"
        "    return {}\n"))
    put(ddb, table, 1)
    mapping = lam.create_event_source_mapping(
        EventSourceArn=stream, FunctionName=name, StartingPosition="TRIM_HORIZON", BatchSize=1,
        MaximumRetryAttempts=1, DestinationConfig={"OnFailure": {"Destination": failures_arn}})
    assert mapping["DestinationConfig"] == {"OnFailure": {"Destination": failures_arn}}
    assert mapping["MaximumRetryAttempts"] == 1
    put(ddb, table, 2)
    # The poison record is tried twice (the first attempt and one retry), then given up; the next one goes on.
    lines = wait_for_lines(stratus, name, "tried", 3)
    assert lines[:3] == ["tried 1", "tried 1", "tried 2"]
    messages = sqs.receive_message(QueueUrl=failures_url, WaitTimeSeconds=10).get("Messages", [])
    assert len(messages) == 1
    body = json.loads(messages[0]["Body"])
    assert body["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert body["requestContext"]["approximateInvokeCount"] == 2
    assert body["responseContext"]["functionError"] == "Unhandled"
    info = body["DDBStreamBatchInfo"]
    assert info["streamArn"] == stream and info["batchSize"] == 1 and info["shardId"].startswith("shardId-")
    assert info["startSequenceNumber"] == info["endSequenceNumber"]
    deadline = time.monotonic() + 10
    while lam.get_event_source_mapping(UUID=mapping["UUID"])["LastProcessingResult"] != "OK":
        assert time.monotonic() < deadline
        time.sleep(0.2)
    lam.delete_event_source_mapping(UUID=mapping["UUID"])


def test_report_batch_item_failures_retries_from_the_first_failed_record(stratus):
    ddb, lam = stratus.client("dynamodb"), stratus.client("lambda")
    table, stream = stream_table(ddb, view_type="KEYS_ONLY")
    for sk in (1, 2, 3):
        put(ddb, table, sk)
    # Fails record 2 on its first delivery only (the function counts deliveries in /tmp).
    name = python_function(lam, (
        "import os\n"
        "def handler(event, context):\n"
        "    sks = [r['dynamodb']['Keys']['sk']['N'] for r in event['Records']]\n"
        "    print('batch', ','.join(sks))\n"
        "    marker = '/tmp/' + context.function_name + '-failed'\n"
        "    if '2' in sks and not os.path.exists(marker):\n"
        "        open(marker, 'w').close()\n"
        "        failed = [r for r in event['Records'] if r['dynamodb']['Keys']['sk']['N'] == '2'][0]\n"
        "        return {'batchItemFailures': [{'itemIdentifier': failed['dynamodb']['SequenceNumber']}]}\n"
        "    return {'batchItemFailures': []}\n"))
    mapping = lam.create_event_source_mapping(
        EventSourceArn=stream, FunctionName=name, StartingPosition="TRIM_HORIZON", BatchSize=10,
        FunctionResponseTypes=["ReportBatchItemFailures"])
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    lines = wait_for_lines(stratus, name, "batch", 2)
    assert lines[:2] == ["batch 1,2,3", "batch 2,3"]
    time.sleep(1.5)
    assert log_lines(stratus, name, "batch") == ["batch 1,2,3", "batch 2,3"]
    lam.delete_event_source_mapping(UUID=mapping["UUID"])


def test_a_disabled_mapping_resumes_after_its_checkpoint(stratus):
    ddb, lam = stratus.client("dynamodb"), stratus.client("lambda")
    table, stream = stream_table(ddb, view_type="KEYS_ONLY")
    name = python_function(lam, RECORDER)
    mapping = lam.create_event_source_mapping(EventSourceArn=stream, FunctionName=name, StartingPosition="TRIM_HORIZON")
    put(ddb, table, 1)
    assert wait_for_lines(stratus, name, "seen", 1) == [f"seen INSERT 1 {stream}"]
    updated = lam.update_event_source_mapping(UUID=mapping["UUID"], Enabled=False, BatchSize=50,
                                              MaximumRetryAttempts=5, BisectBatchOnFunctionError=True)
    assert updated["State"] == "Disabling" and updated["BatchSize"] == 50
    assert updated["MaximumRetryAttempts"] == 5 and updated["BisectBatchOnFunctionError"] is True
    deadline = time.monotonic() + 20
    while lam.get_event_source_mapping(UUID=mapping["UUID"])["State"] != "Disabled":
        assert time.monotonic() < deadline
        time.sleep(0.2)
    put(ddb, table, 2)
    time.sleep(1)
    assert log_lines(stratus, name, "seen") == [f"seen INSERT 1 {stream}"]
    lam.update_event_source_mapping(UUID=mapping["UUID"], Enabled=True)
    assert wait_for_lines(stratus, name, "seen", 2) == [f"seen INSERT 1 {stream}", f"seen INSERT 2 {stream}"]
    lam.delete_event_source_mapping(UUID=mapping["UUID"])


def test_stream_mapping_errors_and_cli(stratus):
    ddb, lam = stratus.client("dynamodb"), stratus.client("lambda")
    table, stream = stream_table(ddb)
    name = python_function(lam, RECORDER)

    def refused(status=400, **parameters):
        with pytest.raises(botocore.exceptions.ClientError) as error:
            lam.create_event_source_mapping(EventSourceArn=stream, FunctionName=name, **parameters)
        assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
        return error.value.response["Error"]

    assert refused()["Code"] == "InvalidParameterValueException"  # no StartingPosition
    assert "StartingPosition" in refused()["Message"]
    assert refused(StartingPosition="AT_TIMESTAMP")["Code"] == "InvalidParameterValueException"
    assert refused(StartingPosition="LATEST", MaximumRecordAgeInSeconds=30)["Code"] == "InvalidParameterValueException"
    assert refused(StartingPosition="LATEST", TumblingWindowInSeconds=10)["Code"] == "InvalidParameterValueException"
    # Beyond the model's BatchSize range: the model's constraint answers.
    assert refused(StartingPosition="LATEST", BatchSize=10001)["Code"] == "ValidationException"
    missing = stream.replace(table, "no-such-table")
    with pytest.raises(botocore.exceptions.ClientError) as error:
        lam.create_event_source_mapping(EventSourceArn=missing, FunctionName=name, StartingPosition="LATEST")
    assert error.value.response["Error"]["Code"] == "InvalidParameterValueException"

    created = stratus.cli("lambda", "create-event-source-mapping", "--event-source-arn", stream,
                          "--function-name", name, "--starting-position", "LATEST", "--batch-size", "5")
    assert created.returncode == 0, created.stderr
    configuration = json.loads(created.stdout)
    assert configuration["StartingPosition"] == "LATEST" and configuration["BatchSize"] == 5
    duplicate = refused(status=409, StartingPosition="LATEST")
    assert duplicate["Code"] == "ResourceConflictException" and configuration["UUID"] in duplicate["Message"]
    shown = stratus.cli("lambda", "get-event-source-mapping", "--uuid", configuration["UUID"])
    assert shown.returncode == 0 and json.loads(shown.stdout)["EventSourceArn"] == stream
    assert stratus.cli("lambda", "delete-event-source-mapping", "--uuid", configuration["UUID"]).returncode == 0
