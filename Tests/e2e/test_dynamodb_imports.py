"""DynamoDB table imports from S3 with boto3 and the AWS CLI: ImportTable of an export (DynamoDB JSON, gzip), of
uploaded DynamoDB JSON (plain or gzip) and CSV files, the counts and errors of DescribeImport, ListImports with
paging, client tokens, failed imports and the errors ImportTable answers itself."""
import datetime
import decimal
import gzip
import json
import time
import uuid

import botocore.exceptions
import pytest

UNKNOWN_IMPORT = "arn:aws:dynamodb:us-east-1:000000000000:table/none/import/01700000000000-abcdef12"

ITEMS = [
    {"pk": {"S": "all"}, "sk": {"N": "1"}, "s": {"S": "text ünïcode"}, "n": {"N": "3.14159"},
     "big": {"N": "12345678901234567890123456789012345678"}, "tiny": {"N": "-0.000123"},
     "b": {"B": b"\x00\x01\xffbin"}, "yes": {"BOOL": True}, "no": {"BOOL": False}, "nul": {"NULL": True},
     "ss": {"SS": ["x", "y"]}, "ns": {"NS": ["1", "2.5", "-3"]}, "bs": {"BS": [b"a", b"\x00b"]},
     "m": {"M": {"inner": {"M": {"deep": {"L": [{"S": "d"}, {"N": "4"}]}}}, "empty": {"M": {}}}},
     "l": {"L": [{"S": "one"}, {"N": "2"}, {"B": b"3"}, {"NULL": True}, {"L": []}, {"M": {"k": {"SS": ["v"]}}}]}},
    {"pk": {"S": "all"}, "sk": {"N": "2"}, "s": {"S": ""}, "n": {"N": "0"}},
    {"pk": {"S": "other"}, "sk": {"N": "-1.5"}, "yes": {"BOOL": True}},
    {"pk": {"S": "nested"}, "sk": {"N": "99999999999999999999"}, "l": {"L": [{"L": [{"M": {"a": {"N": "1000"}}}]}]}},
]


