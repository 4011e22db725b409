"""S3 through boto3 (client and resource APIs) and the AWS CLI (`aws s3` and `aws s3api`): buckets, objects, listings,
copies, multipart uploads, conditional and ranged reads, and AWS's errors. Durability across `kill -9` is at the end."""
import hashlib
import json
import os
import threading

import boto3
import botocore.exceptions
import pytest

from sqs_support import restart
from s3_support import bucket, error_of, s3, unique  # noqa: F401 (fixtures)


def test_buckets_are_created_listed_located_and_deleted(s3):
    name = unique("bucket")
    created = s3.create_bucket(Bucket=name)
    assert created["Location"] == f"/{name}"
    assert name in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    assert s3.head_bucket(Bucket=name)["ResponseMetadata"]["HTTPHeaders"]["x-amz-bucket-region"] == "us-east-1"
    assert s3.get_bucket_location(Bucket=name)["LocationConstraint"] is None
    # us-east-1 answers a repeated create of one's own bucket with success.
    s3.create_bucket(Bucket=name)
    s3.delete_bucket(Bucket=name)
    missing = error_of(s3.head_bucket, Bucket=name)
    assert missing["ResponseMetadata"]["HTTPStatusCode"] == 404
    gone = error_of(s3.delete_bucket, Bucket=name)
    assert gone["Error"] == {"Code": "NoSuchBucket", "Message": "The specified bucket does not exist", "BucketName": name}


