"""The AWS-recorded Step Functions executions that read from or write to S3 (Distributed Map `ItemReader` and
`ResultWriter`, `aws-sdk:s3`), with the objects each recorded test put in its bucket first and the changes it made to
its template — the tests' own setup (LocalStack's `test_base_scenarios.py`, `test_aws_sdk_task_service.py` and
`error_handling/test_aws_sdk.py`), so the recordings can run here."""
import json

from recorded_task_cases import CONFORMANCE, json5_to_json

CSV_BASE = "Value1,Value2,Value3\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n"
CSV_TWO_COLUMNS = "Col1,Col2\nValue1,Value2\nValue3,Value4\nValue5,Value6\nValue7,Value8\n"
JSON_ITEMS = [
    {"verdict": "true", "statement_date": "6/11/2008", "statement_source": "speech"},
    {"verdict": "false", "statement_date": "6/7/2022", "statement_source": "television"},
    {"verdict": "mostly-true", "statement_date": "5/18/2016", "statement_source": "news"},
]

# By the end of a recording's id: the objects its test put ({key: body}), the reader settings it wrote into the
# template, and the recorder's name for the bucket.
FIXTURES = {
    "::test_map_item_reader_base_list_objects_v2": {
        "objects": {f"file_{i}.txt": f"{i}HelloWorld!" for i in range(3)}, "bucket_label": "bucket_name",
        "normalize_listing": True},
    "::test_map_item_reader_base_csv_headers_first_line": {"objects": {"file.csv": "Col1,Col2,Col3\n" + CSV_BASE}},
    "::test_map_item_reader_csv_max_items[0]": {"objects": {"file.csv": CSV_TWO_COLUMNS}, "reader": {"MaxItems": 0}},
    "::test_map_item_reader_csv_max_items[2]": {"objects": {"file.csv": CSV_TWO_COLUMNS}, "reader": {"MaxItems": 2}},
    "::test_map_item_reader_csv_max_items[100000000]": {
        "objects": {"file.csv": CSV_TWO_COLUMNS}, "reader": {"MaxItems": 100_000_000}},
    "::test_map_item_reader_csv_max_items_paths[": {"objects": {"file.csv": CSV_TWO_COLUMNS}},
    "::test_map_item_reader_base_csv_headers_decl": {
        "objects": {"file.csv": CSV_BASE}, "reader": {"CSVHeaders": ["H1", "H2", "H3"]}},
    "::test_map_item_reader_csv_headers_decl_duplicate_headers": {
        "objects": {"file.csv": CSV_BASE}, "reader": {"CSVHeaders": ["H1", "H1", "H3"]}},
    "::test_map_item_reader_csv_headers_first_row_typed_headers": {
        "objects": {"file.csv": "0,True,{}\n" + CSV_BASE.split("\n", 1)[1]}},
    "::test_map_item_reader_csv_headers_decl_extra_fields": {"objects": {"file.csv": CSV_BASE}, "reader": {"CSVHeaders": ["H1"]}},
    "::test_map_item_reader_csv_first_row_extra_fields": {
        "objects": {"file.csv": "H1,\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n"}},
    "::test_map_item_reader_base_json": {"objects": {"file.json": json.dumps(JSON_ITEMS)}},
    "::test_map_item_reader_json_no_json_list_object": {"objects": {"file.json": json.dumps({"Hello": "world"})}},
    "::test_map_item_reader_base_json_max_items": {"objects": {"file.json": json.dumps(JSON_ITEMS[:1] * 3)}},
    "::test_map_item_reader_base_json_max_items_jsonata": {"objects": {"file.json": json.dumps(JSON_ITEMS)}},
    "::test_map_item_batching_base_json_max_per_batch_jsonata": {"objects": {"file.json": json.dumps(JSON_ITEMS)}},
    # Four items: the recorded batches of two hold these, in this order.
    "::test_reference_in_map_state_max_items_path[": {"objects": {"file.json": json.dumps(
        JSON_ITEMS + [{"verdict": "false", "statement_date": "5/18/2024", "statement_source": "x"}])}},
    # These fail on the path before any S3 call.
    "::test_invalid_jsonpath[ST.INVALID_JSONPATH_IN_HEARTBEATSECONDSPATH]": {"objects": {}, "no_bucket": True},
    "::test_invalid_jsonpath[ST.INVALID_JSONPATH_IN_TIMEOUTSECONDSPATH]": {"objects": {}, "no_bucket": True},
    "::test_map_state_result_writer": {"objects": {}, "fixed_bucket": "result-bucket"},
    "::test_s3_get_object[str]": {"objects": {"file_key": "text data"}},
    "::test_s3_get_object[binary]": {"objects": {"file_key": b"binary data"}},
    "::test_s3_get_object[bytearray]": {"objects": {"file_key": bytearray(b"bytearray data")}},
    "::test_s3_get_object[empty_str]": {"objects": {"file_key": ""}},
    "::test_s3_get_object[empty_binary]": {"objects": {"file_key": b""}},
    "::test_s3_put_object[": {"objects": {}},
    "error_handling/test_aws_sdk.py::TestAwsSdk::test_s3_no_such_key": {"objects": {}},
    "error_handling/test_aws_sdk.py::TestAwsSdk::test_no_such_bucket": {"objects": {}, "no_bucket": True},
}


def fixture_of(entry: dict) -> dict | None:
    for part, fixture in FIXTURES.items():
        if entry["id"].endswith(part) or (part.endswith("[") and part in entry["id"]):
            return fixture
    return None


def cases() -> list[dict]:
    """The manifest's S3 recordings, each with its fixture (or `why_not` when the test's setup is not known here)."""
    manifest = json.loads((CONFORMANCE / "MANIFEST.generated.json").read_text())
    selected = []
    for entry in manifest["entries"]:
        services = set(entry.get("services", []))
        if entry["category"] != "needs-services" or not services & {"s3(ItemReader)", "aws-sdk:s3", "s3(ResultWriter)"}:
            continue
        if not services <= {"s3", "s3(ItemReader)", "aws-sdk:s3", "s3(ResultWriter)"}:
            continue
        fixture = fixture_of(entry)
        why_not = None if fixture else "the objects its test puts in the bucket are not known here"
        if "test_state/" in entry["id"] or "test_list_map_runs" in entry["id"]:
            why_not = "an API test, not an execution"
        selected.append({**entry, "fixture": fixture, "why_not": why_not})
    return selected


def definition_of(entry: dict) -> str:
    """The recording's template with the reader settings its test wrote into it."""
    definition = json.loads(json5_to_json((CONFORMANCE / entry["templates"][-1]).read_text()))
    for name, value in (entry["fixture"] or {}).get("reader", {}).items():
        definition["States"]["MapState"]["ItemReader"]["ReaderConfig"][name] = value
    return json.dumps(definition)


def normalized_listing(events: list[dict]) -> list[dict]:
    """What the listObjectsV2 test did to the history before recording it: each listed object's `Etag` and
    `LastModified` replaced by placeholders, members reordered, objects sorted by key."""
    def normalize(text: str) -> str:
        objects = [{"Etag": f"<Etag-{o['Key']}>", "LastModified": "<date>", "Key": o["Key"], "Size": o["Size"],
                    "StorageClass": o["StorageClass"]} for o in json.loads(text)]
        return json.dumps(sorted(objects, key=lambda o: o["Key"]))
    events[-2]["stateExitedEventDetails"]["output"] = normalize(events[-2]["stateExitedEventDetails"]["output"])
    events[-1]["executionSucceededEventDetails"]["output"] = normalize(events[-1]["executionSucceededEventDetails"]["output"])
    return events
