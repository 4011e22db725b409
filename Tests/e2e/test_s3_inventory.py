"""S3 Inventory through boto3, the AWS CLI and raw HTTP: the bucket inventory configurations (round trip, listing
sorted by Id, deleting, and the errors S3 answers for an unknown Id, an Id mismatch, a destination that is not a
bucket ARN, a missing source bucket and the ORC and Parquet formats), and the reports written by the
/_stratus/s3/inventory endpoint: the gzipped CSV data file (its columns, URL-encoded keys, current versions or all
versions with delete markers, the optional fields in the configured order, sorted rows, the filter prefix), the
manifest.json and manifest.checksum beside it, the Hive symlink.txt, and the key layout with and without a
destination prefix."""
import gzip
import hashlib
import json
import re
from datetime import datetime, timedelta, timezone

import pytest

from s3_support import error_of, s3, unique  # noqa: F401 (fixtures)

NO_CONFIGURATION = "The specified configuration does not exist."
ID_MISMATCH = "Document ID does not match the specified configuration ID."
INVALID_ARN = "Invalid bucket ARN."

UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
CSV_LINE = re.compile(r'^"[^"]*"(?:,"[^"]*")*$')
LAST_MODIFIED = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


# Helpers --------------------------------------------------------------------------------------------------------

def check(answer: dict, code: str, status: int, message: str | None = None):
    """Asserts an error answer's code, HTTP status and (if given) message."""
    assert answer["Error"]["Code"] == code, answer
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == status, answer
    if message is not None:
        assert answer["Error"]["Message"] == message, answer


def arn(bucket: str) -> str:
    return f"arn:aws:s3:::{bucket}"


def new_bucket(client, prefix: str = "inv", versioned: bool = False) -> str:
    name = unique(prefix)
    client.create_bucket(Bucket=name)
    if versioned:
        client.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    return name


def inventory(destination: str, config_id: str = "inv", prefix: str | None = "reports",
              filter_prefix: str | None = "docs/", versions: str = "Current", fields=("Size", "ETag"),
              frequency: str = "Daily", enabled: bool = True, file_format: str = "CSV",
              destination_bucket: str | None = None) -> dict:
    """An inventory configuration reporting into bucket `destination` (None parts are left out)."""
    s3_destination = {"Bucket": destination_bucket or arn(destination), "Format": file_format}
    if prefix is not None:
        s3_destination["Prefix"] = prefix
    made = {"Id": config_id, "IsEnabled": enabled, "Destination": {"S3BucketDestination": s3_destination},
            "IncludedObjectVersions": versions, "Schedule": {"Frequency": frequency}}
    if filter_prefix is not None:
        made["Filter"] = {"Prefix": filter_prefix}
    if fields is not None:
        made["OptionalFields"] = list(fields)
    return made


def configure(client, source: str, configuration: dict, config_id: str | None = None):
    return client.put_bucket_inventory_configuration(
        Bucket=source, Id=config_id or configuration["Id"], InventoryConfiguration=configuration)


def configured(client, source: str, config_id: str = "inv") -> dict:
    return client.get_bucket_inventory_configuration(Bucket=source, Id=config_id)["InventoryConfiguration"]


def write_reports(server) -> int:
    """Writes every inventory report now; answers the number written."""
    status, _, body = server.json("POST", "/_stratus/s3/inventory")
    assert status == 200, body
    assert isinstance(body, dict) and set(body) == {"reports"}, body
    assert isinstance(body["reports"], int) and not isinstance(body["reports"], bool), body
    return body["reports"]


def keys_of(client, bucket: str, prefix: str = "") -> list[str]:
    keys = []
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys.extend(item["Key"] for item in page.get("Contents", []))
    return keys


def body_of(client, bucket: str, key: str) -> bytes:
    return client.get_object(Bucket=bucket, Key=key)["Body"].read()


def csv_rows(data: bytes) -> list[list[str]]:
    """The rows of a gzipped inventory CSV: every field in double quotes, separated by commas, no header."""
    text = gzip.decompress(data).decode("utf-8")
    rows = []
    for line in text.splitlines():
        assert CSV_LINE.match(line), f"not an inventory CSV line (every field in double quotes): {line!r}"
        rows.append(re.findall(r'"([^"]*)"', line))
    return rows


