"""S3 replication through boto3 and the AWS CLI: the bucket replication configuration (round trip of schema V1 and V2
rules, deleting it, and the errors S3 answers for a source or destination without versioning, a missing or same
destination, an invalid bucket ARN and V2 rules without Priority or DeleteMarkerReplication), and the replication of
new objects (puts, copies and multipart uploads) into the destination with the same version id, body, metadata and
tags: rule filters and priorities, replicas that are not replicated further, delete markers, failures when the
destination lost its versioning, and the destination's event notifications."""
import json

import botocore.exceptions
import pytest

from s3_support import error_of, s3, unique  # noqa: F401 (fixtures)

ROLE = "arn:aws:iam::000000000000:role/replication"
NOT_FOUND = "The replication configuration was not found"
SOURCE_VERSIONING = "Versioning must be 'Enabled' on the bucket to apply a replication configuration"
DESTINATION_VERSIONING = "Destination bucket must have versioning enabled."
SAME_BUCKET = "Destination bucket cannot be the same as the source bucket."
INVALID_ARN = "Invalid bucket ARN."
NO_PRIORITY = ("Priority must be specified for this version of Cross Region Replication configuration schema."
               "Please refer to S3 Developer Guide for more information.")
NO_DELETE_MARKER_REPLICATION = ("DeleteMarkerReplication must be specified for this version of Cross Region "
                                "Replication configuration schema. Please refer to S3 Developer Guide for more "
                                "information.")


# Helpers --------------------------------------------------------------------------------------------------------

def check(answer: dict, code: str, status: int, message: str | None = None):
    """Asserts an error answer's code, HTTP status and (if given) message."""
    assert answer["Error"]["Code"] == code, answer
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == status, answer
    if message is not None:
        assert answer["Error"]["Message"] == message, answer


def arn(bucket: str) -> str:
    return f"arn:aws:s3:::{bucket}"


def new_bucket(client, versioning: str | None = "Enabled", prefix: str = "repl") -> str:
    """A new bucket, with versioning set to `versioning` (None: never set)."""
    name = unique(prefix)
    client.create_bucket(Bucket=name)
    if versioning == "Suspended":
        client.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    if versioning is not None:
        client.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": versioning})
    return name


def rule(destination: str, priority: int = 1, filter: dict | None = None, status: str = "Enabled",
         delete_markers: str = "Disabled", rule_id: str | None = "rule", **destination_extra) -> dict:
    """A schema V2 rule replicating into bucket `destination`."""
    made = {"Priority": priority, "Filter": {} if filter is None else filter, "Status": status,
            "DeleteMarkerReplication": {"Status": delete_markers},
            "Destination": {"Bucket": arn(destination), **destination_extra}}
    if rule_id is not None:
        made["ID"] = rule_id
    return made


def v1_rule(destination: str, prefix: str = "", rule_id: str = "v1", status: str = "Enabled") -> dict:
    return {"ID": rule_id, "Prefix": prefix, "Status": status, "Destination": {"Bucket": arn(destination)}}


def configure(client, source: str, *rules: dict):
    return client.put_bucket_replication(Bucket=source, ReplicationConfiguration={"Role": ROLE, "Rules": list(rules)})


def configured(client, source: str) -> dict:
    return client.get_bucket_replication(Bucket=source)["ReplicationConfiguration"]


def pair(client, **rule_options) -> tuple[str, str]:
    """A versioned source replicating everything (or by the given rule options) into a new versioned destination."""
    source, destination = new_bucket(client, prefix="src"), new_bucket(client, prefix="dst")
    configure(client, source, rule(destination, **rule_options))
    return source, destination


def is_missing(client, bucket: str, key: str, **extra) -> bool:
    """Whether head_object answers 404 for `key` in `bucket`."""
    try:
        client.head_object(Bucket=bucket, Key=key, **extra)
    except botocore.exceptions.ClientError as error:
        assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 404, error.response
        return True
    return False


def versions_of(client, bucket: str) -> tuple[list, list]:
    """(key, version id) of the versions and of the delete markers in `bucket`."""
    answer = client.list_object_versions(Bucket=bucket)
    return ([(v["Key"], v["VersionId"]) for v in answer.get("Versions", [])],
            [(m["Key"], m["VersionId"]) for m in answer.get("DeleteMarkers", [])])


