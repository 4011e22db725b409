"""S3 server access logging through boto3, the AWS CLI and raw HTTP: the bucket logging configuration (round trip,
turning it off, and the errors S3 answers for a missing source or target bucket, a target of another account or
region and a malformed key format), and the delivery of access log records as objects into the target bucket (the
log object keys, simple and partitioned, and each record's fields in S3's server access log format)."""
import json
import subprocess
import re
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone

import boto3
import botocore.exceptions
import pytest

from conftest import stratus_binary
from s3_support import error_of, s3, unique  # noqa: F401 (fixtures)

DEFAULT_ACCOUNT = "000000000000"
OTHER_ACCOUNT = "111122223333"
PREFIX = "logs/"

LINE = re.compile(
    r'^(\S+) (\S+) \[([^\]]+)\] (\S+) (\S+) (\S+) (\S+) (\S+) "([^"]*)" (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) "([^"]*)" '
    r'"([^"]*)" (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+) (\S+)$')
FIELDS = ["owner", "bucket", "time", "remote_ip", "requester", "request_id", "operation", "key", "request_uri",
          "status", "error_code", "bytes_sent", "object_size", "total_time", "turnaround_time", "referer",
          "user_agent", "version_id", "host_id", "signature_version", "cipher_suite", "auth_type", "host_header",
          "tls_version", "access_point_arn", "acl_required"]
SIMPLE_KEY = re.compile(r"^logs/(\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})-[0-9A-F]{16}$")

NO_TARGET = "The target bucket for logging does not exist"
OTHER_OWNER = "The owner for the bucket to be logged and the target bucket must be the same."
CROSS_LOCATION = "Cross S3 location logging not allowed. "


# Helpers --------------------------------------------------------------------------------------------------------

def check(answer: dict, code: str, status: int, message: str | None = None):
    """Asserts an error answer's code, HTTP status and (if given) message."""
    assert answer["Error"]["Code"] == code, answer
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == status, answer
    if message is not None:
        assert answer["Error"]["Message"] == message, answer


def new_buckets(client, count: int, **create) -> list[str]:
    names = [unique("logging") for _ in range(count)]
    for name in names:
        client.create_bucket(Bucket=name, **create)
    return names


def enable(client, source: str, target: str, prefix: str = PREFIX, **extra) -> dict:
    """Turns logging of `source` into `target` on; answers the put's response."""
    return client.put_bucket_logging(Bucket=source, BucketLoggingStatus={
        "LoggingEnabled": {"TargetBucket": target, "TargetPrefix": prefix, **extra}})


def deliver(server) -> dict:
    """Delivers every buffered access log record now; answers the endpoint's JSON."""
    status, _, body = server.json("POST", "/_stratus/s3/access-logs")
    assert status == 200, body
    assert isinstance(body, dict) and set(body) == {"objects", "records"}, body
    assert isinstance(body["objects"], int) and isinstance(body["records"], int), body
    assert body["objects"] >= 0 and body["records"] >= 0, body
    return body


def parse(line: str) -> dict:
    match = LINE.match(line)
    assert match, f"not an access log line: {line!r}"
    return dict(zip(FIELDS, match.groups()))


def log_objects(client, bucket: str, prefix: str = PREFIX) -> list[dict]:
    """The log objects under `prefix` in `bucket`: each {"key", "body", "records"} (records parsed, in file order)."""
    objects = []
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for item in page.get("Contents", []):
            body = client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read().decode("utf-8")
            assert body.endswith("\n"), (item["Key"], body)
            lines = body[:-1].split("\n")
            objects.append({"key": item["Key"], "body": body, "records": [parse(line) for line in lines]})
    for found in objects:
        # One log object per source bucket and delivery.
        assert len({record["bucket"] for record in found["records"]}) == 1, found
    return objects


def records_of(client, bucket: str, prefix: str = PREFIX, source: str | None = None) -> list[dict]:
    """Every record delivered under `prefix` in `bucket` (for `source` only, if given), log object by log object."""
    records = [record for found in log_objects(client, bucket, prefix) for record in found["records"]]
    return [record for record in records if source is None or record["bucket"] == source]


def in_request_order(client, bucket: str, source: str, request_ids: list[str], prefix: str = PREFIX) -> list[dict]:
    """The records of `source` delivered into `bucket`, log objects put in the order of the requests (a delivery made
    while the requests ran may have split them), so that the result is in the order the records were written."""
    order = {request_id: index for index, request_id in reversed(list(enumerate(request_ids)))}
    objects = [found for found in log_objects(client, bucket, prefix) if found["records"][0]["bucket"] == source]

    def first_request(found):
        return min(order.get(record["request_id"], len(order)) for record in found["records"])

    return [record for found in sorted(objects, key=first_request) for record in found["records"]]


