"""S3 Object Lock through boto3 and the AWS CLI: buckets created with the lock, the bucket configuration and its
default retention rule, retention and legal holds given on upload, copy and multipart upload or set afterwards, the
GOVERNANCE/COMPLIANCE rules for changing a retention, and deletions of versions refused while they are protected."""
import json
from datetime import datetime, timedelta, timezone

import botocore.utils
import pytest

from s3_support import error_of, s3, unique  # noqa: F401 (fixtures)

LOCKED = "Access Denied because object protected by object lock."


def future(days: float = 1) -> datetime:
    """A UTC datetime `days` from now, in whole seconds."""
    return (datetime.now(timezone.utc) + timedelta(days=days)).replace(microsecond=0)


def past(days: float = 1) -> datetime:
    return future(-days)


def check(answer: dict, code: str, status: int, message: str | None = None):
    """Asserts an error answer's code, HTTP status and (if given) message."""
    assert answer["Error"]["Code"] == code, answer
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == status, answer
    if message is not None:
        assert answer["Error"]["Message"] == message, answer


@pytest.fixture
def locked(s3):
    """A new bucket created with Object Lock enabled."""
    name = unique("locked")
    s3.create_bucket(Bucket=name, ObjectLockEnabledForBucket=True)
    return name


@pytest.fixture
def plain(s3):
    """A new bucket without Object Lock (versioning never enabled)."""
    name = unique("plain")
    s3.create_bucket(Bucket=name)
    return name


def versions_of(s3, bucket):
    answer = s3.list_object_versions(Bucket=bucket)
    return ([(v["Key"], v["VersionId"]) for v in answer.get("Versions", [])],
            [(m["Key"], m["VersionId"]) for m in answer.get("DeleteMarkers", [])])


# Bucket configuration -------------------------------------------------------------------------------------------

def test_bucket_created_with_lock_is_versioned_and_configured(s3, locked, plain):
    assert s3.get_bucket_versioning(Bucket=locked)["Status"] == "Enabled"
    shown = s3.get_object_lock_configuration(Bucket=locked)
    assert shown["ObjectLockConfiguration"] == {"ObjectLockEnabled": "Enabled"}
    check(error_of(s3.get_object_lock_configuration, Bucket=plain), "ObjectLockConfigurationNotFoundError", 404,
          "Object Lock configuration does not exist for this bucket")


def test_configuration_needs_versioning_enabled(s3, plain):
    refused = error_of(s3.put_object_lock_configuration, Bucket=plain,
                       ObjectLockConfiguration={"ObjectLockEnabled": "Enabled"})
    check(refused, "InvalidBucketState", 409,
          "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration")
    s3.put_bucket_versioning(Bucket=plain, VersioningConfiguration={"Status": "Enabled"})
    s3.put_object_lock_configuration(Bucket=plain, ObjectLockConfiguration={"ObjectLockEnabled": "Enabled"})
    shown = s3.get_object_lock_configuration(Bucket=plain)["ObjectLockConfiguration"]
    assert shown == {"ObjectLockEnabled": "Enabled"}


def test_default_retention_rule_applies_to_plain_uploads(s3, locked):
    config = {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}}}
    s3.put_object_lock_configuration(Bucket=locked, ObjectLockConfiguration=config)
    assert s3.get_object_lock_configuration(Bucket=locked)["ObjectLockConfiguration"] == config

    both = {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1, "Years": 1}}}
    check(error_of(s3.put_object_lock_configuration, Bucket=locked, ObjectLockConfiguration=both), "MalformedXML", 400)
    neither = {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE"}}}
    check(error_of(s3.put_object_lock_configuration, Bucket=locked, ObjectLockConfiguration=neither),
          "MalformedXML", 400)
    zero = {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 0}}}
    check(error_of(s3.put_object_lock_configuration, Bucket=locked, ObjectLockConfiguration=zero),
          "InvalidArgument", 400, "Default retention period must be a positive integer value")
    assert s3.get_object_lock_configuration(Bucket=locked)["ObjectLockConfiguration"] == config  # unchanged

    s3.put_object(Bucket=locked, Key="plain-upload", Body=b"data")
    head = s3.head_object(Bucket=locked, Key="plain-upload")
    assert head["ObjectLockMode"] == "GOVERNANCE"
    expected = datetime.now(timezone.utc) + timedelta(days=1)
    assert abs(head["ObjectLockRetainUntilDate"] - expected) < timedelta(minutes=5)


