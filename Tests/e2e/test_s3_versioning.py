"""S3 bucket versioning through boto3 (client and resource APIs) and the AWS CLI: versions kept on overwrite,
delete markers, reads, copies, tags and deletions by version id, the suspended state's null version, the version
listing with its paginator, notifications naming versions, and the versions surviving `kill -9`."""
import json

import boto3
import pytest

from sqs_support import restart
from s3_support import error_of, s3, unique  # noqa: F401 (fixtures)


@pytest.fixture
def versioned(s3):
    name = unique("versioned")
    s3.create_bucket(Bucket=name)
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    return name


def listing(s3, bucket, **kwargs):
    answer = s3.list_object_versions(Bucket=bucket, **kwargs)
    return ([(v["Key"], v["VersionId"], v["IsLatest"]) for v in answer.get("Versions", [])],
            [(m["Key"], m["VersionId"], m["IsLatest"]) for m in answer.get("DeleteMarkers", [])])


def test_versioning_status_starts_empty_and_follows_the_bucket(s3):
    name = unique("versioned")
    s3.create_bucket(Bucket=name)
    assert "Status" not in s3.get_bucket_versioning(Bucket=name)
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    assert s3.get_bucket_versioning(Bucket=name)["Status"] == "Enabled"
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Suspended"})
    assert s3.get_bucket_versioning(Bucket=name)["Status"] == "Suspended"
    missing = error_of(s3.get_bucket_versioning, Bucket=unique("missing"))
    assert missing["Error"]["Code"] == "NoSuchBucket"
    mfa = error_of(s3.put_bucket_versioning, Bucket=name,
                   VersioningConfiguration={"Status": "Enabled", "MFADelete": "Enabled"})
    assert mfa["Error"]["Code"] == "NotImplemented" and mfa["ResponseMetadata"]["HTTPStatusCode"] == 501


