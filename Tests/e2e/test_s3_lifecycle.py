"""S3 lifecycle rules through boto3 and the AWS CLI: the configuration with S3's checks, and its application — run
as of a later time through `POST /_stratus/s3/lifecycle?at=…` (Stratus otherwise applies the rules hourly) — to
current objects, noncurrent versions, lone delete markers and unfinished multipart uploads."""
import datetime
import json

from s3_support import bucket, error_of, s3, unique  # noqa: F401 (fixtures)


def apply_rules(stratus, days_from_now: int) -> dict:
    at = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=days_from_now)).strftime("%Y-%m-%dT%H:%M:%SZ")
    status, _, report = stratus.json("POST", f"/_stratus/s3/lifecycle?at={at}")
    assert status == 200, report
    return report


def test_configuration_is_checked_stored_and_removed(s3, bucket):
    assert error_of(s3.get_bucket_lifecycle_configuration, Bucket=bucket)["Error"]["Code"] == "NoSuchLifecycleConfiguration"
    rules = [{"ID": "logs", "Filter": {"Prefix": "logs/"}, "Status": "Enabled", "Expiration": {"Days": 7}},
             {"ID": "uploads", "Filter": {}, "Status": "Enabled", "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1}}]
    s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": rules})
    stored = s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
    assert [r["ID"] for r in stored] == ["logs", "uploads"] and stored[0]["Expiration"] == {"Days": 7}
    no_action = error_of(s3.put_bucket_lifecycle_configuration, Bucket=bucket, LifecycleConfiguration={"Rules": [
        {"ID": "x", "Filter": {"Prefix": ""}, "Status": "Enabled"}]})
    assert no_action["Error"]["Code"] == "InvalidRequest"
    zero = error_of(s3.put_bucket_lifecycle_configuration, Bucket=bucket, LifecycleConfiguration={"Rules": [
        {"ID": "x", "Filter": {"Prefix": ""}, "Status": "Enabled", "Expiration": {"Days": 0}}]})
    assert zero["Error"]["Message"] == "'Days' for Expiration action must be a positive integer"
    transition = error_of(s3.put_bucket_lifecycle_configuration, Bucket=bucket, LifecycleConfiguration={"Rules": [
        {"ID": "x", "Filter": {}, "Status": "Enabled", "Transitions": [{"Days": 30, "StorageClass": "GLACIER"}]}]})
    assert transition["Error"]["Code"] == "NotImplemented"
    assert [r["ID"] for r in s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]] == ["logs", "uploads"]
    s3.delete_bucket_lifecycle(Bucket=bucket)
    assert error_of(s3.get_bucket_lifecycle_configuration, Bucket=bucket)["Error"]["Code"] == "NoSuchLifecycleConfiguration"


def test_rules_expire_objects_and_abort_uploads_when_due(stratus, s3, bucket):
    s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": [
        {"ID": "tmp", "Filter": {"Prefix": "tmp/"}, "Status": "Enabled", "Expiration": {"Days": 1},
         "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 2}},
        {"ID": "off", "Filter": {"Prefix": "keep/"}, "Status": "Disabled", "Expiration": {"Days": 1}}]})
    for key in ["tmp/a", "tmp/b", "keep/c", "other/d"]:
        s3.put_object(Bucket=bucket, Key=key, Body=b"x")
    upload = s3.create_multipart_upload(Bucket=bucket, Key="tmp/big")["UploadId"]
    assert apply_rules(stratus, 0)["expired"] == 0
    report = apply_rules(stratus, 2)
    assert report["expired"] >= 2
    keys = sorted(o["Key"] for o in s3.list_objects_v2(Bucket=bucket).get("Contents", []))
    assert keys == ["keep/c", "other/d"]
    assert upload in [u["UploadId"] for u in s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])]
    apply_rules(stratus, 3)
    assert upload not in [u["UploadId"] for u in s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])]


def test_versions_and_lone_markers_expire(stratus, s3, bucket):
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": [
        {"ID": "current", "Filter": {"Prefix": "v/"}, "Status": "Enabled", "Expiration": {"Days": 1},
         "NoncurrentVersionExpiration": {"NoncurrentDays": 1}},
        {"ID": "markers", "Filter": {"Prefix": "v/"}, "Status": "Enabled",
         "Expiration": {"ExpiredObjectDeleteMarker": True}}]})
    s3.put_object(Bucket=bucket, Key="v/k", Body=b"1")
    s3.put_object(Bucket=bucket, Key="v/k", Body=b"2")
    apply_rules(stratus, 2)
    listed = s3.list_object_versions(Bucket=bucket)
    assert len(listed.get("Versions", [])) == 1 and len(listed.get("DeleteMarkers", [])) == 1
    assert listed["DeleteMarkers"][0]["IsLatest"] is True
    apply_rules(stratus, 4)
    listed = s3.list_object_versions(Bucket=bucket)
    assert "Versions" not in listed and "DeleteMarkers" not in listed


def test_aws_cli_lifecycle(stratus, bucket, tmp_path):
    source = tmp_path / "lifecycle.json"
    source.write_text(json.dumps({"Rules": [
        {"ID": "expire-logs", "Filter": {"Prefix": "logs/"}, "Status": "Enabled", "Expiration": {"Days": 30}}]}))
    stored = stratus.cli("s3api", "put-bucket-lifecycle-configuration", "--bucket", bucket,
                         "--lifecycle-configuration", f"file://{source}")
    assert stored.returncode == 0, stored.stderr
    shown = json.loads(stratus.cli("s3api", "get-bucket-lifecycle-configuration", "--bucket", bucket).stdout)
    assert shown["Rules"][0]["ID"] == "expire-logs"
    assert stratus.cli("s3api", "delete-bucket-lifecycle", "--bucket", bucket).returncode == 0


def test_the_admin_endpoint_checks_its_time(stratus):
    status, _, body = stratus.json("POST", "/_stratus/s3/lifecycle?at=tomorrow")
    assert status == 400 and body["code"] == "InvalidParameter"
    status, _, body = stratus.json("GET", "/_stratus/s3/lifecycle")
    assert status == 405