def without_logging_puts(records: list[dict], *request_ids: str) -> list[dict]:
    """`records` without those of the given PutBucketLogging requests (whether the request that turns logging on or
    off is itself logged is not part of the spec)."""
    return [record for record in records
            if not (record["operation"] == "REST.PUT.LOGGING_STATUS" and record["request_id"] in request_ids)]


def owner_id(client) -> str:
    return client.list_buckets()["Owner"]["ID"]


def request_id(answer: dict) -> str:
    return answer["ResponseMetadata"]["RequestId"]


def content_length(answer: dict) -> str:
    """The answer body's length as the log shows it (`-` when 0)."""
    length = int(answer["ResponseMetadata"]["HTTPHeaders"].get("content-length", "0"))
    return str(length) if length else "-"


class Sent:
    """What a boto3 client sends: for each request its method, path with query, Host and User-Agent."""

    def __init__(self, client):
        self.requests = []
        client.meta.events.register("before-send.s3", self._capture, unique_id=f"sent-{id(self)}")

    def _capture(self, request, **_):
        parts = urllib.parse.urlsplit(request.url)
        agent = request.headers.get("User-Agent")
        self.requests.append({
            "method": request.method,
            "uri": parts.path + (f"?{parts.query}" if parts.query else ""),
            "host": parts.netloc,
            "agent": agent.decode() if isinstance(agent, bytes) else agent,
        })

    @property
    def last(self) -> dict:
        return self.requests[-1]

    @staticmethod
    def line(request) -> str:
        return f"{request['method']} {request['uri']} HTTP/1.1"


def assert_common(record: dict, owner: str):
    """The fields every record has whatever its request."""
    assert re.fullmatch(r"[0-9a-f]{64}", record["owner"]), record
    assert record["owner"] == owner, record
    assert re.fullmatch(r"\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000", record["time"]), record
    when = datetime.strptime(record["time"], "%d/%b/%Y:%H:%M:%S %z")
    assert abs(datetime.now(timezone.utc) - when) < timedelta(minutes=10), record
    assert record["remote_ip"] == "127.0.0.1", record
    assert re.fullmatch(r"\d+", record["total_time"]), record
    assert re.fullmatch(r"\d+", record["turnaround_time"]), record
    assert record["cipher_suite"] == "-", record
    assert record["tls_version"] == "-", record
    assert record["access_point_arn"] == "-", record


def assert_fields(record: dict, **expected):
    shown = {name: record[name] for name in expected}
    assert shown == expected, record


def assert_signed_by_boto3(record: dict, sent: dict, account: str = DEFAULT_ACCOUNT):
    assert_fields(record, requester=f"arn:aws:iam::{account}:root", signature_version="SigV4",
                  auth_type="AuthHeader", user_agent=sent["agent"], host_header=sent["host"],
                  request_uri=Sent.line(sent), referer="-")
    assert record["user_agent"].startswith("Boto3/"), record


def raw_body_of(client, operation: str) -> list[bytes]:
    """Captures the raw answer bodies of `operation` (before boto3 parses them)."""
    bodies = []

    def capture(response_dict, **_):
        bodies.append(response_dict["body"])

    client.meta.events.register(f"before-parse.s3.{operation}", capture, unique_id=f"raw-{operation}-{id(bodies)}")
    return bodies


# Configuration ---------------------------------------------------------------------------------------------------

def test_bucket_never_configured_has_no_logging(s3):
    [name] = new_buckets(s3, 1)
    answer = s3.get_bucket_logging(Bucket=name)
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert "LoggingEnabled" not in answer


def test_configuration_round_trip_and_off(s3):
    source, target = new_buckets(s3, 2)
    enable(s3, source, target)
    assert s3.get_bucket_logging(Bucket=source)["LoggingEnabled"] == {"TargetBucket": target, "TargetPrefix": PREFIX}
    s3.put_bucket_logging(Bucket=source, BucketLoggingStatus={})
    assert "LoggingEnabled" not in s3.get_bucket_logging(Bucket=source)
    # And on again, with a different prefix.
    enable(s3, source, target, prefix="other/")
    assert s3.get_bucket_logging(Bucket=source)["LoggingEnabled"] == {"TargetBucket": target, "TargetPrefix": "other/"}
    # The target bucket's own configuration is untouched.
    assert "LoggingEnabled" not in s3.get_bucket_logging(Bucket=target)