def test_versioning_cannot_be_suspended_on_a_lock_bucket(s3, locked):
    refused = error_of(s3.put_bucket_versioning, Bucket=locked, VersioningConfiguration={"Status": "Suspended"})
    check(refused, "InvalidBucketState", 409,
          "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.")
    assert s3.get_bucket_versioning(Bucket=locked)["Status"] == "Enabled"


# Uploads with lock parameters -----------------------------------------------------------------------------------

@pytest.mark.parametrize("mode", ["GOVERNANCE", "COMPLIANCE"])
def test_put_object_with_retention_and_legal_hold(s3, locked, mode):
    until = future(2)
    s3.put_object(Bucket=locked, Key="both", Body=b"x", ObjectLockMode=mode, ObjectLockRetainUntilDate=until,
                  ObjectLockLegalHoldStatus="ON")
    for answer in (s3.head_object(Bucket=locked, Key="both"), s3.get_object(Bucket=locked, Key="both")):
        assert answer["ObjectLockMode"] == mode
        assert answer["ObjectLockRetainUntilDate"] == until
        assert answer["ObjectLockLegalHoldStatus"] == "ON"
    s3.put_object(Bucket=locked, Key="retained", Body=b"x", ObjectLockMode=mode, ObjectLockRetainUntilDate=until)
    head = s3.head_object(Bucket=locked, Key="retained")
    assert head["ObjectLockMode"] == mode and head["ObjectLockRetainUntilDate"] == until
    s3.put_object(Bucket=locked, Key="held", Body=b"x", ObjectLockLegalHoldStatus="ON")
    head = s3.head_object(Bucket=locked, Key="held")
    assert head["ObjectLockLegalHoldStatus"] == "ON" and "ObjectLockMode" not in head


def test_put_object_lock_parameter_errors(s3, locked, plain):
    no_lock = error_of(s3.put_object, Bucket=plain, Key="k", Body=b"x", ObjectLockMode="GOVERNANCE",
                       ObjectLockRetainUntilDate=future())
    check(no_lock, "InvalidRequest", 400, "Bucket is missing ObjectLockConfiguration")
    hold = error_of(s3.put_object, Bucket=plain, Key="k", Body=b"x", ObjectLockLegalHoldStatus="ON")
    check(hold, "InvalidRequest", 400, "Bucket is missing ObjectLockConfiguration")

    both = "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied"
    check(error_of(s3.put_object, Bucket=locked, Key="k", Body=b"x", ObjectLockMode="GOVERNANCE"),
          "InvalidArgument", 400, both)
    check(error_of(s3.put_object, Bucket=locked, Key="k", Body=b"x", ObjectLockRetainUntilDate=future()),
          "InvalidArgument", 400, both)
    check(error_of(s3.put_object, Bucket=locked, Key="k", Body=b"x", ObjectLockMode="GOVERNANCE",
                   ObjectLockRetainUntilDate=past()),
          "InvalidArgument", 400, "The retain until date must be in the future!")
    check(error_of(s3.put_object, Bucket=locked, Key="k", Body=b"x", ObjectLockMode="BOGUS",
                   ObjectLockRetainUntilDate=future()),
          "InvalidArgument", 400, "Unknown wormMode directive.")
    assert "Versions" not in s3.list_object_versions(Bucket=locked)  # nothing was stored


# Retention and legal hold set afterwards ------------------------------------------------------------------------

def test_missing_retention_and_legal_hold(s3, locked):
    s3.put_object(Bucket=locked, Key="free", Body=b"x")
    message = "The specified object does not have a ObjectLock configuration"
    check(error_of(s3.get_object_retention, Bucket=locked, Key="free"), "NoSuchObjectLockConfiguration", 404, message)
    check(error_of(s3.get_object_legal_hold, Bucket=locked, Key="free"), "NoSuchObjectLockConfiguration", 404, message)