def error_of(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


def unique(kind):
    return f"{kind}-{uuid.uuid4().hex[:10]}"


def creation(table, keys=(("pk", "S"),)):
    return {"TableName": table, "BillingMode": "PAY_PER_REQUEST",
            "AttributeDefinitions": [{"AttributeName": n, "AttributeType": t} for n, t in keys],
            "KeySchema": [{"AttributeName": n, "KeyType": k} for (n, _), k in zip(keys, ("HASH", "RANGE"))]}


def start_import(ddb, bucket, prefix, table, keys=(("pk", "S"),), input_format="DYNAMODB_JSON", **extra):
    return ddb.import_table(S3BucketSource={"S3Bucket": bucket, "S3KeyPrefix": prefix}, InputFormat=input_format,
                            TableCreationParameters=creation(table, keys), **extra)["ImportTableDescription"]


def wait_import(ddb, arn, timeout=10):
    deadline = time.monotonic() + timeout
    while True:
        described = ddb.describe_import(ImportArn=arn)["ImportTableDescription"]
        if described["ImportStatus"] != "IN_PROGRESS" or time.monotonic() > deadline:
            return described
        time.sleep(0.2)


def scan_all(ddb, table):
    items, kwargs = [], {"TableName": table}
    while True:
        page = ddb.scan(**kwargs)
        items += page["Items"]
        if "LastEvaluatedKey" not in page:
            return items
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def canon(value):
    """An attribute value with its sets sorted (sets have no order)."""
    if isinstance(value, dict):
        return {k: sorted(v) if k in ("SS", "NS", "BS") else canon(v) for k, v in value.items()}
    if isinstance(value, list):
        return [canon(v) for v in value]
    return value


def by_key(items):
    def key(item):
        sk = item.get("sk", {})
        return item["pk"]["S"], decimal.Decimal(sk["N"]) if "N" in sk else sk.get("S", "")
    return [canon(item) for item in sorted(items, key=key)]


def json_lines(*items):
    return "".join(json.dumps({"Item": item}) + "\n" for item in items)


@pytest.fixture
def ddb(stratus):
    return stratus.client("dynamodb")


@pytest.fixture
def bucket(stratus):
    s3 = stratus.client("s3")
    name = unique("imports")
    s3.create_bucket(Bucket=name)
    return s3, name


def test_an_export_imports_into_a_new_table(ddb, bucket):
    s3, bucket_name = bucket
    source, target = unique("import-src"), unique("import-dst")
    keys = (("pk", "S"), ("sk", "N"))
    source_arn = ddb.create_table(**creation(source, keys))["TableDescription"]["TableArn"]
    ddb.update_continuous_backups(TableName=source,
                                  PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    for item in ITEMS:
        ddb.put_item(TableName=source, Item=item)
    export = ddb.export_table_to_point_in_time(TableArn=source_arn, S3Bucket=bucket_name,
                                               S3Prefix="snap")["ExportDescription"]
    deadline = time.monotonic() + 10
    while ddb.describe_export(ExportArn=export["ExportArn"])["ExportDescription"]["ExportStatus"] == "IN_PROGRESS":
        assert time.monotonic() < deadline, "the export did not finish"
        time.sleep(0.2)
    assert ddb.describe_export(ExportArn=export["ExportArn"])["ExportDescription"]["ExportStatus"] == "COMPLETED"
    data_prefix = f"snap/AWSDynamoDB/{export['ExportArn'].rsplit('/', 1)[1]}/data/"
    data_keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket_name, Prefix=data_prefix).get("Contents", [])]
    assert data_keys and all(k.endswith(".json.gz") for k in data_keys)

    parameters = creation(target, keys)
    started = ddb.import_table(S3BucketSource={"S3Bucket": bucket_name, "S3KeyPrefix": data_prefix},
                               InputFormat="DYNAMODB_JSON", InputCompressionType="GZIP",
                               TableCreationParameters=parameters)["ImportTableDescription"]
    target_arn = source_arn.rsplit("/", 1)[0] + "/" + target
    assert started["ImportStatus"] == "IN_PROGRESS" and started["TableArn"] == target_arn
    assert started["ImportArn"].startswith(target_arn + "/import/")
    assert started["S3BucketSource"]["S3Bucket"] == bucket_name and started["S3BucketSource"]["S3KeyPrefix"] == data_prefix
    assert started["InputFormat"] == "DYNAMODB_JSON" and started["InputCompressionType"] == "GZIP"
    echoed = started["TableCreationParameters"]
    assert {k: echoed.get(k) for k in parameters} == parameters
    assert isinstance(started["StartTime"], datetime.datetime)

    done = wait_import(ddb, started["ImportArn"])
    assert done["ImportStatus"] == "COMPLETED", done
    assert done["ImportedItemCount"] == len(ITEMS) and done["ProcessedItemCount"] == len(ITEMS)
    assert done["ErrorCount"] == 0 and done["ProcessedSizeBytes"] > 0
    assert isinstance(done["EndTime"], datetime.datetime) and done["EndTime"] >= done["StartTime"]
    assert ddb.describe_table(TableName=target)["Table"]["TableStatus"] == "ACTIVE"
    assert by_key(scan_all(ddb, target)) == by_key(ITEMS)


def test_plain_json_objects_under_the_prefix_with_bad_lines(ddb, bucket):
    s3, bucket_name = bucket
    s3.put_object(Bucket=bucket_name, Key="in/part-1.json",
                  Body=json_lines({"pk": {"S": "a"}, "n": {"N": "1"}}, {"pk": {"S": "b"}}) + "this is not json\n")
    s3.put_object(Bucket=bucket_name, Key="in/sub/part-2.json",
                  Body=json_lines({"pk": {"S": "c"}, "tags": {"SS": ["t"]}}, {"other": {"S": "no key"}}))
    s3.put_object(Bucket=bucket_name, Key="other/part-3.json", Body=json_lines({"pk": {"S": "outside"}}))
    table = unique("import-plain")
    started = start_import(ddb, bucket_name, "in/", table, InputCompressionType="NONE")
    done = wait_import(ddb, started["ImportArn"])
    assert done["ImportStatus"] == "COMPLETED", done
    assert (done["ImportedItemCount"], done["ProcessedItemCount"], done["ErrorCount"]) == (3, 5, 2)
    assert by_key(scan_all(ddb, table)) == by_key([{"pk": {"S": "a"}, "n": {"N": "1"}}, {"pk": {"S": "b"}},
                                                   {"pk": {"S": "c"}, "tags": {"SS": ["t"]}}])