def minute_of(moment: datetime) -> datetime:
    return moment.replace(second=0, microsecond=0)


def report_of(client, source: str, destination: str, config_id: str = "inv", prefix: str | None = "reports",
              before: datetime | None = None, after: datetime | None = None, empty: bool = False) -> dict:
    """The one report written for configuration `config_id` of `source` into `destination`, checked against the
    spec's layout: {"data_key", "data", "rows", "manifest", "manifest_key", "schema"}."""
    base = f"{prefix}/{source}/{config_id}/" if prefix is not None else f"{source}/{config_id}/"
    keys = keys_of(client, destination)
    assert keys, f"nothing was written into {destination}"
    assert all(key.startswith(base) for key in keys), (base, keys)
    escaped = re.escape(base)
    data_keys = [key for key in keys if re.fullmatch(escaped + r"data/" + UUID + r"\.csv\.gz", key)]
    manifests = [key for key in keys if re.fullmatch(escaped + r"\d{4}-\d{2}-\d{2}T\d{2}-\d{2}Z/manifest\.json", key)]
    checksums = [key for key in keys
                 if re.fullmatch(escaped + r"\d{4}-\d{2}-\d{2}T\d{2}-\d{2}Z/manifest\.checksum", key)]
    symlinks = [key for key in keys if re.fullmatch(escaped + r"hive/dt=\d{4}-\d{2}-\d{2}-\d{2}-\d{2}/symlink\.txt", key)]
    assert len(manifests) == 1, keys
    assert len(checksums) == 1, keys
    manifest_key = manifests[0]
    timestamp = manifest_key[len(base):].split("/")[0]
    assert checksums[0] == f"{base}{timestamp}/manifest.checksum", keys

    # manifest.json and its checksum.
    manifest_bytes = body_of(client, destination, manifest_key)
    assert body_of(client, destination, checksums[0]).decode("utf-8") == hashlib.md5(manifest_bytes).hexdigest()
    manifest = json.loads(manifest_bytes)
    assert manifest["sourceBucket"] == source, manifest
    assert manifest["destinationBucket"] == arn(destination), manifest
    assert manifest["version"] == "2016-11-30", manifest
    assert manifest["fileFormat"] == "CSV", manifest
    created = manifest["creationTimestamp"]
    assert isinstance(created, str) and created.isdigit(), manifest
    if before is not None and after is not None:
        slack = timedelta(minutes=1)
        lower, upper = before - slack, after + slack
        assert lower.timestamp() * 1000 <= int(created) <= upper.timestamp() * 1000, (created, before, after)
        written = datetime.strptime(timestamp, "%Y-%m-%dT%H-%MZ").replace(tzinfo=timezone.utc)
        assert minute_of(lower) <= written <= upper, (timestamp, before, after)
        for symlink in symlinks:
            dt = re.search(r"dt=([\d-]+)/", symlink).group(1)
            hive_time = datetime.strptime(dt, "%Y-%m-%d-%H-%M").replace(tzinfo=timezone.utc)
            assert minute_of(lower) <= hive_time <= upper, (symlink, before, after)
    files = manifest["files"]
    assert isinstance(files, list), manifest

    if empty:
        # An empty source: one empty data file or none.
        assert len(files) <= 1, manifest
        for file in files:
            data = body_of(client, destination, file["key"])
            assert csv_rows(data) == [], file
        return {"manifest": manifest, "manifest_key": manifest_key, "schema": manifest["fileSchema"]}

    assert len(data_keys) == 1, keys
    assert len(symlinks) == 1, keys
    assert len(keys) == 4, keys
    data_key = data_keys[0]
    data = body_of(client, destination, data_key)
    assert files == [{"key": data_key, "size": len(data), "MD5checksum": hashlib.md5(data).hexdigest()}], manifest
    symlink = body_of(client, destination, symlinks[0]).decode("utf-8")
    assert symlink.splitlines() == [f"s3://{destination}/{data_key}"], symlink
    return {"data_key": data_key, "data": data, "rows": csv_rows(data), "manifest": manifest,
            "manifest_key": manifest_key, "schema": manifest["fileSchema"]}