def test_configuration_with_grants_and_key_formats_is_answered_back(s3):
    source, enforced = new_buckets(s3, 2)
    grants = [{"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"},
               "Permission": "READ"}]
    # S3 takes target grants only for a target that allows ACLs (new buckets are "bucket owner enforced").
    check(error_of(enable, client=s3, source=source, target=enforced, TargetGrants=grants),
          "AccessControlListNotSupported", 400, "Target grants not allowed for bucket owner enforced buckets")
    [target] = new_buckets(s3, 1, ObjectOwnership="BucketOwnerPreferred")
    enable(s3, source, target, TargetGrants=grants)
    shown = s3.get_bucket_logging(Bucket=source)["LoggingEnabled"]
    assert shown == {"TargetBucket": target, "TargetPrefix": PREFIX, "TargetGrants": grants}
    for key_format in ({"PartitionedPrefix": {"PartitionDateSource": "EventTime"}},
                       {"PartitionedPrefix": {"PartitionDateSource": "DeliveryTime"}},
                       {"SimplePrefix": {}}):
        enable(s3, source, target, TargetObjectKeyFormat=key_format)
        shown = s3.get_bucket_logging(Bucket=source)["LoggingEnabled"]
        assert shown == {"TargetBucket": target, "TargetPrefix": PREFIX, "TargetObjectKeyFormat": key_format}


def test_missing_source_bucket_is_no_such_bucket(s3):
    [target] = new_buckets(s3, 1)
    missing = unique("missing")
    check(error_of(s3.put_bucket_logging, Bucket=missing, BucketLoggingStatus={
        "LoggingEnabled": {"TargetBucket": target, "TargetPrefix": PREFIX}}),
        "NoSuchBucket", 404, "The specified bucket does not exist")
    check(error_of(s3.get_bucket_logging, Bucket=missing), "NoSuchBucket", 404, "The specified bucket does not exist")


def test_missing_target_bucket_is_refused(s3):
    [source] = new_buckets(s3, 1)
    refused = error_of(s3.put_bucket_logging, Bucket=source, BucketLoggingStatus={
        "LoggingEnabled": {"TargetBucket": unique("missing"), "TargetPrefix": PREFIX}})
    check(refused, "InvalidTargetBucketForLogging", 400, NO_TARGET)
    assert "LoggingEnabled" not in s3.get_bucket_logging(Bucket=source)


def test_target_bucket_of_another_account_is_refused(stratus, s3):
    [source] = new_buckets(s3, 1)
    [target] = new_buckets(stratus.client("s3", access_key=OTHER_ACCOUNT), 1)
    refused = error_of(s3.put_bucket_logging, Bucket=source, BucketLoggingStatus={
        "LoggingEnabled": {"TargetBucket": target, "TargetPrefix": PREFIX}})
    check(refused, "InvalidTargetBucketForLogging", 400, OTHER_OWNER)
    assert "LoggingEnabled" not in s3.get_bucket_logging(Bucket=source)