def test_a_gzip_file_imports_with_gzip(ddb, bucket):
    s3, bucket_name = bucket
    items = [{"pk": {"S": f"g{i}"}, "v": {"N": str(i)}} for i in range(5)]
    s3.put_object(Bucket=bucket_name, Key="gz/data.json.gz", Body=gzip.compress(json_lines(*items).encode()))
    table = unique("import-gzip")
    done = wait_import(ddb, start_import(ddb, bucket_name, "gz/", table, InputCompressionType="GZIP")["ImportArn"])
    assert done["ImportStatus"] == "COMPLETED", done
    assert (done["ImportedItemCount"], done["ErrorCount"]) == (5, 0)
    assert by_key(scan_all(ddb, table)) == by_key(items)


def test_csv_with_a_header_line_and_with_options(ddb, bucket):
    s3, bucket_name = bucket
    keys = (("pk", "S"), ("sk", "N"))
    s3.put_object(Bucket=bucket_name, Key="csv/people.csv", Body=(
        'pk,sk,name,age\n'
        'a,1,Alice,30\n'
        'b,2,"Smith, ""Jr""",\n'
        'c,3,,40\n'
        ',4,No key,50\n'))
    table = unique("import-csv")
    done = wait_import(ddb, start_import(ddb, bucket_name, "csv/", table, keys, input_format="CSV")["ImportArn"])
    assert done["ImportStatus"] == "COMPLETED", done
    assert (done["ImportedItemCount"], done["ErrorCount"]) == (3, 1)
    assert by_key(scan_all(ddb, table)) == by_key([
        {"pk": {"S": "a"}, "sk": {"N": "1"}, "name": {"S": "Alice"}, "age": {"S": "30"}},
        {"pk": {"S": "b"}, "sk": {"N": "2"}, "name": {"S": 'Smith, "Jr"'}},
        {"pk": {"S": "c"}, "sk": {"N": "3"}, "age": {"S": "40"}},
    ])

    # no header line: the names come from HeaderList, the fields are split at ';'
    s3.put_object(Bucket=bucket_name, Key="semi/rows.csv", Body="x;10;Ex, with comma\ny;20;Why\n")
    table = unique("import-csv-options")
    options = {"Csv": {"Delimiter": ";", "HeaderList": ["pk", "sk", "name"]}}
    started = start_import(ddb, bucket_name, "semi/", table, keys, input_format="CSV", InputFormatOptions=options)
    assert started["InputFormat"] == "CSV"
    done = wait_import(ddb, started["ImportArn"])
    assert done["ImportStatus"] == "COMPLETED", done
    assert (done["ImportedItemCount"], done["ErrorCount"]) == (2, 0)
    assert by_key(scan_all(ddb, table)) == by_key([
        {"pk": {"S": "x"}, "sk": {"N": "10"}, "name": {"S": "Ex, with comma"}},
        {"pk": {"S": "y"}, "sk": {"N": "20"}, "name": {"S": "Why"}},
    ])


def test_errors_answered_by_import_table(ddb, bucket):
    s3, bucket_name = bucket
    s3.put_object(Bucket=bucket_name, Key="ok/data.json", Body=json_lines({"pk": {"S": "a"}}))
    existing = unique("import-existing")
    ddb.create_table(**creation(existing))
    assert error_of(start_import, ddb=ddb, bucket=bucket_name, prefix="ok/", table=existing)[0] == "ResourceInUseException"
    assert scan_all(ddb, existing) == []

    table = unique("import-never")
    code, message = error_of(start_import, ddb=ddb, bucket=bucket_name, prefix="ok/", table=table, input_format="ION")
    assert code == "ValidationException" and "ION" in message
    code, message = error_of(start_import, ddb=ddb, bucket=bucket_name, prefix="ok/", table=table,
                             InputCompressionType="ZSTD")
    assert code == "ValidationException" and "ZSTD" in message
    bad = creation(table)
    bad["AttributeDefinitions"] = [{"AttributeName": "other", "AttributeType": "S"}]
    assert error_of(ddb.import_table, S3BucketSource={"S3Bucket": bucket_name, "S3KeyPrefix": "ok/"},
                    InputFormat="DYNAMODB_JSON", TableCreationParameters=bad)[0] == "ValidationException"
    assert error_of(ddb.describe_table, TableName=table)[0] == "ResourceNotFoundException"  # nothing created