def test_retention_round_trip_and_version_scope(s3, locked, plain):
    first = s3.put_object(Bucket=locked, Key="doc", Body=b"one")["VersionId"]
    second = s3.put_object(Bucket=locked, Key="doc", Body=b"two")["VersionId"]
    until = future(3)
    s3.put_object_retention(Bucket=locked, Key="doc", Retention={"Mode": "GOVERNANCE", "RetainUntilDate": until})
    assert s3.get_object_retention(Bucket=locked, Key="doc")["Retention"] == {"Mode": "GOVERNANCE",
                                                                              "RetainUntilDate": until}
    assert s3.get_object_retention(Bucket=locked, Key="doc", VersionId=second)["Retention"]["Mode"] == "GOVERNANCE"
    check(error_of(s3.get_object_retention, Bucket=locked, Key="doc", VersionId=first),
          "NoSuchObjectLockConfiguration", 404)

    s3.put_object_retention(Bucket=locked, Key="doc", VersionId=first,
                            Retention={"Mode": "COMPLIANCE", "RetainUntilDate": until})
    assert s3.get_object_retention(Bucket=locked, Key="doc", VersionId=first)["Retention"] == {
        "Mode": "COMPLIANCE", "RetainUntilDate": until}
    assert s3.get_object_retention(Bucket=locked, Key="doc")["Retention"]["Mode"] == "GOVERNANCE"
    head = s3.head_object(Bucket=locked, Key="doc", VersionId=first)
    assert head["ObjectLockMode"] == "COMPLIANCE" and head["ObjectLockRetainUntilDate"] == until

    check(error_of(s3.put_object_retention, Bucket=locked, Key="doc",
                   Retention={"Mode": "GOVERNANCE", "RetainUntilDate": past()}),
          "InvalidArgument", 400, "The retain until date must be in the future!")
    s3.put_object(Bucket=plain, Key="doc", Body=b"x")
    check(error_of(s3.put_object_retention, Bucket=plain, Key="doc",
                   Retention={"Mode": "GOVERNANCE", "RetainUntilDate": future()}),
          "InvalidRequest", 400, "Bucket is missing Object Lock Configuration")


def test_governance_retention_changes(s3, locked):
    until = future(2)
    version = s3.put_object(Bucket=locked, Key="gov", Body=b"x", ObjectLockMode="GOVERNANCE",
                            ObjectLockRetainUntilDate=until)["VersionId"]
    shorter, longer = future(1), future(5)

    def retention():
        return s3.get_object_retention(Bucket=locked, Key="gov")["Retention"]

    check(error_of(s3.put_object_retention, Bucket=locked, Key="gov",
                   Retention={"Mode": "GOVERNANCE", "RetainUntilDate": shorter}), "AccessDenied", 403, LOCKED)
    check(error_of(s3.put_object_retention, Bucket=locked, Key="gov", Retention={}), "AccessDenied", 403, LOCKED)
    assert retention() == {"Mode": "GOVERNANCE", "RetainUntilDate": until}

    s3.put_object_retention(Bucket=locked, Key="gov", Retention={"Mode": "GOVERNANCE", "RetainUntilDate": longer})
    assert retention() == {"Mode": "GOVERNANCE", "RetainUntilDate": longer}
    s3.put_object_retention(Bucket=locked, Key="gov", BypassGovernanceRetention=True,
                            Retention={"Mode": "GOVERNANCE", "RetainUntilDate": shorter})
    assert retention() == {"Mode": "GOVERNANCE", "RetainUntilDate": shorter}
    s3.put_object_retention(Bucket=locked, Key="gov", Retention={}, BypassGovernanceRetention=True)
    s3.delete_object(Bucket=locked, Key="gov", VersionId=version)  # no longer protected
    assert versions_of(s3, locked) == ([], [])