def test_target_bucket_in_another_region_is_refused(stratus, s3):
    [source] = new_buckets(s3, 1)
    west = boto3.client("s3", endpoint_url=stratus.endpoint, region_name="eu-west-1", aws_access_key_id="test",
                        aws_secret_access_key="test")
    [target] = new_buckets(west, 1, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    bodies = raw_body_of(s3, "PutBucketLogging")
    refused = error_of(s3.put_bucket_logging, Bucket=source, BucketLoggingStatus={
        "LoggingEnabled": {"TargetBucket": target, "TargetPrefix": PREFIX}})
    check(refused, "CrossLocationLoggingProhibitted", 403)
    assert refused["Error"]["Message"] in (CROSS_LOCATION, CROSS_LOCATION.strip()), refused
    # The message itself, as sent, keeps S3's trailing space.
    assert f"<Message>{CROSS_LOCATION}</Message>".encode() in bodies[-1], bodies[-1]
    assert "LoggingEnabled" not in s3.get_bucket_logging(Bucket=source)


def test_key_format_with_both_prefix_kinds_is_malformed(s3):
    [source, target] = new_buckets(s3, 2)
    refused = error_of(s3.put_bucket_logging, Bucket=source, BucketLoggingStatus={"LoggingEnabled": {
        "TargetBucket": target, "TargetPrefix": PREFIX,
        "TargetObjectKeyFormat": {"SimplePrefix": {}, "PartitionedPrefix": {"PartitionDateSource": "EventTime"}}}})
    check(refused, "MalformedXML", 400)
    assert "LoggingEnabled" not in s3.get_bucket_logging(Bucket=source)


def test_failed_put_keeps_the_previous_configuration(stratus, s3):
    source, target = new_buckets(s3, 2)
    configured = {"TargetBucket": target, "TargetPrefix": PREFIX,
                  "TargetObjectKeyFormat": {"PartitionedPrefix": {"PartitionDateSource": "EventTime"}}}
    s3.put_bucket_logging(Bucket=source, BucketLoggingStatus={"LoggingEnabled": configured})
    [other_owner] = new_buckets(stratus.client("s3", access_key=OTHER_ACCOUNT), 1)
    west = boto3.client("s3", endpoint_url=stratus.endpoint, region_name="eu-west-1", aws_access_key_id="test",
                        aws_secret_access_key="test")
    [elsewhere] = new_buckets(west, 1, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    attempts = [
        ({"TargetBucket": unique("missing"), "TargetPrefix": "new/"}, "InvalidTargetBucketForLogging"),
        ({"TargetBucket": other_owner, "TargetPrefix": "new/"}, "InvalidTargetBucketForLogging"),
        ({"TargetBucket": elsewhere, "TargetPrefix": "new/"}, "CrossLocationLoggingProhibitted"),
        ({"TargetBucket": target, "TargetPrefix": "new/",
          "TargetObjectKeyFormat": {"SimplePrefix": {}, "PartitionedPrefix": {"PartitionDateSource": "EventTime"}}},
         "MalformedXML"),
    ]
    for attempt, code in attempts:
        refused = error_of(s3.put_bucket_logging, Bucket=source, BucketLoggingStatus={"LoggingEnabled": attempt})
        assert refused["Error"]["Code"] == code, refused
        assert s3.get_bucket_logging(Bucket=source)["LoggingEnabled"] == configured


def test_cli_put_and_get_bucket_logging(stratus, s3):
    source, target = new_buckets(s3, 2)
    status = {"LoggingEnabled": {"TargetBucket": target, "TargetPrefix": PREFIX}}
    put = stratus.cli("s3api", "put-bucket-logging", "--bucket", source, "--bucket-logging-status", json.dumps(status))
    assert put.returncode == 0, put.stderr
    got = stratus.cli("s3api", "get-bucket-logging", "--bucket", source)
    assert got.returncode == 0, got.stderr
    assert json.loads(got.stdout) == status

    # A request made through the CLI is logged with the CLI's User-Agent.
    uploaded = stratus.cli("s3api", "put-object", "--bucket", source, "--key", "cli.txt")
    assert uploaded.returncode == 0, uploaded.stderr
    deliver(stratus)
    puts = [record for record in records_of(s3, target, source=source) if record["operation"] == "REST.PUT.OBJECT"]
    assert [record["key"] for record in puts] == ["cli.txt"], puts
    assert puts[0]["user_agent"].startswith("aws-cli/"), puts[0]
    assert_fields(puts[0], status="200", requester=f"arn:aws:iam::{DEFAULT_ACCOUNT}:root", signature_version="SigV4",
                  auth_type="AuthHeader")

    refused = stratus.cli("s3api", "put-bucket-logging", "--bucket", source, "--bucket-logging-status",
                          json.dumps({"LoggingEnabled": {"TargetBucket": unique("missing"), "TargetPrefix": PREFIX}}))
    assert refused.returncode != 0
    assert "InvalidTargetBucketForLogging" in refused.stderr, refused.stderr

    off = stratus.cli("s3api", "put-bucket-logging", "--bucket", source, "--bucket-logging-status", "{}")
    assert off.returncode == 0, off.stderr
    got = stratus.cli("s3api", "get-bucket-logging", "--bucket", source)
    assert got.returncode == 0, got.stderr
    assert "LoggingEnabled" not in (json.loads(got.stdout) if got.stdout.strip() else {})


# Delivery --------------------------------------------------------------------------------------------------------

def test_object_requests_are_logged_in_order_with_their_details(stratus, s3):
    source, target = new_buckets(s3, 2)
    owner = owner_id(s3)
    enabled = enable(s3, source, target)
    sent = Sent(s3)
    body = b"hello, access logs"
    key, logged_key = "x&y.txt", "x%26y.txt"
    expected = []  # (answer, request sent, expected fields)

    put = s3.put_object(Bucket=source, Key=key, Body=body)
    expected.append((put, sent.last, dict(operation="REST.PUT.OBJECT", key=logged_key, status="200", error_code="-",
                                          bytes_sent="-", object_size=str(len(body)))))
    got = s3.get_object(Bucket=source, Key=key)
    assert got["Body"].read() == body
    expected.append((got, sent.last, dict(operation="REST.GET.OBJECT", key=logged_key, status="200", error_code="-",
                                          bytes_sent=str(len(body)), object_size=str(len(body)))))
    head = s3.head_object(Bucket=source, Key=key)
    expected.append((head, sent.last, dict(operation="REST.HEAD.OBJECT", key=logged_key, status="200",
                                           error_code="-", bytes_sent="-", object_size=str(len(body)))))
    listed = s3.list_objects_v2(Bucket=source)
    expected.append((listed, sent.last, dict(operation="REST.GET.BUCKET", key="-", status="200", error_code="-",
                                             bytes_sent=content_length(listed), object_size="-")))
    deleted = s3.delete_object(Bucket=source, Key=key)
    expected.append((deleted, sent.last, dict(operation="REST.DELETE.OBJECT", key=logged_key, status="204",
                                              error_code="-", bytes_sent="-")))
    missing = error_of(s3.get_object, Bucket=source, Key=key)
    check(missing, "NoSuchKey", 404)
    expected.append((missing, sent.last, dict(operation="REST.GET.OBJECT", key=logged_key, status="404",
                                              error_code="NoSuchKey", bytes_sent=content_length(missing),
                                              object_size="-")))

    delivered = deliver(stratus)
    assert delivered["objects"] >= 1 and delivered["records"] >= 1, delivered
    ids = [request_id(answer) for answer, _, _ in expected]
    ordered = in_request_order(s3, target, source, [request_id(enabled), *ids])
    records = without_logging_puts(ordered, request_id(enabled))
    assert [record["operation"] for record in records] == [fields["operation"] for _, _, fields in expected], records
    for record, (answer, request, fields) in zip(records, expected):
        assert_common(record, owner)
        assert_fields(record, bucket=source, request_id=request_id(answer), version_id="-", **fields)
        assert record["request_id"] == answer["ResponseMetadata"]["HTTPHeaders"]["x-amz-request-id"]
        assert_signed_by_boto3(record, request)


def test_log_object_keys_and_bodies_with_the_simple_prefix(stratus, s3):
    source, target = new_buckets(s3, 2)
    enable(s3, source, target)
    for index in range(3):
        s3.put_object(Bucket=source, Key=f"k{index}", Body=b"x" * index)
    deliver(stratus)
    found = log_objects(s3, target)
    assert found, "no log object delivered"
    now = datetime.now(timezone.utc)
    for log in found:
        match = SIMPLE_KEY.match(log["key"])
        assert match, log["key"]
        stamp = datetime.strptime(match.group(1), "%Y-%m-%d-%H-%M-%S").replace(tzinfo=timezone.utc)
        assert abs(now - stamp) < timedelta(minutes=10), log["key"]
        assert log["body"].endswith("\n") and "\n\n" not in log["body"], log
        assert {record["bucket"] for record in log["records"]} == {source}
    puts = [record for log in found for record in log["records"] if record["operation"] == "REST.PUT.OBJECT"]
    assert [(record["key"], record["object_size"]) for record in puts] == [("k0", "0"), ("k1", "1"), ("k2", "2")]
    # Nothing but log objects in the target, and nothing outside the prefix.
    listed = s3.list_objects_v2(Bucket=target)
    assert sorted(item["Key"] for item in listed.get("Contents", [])) == sorted(log["key"] for log in found)


def test_delivery_endpoint_counts_objects_and_records(fresh_stratus):
    # An hour between periodic deliveries: only the endpoint delivers during the test.
    server = fresh_stratus("--in-memory", "--s3-access-log-interval", "3600")
    client = server.client("s3")
    first, second, target = new_buckets(client, 3)
    enable(client, first, target)
    enable(client, second, target)
    deliver(server)
    before = {log["key"] for log in log_objects(client, target)}
    client.put_object(Bucket=first, Key="a", Body=b"a")
    client.put_object(Bucket=first, Key="b", Body=b"b")
    client.put_object(Bucket=second, Key="c", Body=b"c")
    answer = deliver(server)
    logs = log_objects(client, target)
    new = [log for log in logs if log["key"] not in before]
    # One log object per source bucket and delivery.
    assert answer == {"objects": len(new), "records": sum(len(log["records"]) for log in new)}, (answer, new)
    assert answer == {"objects": 2, "records": 3}, answer
    by_bucket = {}
    for log in logs:
        for record in log["records"]:
            if record["operation"] == "REST.PUT.OBJECT":
                by_bucket.setdefault(record["bucket"], []).append(record["key"])
    assert by_bucket == {first: ["a", "b"], second: ["c"]}
    # Nothing is left buffered, and neither the deliveries nor the unlogged target's reads were recorded.
    assert deliver(server) == {"objects": 0, "records": 0}


def test_partitioned_prefix_key_layout(stratus, s3):
    for source_of_date in ("EventTime", "DeliveryTime"):
        source, target = new_buckets(s3, 2)
        enable(s3, source, target,
               TargetObjectKeyFormat={"PartitionedPrefix": {"PartitionDateSource": source_of_date}})
        s3.put_object(Bucket=source, Key="p.txt", Body=b"partitioned")
        deliver(stratus)
        found = log_objects(s3, target)
        assert found, f"no log object delivered ({source_of_date})"
        layout = re.compile(rf"^logs/{DEFAULT_ACCOUNT}/us-east-1/{re.escape(source)}/(\d{{4}})/(\d{{2}})/(\d{{2}})/"
                            r"((\d{4})-(\d{2})-(\d{2})-\d{2}-\d{2}-\d{2})-[0-9A-Fa-f]{16}$")
        for log in found:
            match = layout.match(log["key"])
            assert match, log["key"]
            assert match.group(1, 2, 3) == match.group(5, 6, 7), log["key"]
            stamp = datetime.strptime(match.group(4), "%Y-%m-%d-%H-%M-%S").replace(tzinfo=timezone.utc)
            assert abs(datetime.now(timezone.utc) - stamp) < timedelta(minutes=10), log["key"]
        puts = [record for log in found for record in log["records"] if record["operation"] == "REST.PUT.OBJECT"]
        assert [record["key"] for record in puts] == ["p.txt"]
        assert_fields(puts[0], bucket=source, object_size="11")


def test_partitioned_prefix_names_the_account_of_another_client(stratus):
    other = stratus.client("s3", access_key=OTHER_ACCOUNT)
    sent = Sent(other)
    source, target = new_buckets(other, 2)
    enable(other, source, target, TargetObjectKeyFormat={"PartitionedPrefix": {"PartitionDateSource": "EventTime"}})
    put = other.put_object(Bucket=source, Key="mine.txt", Body=b"12345")
    request = sent.last
    deliver(stratus)
    found = log_objects(other, target)
    assert found
    for log in found:
        assert log["key"].startswith(f"logs/{OTHER_ACCOUNT}/us-east-1/{source}/"), log["key"]
    [record] = [record for log in found for record in log["records"] if record["operation"] == "REST.PUT.OBJECT"]
    assert_common(record, owner_id(other))
    assert_fields(record, bucket=source, key="mine.txt", request_id=request_id(put), object_size="5", status="200")
    assert_signed_by_boto3(record, request, account=OTHER_ACCOUNT)


def test_partitioned_prefix_names_the_source_region(stratus):
    west = boto3.client("s3", endpoint_url=stratus.endpoint, region_name="eu-west-1", aws_access_key_id="test",
                        aws_secret_access_key="test")
    source, target = new_buckets(west, 2, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    enable(west, source, target, TargetObjectKeyFormat={"PartitionedPrefix": {"PartitionDateSource": "DeliveryTime"}})
    west.put_object(Bucket=source, Key="west.txt", Body=b"w")
    deliver(stratus)
    found = log_objects(west, target)
    assert found
    for log in found:
        assert log["key"].startswith(f"logs/{DEFAULT_ACCOUNT}/eu-west-1/{source}/"), log["key"]
    assert "west.txt" in [record["key"] for log in found for record in log["records"]]


def test_bucket_operations_and_request_ids(stratus, s3):
    source, target = new_buckets(s3, 2)
    owner = owner_id(s3)
    enabled = enable(s3, source, target)
    sent = Sent(s3)
    calls = []
    for operation, call in [("REST.GET.VERSIONING", lambda: s3.get_bucket_versioning(Bucket=source)),
                            ("REST.GET.ACL", lambda: s3.get_bucket_acl(Bucket=source)),
                            ("REST.GET.LOGGING_STATUS", lambda: s3.get_bucket_logging(Bucket=source)),
                            ("REST.PUT.LOGGING_STATUS", lambda: enable(s3, source, target))]:
        answer = call()
        calls.append((operation, answer, sent.last))
    deliver(stratus)
    ids = [request_id(answer) for _, answer, _ in calls]
    ordered = in_request_order(s3, target, source, [request_id(enabled), *ids])
    records = without_logging_puts(ordered, request_id(enabled))
    assert [record["operation"] for record in records] == [operation for operation, _, _ in calls], records
    for record, (operation, answer, request) in zip(records, calls):
        assert_common(record, owner)
        assert_fields(record, bucket=source, key="-", status="200", error_code="-", version_id="-",
                      request_id=request_id(answer), bytes_sent=content_length(answer))
        assert record["request_id"] == answer["ResponseMetadata"]["HTTPHeaders"]["x-amz-request-id"]
        assert_signed_by_boto3(record, request)


def test_copy_and_multipart_upload_are_logged(stratus, s3):
    source, target, elsewhere = new_buckets(s3, 3)
    owner = owner_id(s3)
    s3.put_object(Bucket=elsewhere, Key="orig.txt", Body=b"original")
    enabled = enable(s3, source, target)
    sent = Sent(s3)
    calls = []
    copied = s3.copy_object(Bucket=source, Key="copy.txt", CopySource={"Bucket": elsewhere, "Key": "orig.txt"})
    calls.append(("REST.COPY.OBJECT", "copy.txt", copied, sent.last))
    upload = s3.create_multipart_upload(Bucket=source, Key="big.bin")
    calls.append(("REST.POST.UPLOADS", "big.bin", upload, sent.last))
    part = s3.upload_part(Bucket=source, Key="big.bin", UploadId=upload["UploadId"], PartNumber=1, Body=b"part-one")
    calls.append(("REST.PUT.PART", "big.bin", part, sent.last))
    done = s3.complete_multipart_upload(Bucket=source, Key="big.bin", UploadId=upload["UploadId"],
                                        MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
    calls.append(("REST.POST.UPLOAD", "big.bin", done, sent.last))
    deliver(stratus)
    ids = [request_id(answer) for _, _, answer, _ in calls]
    ordered = in_request_order(s3, target, source, [request_id(enabled), *ids])
    records = without_logging_puts(ordered, request_id(enabled))
    assert [(record["operation"], record["key"]) for record in records] == [(op, key) for op, key, _, _ in calls]
    for record, (_, _, answer, request) in zip(records, calls):
        assert_common(record, owner)
        assert_fields(record, bucket=source, status="200", error_code="-", request_id=request_id(answer),
                      bytes_sent=content_length(answer))
        assert_signed_by_boto3(record, request)
    assert records[0]["object_size"] == "8", records[0]
    # The copy's source bucket has no logging: it is recorded nowhere.
    assert all(record["bucket"] == source for record in records_of(s3, target))


def test_delete_objects_logs_one_batch_record_per_key(stratus, s3):
    source, target = new_buckets(s3, 2)
    owner = owner_id(s3)
    s3.put_object(Bucket=source, Key="one", Body=b"1")
    s3.put_object(Bucket=source, Key="two", Body=b"22")
    enabled = enable(s3, source, target)
    sent = Sent(s3)
    answer = s3.delete_objects(Bucket=source, Delete={"Objects": [{"Key": "one"}, {"Key": "two"}, {"Key": "absent"}]})
    request = sent.last
    deliver(stratus)
    records = without_logging_puts(records_of(s3, target, source=source), request_id(enabled))
    multi = [record for record in records if record["operation"] == "REST.POST.MULTI_OBJECT_DELETE"]
    batch = [record for record in records if record["operation"] == "BATCH.DELETE.OBJECT"]
    assert len(multi) == 1, records
    assert len(records) == 4, records
    assert_common(multi[0], owner)
    assert_fields(multi[0], bucket=source, key="-", status="200", error_code="-", request_id=request_id(answer),
                  bytes_sent=content_length(answer))
    assert_signed_by_boto3(multi[0], request)
    assert sorted(record["key"] for record in batch) == ["absent", "one", "two"], batch
    for record in batch:
        assert_common(record, owner)
        assert_fields(record, bucket=source, request_id=request_id(answer))


def test_version_id_is_logged_when_the_request_names_one(stratus, s3):
    source, target = new_buckets(s3, 2)
    s3.put_bucket_versioning(Bucket=source, VersioningConfiguration={"Status": "Enabled"})
    first = s3.put_object(Bucket=source, Key="v.txt", Body=b"first")["VersionId"]
    s3.put_object(Bucket=source, Key="v.txt", Body=b"second!")
    enable(s3, source, target)
    named = s3.get_object(Bucket=source, Key="v.txt", VersionId=first)
    assert named["Body"].read() == b"first"
    latest = s3.get_object(Bucket=source, Key="v.txt")
    assert latest["Body"].read() == b"second!"
    deliver(stratus)
    gets = {record["request_id"]: record for record in records_of(s3, target, source=source)
            if record["operation"] == "REST.GET.OBJECT"}
    assert set(gets) == {request_id(named), request_id(latest)}, gets
    assert_fields(gets[request_id(named)], version_id=first, object_size="5", bytes_sent="5")
    assert f"versionId={urllib.parse.quote(first, safe='')}" in gets[request_id(named)]["request_uri"]
    assert_fields(gets[request_id(latest)], version_id="-", object_size="7", bytes_sent="7")


def test_presigned_get_is_logged_with_query_string_auth(stratus):
    client = stratus.client("s3", signature_version="s3v4")
    source, target = new_buckets(client, 2)
    client.put_object(Bucket=source, Key="shared.txt", Body=b"presigned body")
    enable(client, source, target)
    url = client.generate_presigned_url("get_object", Params={"Bucket": source, "Key": "shared.txt"}, ExpiresIn=300)
    assert "X-Amz-Signature=" in url
    request = urllib.request.Request(url, headers={"User-Agent": "presigned-test/1.0"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.read() == b"presigned body"
        answered_id = response.headers["x-amz-request-id"]
    deliver(stratus)
    [record] = [record for record in records_of(client, target, source=source)
                if record["operation"] == "REST.GET.OBJECT"]
    parts = urllib.parse.urlsplit(url)
    assert_common(record, owner_id(client))
    assert_fields(record, bucket=source, key="shared.txt", status="200", error_code="-", request_id=answered_id,
                  requester=f"arn:aws:iam::{DEFAULT_ACCOUNT}:root", signature_version="SigV4",
                  auth_type="QueryString", user_agent="presigned-test/1.0", host_header=parts.netloc,
                  request_uri=f"GET {parts.path}?{parts.query} HTTP/1.1", bytes_sent="14", object_size="14",
                  version_id="-", referer="-")


def test_unsigned_request_is_logged_without_requester_or_signature(stratus, s3):
    source, target = new_buckets(s3, 2)
    s3.put_object(Bucket=source, Key="open.txt", Body=b"anyone")
    enable(s3, source, target)
    status, headers, body = stratus.raw("GET", f"/{source}/open.txt", headers={
        "User-Agent": "raw-test/1.0", "Referer": "https://example.com/page"})
    deliver(stratus)
    [record] = [record for record in records_of(s3, target, source=source)
                if record["operation"] == "REST.GET.OBJECT"]
    assert_common(record, owner_id(s3))
    assert_fields(record, bucket=source, key="open.txt", status=str(status), request_id=headers["x-amz-request-id"],
                  requester="-", signature_version="-", auth_type="-", user_agent="raw-test/1.0",
                  referer="https://example.com/page", host_header=f"127.0.0.1:{stratus.port}",
                  request_uri=f"GET /{source}/open.txt HTTP/1.1", bytes_sent=str(len(body)) if body else "-")


def test_turning_logging_off_stops_recording_but_delivers_the_buffer(stratus, s3):
    source, target = new_buckets(s3, 2)
    enabled = enable(s3, source, target)
    s3.put_object(Bucket=source, Key="before.txt", Body=b"b")
    disabled = s3.put_bucket_logging(Bucket=source, BucketLoggingStatus={})
    s3.put_object(Bucket=source, Key="after.txt", Body=b"a")
    s3.get_object(Bucket=source, Key="after.txt")["Body"].read()
    deliver(stratus)
    records = without_logging_puts(records_of(s3, target), request_id(enabled), request_id(disabled))
    assert [(record["operation"], record["key"]) for record in records] == [("REST.PUT.OBJECT", "before.txt")]


def test_requests_to_the_target_are_logged_only_if_it_has_logging(stratus, s3):
    source, target, further = new_buckets(s3, 3)
    enable(s3, source, target)
    s3.put_object(Bucket=source, Key="s.txt", Body=b"s")
    s3.put_object(Bucket=target, Key="direct-1.txt", Body=b"t")  # the target has no logging: not recorded
    deliver(stratus)
    records = records_of(s3, target)  # (reads of the target, which has no logging: not recorded)
    assert {record["bucket"] for record in records} == {source}, records
    assert "direct-1.txt" not in [record["key"] for record in records]

    enable(s3, target, further)
    s3.put_object(Bucket=source, Key="s2.txt", Body=b"s")
    s3.put_object(Bucket=target, Key="direct-2.txt", Body=b"t")
    deliver(stratus)
    deliver(stratus)  # whatever the first delivery might have recorded
    further_records = records_of(s3, further)
    assert {record["bucket"] for record in further_records} == {target}, further_records
    keys = [record["key"] for record in further_records if record["operation"] == "REST.PUT.OBJECT"]
    # Only the request to the target; the log object delivered into it is not recorded.
    assert keys == ["direct-2.txt"], further_records
    assert "direct-1.txt" not in [record["key"] for record in further_records]


def test_delivery_into_the_source_bucket_itself_is_not_recorded(stratus, s3):
    [source] = new_buckets(s3, 1)
    enabled = enable(s3, source, source)
    s3.put_object(Bucket=source, Key="data.txt", Body=b"d")
    deliver(stratus)
    deliver(stratus)  # a record of the first delivery's write would be delivered now
    records = without_logging_puts(records_of(s3, source), request_id(enabled))
    assert [(record["operation"], record["key"]) for record in records] == [("REST.PUT.OBJECT", "data.txt")], records


def test_delivery_to_a_deleted_target_writes_nothing(fresh_stratus):
    # Only the endpoint delivers during the test (an hour between periodic deliveries, set by the environment).
    server = fresh_stratus("--in-memory", env={"STRATUS_S3_ACCESS_LOG_INTERVAL": "3600"})
    s3 = server.client("s3")
    source, target = new_buckets(s3, 2)
    enable(s3, source, target)
    s3.put_object(Bucket=source, Key="lost.txt", Body=b"l")
    s3.delete_bucket(Bucket=target)
    deliver(server)
    # The delivery did not create the bucket again.
    assert error_of(s3.head_bucket, Bucket=target)["ResponseMetadata"]["HTTPStatusCode"] == 404
    # The records were dropped, not kept for a later delivery.
    s3.create_bucket(Bucket=target)
    deliver(server)
    assert s3.list_objects_v2(Bucket=target).get("KeyCount", 0) == 0


def test_delivery_interval_must_be_a_number_of_seconds():
    done = subprocess.run([stratus_binary(), "serve", "--in-memory", "--port", "0",
                           "--s3-access-log-interval", "soon"], capture_output=True, text=True, timeout=30)
    assert done.returncode != 0
    assert "--s3-access-log-interval takes seconds from 0.1 to 86400, not 'soon'." in done.stderr
