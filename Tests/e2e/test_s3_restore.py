"""S3 archived objects through boto3 and the AWS CLI: GLACIER and DEEP_ARCHIVE objects cannot be read or copied until
RestoreObject restores them (at once in Stratus), HeadObject answers the restore state, and the restore notifies."""
import json
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from s3_support import bucket, error_of, s3, unique  # noqa: F401 (fixtures)
from test_s3_notifications import bucket_and_queue, drain

ARCHIVED = "The operation is not valid for the object's storage class"


def expiry_of(restore: str) -> datetime:
    """The expiry date of an `x-amz-restore` header value."""
    assert restore.startswith('ongoing-request="false", expiry-date="'), restore
    return parsedate_to_datetime(restore.split('expiry-date="')[1].rstrip('"'))


def test_archived_objects_are_read_only_once_restored(s3, bucket):
    for storage_class in ("GLACIER", "DEEP_ARCHIVE"):
        key = f"cold-{storage_class}"
        s3.put_object(Bucket=bucket, Key=key, Body=b"frozen", StorageClass=storage_class)
        head = s3.head_object(Bucket=bucket, Key=key)
        assert head["StorageClass"] == storage_class and "Restore" not in head
        refused = error_of(s3.get_object, Bucket=bucket, Key=key)
        assert refused["Error"]["Code"] == "InvalidObjectState" and refused["ResponseMetadata"]["HTTPStatusCode"] == 403
        assert refused["Error"]["Message"] == ARCHIVED and refused["Error"]["StorageClass"] == storage_class
        copy = error_of(s3.copy_object, Bucket=bucket, Key=f"{key}-copy", CopySource={"Bucket": bucket, "Key": key})
        assert copy["Error"]["Code"] == "InvalidObjectState"

        s3.restore_object(Bucket=bucket, Key=key, RestoreRequest={"Days": 2, "GlacierJobParameters": {"Tier": "Standard"}})
        restored = s3.head_object(Bucket=bucket, Key=key)
        expiry = expiry_of(restored["Restore"])
        # Until the midnight (UTC) after two days from now.
        soon = datetime.now(timezone.utc) + timedelta(days=2)
        assert expiry == (soon + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
        assert s3.get_object(Bucket=bucket, Key=key)["Body"].read() == b"frozen"
        s3.copy_object(Bucket=bucket, Key=f"{key}-copy", CopySource={"Bucket": bucket, "Key": key}, StorageClass="STANDARD")
        assert s3.get_object(Bucket=bucket, Key=f"{key}-copy")["Body"].read() == b"frozen"
        # Restoring again extends the restored copy.
        s3.restore_object(Bucket=bucket, Key=key, RestoreRequest={"Days": 10})
        assert expiry_of(s3.head_object(Bucket=bucket, Key=key)["Restore"]) > expiry


def test_instant_retrieval_and_standard_objects_need_no_restore(s3, bucket):
    s3.put_object(Bucket=bucket, Key="instant", Body=b"ir", StorageClass="GLACIER_IR")
    assert s3.get_object(Bucket=bucket, Key="instant")["Body"].read() == b"ir"
    refused = error_of(s3.restore_object, Bucket=bucket, Key="instant", RestoreRequest={"Days": 1})
    assert refused["Error"]["Code"] == "InvalidObjectState" and refused["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert refused["Error"]["Message"] == "Restore is not allowed for the object's current storage class"
    s3.put_object(Bucket=bucket, Key="cold", Body=b"x", StorageClass="GLACIER")
    assert error_of(s3.restore_object, Bucket=bucket, Key="cold", RestoreRequest={})["Error"]["Code"] == "MalformedXML"
    assert error_of(s3.restore_object, Bucket=bucket, Key="missing", RestoreRequest={"Days": 1})["Error"]["Code"] == "NoSuchKey"


def test_restores_notify(stratus):
    s3, sqs, bucket, url, arn = bucket_and_queue(stratus)
    s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={"QueueConfigurations": [
        {"QueueArn": arn, "Events": ["s3:ObjectRestore:*"]}]})
    drain(sqs, url, 1)  # the test event
    s3.put_object(Bucket=bucket, Key="cold", Body=b"x", StorageClass="GLACIER")
    s3.restore_object(Bucket=bucket, Key="cold", RestoreRequest={"Days": 1})
    records = [body["Records"][0] for body in drain(sqs, url, 2)]
    assert [r["eventName"] for r in records] == ["ObjectRestore:Post", "ObjectRestore:Completed"]
    assert all(r["s3"]["object"]["key"] == "cold" for r in records)


def test_cli(stratus, s3):
    name = unique("restore")
    s3.create_bucket(Bucket=name)
    s3.put_object(Bucket=name, Key="cold", Body=b"x", StorageClass="DEEP_ARCHIVE")
    done = stratus.cli("s3api", "restore-object", "--bucket", name, "--key", "cold",
                       "--restore-request", json.dumps({"Days": 1, "GlacierJobParameters": {"Tier": "Bulk"}}))
    assert done.returncode == 0, done.stderr
    head = json.loads(stratus.cli("s3api", "head-object", "--bucket", name, "--key", "cold").stdout)
    assert head["Restore"].startswith('ongoing-request="false"')
