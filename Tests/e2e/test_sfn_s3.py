"""Step Functions with S3, through boto3: `aws-sdk:s3` Tasks (bodies, results and the SDK's error names, with values
recorded from AWS), a Distributed Map reading its items from S3 (`ItemReader`: JSON, JSON Lines, CSV with the first
row or given headers, `listObjectsV2`, `MaxItems`, and `States.ItemReaderFailed`) and writing its results to S3
(`ResultWriter`)."""
import json
import urllib.parse

from sfn_support import ROLE, unique, wait_for


def run(sfn, definition: dict, payload=None) -> tuple[dict, list[dict]]:
    arn = sfn.create_state_machine(name=unique("s3-wf"), roleArn=ROLE,
                                   definition=json.dumps(definition))["stateMachineArn"]
    started = sfn.start_execution(stateMachineArn=arn, input=json.dumps({} if payload is None else payload))
    described = wait_for(sfn, started["executionArn"], timeout=20)
    return described, sfn.get_execution_history(executionArn=started["executionArn"])["events"]


def distributed_map(reader: dict | None = None, **more) -> dict:
    state = {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                                              "StartAt": "Pass", "States": {"Pass": {"Type": "Pass", "End": True}}},
             "End": True, **more}
    if reader:
        state["ItemReader"] = reader
    return {"StartAt": "Map", "States": {"Map": state}}


def object_reader(config: dict, **parameters) -> dict:
    return {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": config,
            "Parameters": parameters or {"Bucket.$": "$.Bucket", "Key.$": "$.Key"}}


def bucket_with(s3, objects: dict) -> str:
    name = unique("items").lower()
    s3.create_bucket(Bucket=name)
    for key, body in objects.items():
        s3.put_object(Bucket=name, Key=key, Body=body)
    return name


def test_aws_sdk_put_and_get_object_as_recorded(stratus):
    sfn, s3 = stratus.client("stepfunctions"), stratus.client("s3")
    bucket = bucket_with(s3, {})
    put = {"StartAt": "Put", "States": {"Put": {
        "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:putObject",
        "Parameters": {"Bucket.$": "$.Bucket", "Key": "file-key", "Body.$": "$.Body"}, "End": True}}}
    described, _ = run(sfn, put, {"Bucket": bucket, "Body": ["List", "Data"]})
    # The values AWS answered for this body (recorded): the JSON text of the list, its MD5 and CRC32.
    assert json.loads(described["output"]) == {"ChecksumCRC32": "1F2MPA==", "ChecksumType": "FULL_OBJECT",
                                               "ETag": '"6b23860357f6e63a0272b7f1143a663a"',
                                               "ServerSideEncryption": "AES256"}
    stored = s3.get_object(Bucket=bucket, Key="file-key")
    assert stored["Body"].read() == b'["List","Data"]' and stored["ContentType"] == "text/plain; charset=UTF-8"
    s3.put_object(Bucket=bucket, Key="text", Body=b"text data")
    get = {"StartAt": "Get", "States": {"Get": {
        "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
        "Parameters": {"Bucket.$": "$.Bucket", "Key": "text"}, "End": True}}}
    described, events = run(sfn, get, {"Bucket": bucket})
    output = json.loads(described["output"])
    assert output["Body"] == "text data" and output["ContentLength"] == 9 and output["Metadata"] == {}
    assert output["ETag"] == '"332eec544317a6d340b8e77da7fe54ad"' and output["ContentType"] == "binary/octet-stream"
    scheduled = next(e for e in events if e["type"] == "TaskScheduled")["taskScheduledEventDetails"]
    assert scheduled["resourceType"] == "aws-sdk:s3" and scheduled["resource"] == "getObject"


