"""DynamoDB table exports to S3 with boto3 and the AWS CLI: ExportTableToPointInTime (full, DynamoDB JSON) of a
table with point-in-time recovery, the files it writes to Stratus's S3 (gzip data, manifests), DescribeExport,
ListExports, client tokens, and the errors."""
import datetime
import gzip
import json
import time
import uuid

import botocore.exceptions
import pytest


def error_of(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


@pytest.fixture
def table(stratus):
    ddb = stratus.client("dynamodb")
    name = f"export-{uuid.uuid4().hex[:10]}"
    arn = ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                           KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                           AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])["TableDescription"]["TableArn"]
    return ddb, name, arn


def test_export_writes_the_items_of_its_moment_to_s3(stratus, table):
    ddb, name, arn = table
    s3 = stratus.client("s3")
    bucket = f"exports-{uuid.uuid4().hex[:10]}"
    s3.create_bucket(Bucket=bucket)
    assert error_of(ddb.export_table_to_point_in_time, TableArn=arn, S3Bucket=bucket) == (
        "PointInTimeRecoveryUnavailableException", f"Point in time recovery is not enabled for table '{name}'")
    ddb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    for i in range(3):
        ddb.put_item(TableName=name, Item={"pk": {"S": f"k{i}"}, "n": {"N": str(i)}, "tags": {"SS": ["a", "b"]}})
    time.sleep(1.1)
    moment = datetime.datetime.now(datetime.timezone.utc)
    time.sleep(0.2)
    ddb.put_item(TableName=name, Item={"pk": {"S": "later"}})
    ddb.delete_item(TableName=name, Key={"pk": {"S": "k0"}})

    started = ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket=bucket, S3Prefix="backups", ExportTime=moment,
                                                ClientToken="once")["ExportDescription"]
    assert started["ExportStatus"] == "IN_PROGRESS" and started["ExportArn"].startswith(arn + "/export/")
    again = ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket=bucket, S3Prefix="backups", ExportTime=moment,
                                              ClientToken="once")["ExportDescription"]
    assert again["ExportArn"] == started["ExportArn"]  # the same client token is the same export
    described = ddb.describe_export(ExportArn=started["ExportArn"])["ExportDescription"]
    assert described["ExportStatus"] == "COMPLETED" and described["ItemCount"] == 3
    assert described["ExportFormat"] == "DYNAMODB_JSON" and described["S3Bucket"] == bucket

    export_id = started["ExportArn"].rsplit("/", 1)[1]
    summary = json.loads(s3.get_object(Bucket=bucket, Key=described["ExportManifest"])["Body"].read())
    assert described["ExportManifest"] == f"backups/AWSDynamoDB/{export_id}/manifest-summary.json"
    assert summary["itemCount"] == 3 and summary["exportArn"] == started["ExportArn"]
    files = [json.loads(line) for line in
             s3.get_object(Bucket=bucket, Key=summary["manifestFilesS3Key"])["Body"].read().decode().splitlines()]
    assert len(files) == 1 and files[0]["itemCount"] == 3
    data = gzip.decompress(s3.get_object(Bucket=bucket, Key=files[0]["dataFileS3Key"])["Body"].read()).decode()
    items = sorted((json.loads(line)["Item"] for line in data.splitlines()), key=lambda item: item["pk"]["S"])
    assert [item["pk"]["S"] for item in items] == ["k0", "k1", "k2"]  # as of the export time
    assert items[1] == {"pk": {"S": "k1"}, "n": {"N": "1"}, "tags": {"SS": ["a", "b"]}}

    assert [e["ExportArn"] for e in ddb.list_exports(TableArn=arn)["ExportSummaries"]] == [started["ExportArn"]]
    assert error_of(ddb.describe_export, ExportArn=arn + "/export/01234567890123-deadbeef")[0] == "ExportNotFoundException"


def test_export_errors(stratus, table):
    ddb, name, arn = table
    ddb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    failed = ddb.export_table_to_point_in_time(TableArn=arn, S3Bucket="no-such-bucket-for-exports")["ExportDescription"]
    described = ddb.describe_export(ExportArn=failed["ExportArn"])["ExportDescription"]
    assert described["ExportStatus"] == "FAILED" and described["FailureCode"] == "NoSuchBucket"
    assert error_of(ddb.export_table_to_point_in_time, TableArn=arn, S3Bucket="some-bucket", ExportFormat="ION")[0] == "ValidationException"
    assert error_of(ddb.export_table_to_point_in_time, TableArn=arn.replace(name, "no-such-table"),
                    S3Bucket="some-bucket")[0] == "TableNotFoundException"
    future = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=1)
    assert error_of(ddb.export_table_to_point_in_time, TableArn=arn, S3Bucket="some-bucket", ExportTime=future)[0] == "InvalidExportTimeException"


def test_cli(stratus, table):
    ddb, name, arn = table
    s3 = stratus.client("s3")
    bucket = f"exports-{uuid.uuid4().hex[:10]}"
    s3.create_bucket(Bucket=bucket)
    ddb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
    started = stratus.cli("dynamodb", "export-table-to-point-in-time", "--table-arn", arn, "--s3-bucket", bucket)
    assert started.returncode == 0, started.stderr
    export_arn = json.loads(started.stdout)["ExportDescription"]["ExportArn"]
    described = stratus.cli("dynamodb", "describe-export", "--export-arn", export_arn)
    assert json.loads(described.stdout)["ExportDescription"]["ExportStatus"] == "COMPLETED"