def test_bucket_rules_and_regions(stratus, s3):
    bad = error_of(s3.create_bucket, Bucket="Not_Valid")
    assert bad["Error"]["Code"] == "InvalidBucketName" and bad["ResponseMetadata"]["HTTPStatusCode"] == 400
    same_region = error_of(s3.create_bucket, Bucket=unique("bucket"),
                           CreateBucketConfiguration={"LocationConstraint": "us-east-1"})
    assert same_region["Error"]["Code"] == "InvalidLocationConstraint"
    west = boto3.client("s3", endpoint_url=stratus.endpoint, region_name="eu-west-1", aws_access_key_id="test",
                        aws_secret_access_key="test")
    unspecified = error_of(west.create_bucket, Bucket=unique("bucket"))
    assert unspecified["Error"]["Code"] == "IllegalLocationConstraintException"
    name = unique("bucket")
    west.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    assert west.get_bucket_location(Bucket=name)["LocationConstraint"] == "eu-west-1"
    again = error_of(west.create_bucket, Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    assert again["Error"]["Code"] == "BucketAlreadyOwnedByYou"
    other = boto3.client("s3", endpoint_url=stratus.endpoint, region_name="eu-west-1",
                         aws_access_key_id="111111111111", aws_secret_access_key="test")
    taken = error_of(other.create_bucket, Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    assert taken["Error"]["Code"] == "BucketAlreadyExists"
    assert taken["ResponseMetadata"]["HTTPStatusCode"] == 409
    s3.put_object(Bucket=name, Key="k", Body=b"x")
    not_empty = error_of(s3.delete_bucket, Bucket=name)
    assert not_empty["Error"]["Code"] == "BucketNotEmpty" and not_empty["ResponseMetadata"]["HTTPStatusCode"] == 409


def test_objects_keep_their_bytes_and_metadata(s3, bucket):
    body = os.urandom(100_000)
    put = s3.put_object(Bucket=bucket, Key="dir/data.bin", Body=body, ContentType="application/x-test",
                        Metadata={"Owner": "team-a"}, CacheControl="no-cache", ContentDisposition="inline")
    assert put["ETag"] == f'"{hashlib.md5(body).hexdigest()}"'
    got = s3.get_object(Bucket=bucket, Key="dir/data.bin")
    assert got["Body"].read() == body
    assert got["ContentType"] == "application/x-test"
    assert got["Metadata"] == {"owner": "team-a"}
    assert got["CacheControl"] == "no-cache" and got["ContentDisposition"] == "inline"
    assert got["ContentLength"] == len(body) and got["ETag"] == put["ETag"]
    head = s3.head_object(Bucket=bucket, Key="dir/data.bin")
    assert head["ContentLength"] == len(body) and head["LastModified"] == got["LastModified"]
    default = s3.put_object(Bucket=bucket, Key="empty", Body=b"")
    assert default["ETag"] == '"d41d8cd98f00b204e9800998ecf8427e"'
    assert s3.get_object(Bucket=bucket, Key="empty")["ContentType"] == "binary/octet-stream"
    unicode_key = "naïve/ключ with spaces+plus.txt"
    s3.put_object(Bucket=bucket, Key=unicode_key, Body=b"u")
    assert s3.get_object(Bucket=bucket, Key=unicode_key)["Body"].read() == b"u"


def test_missing_objects_and_bad_uploads(s3, bucket):
    missing = error_of(s3.get_object, Bucket=bucket, Key="nope")
    assert missing["Error"] == {"Code": "NoSuchKey", "Message": "The specified key does not exist.", "Key": "nope"}
    assert missing["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert error_of(s3.head_object, Bucket=bucket, Key="nope")["Error"]["Code"] == "404"
    too_long = error_of(s3.put_object, Bucket=bucket, Key="k" * 1025, Body=b"x")
    assert too_long["Error"]["Code"] == "KeyTooLongError"
    bad_md5 = error_of(s3.put_object, Bucket=bucket, Key="k", Body=b"abc", ContentMD5="AAAAAAAAAAAAAAAAAAAAAA==")
    assert bad_md5["Error"]["Code"] == "BadDigest"
    bad_sha = error_of(s3.put_object, Bucket=bucket, Key="k", Body=b"abc",
                       ChecksumSHA256="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
    assert bad_sha["Error"]["Code"] == "BadDigest"
    assert "KeyCount" in s3.list_objects_v2(Bucket=bucket) and s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 0
    # Deleting what is not there succeeds, as on S3.
    assert s3.delete_object(Bucket=bucket, Key="nope")["ResponseMetadata"]["HTTPStatusCode"] == 204


def test_ranges_and_conditions(s3, bucket):
    put = s3.put_object(Bucket=bucket, Key="r", Body=b"0123456789")
    part = s3.get_object(Bucket=bucket, Key="r", Range="bytes=2-4")
    assert part["Body"].read() == b"234" and part["ContentRange"] == "bytes 2-4/10"
    assert part["ResponseMetadata"]["HTTPStatusCode"] == 206
    assert s3.get_object(Bucket=bucket, Key="r", Range="bytes=-3")["Body"].read() == b"789"
    unsatisfiable = error_of(s3.get_object, Bucket=bucket, Key="r", Range="bytes=20-")
    assert unsatisfiable["Error"]["Code"] == "InvalidRange" and unsatisfiable["ResponseMetadata"]["HTTPStatusCode"] == 416
    assert s3.get_object(Bucket=bucket, Key="r", IfMatch=put["ETag"])["Body"].read() == b"0123456789"
    failed = error_of(s3.get_object, Bucket=bucket, Key="r", IfMatch='"other"')
    assert failed["Error"]["Code"] == "PreconditionFailed" and failed["ResponseMetadata"]["HTTPStatusCode"] == 412
    unchanged = error_of(s3.get_object, Bucket=bucket, Key="r", IfNoneMatch=put["ETag"])
    assert unchanged["ResponseMetadata"]["HTTPStatusCode"] == 304
    # Conditional writes: If-None-Match: * refuses to overwrite.
    exists = error_of(s3.put_object, Bucket=bucket, Key="r", Body=b"new", IfNoneMatch="*")
    assert exists["Error"]["Code"] == "PreconditionFailed"
    assert s3.get_object(Bucket=bucket, Key="r")["Body"].read() == b"0123456789"


def test_listings_page_and_roll_up_prefixes(s3, bucket):
    keys = [f"logs/2024/{n:03}.txt" for n in range(7)] + ["logs/2025/a.txt", "readme.md", "src/main.py", "z"]
    for key in keys:
        s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
    paginator = s3.get_paginator("list_objects_v2")
    listed = [o["Key"] for page in paginator.paginate(Bucket=bucket, PaginationConfig={"PageSize": 3})
              for o in page.get("Contents", [])]
    assert listed == sorted(keys)
    top = s3.list_objects_v2(Bucket=bucket, Delimiter="/")
    assert [p["Prefix"] for p in top["CommonPrefixes"]] == ["logs/", "src/"]
    assert [o["Key"] for o in top["Contents"]] == ["readme.md", "z"]
    assert top["KeyCount"] == 4 and top["IsTruncated"] is False
    years = s3.list_objects_v2(Bucket=bucket, Prefix="logs/", Delimiter="/")
    assert [p["Prefix"] for p in years["CommonPrefixes"]] == ["logs/2024/", "logs/2025/"]
    after = s3.list_objects_v2(Bucket=bucket, StartAfter="logs/2025/a.txt")
    assert [o["Key"] for o in after["Contents"]] == ["readme.md", "src/main.py", "z"]
    first = s3.list_objects(Bucket=bucket, MaxKeys=2, Delimiter="/")
    assert first["IsTruncated"] is True and first["NextMarker"] == "readme.md"
    rest = s3.list_objects(Bucket=bucket, Marker=first["NextMarker"], Delimiter="/")
    assert [p["Prefix"] for p in rest["CommonPrefixes"]] == ["src/"] and [o["Key"] for o in rest["Contents"]] == ["z"]
    bad = error_of(s3.list_objects_v2, Bucket=bucket, ContinuationToken="not-a-token")
    assert bad["Error"]["Code"] == "InvalidArgument"


def test_copy_and_batch_delete(s3, bucket):
    s3.put_object(Bucket=bucket, Key="src", Body=b"copy me", Metadata={"a": "1"}, ContentType="text/plain")
    other = unique("bucket")
    s3.create_bucket(Bucket=other)
    copied = s3.copy_object(Bucket=other, Key="dst", CopySource={"Bucket": bucket, "Key": "src"})
    assert copied["CopyObjectResult"]["ETag"] == s3.head_object(Bucket=bucket, Key="src")["ETag"]
    dst = s3.get_object(Bucket=other, Key="dst")
    assert dst["Body"].read() == b"copy me" and dst["Metadata"] == {"a": "1"} and dst["ContentType"] == "text/plain"
    itself = error_of(s3.copy_object, Bucket=bucket, Key="src", CopySource=f"{bucket}/src")
    assert itself["Error"]["Code"] == "InvalidRequest"
    s3.copy_object(Bucket=bucket, Key="src", CopySource=f"{bucket}/src", MetadataDirective="REPLACE",
                   Metadata={"b": "2"}, ContentType="application/json")
    assert s3.head_object(Bucket=bucket, Key="src")["Metadata"] == {"b": "2"}
    missing = error_of(s3.copy_object, Bucket=bucket, Key="x", CopySource=f"{bucket}/none")
    assert missing["Error"]["Code"] == "NoSuchKey"
    deleted = s3.delete_objects(Bucket=other, Delete={"Objects": [{"Key": "dst"}, {"Key": "never-existed"}]})
    assert sorted(d["Key"] for d in deleted["Deleted"]) == ["dst", "never-existed"]
    assert s3.list_objects_v2(Bucket=other)["KeyCount"] == 0
    quiet = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "src"}], "Quiet": True})
    assert "Deleted" not in quiet