def test_a_missing_bucket_fails_the_import(ddb):
    table, missing = unique("import-nobucket"), unique("no-such-bucket")
    started = start_import(ddb, missing, "data/", table)
    assert started["ImportStatus"] == "IN_PROGRESS"
    done = wait_import(ddb, started["ImportArn"])
    assert done["ImportStatus"] == "FAILED", done
    assert done.get("FailureCode") and missing in done.get("FailureMessage", "")
    assert error_of(ddb.describe_table, TableName=table)[0] == "ResourceNotFoundException"


def test_describe_import_of_an_unknown_arn(ddb):
    assert error_of(ddb.describe_import, ImportArn=UNKNOWN_IMPORT)[0] == "ImportNotFoundException"


def test_list_imports_filters_and_pages(ddb, bucket):
    s3, bucket_name = bucket
    s3.put_object(Bucket=bucket_name, Key="list/data.json", Body=json_lines({"pk": {"S": "a"}}))
    started = [start_import(ddb, bucket_name, "list/", unique("import-list")) for _ in range(3)]
    for one in started:
        assert wait_import(ddb, one["ImportArn"])["ImportStatus"] == "COMPLETED"

    everything, kwargs = [], {}
    while True:
        page = ddb.list_imports(**kwargs)
        everything += page["ImportSummaryList"]
        if not page.get("NextToken"):
            break
        kwargs["NextToken"] = page["NextToken"]
    listed = {s["ImportArn"]: s for s in everything}
    for one in started:
        summary = listed[one["ImportArn"]]
        assert summary["ImportStatus"] == "COMPLETED" and summary["TableArn"] == one["TableArn"]
        assert summary["S3BucketSource"]["S3Bucket"] == bucket_name and summary["InputFormat"] == "DYNAMODB_JSON"
        assert isinstance(summary["StartTime"], datetime.datetime)

    only = ddb.list_imports(TableArn=started[1]["TableArn"])["ImportSummaryList"]
    assert [s["ImportArn"] for s in only] == [started[1]["ImportArn"]]

    paged, kwargs = [], {"PageSize": 1}
    for _ in range(len(everything) + 5):
        page = ddb.list_imports(**kwargs)
        assert len(page["ImportSummaryList"]) <= 1
        paged += [s["ImportArn"] for s in page["ImportSummaryList"]]
        if not page.get("NextToken"):
            break
        kwargs["NextToken"] = page["NextToken"]
    assert not page.get("NextToken") and sorted(paged) == sorted(listed)


def test_the_same_client_token_is_the_same_import(ddb, bucket):
    s3, bucket_name = bucket
    s3.put_object(Bucket=bucket_name, Key="token/data.json", Body=json_lines({"pk": {"S": "a"}}))
    table = unique("import-token")
    first = start_import(ddb, bucket_name, "token/", table, ClientToken="import-once")
    again = start_import(ddb, bucket_name, "token/", table, ClientToken="import-once")
    assert again["ImportArn"] == first["ImportArn"]
    assert wait_import(ddb, first["ImportArn"])["ImportStatus"] == "COMPLETED"
    assert [s["ImportArn"] for s in ddb.list_imports(TableArn=first["TableArn"])["ImportSummaryList"]] == [first["ImportArn"]]


def test_cli(stratus, ddb, bucket):
    s3, bucket_name = bucket
    s3.put_object(Bucket=bucket_name, Key="cli/data.json", Body=json_lines({"pk": {"S": "a"}}, {"pk": {"S": "b"}}))
    table = unique("import-cli")

    def run(*args):
        result = stratus.cli("dynamodb", *args)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    started = run("import-table", "--s3-bucket-source", f"S3Bucket={bucket_name},S3KeyPrefix=cli/",
                  "--input-format", "DYNAMODB_JSON", "--table-creation-parameters", json.dumps(creation(table)))
    import_arn = started["ImportTableDescription"]["ImportArn"]
    deadline = time.monotonic() + 10
    while True:
        described = run("describe-import", "--import-arn", import_arn)["ImportTableDescription"]
        if described["ImportStatus"] != "IN_PROGRESS" or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert described["ImportStatus"] == "COMPLETED" and described["ImportedItemCount"] == 2
    assert isinstance(run("list-imports")["ImportSummaryList"], list)
    listed = run("list-imports", "--table-arn", described["TableArn"])["ImportSummaryList"]
    assert [s["ImportArn"] for s in listed] == [import_arn]
    assert len(scan_all(ddb, table)) == 2