def run_report(stratus, client, source: str, destination: str, **report_options) -> dict:
    """Writes the reports now and answers the one of `source` into `destination`."""
    before = datetime.now(timezone.utc)
    written = write_reports(stratus)
    after = datetime.now(timezone.utc)
    assert written >= 1, written
    return report_of(client, source, destination, before=before, after=after, **report_options)


def etag_of(answer: dict) -> str:
    return answer["ETag"].strip('"')


# Configuration --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("versions,frequency,fields", [
    ("Current", "Daily", ["Size", "ETag"]),
    ("All", "Weekly", ["LastModifiedDate", "StorageClass", "Size", "IsMultipartUploaded", "ReplicationStatus",
                       "EncryptionStatus", "ObjectLockRetainUntilDate", "ObjectLockMode",
                       "ObjectLockLegalHoldStatus", "ETag", "ChecksumAlgorithm"]),
], ids=["current-daily", "all-weekly"])
def test_put_get_round_trip(s3, versions, frequency, fields):
    source, destination = new_bucket(s3, "src"), new_bucket(s3, "dst")
    given = inventory(destination, versions=versions, frequency=frequency, fields=fields)
    answer = configure(s3, source, given)
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 200, answer
    assert configured(s3, source) == given


def test_disabled_configuration_without_filter_or_fields_round_trip(s3):
    source, destination = new_bucket(s3, "src"), new_bucket(s3, "dst")
    given = inventory(destination, config_id="bare", prefix=None, filter_prefix=None, fields=None, enabled=False)
    configure(s3, source, given)
    assert configured(s3, source, "bare") == given


def test_put_with_same_id_replaces(s3):
    source, destination = new_bucket(s3, "src"), new_bucket(s3, "dst")
    configure(s3, source, inventory(destination, filter_prefix="old/"))
    replacement = inventory(destination, filter_prefix="new/", versions="All", fields=["Size"])
    configure(s3, source, replacement)
    assert configured(s3, source) == replacement
    listed = s3.list_bucket_inventory_configurations(Bucket=source)
    assert listed["InventoryConfigurationList"] == [replacement], listed


def test_list_sorted_by_id(s3):
    source, destination = new_bucket(s3, "src"), new_bucket(s3, "dst")
    given = {config_id: inventory(destination, config_id=config_id, filter_prefix=f"{config_id}/")
             for config_id in ("zeta", "alpha", "Mid", "beta")}
    for configuration in given.values():
        configure(s3, source, configuration)
    listed = s3.list_bucket_inventory_configurations(Bucket=source)
    assert listed["IsTruncated"] is False, listed
    assert listed["InventoryConfigurationList"] == [given[i] for i in sorted(given)], listed


def test_delete_removes_the_configuration(s3):
    source, destination = new_bucket(s3, "src"), new_bucket(s3, "dst")
    kept = inventory(destination, config_id="kept")
    configure(s3, source, kept)
    configure(s3, source, inventory(destination, config_id="gone"))
    answer = s3.delete_bucket_inventory_configuration(Bucket=source, Id="gone")
    assert answer["ResponseMetadata"]["HTTPStatusCode"] in (200, 204), answer
    check(error_of(s3.get_bucket_inventory_configuration, Bucket=source, Id="gone"),
          "NoSuchConfiguration", 404, NO_CONFIGURATION)
    assert configured(s3, source, "kept") == kept
    listed = s3.list_bucket_inventory_configurations(Bucket=source)
    assert listed["InventoryConfigurationList"] == [kept], listed
    assert listed["IsTruncated"] is False, listed


def test_get_unknown_id(s3):
    source, destination = new_bucket(s3, "src"), new_bucket(s3, "dst")
    check(error_of(s3.get_bucket_inventory_configuration, Bucket=source, Id="inv"),
          "NoSuchConfiguration", 404, NO_CONFIGURATION)
    configure(s3, source, inventory(destination, config_id="other"))
    check(error_of(s3.get_bucket_inventory_configuration, Bucket=source, Id="inv"),
          "NoSuchConfiguration", 404, NO_CONFIGURATION)