def test_multipart_uploads(s3, bucket):
    upload = s3.create_multipart_upload(Bucket=bucket, Key="big", ContentType="video/mp4", Metadata={"m": "v"})
    upload_id = upload["UploadId"]
    parts_data = [os.urandom(5 * 1024 * 1024), os.urandom(1000)]
    parts = []
    for number, data in enumerate(parts_data, start=1):
        result = s3.upload_part(Bucket=bucket, Key="big", UploadId=upload_id, PartNumber=number, Body=data)
        parts.append({"ETag": result["ETag"], "PartNumber": number})
    listed = s3.list_parts(Bucket=bucket, Key="big", UploadId=upload_id)
    assert [p["PartNumber"] for p in listed["Parts"]] == [1, 2] and listed["Parts"][1]["Size"] == 1000
    assert [u["UploadId"] for u in s3.list_multipart_uploads(Bucket=bucket)["Uploads"]] == [upload_id]
    wrong = error_of(s3.complete_multipart_upload, Bucket=bucket, Key="big", UploadId=upload_id,
                     MultipartUpload={"Parts": [{"ETag": '"0000"', "PartNumber": 1}, parts[1]]})
    assert wrong["Error"]["Code"] == "InvalidPart"
    done = s3.complete_multipart_upload(Bucket=bucket, Key="big", UploadId=upload_id, MultipartUpload={"Parts": parts})
    digests = b"".join(hashlib.md5(d).digest() for d in parts_data)
    assert done["ETag"] == f'"{hashlib.md5(digests).hexdigest()}-2"'
    got = s3.get_object(Bucket=bucket, Key="big")
    assert got["Body"].read() == b"".join(parts_data)
    assert got["ContentType"] == "video/mp4" and got["Metadata"] == {"m": "v"}
    assert s3.get_object(Bucket=bucket, Key="big", PartNumber=2)["Body"].read() == parts_data[1]
    gone = error_of(s3.list_parts, Bucket=bucket, Key="big", UploadId=upload_id)
    assert gone["Error"]["Code"] == "NoSuchUpload"
    small = s3.create_multipart_upload(Bucket=bucket, Key="small")["UploadId"]
    small_parts = [{"ETag": s3.upload_part(Bucket=bucket, Key="small", UploadId=small, PartNumber=n, Body=b"tiny")["ETag"],
                    "PartNumber": n} for n in (1, 2)]
    too_small = error_of(s3.complete_multipart_upload, Bucket=bucket, Key="small", UploadId=small,
                         MultipartUpload={"Parts": small_parts})
    assert too_small["Error"]["Code"] == "EntityTooSmall"
    s3.abort_multipart_upload(Bucket=bucket, Key="small", UploadId=small)
    assert "Uploads" not in s3.list_multipart_uploads(Bucket=bucket)