def tags_of(client, bucket: str, key: str, **extra) -> list:
    return sorted((t["Key"], t["Value"]) for t in client.get_object_tagging(Bucket=bucket, Key=key, **extra)["TagSet"])


def assert_replicated(client, source: str, destination: str, key: str, version_id: str | None = None):
    """`key` in `source` is COMPLETED and the destination holds a REPLICA of it with the same version and content."""
    head = client.head_object(Bucket=source, Key=key)
    assert head.get("ReplicationStatus") == "COMPLETED", head
    if version_id is not None:
        assert head["VersionId"] == version_id, head
    replica = client.head_object(Bucket=destination, Key=key)
    assert replica.get("ReplicationStatus") == "REPLICA", replica
    assert replica["VersionId"] == head["VersionId"], (head, replica)
    assert replica["ETag"] == head["ETag"], (head, replica)
    assert replica["ContentLength"] == head["ContentLength"], (head, replica)
    body = client.get_object(Bucket=destination, Key=key, VersionId=head["VersionId"])["Body"].read()
    assert body == client.get_object(Bucket=source, Key=key)["Body"].read()
    return head, replica


def assert_not_replicated(client, source: str, destination: str, key: str):
    head = client.head_object(Bucket=source, Key=key)
    assert "ReplicationStatus" not in head, head
    assert is_missing(client, destination, key), f"{key} was replicated into {destination}"


# Configuration --------------------------------------------------------------------------------------------------

def test_bucket_without_configuration_answers_not_found(s3):
    for versioning in (None, "Enabled"):
        bucket = new_bucket(s3, versioning)
        check(error_of(s3.get_bucket_replication, Bucket=bucket), "ReplicationConfigurationNotFoundError", 404,
              NOT_FOUND)


def test_v2_configuration_round_trip_and_delete(s3):
    source, destination = new_bucket(s3, prefix="src"), new_bucket(s3, prefix="dst")
    rules = [rule(destination, priority=2, filter={"Prefix": "logs/"}, delete_markers="Enabled", rule_id="logs",
                  StorageClass="STANDARD_IA"),
             rule(destination, priority=1, filter={"Prefix": "data/"}, status="Disabled", rule_id="data")]
    answer = configure(s3, source, *rules)
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200
    shown = configured(s3, source)
    assert shown["Role"] == ROLE
    assert shown["Rules"] == rules

    s3.delete_bucket_replication(Bucket=source)
    check(error_of(s3.get_bucket_replication, Bucket=source), "ReplicationConfigurationNotFoundError", 404, NOT_FOUND)


@pytest.mark.parametrize("filter", [
    {"Prefix": "in/"},
    {"Tag": {"Key": "replicate", "Value": "yes"}},
    {"And": {"Prefix": "docs/", "Tags": [{"Key": "team", "Value": "blue"}, {"Key": "tier", "Value": "gold"}]}},
    {},
], ids=["prefix", "tag", "and", "empty"])
def test_v2_filter_forms_round_trip(s3, filter):
    source, destination = new_bucket(s3, prefix="src"), new_bucket(s3, prefix="dst")
    given = rule(destination, priority=7, filter=filter, delete_markers="Disabled", rule_id="filtered")
    configure(s3, source, given)
    shown = configured(s3, source)
    assert shown["Role"] == ROLE
    assert shown["Rules"] == [given]


def test_v1_configuration_round_trip(s3):
    source, destination = new_bucket(s3, prefix="src"), new_bucket(s3, prefix="dst")
    given = v1_rule(destination, prefix="reports/")
    configure(s3, source, given)
    shown = configured(s3, source)
    assert shown == {"Role": ROLE, "Rules": [given]}


def test_rule_without_id_gets_a_generated_id(s3):
    source, destination = new_bucket(s3, prefix="src"), new_bucket(s3, prefix="dst")
    given = rule(destination, filter={"Prefix": "a/"}, rule_id=None)
    configure(s3, source, given)
    (shown,) = configured(s3, source)["Rules"]
    assert isinstance(shown.get("ID"), str) and shown["ID"], shown
    assert {k: v for k, v in shown.items() if k != "ID"} == given


def test_missing_source_bucket(s3):
    destination = new_bucket(s3, prefix="dst")
    refused = error_of(s3.put_bucket_replication, Bucket=unique("absent"),
                       ReplicationConfiguration={"Role": ROLE, "Rules": [rule(destination)]})
    check(refused, "NoSuchBucket", 404)