def test_delete_unknown_id(s3):
    source, destination = new_bucket(s3, "src"), new_bucket(s3, "dst")
    check(error_of(s3.delete_bucket_inventory_configuration, Bucket=source, Id="inv"),
          "NoSuchConfiguration", 404, NO_CONFIGURATION)
    configure(s3, source, inventory(destination, config_id="other"))
    check(error_of(s3.delete_bucket_inventory_configuration, Bucket=source, Id="inv"),
          "NoSuchConfiguration", 404, NO_CONFIGURATION)
    assert configured(s3, source, "other")["Id"] == "other"


def test_id_mismatch(s3):
    source, destination = new_bucket(s3, "src"), new_bucket(s3, "dst")
    refused = error_of(s3.put_bucket_inventory_configuration, Bucket=source, Id="left",
                       InventoryConfiguration=inventory(destination, config_id="right"))
    check(refused, "IdMismatch", 400, ID_MISMATCH)
    for config_id in ("left", "right"):
        check(error_of(s3.get_bucket_inventory_configuration, Bucket=source, Id=config_id),
              "NoSuchConfiguration", 404, NO_CONFIGURATION)


def test_destination_must_be_a_bucket_arn(s3):
    source, destination = new_bucket(s3, "src"), new_bucket(s3, "dst")
    refused = error_of(s3.put_bucket_inventory_configuration, Bucket=source, Id="inv",
                       InventoryConfiguration=inventory(destination, destination_bucket=destination))
    check(refused, "InvalidS3DestinationBucket", 400, INVALID_ARN)
    check(error_of(s3.get_bucket_inventory_configuration, Bucket=source, Id="inv"),
          "NoSuchConfiguration", 404, NO_CONFIGURATION)


@pytest.mark.parametrize("operation", ["put", "get", "list", "delete"])
def test_missing_source_bucket(s3, operation):
    source, destination = unique("absent"), new_bucket(s3, "dst")
    calls = {
        "put": (s3.put_bucket_inventory_configuration,
                {"Bucket": source, "Id": "inv", "InventoryConfiguration": inventory(destination)}),
        "get": (s3.get_bucket_inventory_configuration, {"Bucket": source, "Id": "inv"}),
        "list": (s3.list_bucket_inventory_configurations, {"Bucket": source}),
        "delete": (s3.delete_bucket_inventory_configuration, {"Bucket": source, "Id": "inv"}),
    }
    call, kwargs = calls[operation]
    check(error_of(call, **kwargs), "NoSuchBucket", 404)


@pytest.mark.parametrize("file_format", ["ORC", "Parquet"])
def test_orc_and_parquet_not_implemented(s3, file_format):
    source, destination = new_bucket(s3, "src"), new_bucket(s3, "dst")
    refused = error_of(s3.put_bucket_inventory_configuration, Bucket=source, Id="inv",
                       InventoryConfiguration=inventory(destination, file_format=file_format))
    check(refused, "NotImplemented", 501)
    assert "CSV" in refused["Error"]["Message"], refused
    check(error_of(s3.get_bucket_inventory_configuration, Bucket=source, Id="inv"),
          "NoSuchConfiguration", 404, NO_CONFIGURATION)