def test_aws_sdk_s3_errors_carry_the_sdk_names(stratus):
    sfn, s3 = stratus.client("stepfunctions"), stratus.client("s3")
    bucket = bucket_with(s3, {})
    definition = {"StartAt": "Get", "States": {
        "Get": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:getObject",
                "Parameters": {"Bucket.$": "$.Bucket", "Key": "missing"},
                "Catch": [{"ErrorEquals": ["S3.NoSuchKeyException"], "ResultPath": "$.Failed", "Next": "Caught"}],
                "End": True},
        "Caught": {"Type": "Pass", "End": True}}}
    described, _ = run(sfn, definition, {"Bucket": bucket})
    failed = json.loads(described["output"])["Failed"]
    assert failed["Error"] == "S3.NoSuchKeyException"
    assert failed["Cause"].startswith("The specified key does not exist. (Service: S3, Status Code: 404, Request ID: ")
    list_missing = {"StartAt": "List", "States": {"List": {
        "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:listObjects",
        "Parameters": {"Bucket": "no-such-bucket-anywhere"}, "End": True}}}
    described, _ = run(sfn, list_missing)
    assert described["status"] == "FAILED" and described["error"] == "S3.NoSuchBucketException"
    assert described["cause"].startswith("The specified bucket does not exist (Service: S3, Status Code: 404")