@pytest.mark.parametrize("versioning", [None, "Suspended"], ids=["never-set", "suspended"])
def test_source_needs_versioning_enabled(s3, versioning):
    source, destination = new_bucket(s3, versioning, prefix="src"), new_bucket(s3, prefix="dst")
    refused = error_of(s3.put_bucket_replication, Bucket=source,
                       ReplicationConfiguration={"Role": ROLE, "Rules": [rule(destination)]})
    check(refused, "InvalidRequest", 400, SOURCE_VERSIONING)
    check(error_of(s3.get_bucket_replication, Bucket=source), "ReplicationConfigurationNotFoundError", 404, NOT_FOUND)


@pytest.mark.parametrize("destination_state", ["missing", "never-set", "suspended"])
def test_destination_needs_versioning_enabled(s3, destination_state):
    source = new_bucket(s3, prefix="src")
    if destination_state == "missing":
        destination = unique("absent")
    else:
        destination = new_bucket(s3, None if destination_state == "never-set" else "Suspended", prefix="dst")
    for given in (rule(destination), v1_rule(destination)):
        refused = error_of(s3.put_bucket_replication, Bucket=source,
                           ReplicationConfiguration={"Role": ROLE, "Rules": [given]})
        check(refused, "InvalidRequest", 400, DESTINATION_VERSIONING)
    check(error_of(s3.get_bucket_replication, Bucket=source), "ReplicationConfigurationNotFoundError", 404, NOT_FOUND)


def test_destination_cannot_be_the_source(s3):
    source = new_bucket(s3, prefix="src")
    refused = error_of(s3.put_bucket_replication, Bucket=source,
                       ReplicationConfiguration={"Role": ROLE, "Rules": [rule(source)]})
    check(refused, "InvalidRequest", 400, SAME_BUCKET)


@pytest.mark.parametrize("bucket_arn", ["dst", "arn:aws:sqs:us-east-1:000000000000:q"], ids=["name", "sqs-arn"])
def test_destination_must_be_a_bucket_arn(s3, bucket_arn):
    source, destination = new_bucket(s3, prefix="src"), new_bucket(s3, prefix="dst")
    given = rule(destination)
    given["Destination"]["Bucket"] = bucket_arn
    refused = error_of(s3.put_bucket_replication, Bucket=source,
                       ReplicationConfiguration={"Role": ROLE, "Rules": [given]})
    check(refused, "InvalidArgument", 400, INVALID_ARN)


def test_v2_rule_needs_priority(s3):
    source, destination = new_bucket(s3, prefix="src"), new_bucket(s3, prefix="dst")
    given = rule(destination, filter={"Prefix": "x/"})
    del given["Priority"]
    refused = error_of(s3.put_bucket_replication, Bucket=source,
                       ReplicationConfiguration={"Role": ROLE, "Rules": [given]})
    check(refused, "InvalidRequest", 400, NO_PRIORITY)


def test_v2_rule_needs_delete_marker_replication(s3):
    source, destination = new_bucket(s3, prefix="src"), new_bucket(s3, prefix="dst")
    given = rule(destination, filter={"Prefix": "x/"})
    del given["DeleteMarkerReplication"]
    refused = error_of(s3.put_bucket_replication, Bucket=source,
                       ReplicationConfiguration={"Role": ROLE, "Rules": [given]})
    check(refused, "InvalidRequest", 400, NO_DELETE_MARKER_REPLICATION)


def test_failed_put_keeps_the_previous_configuration(s3):
    source, destination = new_bucket(s3, prefix="src"), new_bucket(s3, prefix="dst")
    unversioned = new_bucket(s3, None, prefix="plain")
    original = rule(destination, priority=3, filter={"Prefix": "keep/"}, rule_id="original")
    configure(s3, source, original)

    no_priority = rule(destination, filter={"Prefix": "x/"})
    del no_priority["Priority"]
    no_markers = rule(destination, filter={"Prefix": "x/"})
    del no_markers["DeleteMarkerReplication"]
    bad_arn = rule(destination)
    bad_arn["Destination"]["Bucket"] = "dst"
    for given, code, message in [(rule(unversioned), "InvalidRequest", DESTINATION_VERSIONING),
                                 (rule(unique("absent")), "InvalidRequest", DESTINATION_VERSIONING),
                                 (rule(source), "InvalidRequest", SAME_BUCKET),
                                 (bad_arn, "InvalidArgument", INVALID_ARN),
                                 (no_priority, "InvalidRequest", NO_PRIORITY),
                                 (no_markers, "InvalidRequest", NO_DELETE_MARKER_REPLICATION)]:
        refused = error_of(s3.put_bucket_replication, Bucket=source,
                           ReplicationConfiguration={"Role": ROLE, "Rules": [given]})
        check(refused, code, 400, message)
        assert configured(s3, source) == {"Role": ROLE, "Rules": [original]}