def test_cli_round_trip(stratus, s3, tmp_path):
    source, destination = new_bucket(s3, "src"), new_bucket(s3, "dst")
    from_file = inventory(destination, config_id="file", versions="All", fields=["Size", "LastModifiedDate"])
    path = tmp_path / "inventory.json"
    path.write_text(json.dumps(from_file))
    put = stratus.cli("s3api", "put-bucket-inventory-configuration", "--bucket", source, "--id", "file",
                      "--inventory-configuration", f"file://{path}")
    assert put.returncode == 0, put.stderr
    inline = inventory(destination, config_id="inline", frequency="Weekly")
    put = stratus.cli("s3api", "put-bucket-inventory-configuration", "--bucket", source, "--id", "inline",
                      "--inventory-configuration", json.dumps(inline))
    assert put.returncode == 0, put.stderr

    got = stratus.cli("s3api", "get-bucket-inventory-configuration", "--bucket", source, "--id", "file")
    assert got.returncode == 0, got.stderr
    assert json.loads(got.stdout)["InventoryConfiguration"] == from_file
    listed = stratus.cli("s3api", "list-bucket-inventory-configurations", "--bucket", source)
    assert listed.returncode == 0, listed.stderr
    answer = json.loads(listed.stdout)
    assert answer["InventoryConfigurationList"] == [from_file, inline], answer
    assert answer["IsTruncated"] is False, answer

    deleted = stratus.cli("s3api", "delete-bucket-inventory-configuration", "--bucket", source, "--id", "file")
    assert deleted.returncode == 0, deleted.stderr
    missing = stratus.cli("s3api", "get-bucket-inventory-configuration", "--bucket", source, "--id", "file")
    assert missing.returncode != 0
    assert "NoSuchConfiguration" in missing.stderr, missing.stderr
    assert NO_CONFIGURATION in missing.stderr, missing.stderr
    listed = stratus.cli("s3api", "list-bucket-inventory-configurations", "--bucket", source)
    assert listed.returncode == 0, listed.stderr
    assert json.loads(listed.stdout)["InventoryConfigurationList"] == [inline]


# Reports --------------------------------------------------------------------------------------------------------

def test_report_endpoint_counts_enabled_configurations_with_a_destination(fresh_stratus):
    server = fresh_stratus("--in-memory")
    client = server.client("s3")
    assert write_reports(server) == 0
    source, other, orphan = new_bucket(client, "src"), new_bucket(client, "src"), new_bucket(client, "src")
    destination, idle, vanished = new_bucket(client, "dst"), new_bucket(client, "dst"), new_bucket(client, "dst")
    for bucket in (source, other, orphan):
        client.put_object(Bucket=bucket, Key="docs/a.txt", Body=b"a")
    configure(client, source, inventory(destination, config_id="one", filter_prefix="docs/"))
    configure(client, source, inventory(destination, config_id="two", filter_prefix=None))
    configure(client, other, inventory(idle, enabled=False))
    configure(client, orphan, inventory(vanished))
    client.delete_bucket(Bucket=vanished)

    assert write_reports(server) == 2
    for config_id in ("one", "two"):
        keys = [key for key in keys_of(client, destination) if key.startswith(f"reports/{source}/{config_id}/")]
        assert any(key.endswith("/manifest.json") for key in keys), (config_id, keys)
        assert any(key.endswith(".csv.gz") for key in keys), (config_id, keys)
    assert keys_of(client, idle) == []
    assert vanished not in [bucket["Name"] for bucket in client.list_buckets().get("Buckets", [])]


def test_current_report_of_an_unversioned_bucket(stratus, s3):
    source, destination = new_bucket(s3, "src"), new_bucket(s3, "dst")
    bodies = {"docs/zeta.txt": b"zeta zeta", "docs/alpha.txt": b"a", "docs/my file.txt": b"spaced out",
              "docs/sub/b.txt": b"bee", "other/c.txt": b"outside", "doc.txt": b"outside", "docsx/y.txt": b"outside"}
    etags = {key: etag_of(s3.put_object(Bucket=source, Key=key, Body=body)) for key, body in bodies.items()}
    s3.put_object(Bucket=source, Key="docs/gone.txt", Body=b"gone")
    s3.delete_object(Bucket=source, Key="docs/gone.txt")
    configure(s3, source, inventory(destination, fields=["Size", "ETag"]))

    report = run_report(stratus, s3, source, destination)
    assert report["schema"] == "Bucket, Key, Size, ETag"
    expected = [
        [source, "docs/alpha.txt", "1", etags["docs/alpha.txt"]],
        [source, "docs/my%20file.txt", "10", etags["docs/my file.txt"]],
        [source, "docs/sub/b.txt", "3", etags["docs/sub/b.txt"]],
        [source, "docs/zeta.txt", "9", etags["docs/zeta.txt"]],
    ]
    assert report["rows"] == expected
    assert etags["docs/alpha.txt"] == hashlib.md5(b"a").hexdigest()


