"""S3 UploadPartCopy: copies of large objects made of copied parts — boto3's managed copy and `aws s3 cp`/`mv`
between buckets above the multipart threshold — and explicit part copies with ranges, versions and S3's errors."""
import hashlib
import os

import boto3
import pytest

from s3_support import error_of, s3, unique  # noqa: F401 (fixtures)


@pytest.fixture
def buckets(s3):
    names = unique("partcopy"), unique("partcopy")
    for name in names:
        s3.create_bucket(Bucket=name)
    return names


BIG = os.urandom(12 * 1024 * 1024)  # above the 8 MiB multipart threshold of boto3 and the AWS CLI


def test_managed_copy_of_a_large_object(stratus, buckets):
    source, target = buckets
    client = boto3.client("s3", endpoint_url=stratus.endpoint, region_name="us-east-1",
                          aws_access_key_id="test", aws_secret_access_key="test")
    client.put_object(Bucket=source, Key="big.bin", Body=BIG)
    client.copy({"Bucket": source, "Key": "big.bin"}, target, "copied.bin")
    copied = client.get_object(Bucket=target, Key="copied.bin")
    assert hashlib.sha256(copied["Body"].read()).digest() == hashlib.sha256(BIG).digest()
    assert copied["ETag"].endswith('-2"')  # made of two copied parts


def test_aws_cli_copies_and_moves_large_objects_between_buckets(stratus, s3, buckets, tmp_path):
    source, target = buckets
    s3.put_object(Bucket=source, Key="big.bin", Body=BIG)
    copied = stratus.cli("s3", "cp", f"s3://{source}/big.bin", f"s3://{target}/copy.bin")
    assert copied.returncode == 0, copied.stderr
    moved = stratus.cli("s3", "mv", f"s3://{target}/copy.bin", f"s3://{target}/moved.bin")
    assert moved.returncode == 0, moved.stderr
    assert s3.get_object(Bucket=target, Key="moved.bin")["Body"].read() == BIG
    assert "Contents" not in s3.list_objects_v2(Bucket=target, Prefix="copy.bin")


def test_part_copies_with_ranges_versions_and_errors(s3, buckets):
    source, target = buckets
    s3.put_bucket_versioning(Bucket=source, VersioningConfiguration={"Status": "Enabled"})
    first = s3.put_object(Bucket=source, Key="src", Body=b"0123456789" * 600_000)["VersionId"]
    s3.put_object(Bucket=source, Key="src", Body=b"x")
    upload = s3.create_multipart_upload(Bucket=target, Key="joined", ChecksumAlgorithm="SHA256")["UploadId"]
    part = s3.upload_part_copy(Bucket=target, Key="joined", UploadId=upload, PartNumber=1,
                               CopySource={"Bucket": source, "Key": "src", "VersionId": first},
                               CopySourceRange="bytes=0-5242879")
    assert part["CopySourceVersionId"] == first
    assert part["CopyPartResult"]["ETag"] == '"%s"' % hashlib.md5((b"0123456789" * 600_000)[:5242880]).hexdigest()
    assert part["CopyPartResult"]["ChecksumSHA256"]
    tail = s3.upload_part_copy(Bucket=target, Key="joined", UploadId=upload, PartNumber=2,
                               CopySource=f"{source}/src?versionId={first}", CopySourceRange="bytes=5242880-5999999")
    s3.complete_multipart_upload(Bucket=target, Key="joined", UploadId=upload, MultipartUpload={"Parts": [
        {"PartNumber": 1, "ETag": part["CopyPartResult"]["ETag"],
         "ChecksumSHA256": part["CopyPartResult"]["ChecksumSHA256"]},
        {"PartNumber": 2, "ETag": tail["CopyPartResult"]["ETag"],
         "ChecksumSHA256": tail["CopyPartResult"]["ChecksumSHA256"]}]})
    assert s3.get_object(Bucket=target, Key="joined")["Body"].read() == b"0123456789" * 600_000
    upload = s3.create_multipart_upload(Bucket=target, Key="bad")["UploadId"]
    beyond = error_of(s3.upload_part_copy, Bucket=target, Key="bad", UploadId=upload, PartNumber=1,
                      CopySource={"Bucket": source, "Key": "src"}, CopySourceRange="bytes=0-10")
    assert beyond["Error"]["Code"] == "InvalidArgument"
    assert beyond["Error"]["Message"] == "Range specified is not valid for source object of size: 1"
    malformed = error_of(s3.upload_part_copy, Bucket=target, Key="bad", UploadId=upload, PartNumber=1,
                         CopySource={"Bucket": source, "Key": "src"}, CopySourceRange="0-1")
    assert malformed["Error"]["Code"] == "InvalidArgument"
    missing = error_of(s3.upload_part_copy, Bucket=target, Key="bad", UploadId=upload, PartNumber=1,
                       CopySource={"Bucket": source, "Key": "none"})
    assert missing["Error"]["Code"] == "NoSuchKey"
    no_upload = error_of(s3.upload_part_copy, Bucket=target, Key="bad", UploadId="nope", PartNumber=1,
                         CopySource={"Bucket": source, "Key": "src"})
    assert no_upload["Error"]["Code"] == "NoSuchUpload"
    failed = error_of(s3.upload_part_copy, Bucket=target, Key="bad", UploadId=upload, PartNumber=1,
                      CopySource={"Bucket": source, "Key": "src"}, CopySourceIfMatch='"0000"')
    assert failed["ResponseMetadata"]["HTTPStatusCode"] == 412