def test_overwrites_keep_versions_readable_by_id(s3, versioned):
    first = s3.put_object(Bucket=versioned, Key="report.csv", Body=b"one")["VersionId"]
    second = s3.put_object(Bucket=versioned, Key="report.csv", Body=b"two")["VersionId"]
    assert first != second
    current = s3.get_object(Bucket=versioned, Key="report.csv")
    assert current["Body"].read() == b"two" and current["VersionId"] == second
    old = s3.get_object(Bucket=versioned, Key="report.csv", VersionId=first)
    assert old["Body"].read() == b"one" and old["VersionId"] == first
    assert s3.head_object(Bucket=versioned, Key="report.csv", VersionId=first)["ContentLength"] == 3
    versions, markers = listing(s3, versioned)
    assert versions == [("report.csv", second, True), ("report.csv", first, False)] and markers == []
    malformed = error_of(s3.get_object, Bucket=versioned, Key="report.csv", VersionId="nope")
    assert malformed["Error"]["Code"] == "InvalidArgument" and malformed["Error"]["Message"] == "Invalid version id specified"
    absent = error_of(s3.get_object, Bucket=versioned, Key="report.csv", VersionId="A" * 32)
    assert absent["Error"]["Code"] == "NoSuchVersion" and absent["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_delete_markers_hide_and_removing_them_restores(s3, versioned):
    first = s3.put_object(Bucket=versioned, Key="k", Body=b"one")["VersionId"]
    deleted = s3.delete_object(Bucket=versioned, Key="k")
    marker = deleted["VersionId"]
    assert deleted["DeleteMarker"] is True
    hidden = error_of(s3.get_object, Bucket=versioned, Key="k")
    assert hidden["Error"]["Code"] == "NoSuchKey"
    assert hidden["ResponseMetadata"]["HTTPHeaders"]["x-amz-delete-marker"] == "true"
    assert hidden["ResponseMetadata"]["HTTPHeaders"]["x-amz-version-id"] == marker
    assert "Contents" not in s3.list_objects_v2(Bucket=versioned)
    assert listing(s3, versioned) == ([("k", first, False)], [("k", marker, True)])
    on_marker = error_of(s3.head_object, Bucket=versioned, Key="k", VersionId=marker)
    assert on_marker["ResponseMetadata"]["HTTPStatusCode"] == 405
    assert on_marker["ResponseMetadata"]["HTTPHeaders"]["x-amz-delete-marker"] == "true"
    refused = error_of(s3.delete_bucket, Bucket=versioned)
    assert refused["Error"]["Code"] == "BucketNotEmpty"
    removed = s3.delete_object(Bucket=versioned, Key="k", VersionId=marker)
    assert removed["DeleteMarker"] is True and removed["VersionId"] == marker
    assert s3.get_object(Bucket=versioned, Key="k")["Body"].read() == b"one"
    s3.delete_object(Bucket=versioned, Key="k", VersionId=first)
    assert listing(s3, versioned) == ([], [])
    s3.delete_bucket(Bucket=versioned)


def test_suspended_writes_replace_only_the_null_version(s3):
    name = unique("versioned")
    s3.create_bucket(Bucket=name)
    s3.put_object(Bucket=name, Key="k", Body=b"before versioning")
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    kept = s3.put_object(Bucket=name, Key="k", Body=b"kept")["VersionId"]
    assert listing(s3, name)[0] == [("k", kept, True), ("k", "null", False)]
    assert s3.get_object(Bucket=name, Key="k", VersionId="null")["Body"].read() == b"before versioning"
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Suspended"})
    s3.put_object(Bucket=name, Key="k", Body=b"suspended one")
    s3.put_object(Bucket=name, Key="k", Body=b"suspended two")
    assert listing(s3, name)[0] == [("k", "null", True), ("k", kept, False)]
    current = s3.get_object(Bucket=name, Key="k")
    assert current["Body"].read() == b"suspended two" and current["VersionId"] == "null"
    deleted = s3.delete_object(Bucket=name, Key="k")
    assert deleted["DeleteMarker"] is True and deleted["VersionId"] == "null"
    assert listing(s3, name) == ([("k", kept, False)], [("k", "null", True)])


def test_copies_tags_and_batch_deletes_by_version(s3, versioned):
    first = s3.put_object(Bucket=versioned, Key="doc", Body=b"first", Tagging="stage=draft")["VersionId"]
    s3.put_object(Bucket=versioned, Key="doc", Body=b"second")
    copied = s3.copy_object(Bucket=versioned, Key="doc",
                            CopySource={"Bucket": versioned, "Key": "doc", "VersionId": first})
    assert copied["CopySourceVersionId"] == first
    assert s3.get_object(Bucket=versioned, Key="doc")["Body"].read() == b"first"
    tags = s3.get_object_tagging(Bucket=versioned, Key="doc", VersionId=first)
    assert tags["TagSet"] == [{"Key": "stage", "Value": "draft"}] and tags["VersionId"] == first
    put = s3.put_object_tagging(Bucket=versioned, Key="doc", VersionId=first,
                                Tagging={"TagSet": [{"Key": "stage", "Value": "final"}]})
    assert put["VersionId"] == first
    assert s3.get_object_tagging(Bucket=versioned, Key="doc", VersionId=first)["TagSet"][0]["Value"] == "final"
    assert len(listing(s3, versioned)[0]) == 3
    answer = s3.delete_objects(Bucket=versioned, Delete={"Objects": [
        {"Key": "doc", "VersionId": first}, {"Key": "doc"}]})
    deleted = sorted(answer["Deleted"], key=lambda d: "VersionId" in d)
    assert deleted[0]["DeleteMarker"] is True and len(deleted[0]["DeleteMarkerVersionId"]) == 32
    assert deleted[1] == {"Key": "doc", "VersionId": first}
    remaining, markers = listing(s3, versioned)
    assert len(remaining) == 2 and first not in [v for _, v, _ in remaining] and len(markers) == 1


def test_the_listing_pages_with_key_and_version_markers(s3, versioned):
    written = {}
    for key in ["a/1", "a/2", "b"]:
        written[key] = [s3.put_object(Bucket=versioned, Key=key, Body=key.encode() * n)["VersionId"] for n in (1, 2)]
    pages = list(s3.get_paginator("list_object_versions").paginate(Bucket=versioned, PaginationConfig={"PageSize": 2}))
    assert len(pages) == 3
    seen = [(v["Key"], v["VersionId"]) for page in pages for v in page.get("Versions", [])]
    assert seen == [(key, version) for key in ["a/1", "a/2", "b"] for version in reversed(written[key])]
    rolled = s3.list_object_versions(Bucket=versioned, Delimiter="/")
    assert [p["Prefix"] for p in rolled["CommonPrefixes"]] == ["a/"]
    assert [v["Key"] for v in rolled["Versions"]] == ["b", "b"]
    under = s3.list_object_versions(Bucket=versioned, Prefix="a/2")
    assert [v["VersionId"] for v in under["Versions"]] == list(reversed(written["a/2"]))
    assert all(v["Owner"]["ID"] and v["ETag"].startswith('"') for v in under["Versions"])
    no_key = error_of(s3.list_object_versions, Bucket=versioned, VersionIdMarker=written["b"][0])
    assert no_key["Error"]["Code"] == "InvalidArgument"


def test_resource_api_versions(stratus, versioned):
    resource = boto3.resource("s3", endpoint_url=stratus.endpoint, region_name="us-east-1",
                              aws_access_key_id="test", aws_secret_access_key="test")
    bucket = resource.Bucket(versioned)
    assert resource.BucketVersioning(versioned).status == "Enabled"
    bucket.put_object(Key="r", Body=b"1")
    bucket.put_object(Key="r", Body=b"2")
    assert len(list(bucket.object_versions.all())) == 2
    bucket.object_versions.delete()
    assert list(bucket.object_versions.all()) == []


def test_aws_cli_versioning(stratus, s3, tmp_path):
    name = unique("versioned")
    assert stratus.cli("s3", "mb", f"s3://{name}").returncode == 0
    enabled = stratus.cli("s3api", "put-bucket-versioning", "--bucket", name,
                          "--versioning-configuration", "Status=Enabled")
    assert enabled.returncode == 0, enabled.stderr
    assert json.loads(stratus.cli("s3api", "get-bucket-versioning", "--bucket", name).stdout) == {"Status": "Enabled"}
    source = tmp_path / "f.txt"
    source.write_text("one")
    first = json.loads(stratus.cli("s3api", "put-object", "--bucket", name, "--key", "f.txt",
                                   "--body", str(source)).stdout)["VersionId"]
    source.write_text("two")
    stratus.cli("s3api", "put-object", "--bucket", name, "--key", "f.txt", "--body", str(source))
    listed = json.loads(stratus.cli("s3api", "list-object-versions", "--bucket", name).stdout)
    assert [v["IsLatest"] for v in listed["Versions"]] == [True, False]
    out = tmp_path / "old.txt"
    got = stratus.cli("s3api", "get-object", "--bucket", name, "--key", "f.txt", "--version-id", first, str(out))
    assert got.returncode == 0 and out.read_text() == "one"
    marker = json.loads(stratus.cli("s3api", "delete-object", "--bucket", name, "--key", "f.txt").stdout)
    assert marker["DeleteMarker"] is True
    missing = stratus.cli("s3api", "head-object", "--bucket", name, "--key", "f.txt")
    assert missing.returncode != 0 and "404" in missing.stderr
    bad = stratus.cli("s3api", "put-bucket-versioning", "--bucket", name, "--versioning-configuration", "Status=Disabled")
    assert bad.returncode != 0 and "MalformedXML" in bad.stderr


def test_notifications_name_versions_and_markers(stratus, s3, versioned):
    sqs = stratus.client("sqs")
    queue_url = sqs.create_queue(QueueName=unique("events"))["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    s3.put_bucket_notification_configuration(Bucket=versioned, NotificationConfiguration={"QueueConfigurations": [
        {"QueueArn": arn, "Events": ["s3:ObjectCreated:*", "s3:ObjectRemoved:*"]}]})
    version = s3.put_object(Bucket=versioned, Key="n", Body=b"x")["VersionId"]
    marker = s3.delete_object(Bucket=versioned, Key="n")["VersionId"]
    records = []
    for _ in range(10):
        for message in sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", []):
            body = json.loads(message["Body"])
            records += body.get("Records", [])
        if len(records) >= 2:
            break
    assert [(r["eventName"], r["s3"]["object"]["versionId"]) for r in records] == [
        ("ObjectCreated:Put", version), ("ObjectRemoved:DeleteMarkerCreated", marker)]


def test_versions_survive_kill_9(fresh_stratus):
    server = fresh_stratus()
    s3 = server.client("s3")
    s3.create_bucket(Bucket="kept")
    s3.put_bucket_versioning(Bucket="kept", VersioningConfiguration={"Status": "Enabled"})
    first = s3.put_object(Bucket="kept", Key="k", Body=b"one")["VersionId"]
    second = s3.put_object(Bucket="kept", Key="k", Body=b"two")["VersionId"]
    marker = s3.delete_object(Bucket="kept", Key="k")["VersionId"]
    server = restart(fresh_stratus, server)
    s3 = server.client("s3")
    assert s3.get_bucket_versioning(Bucket="kept")["Status"] == "Enabled"
    assert listing(s3, "kept") == ([("k", second, False), ("k", first, False)], [("k", marker, True)])
    assert s3.get_object(Bucket="kept", Key="k", VersionId=first)["Body"].read() == b"one"