def test_current_report_of_a_versioned_bucket_lists_latest_versions_only(stratus, s3):
    source, destination = new_bucket(s3, "src", versioned=True), new_bucket(s3, "dst")
    s3.put_object(Bucket=source, Key="docs/x.txt", Body=b"first")
    latest = s3.put_object(Bucket=source, Key="docs/x.txt", Body=b"second!")
    s3.put_object(Bucket=source, Key="docs/y.txt", Body=b"deleted")
    s3.delete_object(Bucket=source, Key="docs/y.txt")
    kept = s3.put_object(Bucket=source, Key="docs/a.txt", Body=b"kept")
    configure(s3, source, inventory(destination, versions="Current", fields=["ETag", "Size"]))

    report = run_report(stratus, s3, source, destination)
    assert report["schema"] == "Bucket, Key, ETag, Size"
    assert report["rows"] == [
        [source, "docs/a.txt", etag_of(kept), "4"],
        [source, "docs/x.txt", etag_of(latest), "7"],
    ]


def test_all_versions_report(stratus, s3):
    source, destination = new_bucket(s3, "src", versioned=True), new_bucket(s3, "dst")
    x1 = s3.put_object(Bucket=source, Key="docs/x.txt", Body=b"one")["VersionId"]
    x2 = s3.put_object(Bucket=source, Key="docs/x.txt", Body=b"two 2")["VersionId"]
    y1 = s3.put_object(Bucket=source, Key="docs/y.txt", Body=b"why")["VersionId"]
    marker = s3.delete_object(Bucket=source, Key="docs/y.txt")
    assert marker.get("DeleteMarker") is True, marker
    a1 = s3.put_object(Bucket=source, Key="docs/a b.txt", Body=b"ab")["VersionId"]
    s3.put_object(Bucket=source, Key="elsewhere/z.txt", Body=b"outside")
    configure(s3, source, inventory(destination, versions="All", fields=["Size"]))

    report = run_report(stratus, s3, source, destination)
    assert report["schema"] == "Bucket, Key, VersionId, IsLatest, IsDeleteMarker, Size"
    rows = report["rows"]
    assert all(len(row) == 6 for row in rows), rows
    assert [row[:5] for row in rows] == [
        [source, "docs/a%20b.txt", a1, "true", "false"],
        [source, "docs/x.txt", x2, "true", "false"],
        [source, "docs/x.txt", x1, "false", "false"],
        [source, "docs/y.txt", marker["VersionId"], "true", "true"],
        [source, "docs/y.txt", y1, "false", "false"],
    ], rows
    sizes = {row[2]: row[5] for row in rows}
    assert (sizes[a1], sizes[x2], sizes[x1], sizes[y1]) == ("2", "5", "3", "3"), rows