def test_compliance_retention_changes(s3, locked):
    until = future(2)
    s3.put_object(Bucket=locked, Key="c", Body=b"x", ObjectLockMode="GOVERNANCE", ObjectLockRetainUntilDate=until)
    s3.put_object_retention(Bucket=locked, Key="c", Retention={"Mode": "COMPLIANCE", "RetainUntilDate": until})
    assert s3.get_object_retention(Bucket=locked, Key="c")["Retention"] == {"Mode": "COMPLIANCE",
                                                                            "RetainUntilDate": until}
    for retention in ({"Mode": "COMPLIANCE", "RetainUntilDate": future(1)},
                      {"Mode": "GOVERNANCE", "RetainUntilDate": until},
                      {"Mode": "GOVERNANCE", "RetainUntilDate": future(5)},
                      {}):
        for bypass in (False, True):
            refused = error_of(s3.put_object_retention, Bucket=locked, Key="c", Retention=retention,
                               BypassGovernanceRetention=bypass)
            check(refused, "AccessDenied", 403, LOCKED)
    longer = future(5)
    s3.put_object_retention(Bucket=locked, Key="c", Retention={"Mode": "COMPLIANCE", "RetainUntilDate": longer})
    assert s3.get_object_retention(Bucket=locked, Key="c")["Retention"] == {"Mode": "COMPLIANCE",
                                                                            "RetainUntilDate": longer}


def test_legal_hold_round_trip(s3, locked):
    version = s3.put_object(Bucket=locked, Key="held", Body=b"x")["VersionId"]
    s3.put_object_legal_hold(Bucket=locked, Key="held", LegalHold={"Status": "ON"})
    assert s3.get_object_legal_hold(Bucket=locked, Key="held")["LegalHold"] == {"Status": "ON"}
    assert s3.head_object(Bucket=locked, Key="held")["ObjectLockLegalHoldStatus"] == "ON"
    s3.put_object_legal_hold(Bucket=locked, Key="held", VersionId=version, LegalHold={"Status": "OFF"})
    assert s3.get_object_legal_hold(Bucket=locked, Key="held", VersionId=version)["LegalHold"] == {"Status": "OFF"}
    assert s3.head_object(Bucket=locked, Key="held").get("ObjectLockLegalHoldStatus", "OFF") == "OFF"


# Deletions ------------------------------------------------------------------------------------------------------

def test_compliance_version_cannot_be_deleted(s3, locked):
    version = s3.put_object(Bucket=locked, Key="c", Body=b"x", ObjectLockMode="COMPLIANCE",
                            ObjectLockRetainUntilDate=future())["VersionId"]
    for bypass in (False, True):
        refused = error_of(s3.delete_object, Bucket=locked, Key="c", VersionId=version,
                           BypassGovernanceRetention=bypass)
        check(refused, "AccessDenied", 403, LOCKED)
    assert s3.head_object(Bucket=locked, Key="c", VersionId=version)["VersionId"] == version


def test_governance_version_needs_the_bypass(s3, locked):
    version = s3.put_object(Bucket=locked, Key="g", Body=b"x", ObjectLockMode="GOVERNANCE",
                            ObjectLockRetainUntilDate=future())["VersionId"]
    check(error_of(s3.delete_object, Bucket=locked, Key="g", VersionId=version), "AccessDenied", 403, LOCKED)
    assert s3.head_object(Bucket=locked, Key="g", VersionId=version)["VersionId"] == version
    deleted = s3.delete_object(Bucket=locked, Key="g", VersionId=version, BypassGovernanceRetention=True)
    assert deleted["VersionId"] == version
    assert versions_of(s3, locked) == ([], [])


def test_legal_hold_blocks_deletion_until_released(s3, locked):
    held = s3.put_object(Bucket=locked, Key="h", Body=b"x", ObjectLockLegalHoldStatus="ON")["VersionId"]
    governed = s3.put_object(Bucket=locked, Key="hg", Body=b"x", ObjectLockLegalHoldStatus="ON",
                             ObjectLockMode="GOVERNANCE", ObjectLockRetainUntilDate=future())["VersionId"]
    for key, version in (("h", held), ("hg", governed)):
        for bypass in (False, True):
            refused = error_of(s3.delete_object, Bucket=locked, Key=key, VersionId=version,
                               BypassGovernanceRetention=bypass)
            check(refused, "AccessDenied", 403, LOCKED)
        assert s3.head_object(Bucket=locked, Key=key, VersionId=version)["VersionId"] == version
    s3.put_object_legal_hold(Bucket=locked, Key="h", VersionId=held, LegalHold={"Status": "OFF"})
    s3.delete_object(Bucket=locked, Key="h", VersionId=held)
    assert versions_of(s3, locked) == ([("hg", governed)], [])