def test_cli_round_trip(stratus, s3, tmp_path):
    source, destination = new_bucket(s3, prefix="src"), new_bucket(s3, prefix="dst")
    from_file = {"Role": ROLE, "Rules": [rule(destination, priority=1, filter={"Prefix": "file/"}, rule_id="file")]}
    path = tmp_path / "replication.json"
    path.write_text(json.dumps(from_file))
    put = stratus.cli("s3api", "put-bucket-replication", "--bucket", source,
                      "--replication-configuration", f"file://{path}")
    assert put.returncode == 0, put.stderr
    got = stratus.cli("s3api", "get-bucket-replication", "--bucket", source)
    assert got.returncode == 0, got.stderr
    assert json.loads(got.stdout)["ReplicationConfiguration"] == from_file

    inline = {"Role": ROLE, "Rules": [v1_rule(destination, prefix="inline/", rule_id="inline")]}
    put = stratus.cli("s3api", "put-bucket-replication", "--bucket", source,
                      "--replication-configuration", json.dumps(inline))
    assert put.returncode == 0, put.stderr
    got = stratus.cli("s3api", "get-bucket-replication", "--bucket", source)
    assert got.returncode == 0, got.stderr
    assert json.loads(got.stdout)["ReplicationConfiguration"] == inline

    deleted = stratus.cli("s3api", "delete-bucket-replication", "--bucket", source)
    assert deleted.returncode == 0, deleted.stderr
    missing = stratus.cli("s3api", "get-bucket-replication", "--bucket", source)
    assert missing.returncode != 0
    assert "ReplicationConfigurationNotFoundError" in missing.stderr, missing.stderr
    assert NOT_FOUND in missing.stderr, missing.stderr


# Replication of new objects -------------------------------------------------------------------------------------

def test_put_is_replicated_with_same_version_and_content(s3):
    source, destination = pair(s3)
    put = s3.put_object(Bucket=source, Key="docs/report.txt", Body=b"quarterly numbers", ContentType="text/plain",
                        Metadata={"colour": "blue", "owner": "ops"}, Tagging="team=blue&tier=gold")
    head, replica = assert_replicated(s3, source, destination, "docs/report.txt", put["VersionId"])
    assert replica["ETag"] == put["ETag"]
    assert replica["ContentType"] == "text/plain"
    assert replica["Metadata"] == {"colour": "blue", "owner": "ops"}
    assert tags_of(s3, destination, "docs/report.txt") == [("team", "blue"), ("tier", "gold")]
    assert replica.get("StorageClass", "STANDARD") == head.get("StorageClass", "STANDARD") == "STANDARD"
    assert versions_of(s3, destination) == ([("docs/report.txt", put["VersionId"])], [])


def test_every_new_version_is_replicated(s3):
    source, destination = pair(s3)
    first = s3.put_object(Bucket=source, Key="k", Body=b"one")["VersionId"]
    second = s3.put_object(Bucket=source, Key="k", Body=b"two")["VersionId"]
    assert_replicated(s3, source, destination, "k", second)
    assert sorted(versions_of(s3, destination)[0]) == sorted([("k", first), ("k", second)])
    assert s3.get_object(Bucket=destination, Key="k", VersionId=first)["Body"].read() == b"one"


def test_destination_storage_class_of_the_rule(s3):
    source, destination = pair(s3, StorageClass="STANDARD_IA")
    put = s3.put_object(Bucket=source, Key="cold", Body=b"rarely read")
    head, replica = assert_replicated(s3, source, destination, "cold", put["VersionId"])
    assert head.get("StorageClass", "STANDARD") == "STANDARD"
    assert replica["StorageClass"] == "STANDARD_IA"