def test_optional_fields_in_configured_order(stratus, s3):
    source, destination = new_bucket(s3, "src"), new_bucket(s3, "dst")
    fields = ["ETag", "StorageClass", "LastModifiedDate", "IsMultipartUploaded", "Size", "ReplicationStatus",
              "EncryptionStatus", "ObjectLockRetainUntilDate", "ObjectLockMode", "ObjectLockLegalHoldStatus",
              "ChecksumAlgorithm"]
    plain = s3.put_object(Bucket=source, Key="docs/plain.txt", Body=b"plain body")
    upload = s3.create_multipart_upload(Bucket=source, Key="docs/multi.bin")
    part = s3.upload_part(Bucket=source, Key="docs/multi.bin", UploadId=upload["UploadId"], PartNumber=1,
                          Body=b"multipart body")
    s3.complete_multipart_upload(Bucket=source, Key="docs/multi.bin", UploadId=upload["UploadId"],
                                 MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
    heads = {key: s3.head_object(Bucket=source, Key=key) for key in ("docs/multi.bin", "docs/plain.txt")}
    assert etag_of(heads["docs/plain.txt"]) == etag_of(plain)
    configure(s3, source, inventory(destination, fields=fields))

    report = run_report(stratus, s3, source, destination)
    assert report["schema"] == ", ".join(["Bucket", "Key", *fields])
    rows = report["rows"]
    assert [row[:2] for row in rows] == [[source, "docs/multi.bin"], [source, "docs/plain.txt"]], rows
    for row, (key, multipart, size) in zip(rows, [("docs/multi.bin", "true", "14"),
                                                   ("docs/plain.txt", "false", "10")]):
        assert len(row) == 2 + len(fields), row
        values = dict(zip(fields, row[2:]))
        head = heads[key]
        assert values["ETag"] == etag_of(head), (values, head["ETag"])
        assert values["StorageClass"] == "STANDARD", values
        assert LAST_MODIFIED.match(values["LastModifiedDate"]), values
        assert values["LastModifiedDate"][:19] == head["LastModified"].strftime("%Y-%m-%dT%H:%M:%S"), \
            (values, head["LastModified"])
        assert values["IsMultipartUploaded"] == multipart, values
        assert values["Size"] == size, values
        assert values["ReplicationStatus"] == "", values
        assert values["EncryptionStatus"] == "SSE-S3", values
        assert values["ObjectLockRetainUntilDate"] == "", values
        assert values["ObjectLockMode"] == "", values
        assert values["ObjectLockLegalHoldStatus"] == "", values
    assert "-" in rows[0][2], rows[0]  # a multipart ETag, without quotes


def test_report_without_destination_prefix_or_filter(stratus, s3):
    source, destination = new_bucket(s3, "src"), new_bucket(s3, "dst")
    s3.put_object(Bucket=source, Key="top.txt", Body=b"t")
    s3.put_object(Bucket=source, Key="docs/inner.txt", Body=b"in")
    configure(s3, source, inventory(destination, prefix=None, filter_prefix=None, fields=["Size"]))

    report = run_report(stratus, s3, source, destination, prefix=None)
    assert report["data_key"].startswith(f"{source}/inv/data/"), report["data_key"]
    assert report["manifest_key"].startswith(f"{source}/inv/"), report["manifest_key"]
    assert report["schema"] == "Bucket, Key, Size"
    assert report["rows"] == [[source, "docs/inner.txt", "2"], [source, "top.txt", "1"]]


def test_report_without_optional_fields(stratus, s3):
    source, destination = new_bucket(s3, "src"), new_bucket(s3, "dst")
    s3.put_object(Bucket=source, Key="docs/only.txt", Body=b"o")
    configure(s3, source, inventory(destination, config_id="keys", fields=None))

    report = run_report(stratus, s3, source, destination, config_id="keys")
    assert report["schema"] == "Bucket, Key"
    assert report["rows"] == [[source, "docs/only.txt"]]


def test_empty_source_still_gets_a_manifest(stratus, s3):
    source, destination = new_bucket(s3, "src"), new_bucket(s3, "dst")
    s3.put_object(Bucket=source, Key="outside/x.txt", Body=b"not under the filter prefix")
    configure(s3, source, inventory(destination, fields=["Size"]))

    report = run_report(stratus, s3, source, destination, empty=True)
    assert report["manifest"]["sourceBucket"] == source
    assert report["schema"] == "Bucket, Key, Size"


def test_each_configuration_reports_separately(stratus, s3):
    source = new_bucket(s3, "src")
    first, second = new_bucket(s3, "dst"), new_bucket(s3, "dst")
    s3.put_object(Bucket=source, Key="docs/d.txt", Body=b"doc")
    s3.put_object(Bucket=source, Key="logs/l.txt", Body=b"log!")
    configure(s3, source, inventory(first, config_id="docs", filter_prefix="docs/", fields=["Size"]))
    configure(s3, source, inventory(second, config_id="logs", filter_prefix="logs/", prefix="out", fields=["Size"]))

    before = datetime.now(timezone.utc)
    assert write_reports(stratus) >= 2
    after = datetime.now(timezone.utc)
    docs = report_of(s3, source, first, config_id="docs", before=before, after=after)
    logs = report_of(s3, source, second, config_id="logs", prefix="out", before=before, after=after)
    assert docs["rows"] == [[source, "docs/d.txt", "3"]]
    assert logs["rows"] == [[source, "logs/l.txt", "4"]]