def test_delete_without_version_adds_a_marker(s3, locked):
    version = s3.put_object(Bucket=locked, Key="c", Body=b"x", ObjectLockMode="COMPLIANCE",
                            ObjectLockRetainUntilDate=future())["VersionId"]
    deleted = s3.delete_object(Bucket=locked, Key="c")
    assert deleted["DeleteMarker"] is True
    assert versions_of(s3, locked) == ([("c", version)], [("c", deleted["VersionId"])])


def test_delete_objects_reports_locked_versions(s3, locked):
    v1 = s3.put_object(Bucket=locked, Key="k1", Body=b"x", ObjectLockMode="GOVERNANCE",
                       ObjectLockRetainUntilDate=future())["VersionId"]
    v2 = s3.put_object(Bucket=locked, Key="k2", Body=b"x")["VersionId"]
    v3 = s3.put_object(Bucket=locked, Key="k3", Body=b"x", ObjectLockMode="COMPLIANCE",
                       ObjectLockRetainUntilDate=future())["VersionId"]
    answer = s3.delete_objects(Bucket=locked, Delete={"Objects": [{"Key": "k1", "VersionId": v1},
                                                                  {"Key": "k2", "VersionId": v2}]})
    assert [(d["Key"], d.get("VersionId")) for d in answer["Deleted"]] == [("k2", v2)]
    assert len(answer["Errors"]) == 1
    error = answer["Errors"][0]
    assert (error["Key"], error["VersionId"], error["Code"], error["Message"]) == ("k1", v1, "AccessDenied", LOCKED)

    answer = s3.delete_objects(Bucket=locked, BypassGovernanceRetention=True,
                               Delete={"Objects": [{"Key": "k1", "VersionId": v1}, {"Key": "k3", "VersionId": v3}]})
    assert [(d["Key"], d.get("VersionId")) for d in answer["Deleted"]] == [("k1", v1)]
    assert [(e["Key"], e["VersionId"], e["Code"]) for e in answer["Errors"]] == [("k3", v3, "AccessDenied")]
    assert versions_of(s3, locked) == ([("k3", v3)], [])


# Copies and multipart uploads -----------------------------------------------------------------------------------

def test_copy_and_multipart_upload_carry_lock_parameters(s3, locked):
    until = future(2)
    lock = dict(ObjectLockMode="COMPLIANCE", ObjectLockRetainUntilDate=until, ObjectLockLegalHoldStatus="ON")
    s3.put_object(Bucket=locked, Key="source", Body=b"payload")
    s3.copy_object(Bucket=locked, Key="copy", CopySource={"Bucket": locked, "Key": "source"}, **lock)

    upload = s3.create_multipart_upload(Bucket=locked, Key="multi", **lock)["UploadId"]
    part = s3.upload_part(Bucket=locked, Key="multi", UploadId=upload, PartNumber=1, Body=b"part data")
    s3.complete_multipart_upload(Bucket=locked, Key="multi", UploadId=upload,
                                 MultipartUpload={"Parts": [{"ETag": part["ETag"], "PartNumber": 1}]})
    for key in ("copy", "multi"):
        head = s3.head_object(Bucket=locked, Key=key)
        assert head["ObjectLockMode"] == "COMPLIANCE", key
        assert head["ObjectLockRetainUntilDate"] == until, key
        assert head["ObjectLockLegalHoldStatus"] == "ON", key
    assert "ObjectLockMode" not in s3.head_object(Bucket=locked, Key="source")


# Integrity checks ------------------------------------------------------------------------------------------------

NEEDS_CHECK = "Content-MD5 OR x-amz-checksum- HTTP header is required for {} requests with Object Lock parameters"