def test_source_storage_class_kept_without_rule_storage_class(s3):
    source, destination = pair(s3)
    put = s3.put_object(Bucket=source, Key="one-zone", Body=b"x", StorageClass="ONEZONE_IA")
    _, replica = assert_replicated(s3, source, destination, "one-zone", put["VersionId"])
    assert replica["StorageClass"] == "ONEZONE_IA"


def test_prefix_filter_decides_what_is_replicated(s3):
    source, destination = pair(s3, filter={"Prefix": "in/"})
    put = s3.put_object(Bucket=source, Key="in/a", Body=b"a")
    s3.put_object(Bucket=source, Key="out/b", Body=b"b")
    assert_replicated(s3, source, destination, "in/a", put["VersionId"])
    assert_not_replicated(s3, source, destination, "out/b")


def test_tag_filter_decides_what_is_replicated(s3):
    source, destination = pair(s3, filter={"Tag": {"Key": "replicate", "Value": "yes"}})
    put = s3.put_object(Bucket=source, Key="tagged", Body=b"a", Tagging="replicate=yes&other=1")
    s3.put_object(Bucket=source, Key="other-value", Body=b"b", Tagging="replicate=no")
    s3.put_object(Bucket=source, Key="untagged", Body=b"c")
    assert_replicated(s3, source, destination, "tagged", put["VersionId"])
    assert_not_replicated(s3, source, destination, "other-value")
    assert_not_replicated(s3, source, destination, "untagged")


def test_and_filter_needs_prefix_and_every_tag(s3):
    source, destination = pair(s3, filter={"And": {"Prefix": "docs/", "Tags": [
        {"Key": "team", "Value": "blue"}, {"Key": "tier", "Value": "gold"}]}})
    put = s3.put_object(Bucket=source, Key="docs/both", Body=b"a", Tagging="team=blue&tier=gold")
    s3.put_object(Bucket=source, Key="docs/one-tag", Body=b"b", Tagging="team=blue")
    s3.put_object(Bucket=source, Key="other/both", Body=b"c", Tagging="team=blue&tier=gold")
    assert_replicated(s3, source, destination, "docs/both", put["VersionId"])
    assert_not_replicated(s3, source, destination, "docs/one-tag")
    assert_not_replicated(s3, source, destination, "other/both")


def test_disabled_rule_replicates_nothing(s3):
    source, destination = pair(s3, status="Disabled")
    s3.put_object(Bucket=source, Key="anything", Body=b"x")
    assert_not_replicated(s3, source, destination, "anything")


def test_v1_prefix_rule_replicates(s3):
    source, destination = new_bucket(s3, prefix="src"), new_bucket(s3, prefix="dst")
    configure(s3, source, v1_rule(destination, prefix="v1/"))
    put = s3.put_object(Bucket=source, Key="v1/x", Body=b"x")
    s3.put_object(Bucket=source, Key="v2/x", Body=b"x")
    assert_replicated(s3, source, destination, "v1/x", put["VersionId"])
    assert_not_replicated(s3, source, destination, "v2/x")


def test_copy_into_source_is_replicated(s3):
    source, destination = pair(s3, filter={"Prefix": "in/"})
    other = new_bucket(s3, None, prefix="other")
    s3.put_object(Bucket=source, Key="staging/orig", Body=b"original body", ContentType="text/csv")
    s3.put_object(Bucket=other, Key="elsewhere", Body=b"from another bucket")
    copied = s3.copy_object(Bucket=source, Key="in/copy", CopySource={"Bucket": source, "Key": "staging/orig"})
    imported = s3.copy_object(Bucket=source, Key="in/imported", CopySource={"Bucket": other, "Key": "elsewhere"})
    _, replica = assert_replicated(s3, source, destination, "in/copy", copied["VersionId"])
    assert replica["ContentType"] == "text/csv"
    assert_replicated(s3, source, destination, "in/imported", imported["VersionId"])
    assert s3.get_object(Bucket=destination, Key="in/imported")["Body"].read() == b"from another bucket"
    assert_not_replicated(s3, source, destination, "staging/orig")