def test_item_reader_parses_json_jsonl_and_csv(stratus):
    sfn, s3 = stratus.client("stepfunctions"), stratus.client("s3")
    csv = b'Col1,Col2,Col3\nValue1,Value2,Value3\nValue4,Value5,Value6\n,,\ntrue,1,"quoted, with comma"\nNull,None,\n'
    bucket = bucket_with(s3, {"file.json": json.dumps([{"a": 1}, {"a": 2}, {"a": 3}]).encode(),
                              "file.jsonl": b'{"n": 1}\n{"n": 2}\n\n{"n": 3}\n', "file.csv": csv,
                              "pipes.csv": b"x|y\n1|2\n"})
    described, events = run(sfn, distributed_map(object_reader({"InputType": "JSON"})), {"Bucket": bucket, "Key": "file.json"})
    assert json.loads(described["output"]) == [{"a": 1}, {"a": 2}, {"a": 3}]
    # As AWS records it: the items are read by the run, so MapStateStarted counts none.
    assert [e["type"] for e in events][1:6] == ["MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded",
                                               "MapStateSucceeded"]
    assert events[2]["mapStateStartedEventDetails"] == {"length": 0}
    described, _ = run(sfn, distributed_map(object_reader({"InputType": "JSONL"})), {"Bucket": bucket, "Key": "file.jsonl"})
    assert json.loads(described["output"]) == [{"n": 1}, {"n": 2}, {"n": 3}]
    described, _ = run(sfn, distributed_map(object_reader({"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW"})),
                       {"Bucket": bucket, "Key": "file.csv"})
    assert json.loads(described["output"]) == [
        {"Col1": "Value1", "Col2": "Value2", "Col3": "Value3"}, {"Col1": "Value4", "Col2": "Value5", "Col3": "Value6"},
        {"Col1": "", "Col2": "", "Col3": ""}, {"Col1": "true", "Col2": "1", "Col3": "quoted, with comma"},
        {"Col1": "Null", "Col2": "None", "Col3": ""}]
    given = object_reader({"InputType": "CSV", "CSVHeaderLocation": "GIVEN", "CSVHeaders": ["H1"], "MaxItems": 2})
    described, _ = run(sfn, distributed_map(given), {"Bucket": bucket, "Key": "file.csv"})
    assert json.loads(described["output"]) == [{"H1": "Col1"}, {"H1": "Value1"}]
    pipes = object_reader({"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "CSVDelimiter": "PIPE"})
    described, _ = run(sfn, distributed_map(pipes), {"Bucket": bucket, "Key": "pipes.csv"})
    assert json.loads(described["output"]) == [{"x": "1", "y": "2"}]


def test_item_reader_lists_objects_with_selector_and_batches(stratus):
    sfn, s3 = stratus.client("stepfunctions"), stratus.client("s3")
    bucket = bucket_with(s3, {f"in/file_{n}.txt": b"hello world!" for n in range(3)} | {"other.txt": b"x"})
    reader = {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket.$": "$.Bucket", "Prefix": "in/"}}
    described, _ = run(sfn, distributed_map(reader), {"Bucket": bucket})
    items = json.loads(described["output"])
    assert [item["Key"] for item in items] == ["in/file_0.txt", "in/file_1.txt", "in/file_2.txt"]
    assert set(items[0]) == {"Etag", "Key", "LastModified", "Size", "StorageClass"} and items[0]["Size"] == 12
    batched = distributed_map(reader, ItemSelector={"Name.$": "$$.Map.Item.Value.Key"}, ItemBatcher={"MaxItemsPerBatch": 2})
    described, _ = run(sfn, batched, {"Bucket": bucket})
    assert json.loads(described["output"]) == [{"Items": [{"Name": "in/file_0.txt"}, {"Name": "in/file_1.txt"}]},
                                               {"Items": [{"Name": "in/file_2.txt"}]}]


def test_item_reader_failures(stratus):
    sfn, s3 = stratus.client("stepfunctions"), stratus.client("s3")
    bucket = bucket_with(s3, {"object.json": b'{"not": "a list"}', "file.csv": b"a\n1\n"})
    described, events = run(sfn, distributed_map(object_reader({"InputType": "JSON"})), {"Bucket": bucket, "Key": "object.json"})
    assert (described["status"], described["error"], described["cause"]) == (
        "FAILED", "States.ItemReaderFailed", "Attempting to map over non-iterable node.")
    failed = next(e for e in events if e["type"] == "MapRunFailed")
    assert failed["mapRunFailedEventDetails"] == {"error": "States.ItemReaderFailed",
                                                  "cause": "Attempting to map over non-iterable node."}
    negative = object_reader({"InputType": "CSV", "CSVHeaderLocation": "FIRST_ROW", "MaxItemsPath": "$.MaxItems"})
    described, _ = run(sfn, distributed_map(negative), {"Bucket": bucket, "Key": "file.csv", "MaxItems": -1})
    assert (described["error"], described["cause"]) == ("States.ItemReaderFailed", "field MaxItems must be positive")
    missing = distributed_map(object_reader({"InputType": "JSON"}),
                              Catch=[{"ErrorEquals": ["States.ItemReaderFailed"], "Next": "Caught"}])
    missing["States"]["Map"].pop("End")
    missing["States"]["Map"]["Next"] = "Done"
    missing["States"]["Done"] = {"Type": "Succeed"}
    missing["States"]["Caught"] = {"Type": "Pass", "Result": "caught", "End": True}
    described, _ = run(sfn, missing, {"Bucket": bucket, "Key": "none.json"})
    assert described["status"] == "SUCCEEDED" and json.loads(described["output"]) == "caught"


def test_result_writer_puts_the_results_and_a_manifest(stratus):
    sfn, s3 = stratus.client("stepfunctions"), stratus.client("s3")
    bucket = bucket_with(s3, {})
    writer = {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": bucket, "Prefix": "mapJobs"}}
    described, _ = run(sfn, distributed_map(ResultWriter=writer, Label="TestMap"), ["Hello", "World"])
    output = json.loads(described["output"])
    run_id = output["MapRunArn"].rsplit(":", 1)[1]
    assert output["ResultWriterDetails"] == {"Bucket": bucket, "Key": f"mapJobs/{run_id}/manifest.json"}
    manifest = json.loads(s3.get_object(Bucket=bucket, Key=f"mapJobs/{run_id}/manifest.json")["Body"].read())
    assert manifest["MapRunArn"] == output["MapRunArn"] and manifest["DestinationBucket"] == bucket
    (succeeded,) = manifest["ResultFiles"]["SUCCEEDED"]
    results = json.loads(s3.get_object(Bucket=bucket, Key=succeeded["Key"])["Body"].read())
    assert sorted(json.loads(r["Output"]) for r in results) == ["Hello", "World"]
    assert all(r["Status"] == "SUCCEEDED" and r["ExecutionArn"].endswith(r["Name"]) for r in results)
    no_bucket = {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "no-such-bucket-here"}}
    described, _ = run(sfn, distributed_map(ResultWriter=no_bucket), [1])
    assert described["status"] == "FAILED" and described["error"] == "States.ResultWriterFailed"


def inventory_manifest(stratus, s3, objects: dict) -> tuple[str, str]:
    """A source bucket holding `objects` and a CSV S3 Inventory report of it (Size and LastModifiedDate) written now
    into a second bucket; answers (report bucket, manifest.json key)."""
    source, reports = bucket_with(s3, objects), bucket_with(s3, {})
    s3.put_bucket_inventory_configuration(Bucket=source, Id="all", InventoryConfiguration={
        "Id": "all", "IsEnabled": True, "IncludedObjectVersions": "Current", "Schedule": {"Frequency": "Daily"},
        "OptionalFields": ["Size", "LastModifiedDate"],
        "Destination": {"S3BucketDestination": {"Bucket": f"arn:aws:s3:::{reports}", "Format": "CSV", "Prefix": "inv"}}})
    status, _, body = stratus.json("POST", "/_stratus/s3/inventory")
    assert status == 200 and body["reports"] >= 1, body
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=reports, Prefix="inv/")["Contents"]]
    (manifest,) = [key for key in keys if key.endswith("/manifest.json")]
    return reports, manifest


def test_item_reader_reads_an_s3_inventory_manifest(stratus):
    sfn, s3 = stratus.client("stepfunctions"), stratus.client("s3")
    objects = {"csvDataset/titles.csv": b"a,b\n", "images/pic one.jpg": b"\xff\xd8 jpeg", "notes+plus.txt": b"hello"}
    reports, manifest = inventory_manifest(stratus, s3, objects)
    source = json.loads(s3.get_object(Bucket=reports, Key=manifest)["Body"].read())["sourceBucket"]
    listed = {o["Key"]: o for o in s3.list_objects_v2(Bucket=source)["Contents"]}
    # Each child gets one row of the report's data files, keyed by the manifest's fileSchema, every value a string
    # (keys URL-encoded in the report, as S3 writes them).
    for config in ({"InputType": "MANIFEST"}, {"ManifestType": "S3_INVENTORY"}):
        described, events = run(sfn, distributed_map(object_reader(config)), {"Bucket": reports, "Key": manifest})
        assert described["status"] == "SUCCEEDED", described
        items = json.loads(described["output"])
        assert sorted(item["Key"] for item in items) == ["csvDataset/titles.csv", "images/pic%20one.jpg", "notes%2Bplus.txt"]
        for item in items:
            assert set(item) == {"Bucket", "Key", "Size", "LastModifiedDate"} and item["Bucket"] == source
            original = listed[urllib.parse.unquote(item["Key"])]
            assert item["Size"] == str(original["Size"])
            assert item["LastModifiedDate"].startswith(original["LastModified"].strftime("%Y-%m-%dT%H:%M:%S"))
        assert events[2]["mapStateStartedEventDetails"] == {"length": 0}
    # MaxItems and an ItemSelector apply to the rows as to any items.
    limited = distributed_map(object_reader({"InputType": "MANIFEST", "MaxItems": 2}),
                              ItemSelector={"name.$": "$$.Map.Item.Value.Key"})
    described, _ = run(sfn, limited, {"Bucket": reports, "Key": manifest})
    assert len(json.loads(described["output"])) == 2 and all(set(item) == {"name"} for item in json.loads(described["output"]))


def test_item_reader_manifest_failures(stratus):
    sfn, s3 = stratus.client("stepfunctions"), stratus.client("s3")
    bucket = bucket_with(s3, {"not-json.json": b"nope", "orc.json": json.dumps(
        {"fileFormat": "ORC", "fileSchema": "message s3.inventory { }", "files": []}).encode()})
    reader = distributed_map(object_reader({"InputType": "MANIFEST"}))
    described, _ = run(sfn, reader, {"Bucket": bucket, "Key": "not-json.json"})
    assert (described["status"], described["error"]) == ("FAILED", "States.ItemReaderFailed")
    assert "is not valid JSON" in described["cause"]
    described, _ = run(sfn, reader, {"Bucket": bucket, "Key": "orc.json"})
    assert (described["error"], described["cause"]) == (
        "States.ItemReaderFailed", "The S3 Inventory report's fileFormat is ORC; Step Functions reads CSV reports only.")
    # A missing manifest fails the read like any missing object, with S3's message.
    described, _ = run(sfn, reader, {"Bucket": bucket, "Key": "missing/manifest.json"})
    assert (described["status"], described["error"]) == ("FAILED", "States.ItemReaderFailed")
    assert described["cause"].startswith("The specified key does not exist.")
    athena = distributed_map(object_reader({"ManifestType": "ATHENA_DATA", "InputType": "CSV"}))
    described, _ = run(sfn, athena, {"Bucket": bucket, "Key": "not-json.json"})
    assert (described["error"], described["cause"]) == (
        "States.ItemReaderFailed", "Stratus does not read ItemReader InputType ATHENA_DATA manifests yet; use JSON, JSONL or CSV objects or listObjectsV2.")