def test_object_tags(stratus, s3, bucket):
    s3.put_object(Bucket=bucket, Key="tagged", Body=b"x", Tagging="team=data&note=two%20words&empty=")
    assert s3.get_object_tagging(Bucket=bucket, Key="tagged")["TagSet"] == [
        {"Key": "team", "Value": "data"}, {"Key": "note", "Value": "two words"}, {"Key": "empty", "Value": ""}]
    assert s3.get_object(Bucket=bucket, Key="tagged")["TagCount"] == 3
    head = s3.head_object(Bucket=bucket, Key="tagged")
    etag, modified = head["ETag"], head["LastModified"]

    s3.put_object_tagging(Bucket=bucket, Key="tagged", Tagging={"TagSet": [{"Key": "stage", "Value": "final"}]})
    assert s3.get_object_tagging(Bucket=bucket, Key="tagged")["TagSet"] == [{"Key": "stage", "Value": "final"}]
    head = s3.head_object(Bucket=bucket, Key="tagged")
    assert head["ETag"] == etag and head["LastModified"] == modified, "tagging changes neither bytes nor time"

    s3.copy_object(Bucket=bucket, Key="copy", CopySource={"Bucket": bucket, "Key": "tagged"})
    assert s3.get_object_tagging(Bucket=bucket, Key="copy")["TagSet"] == [{"Key": "stage", "Value": "final"}]
    s3.copy_object(Bucket=bucket, Key="replaced", CopySource={"Bucket": bucket, "Key": "tagged"},
                   TaggingDirective="REPLACE", Tagging="new=1")
    assert s3.get_object_tagging(Bucket=bucket, Key="replaced")["TagSet"] == [{"Key": "new", "Value": "1"}]

    upload = s3.create_multipart_upload(Bucket=bucket, Key="big", Tagging="kind=multipart")["UploadId"]
    part = s3.upload_part(Bucket=bucket, Key="big", UploadId=upload, PartNumber=1, Body=b"y" * 10)
    s3.complete_multipart_upload(Bucket=bucket, Key="big", UploadId=upload,
                                 MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
    assert s3.get_object_tagging(Bucket=bucket, Key="big")["TagSet"] == [{"Key": "kind", "Value": "multipart"}]

    s3.delete_object_tagging(Bucket=bucket, Key="tagged")
    assert s3.get_object_tagging(Bucket=bucket, Key="tagged")["TagSet"] == []
    assert "TagCount" not in s3.get_object(Bucket=bucket, Key="tagged")

    eleven = {"TagSet": [{"Key": f"k{i}", "Value": "v"} for i in range(11)]}
    error = error_of(s3.put_object_tagging, Bucket=bucket, Key="tagged", Tagging=eleven)
    assert error["Error"]["Code"] == "InvalidTag" and error["Error"]["Message"] == "Object tags cannot be greater than 10"
    error = error_of(s3.put_object, Bucket=bucket, Key="dup", Body=b"", Tagging="a=1&a=2")
    assert error["Error"]["Code"] == "InvalidTag"
    assert error["Error"]["Message"] == "Cannot provide multiple Tags with the same key"
    assert error_of(s3.head_object, Bucket=bucket, Key="dup")["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert error_of(s3.get_object_tagging, Bucket=bucket, Key="none")["Error"]["Code"] == "NoSuchKey"
    assert error_of(s3.put_object_tagging, Bucket=bucket, Key="none", Tagging={"TagSet": []})["Error"]["Code"] == "NoSuchKey"

    cli = stratus.cli("s3api", "put-object-tagging", "--bucket", bucket, "--key", "copy",
                      "--tagging", "TagSet=[{Key=via,Value=cli}]")
    assert cli.returncode == 0, cli.stderr
    shown = json.loads(stratus.cli("s3api", "get-object-tagging", "--bucket", bucket, "--key", "copy").stdout)
    assert shown["TagSet"] == [{"Key": "via", "Value": "cli"}]


def test_bucket_tags(s3, bucket):
    assert error_of(s3.get_bucket_tagging, Bucket=bucket)["Error"]["Code"] == "NoSuchTagSet"
    s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": [{"Key": "env", "Value": "test"}, {"Key": "owner", "Value": ""}]})
    assert s3.get_bucket_tagging(Bucket=bucket)["TagSet"] == [{"Key": "env", "Value": "test"}, {"Key": "owner", "Value": ""}]
    system = error_of(s3.put_bucket_tagging, Bucket=bucket, Tagging={"TagSet": [{"Key": "aws:x", "Value": "1"}]})
    assert system["Error"]["Code"] == "InvalidTag"
    assert system["Error"]["Message"] == "System tags cannot be added/updated by requester"
    assert s3.get_bucket_tagging(Bucket=bucket)["TagSet"][0] == {"Key": "env", "Value": "test"}, "a refused request changes nothing"
    s3.delete_bucket_tagging(Bucket=bucket)
    assert error_of(s3.get_bucket_tagging, Bucket=bucket)["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert error_of(s3.put_bucket_tagging, Bucket=unique("bucket"), Tagging={"TagSet": []})["Error"]["Code"] == "NoSuchBucket"


def test_resource_api_and_transfer_manager(stratus, tmp_path):
    resource = boto3.resource("s3", endpoint_url=stratus.endpoint, region_name="us-east-1",
                              aws_access_key_id="test", aws_secret_access_key="test")
    bucket = resource.create_bucket(Bucket=unique("bucket"))
    source = tmp_path / "large.bin"
    source.write_bytes(os.urandom(12 * 1024 * 1024))  # above the 8 MiB multipart threshold
    bucket.upload_file(str(source), "files/large.bin")
    target = tmp_path / "back.bin"
    bucket.download_file("files/large.bin", str(target))
    assert target.read_bytes() == source.read_bytes()
    bucket.put_object(Key="files/small.json", Body=json.dumps({"ok": True}).encode())
    assert sorted(o.key for o in bucket.objects.filter(Prefix="files/")) == ["files/large.bin", "files/small.json"]
    assert json.loads(resource.Object(bucket.name, "files/small.json").get()["Body"].read()) == {"ok": True}
    bucket.objects.all().delete()
    bucket.delete()
    assert bucket.name not in [b.name for b in resource.buckets.all()]


def test_aws_cli_high_level_and_s3api(stratus, tmp_path):
    name = unique("bucket")
    assert stratus.cli("s3", "mb", f"s3://{name}").returncode == 0
    folder = tmp_path / "site"
    (folder / "css").mkdir(parents=True)
    (folder / "index.html").write_text("<h1>hi</h1>")
    (folder / "css" / "style.css").write_text("h1 {}")
    synced = stratus.cli("s3", "sync", str(folder), f"s3://{name}/site", "--only-show-errors")
    assert synced.returncode == 0, synced.stderr
    listing = stratus.cli("s3", "ls", f"s3://{name}/site/", "--recursive")
    assert "site/index.html" in listing.stdout and "site/css/style.css" in listing.stdout
    copied = stratus.cli("s3", "cp", f"s3://{name}/site/index.html", "-")
    assert copied.stdout == "<h1>hi</h1>"
    head = json.loads(stratus.cli("s3api", "head-object", "--bucket", name, "--key", "site/index.html").stdout)
    assert head["ContentType"] == "text/html" and head["ContentLength"] == 11
    missing = stratus.cli("s3api", "get-object", "--bucket", name, "--key", "none", str(tmp_path / "out"))
    assert missing.returncode != 0 and "NoSuchKey" in missing.stderr
    assert stratus.cli("s3", "rb", f"s3://{name}").returncode != 0  # not empty
    assert stratus.cli("s3", "rb", f"s3://{name}", "--force").returncode == 0
    assert name not in stratus.cli("s3", "ls").stdout


@pytest.mark.parametrize("durability", ["full", "process"])
def test_acknowledged_objects_survive_kill_9(fresh_stratus, durability):
    mode = ("--durability", durability)
    server = fresh_stratus(*mode)
    server.client("s3").create_bucket(Bucket="durable")
    acknowledged: dict[str, bytes] = {}
    lock = threading.Lock()
    enough = threading.Event()
    stop = threading.Event()

    def writer(index: int):
        client = server.client("s3")
        try:
            for n in range(index, 100_000, 4):
                if stop.is_set():
                    return
                body = f"object {n} ".encode() * (n % 50 + 1)
                client.put_object(Bucket="durable", Key=f"k/{n}", Body=body)
                with lock:
                    acknowledged[f"k/{n}"] = body
                    if len(acknowledged) >= 150:
                        enough.set()
        except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError):
            pass  # the server died under us

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    assert enough.wait(60), "the writers did not get far enough"
    stop.set()
    server = restart(fresh_stratus, server, *mode)
    # The new server may get the old one's port: writers still running would then write to it, so they finish
    # before anything is counted.
    for thread in threads:
        thread.join(30)
    s3 = server.client("s3")
    stored = {o["Key"] for page in s3.get_paginator("list_objects_v2").paginate(Bucket="durable")
              for o in page.get("Contents", [])}
    assert set(acknowledged) <= stored, f"lost acknowledged objects: {sorted(set(acknowledged) - stored)[:5]}"
    for key in stored:
        assert s3.get_object(Bucket="durable", Key=key)["Body"].read().startswith(f"object {key[2:]} ".encode())
    for key, body in list(acknowledged.items())[:20]:
        assert s3.get_object(Bucket="durable", Key=key)["Body"].read() == body
    blobs = os.path.join(server.data_dir, "s3", "blobs")
    files = [f for shard in os.listdir(blobs) for f in os.listdir(os.path.join(blobs, shard))]
    assert len(files) == len(stored), "blobs left behind by the crash were not swept"