def test_multipart_upload_is_replicated(s3):
    source, destination = pair(s3)
    upload = s3.create_multipart_upload(Bucket=source, Key="big", ContentType="application/octet-stream",
                                        Metadata={"kind": "multipart"})["UploadId"]
    first_body, second_body = b"a" * (5 * 1024 * 1024), b"tail"
    first = s3.upload_part(Bucket=source, Key="big", UploadId=upload, PartNumber=1, Body=first_body)
    second = s3.upload_part(Bucket=source, Key="big", UploadId=upload, PartNumber=2, Body=second_body)
    assert is_missing(s3, destination, "big")  # nothing replicated before completion
    done = s3.complete_multipart_upload(Bucket=source, Key="big", UploadId=upload, MultipartUpload={"Parts": [
        {"ETag": first["ETag"], "PartNumber": 1}, {"ETag": second["ETag"], "PartNumber": 2}]})
    _, replica = assert_replicated(s3, source, destination, "big", done["VersionId"])
    assert replica["ETag"] == done["ETag"]
    assert replica["ContentLength"] == len(first_body) + len(second_body)
    assert replica["Metadata"] == {"kind": "multipart"}


def test_highest_priority_rule_decides_the_destination(s3):
    source = new_bucket(s3, prefix="src")
    low, high = new_bucket(s3, prefix="low"), new_bucket(s3, prefix="high")
    configure(s3, source, rule(low, priority=1, rule_id="everything"),
              rule(high, priority=2, filter={"Prefix": "hot/"}, rule_id="hot"))
    hot = s3.put_object(Bucket=source, Key="hot/x", Body=b"hot")
    cold = s3.put_object(Bucket=source, Key="cold/x", Body=b"cold")
    assert_replicated(s3, source, high, "hot/x", hot["VersionId"])
    assert is_missing(s3, low, "hot/x")
    assert_replicated(s3, source, low, "cold/x", cold["VersionId"])
    assert is_missing(s3, high, "cold/x")


def test_highest_priority_wins_whatever_the_rule_order(s3):
    source = new_bucket(s3, prefix="src")
    first, second = new_bucket(s3, prefix="first"), new_bucket(s3, prefix="second")
    configure(s3, source, rule(first, priority=5, rule_id="listed-first-higher"),
              rule(second, priority=2, rule_id="listed-second-lower"))
    put = s3.put_object(Bucket=source, Key="k", Body=b"x")
    assert_replicated(s3, source, first, "k", put["VersionId"])
    assert is_missing(s3, second, "k")


def test_disabled_rule_of_higher_priority_is_ignored(s3):
    source = new_bucket(s3, prefix="src")
    enabled, disabled = new_bucket(s3, prefix="on"), new_bucket(s3, prefix="off")
    configure(s3, source, rule(disabled, priority=9, status="Disabled", rule_id="off"),
              rule(enabled, priority=1, rule_id="on"))
    put = s3.put_object(Bucket=source, Key="k", Body=b"x")
    assert_replicated(s3, source, enabled, "k", put["VersionId"])
    assert is_missing(s3, disabled, "k")


def test_replicas_are_not_replicated_further(s3):
    source, middle, last = new_bucket(s3, prefix="src"), new_bucket(s3, prefix="mid"), new_bucket(s3, prefix="end")
    configure(s3, source, rule(middle, rule_id="to-middle"))
    configure(s3, middle, rule(last, rule_id="to-last"))
    chained = s3.put_object(Bucket=source, Key="from-source", Body=b"x")
    assert_replicated(s3, source, middle, "from-source", chained["VersionId"])
    assert is_missing(s3, last, "from-source")
    assert "Versions" not in s3.list_object_versions(Bucket=last)

    direct = s3.put_object(Bucket=middle, Key="direct", Body=b"y")
    assert_replicated(s3, middle, last, "direct", direct["VersionId"])


# Deletions ------------------------------------------------------------------------------------------------------

def test_delete_marker_replicated_when_enabled(s3):
    source, destination = pair(s3, delete_markers="Enabled")
    put = s3.put_object(Bucket=source, Key="doomed", Body=b"x")
    assert_replicated(s3, source, destination, "doomed", put["VersionId"])
    deleted = s3.delete_object(Bucket=source, Key="doomed")
    assert deleted["DeleteMarker"] is True
    versions, markers = versions_of(s3, destination)
    assert markers == [("doomed", deleted["VersionId"])]
    assert versions == [("doomed", put["VersionId"])]
    assert is_missing(s3, destination, "doomed")
    assert s3.get_object(Bucket=destination, Key="doomed", VersionId=put["VersionId"])["Body"].read() == b"x"