def test_locked_uploads_need_an_integrity_check(stratus, s3, locked):
    import base64
    import hashlib
    # A plain PUT (no Content-MD5, no x-amz-checksum-*) with lock parameters is refused and writes nothing.
    status, _, body = stratus.raw("PUT", f"/{locked}/bare", body=b"bytes",
                                  headers={"x-amz-object-lock-legal-hold": "ON"})
    assert status == 400, body
    assert b"<Code>InvalidRequest</Code>" in body and NEEDS_CHECK.format("Put Object").encode() in body, body
    assert "Versions" not in s3.list_object_versions(Bucket=locked, Prefix="bare")
    # With a Content-MD5 it is taken; boto3 sends a CRC32 of its own.
    digest = base64.b64encode(hashlib.md5(b"bytes").digest()).decode()
    status, _, body = stratus.raw("PUT", f"/{locked}/bare", body=b"bytes",
                                  headers={"x-amz-object-lock-legal-hold": "ON", "Content-MD5": digest})
    assert status == 200, body
    s3.put_object(Bucket=locked, Key="sdk", Body=b"bytes", ObjectLockLegalHoldStatus="ON")
    assert s3.head_object(Bucket=locked, Key="sdk")["ObjectLockLegalHoldStatus"] == "ON"
    # Without lock parameters nor a default retention, no check is needed.
    status, _, body = stratus.raw("PUT", f"/{locked}/free", body=b"bytes")
    assert status == 200, body

    # A default retention makes every new version locked: plain PUTs and parts of multipart uploads need the check.
    s3.put_object_lock_configuration(Bucket=locked, ObjectLockConfiguration={
        "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 1}}})
    status, _, body = stratus.raw("PUT", f"/{locked}/defaulted", body=b"bytes")
    assert status == 400 and NEEDS_CHECK.format("Put Object").encode() in body, body
    upload = s3.create_multipart_upload(Bucket=locked, Key="multi")["UploadId"]
    status, _, body = stratus.raw("PUT", f"/{locked}/multi?partNumber=1&uploadId={upload}", body=b"part")
    assert status == 400 and NEEDS_CHECK.format("Put Part").encode() in body, body
    part = s3.upload_part(Bucket=locked, Key="multi", UploadId=upload, PartNumber=1, Body=b"part")
    s3.complete_multipart_upload(Bucket=locked, Key="multi", UploadId=upload,
                                 MultipartUpload={"Parts": [{"ETag": part["ETag"], "PartNumber": 1}]})
    assert s3.head_object(Bucket=locked, Key="multi")["ObjectLockMode"] == "GOVERNANCE"


# AWS CLI --------------------------------------------------------------------------------------------------------

def test_aws_cli_object_lock(stratus, s3):
    name = unique("locked")

    def run(*args):
        done = stratus.cli("s3api", *args)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout) if done.stdout.strip() else None

    run("create-bucket", "--bucket", name, "--object-lock-enabled-for-bucket")
    config = {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Years": 1}}}
    run("put-object-lock-configuration", "--bucket", name, "--object-lock-configuration", json.dumps(config))
    assert run("get-object-lock-configuration", "--bucket", name)["ObjectLockConfiguration"] == config

    s3.put_object(Bucket=name, Key="doc", Body=b"x")
    until = future(400)
    run("put-object-retention", "--bucket", name, "--key", "doc",
        "--retention", json.dumps({"Mode": "GOVERNANCE", "RetainUntilDate": until.strftime("%Y-%m-%dT%H:%M:%SZ")}))
    shown = run("get-object-retention", "--bucket", name, "--key", "doc")["Retention"]
    assert shown["Mode"] == "GOVERNANCE"
    assert botocore.utils.parse_timestamp(shown["RetainUntilDate"]) == until

    run("put-object-legal-hold", "--bucket", name, "--key", "doc", "--legal-hold", "Status=ON")
    assert run("get-object-legal-hold", "--bucket", name, "--key", "doc")["LegalHold"] == {"Status": "ON"}
    run("put-object-legal-hold", "--bucket", name, "--key", "doc", "--legal-hold", "Status=OFF")
    assert run("get-object-legal-hold", "--bucket", name, "--key", "doc")["LegalHold"] == {"Status": "OFF"}

    refused = stratus.cli("s3api", "get-object-lock-configuration", "--bucket", unique("plain-missing"))
    assert refused.returncode != 0