def test_delete_marker_not_replicated_when_disabled(s3):
    source, destination = pair(s3, delete_markers="Disabled")
    put = s3.put_object(Bucket=source, Key="kept", Body=b"still here")
    s3.delete_object(Bucket=source, Key="kept")
    assert is_missing(s3, source, "kept")
    assert versions_of(s3, destination) == ([("kept", put["VersionId"])], [])
    assert s3.get_object(Bucket=destination, Key="kept")["Body"].read() == b"still here"


def test_v1_rule_replicates_delete_markers(s3):
    source, destination = new_bucket(s3, prefix="src"), new_bucket(s3, prefix="dst")
    configure(s3, source, v1_rule(destination))
    put = s3.put_object(Bucket=source, Key="old-schema", Body=b"x")
    deleted = s3.delete_object(Bucket=source, Key="old-schema")
    assert deleted["DeleteMarker"] is True
    assert versions_of(s3, destination) == ([("old-schema", put["VersionId"])],
                                            [("old-schema", deleted["VersionId"])])
    assert is_missing(s3, destination, "old-schema")


@pytest.mark.parametrize("delete_markers", ["Enabled", "Disabled"])
def test_deleting_a_version_is_not_replicated(s3, delete_markers):
    source, destination = pair(s3, delete_markers=delete_markers)
    put = s3.put_object(Bucket=source, Key="versioned", Body=b"keep me")
    s3.delete_object(Bucket=source, Key="versioned", VersionId=put["VersionId"])
    assert versions_of(s3, source) == ([], [])
    assert versions_of(s3, destination) == ([("versioned", put["VersionId"])], [])
    replica = s3.head_object(Bucket=destination, Key="versioned", VersionId=put["VersionId"])
    assert replica["ReplicationStatus"] == "REPLICA"
    assert s3.get_object(Bucket=destination, Key="versioned")["Body"].read() == b"keep me"


# Failures -------------------------------------------------------------------------------------------------------

def test_destination_with_suspended_versioning_fails_replication(s3):
    source, destination = pair(s3)
    s3.put_bucket_versioning(Bucket=destination, VersioningConfiguration={"Status": "Suspended"})
    put = s3.put_object(Bucket=source, Key="stranded", Body=b"x")
    assert put["ResponseMetadata"]["HTTPStatusCode"] == 200
    head = s3.head_object(Bucket=source, Key="stranded")
    assert head.get("ReplicationStatus") == "FAILED", head
    assert head["VersionId"] == put["VersionId"]
    assert is_missing(s3, destination, "stranded")
    assert versions_of(s3, destination) == ([], [])


def test_deleted_destination_fails_replication(s3):
    source, destination = pair(s3)
    s3.delete_bucket(Bucket=destination)
    put = s3.put_object(Bucket=source, Key="orphan", Body=b"x")
    assert put["ResponseMetadata"]["HTTPStatusCode"] == 200
    head = s3.head_object(Bucket=source, Key="orphan")
    assert head.get("ReplicationStatus") == "FAILED", head
    check(error_of(s3.head_bucket, Bucket=destination), "404", 404)


# Event notifications --------------------------------------------------------------------------------------------

def test_replica_fires_destination_notifications(stratus, s3):
    sqs = stratus.client("sqs")
    source, destination = pair(s3)
    url = sqs.create_queue(QueueName=unique("replicas"))["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    s3.put_bucket_notification_configuration(Bucket=destination, NotificationConfiguration={"QueueConfigurations": [
        {"QueueArn": queue_arn, "Events": ["s3:ObjectCreated:*"]}]})

    def drain(count):
        bodies = []
        for _ in range(10):
            for message in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                                               WaitTimeSeconds=1).get("Messages", []):
                bodies.append(json.loads(message["Body"]))
                sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
            if len(bodies) >= count:
                break
        return bodies

    (test_event,) = drain(1)
    assert test_event["Event"] == "s3:TestEvent"
    put = s3.put_object(Bucket=source, Key="notify/me", Body=b"hello")
    (body,) = drain(1)
    (record,) = body["Records"]
    assert record["eventName"] == "ObjectCreated:Put"
    assert record["s3"]["bucket"]["name"] == destination
    assert record["s3"]["object"]["key"] == "notify/me"
    assert record["s3"]["object"]["versionId"] == put["VersionId"]
