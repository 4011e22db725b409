"""S3 GetObjectAttributes through boto3 and the AWS CLI: the attributes asked for (ETag without quotes, the additional
checksum, the parts of a multipart object with their checksums, paged; the storage class and size), versions, and
the errors for a missing key or header and an unknown attribute."""
import json

from s3_support import bucket, error_of, s3, unique  # noqa: F401 (fixtures)

ALL = ["ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"]


def attributes(s3, **kwargs) -> dict:
    answer = s3.get_object_attributes(**kwargs)
    answer.pop("ResponseMetadata")
    return answer


def test_a_single_upload_answers_what_was_asked(s3, bucket):
    put = s3.put_object(Bucket=bucket, Key="one.txt", Body=b"hello", ChecksumAlgorithm="SHA256",
                        StorageClass="STANDARD_IA")
    answer = attributes(s3, Bucket=bucket, Key="one.txt", ObjectAttributes=ALL)
    assert answer["ETag"] == put["ETag"].strip('"')
    assert answer["Checksum"] == {"ChecksumSHA256": put["ChecksumSHA256"], "ChecksumType": "FULL_OBJECT"}
    assert answer["StorageClass"] == "STANDARD_IA" and answer["ObjectSize"] == 5
    assert "ObjectParts" not in answer  # not a multipart upload
    assert "LastModified" in answer and "VersionId" not in answer  # the bucket has no versioning
    only = attributes(s3, Bucket=bucket, Key="one.txt", ObjectAttributes=["ObjectSize"])
    assert set(only) == {"LastModified", "ObjectSize"}


def test_the_parts_of_a_multipart_object_page_with_their_checksums(s3, bucket):
    upload = s3.create_multipart_upload(Bucket=bucket, Key="big", ChecksumAlgorithm="CRC32")["UploadId"]
    parts = []
    for number, size in ((1, 5 * 1024 * 1024), (2, 5 * 1024 * 1024), (3, 7)):
        answer = s3.upload_part(Bucket=bucket, Key="big", UploadId=upload, PartNumber=number, Body=b"p" * size,
                                ChecksumAlgorithm="CRC32")
        parts.append({"PartNumber": number, "ETag": answer["ETag"], "ChecksumCRC32": answer["ChecksumCRC32"]})
    done = s3.complete_multipart_upload(Bucket=bucket, Key="big", UploadId=upload, MultipartUpload={"Parts": parts})
    first = attributes(s3, Bucket=bucket, Key="big", ObjectAttributes=ALL, MaxParts=2)
    assert first["ETag"] == done["ETag"].strip('"') and first["ObjectSize"] == 10 * 1024 * 1024 + 7
    assert first["Checksum"]["ChecksumType"] == "COMPOSITE"
    assert first["ObjectParts"] == {
        "TotalPartsCount": 3, "PartNumberMarker": 0, "NextPartNumberMarker": 2, "MaxParts": 2, "IsTruncated": True,
        "Parts": [{"PartNumber": 1, "Size": 5 * 1024 * 1024, "ChecksumCRC32": parts[0]["ChecksumCRC32"]},
                  {"PartNumber": 2, "Size": 5 * 1024 * 1024, "ChecksumCRC32": parts[1]["ChecksumCRC32"]}]}
    rest = attributes(s3, Bucket=bucket, Key="big", ObjectAttributes=["ObjectParts"], PartNumberMarker=2)
    assert rest["ObjectParts"]["Parts"] == [{"PartNumber": 3, "Size": 7, "ChecksumCRC32": parts[2]["ChecksumCRC32"]}]
    assert rest["ObjectParts"]["IsTruncated"] is False and rest["ObjectParts"]["NextPartNumberMarker"] == 3


def test_versions_and_delete_markers(s3):
    name = unique("attrs")
    s3.create_bucket(Bucket=name)
    s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    old = s3.put_object(Bucket=name, Key="k", Body=b"old")["VersionId"]
    new = s3.put_object(Bucket=name, Key="k", Body=b"newer")["VersionId"]
    assert attributes(s3, Bucket=name, Key="k", ObjectAttributes=["ObjectSize"])["VersionId"] == new
    assert attributes(s3, Bucket=name, Key="k", VersionId=old, ObjectAttributes=["ObjectSize"])["ObjectSize"] == 3
    marker = s3.delete_object(Bucket=name, Key="k")["VersionId"]
    missing = error_of(s3.get_object_attributes, Bucket=name, Key="k", ObjectAttributes=["ETag"])
    assert missing["Error"]["Code"] == "NoSuchKey" and missing["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert missing["ResponseMetadata"]["HTTPHeaders"]["x-amz-delete-marker"] == "true"
    on_marker = error_of(s3.get_object_attributes, Bucket=name, Key="k", VersionId=marker, ObjectAttributes=["ETag"])
    assert on_marker["Error"]["Code"] == "MethodNotAllowed" and on_marker["ResponseMetadata"]["HTTPStatusCode"] == 405


def test_errors(s3, bucket):
    s3.put_object(Bucket=bucket, Key="k", Body=b"x")
    missing = error_of(s3.get_object_attributes, Bucket=bucket, Key="nope", ObjectAttributes=["ETag"])
    assert missing["Error"]["Code"] == "NoSuchKey" and missing["ResponseMetadata"]["HTTPStatusCode"] == 404
    unknown = error_of(s3.get_object_attributes, Bucket=bucket, Key="k", ObjectAttributes=["Colour"])
    assert unknown["Error"]["Code"] == "InvalidArgument" and unknown["Error"]["Message"] == "Invalid attribute name specified."
    empty = error_of(s3.get_object_attributes, Bucket=bucket, Key="k", ObjectAttributes=[""])
    assert empty["Error"]["Code"] == "InvalidRequest"
    assert empty["Error"]["Message"] == (
        "The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty")
    no_bucket = error_of(s3.get_object_attributes, Bucket=unique("none"), Key="k", ObjectAttributes=["ETag"])
    assert no_bucket["Error"]["Code"] == "NoSuchBucket"


def test_cli(stratus, s3, bucket):
    s3.put_object(Bucket=bucket, Key="cli.txt", Body=b"twelve bytes")
    done = stratus.cli("s3api", "get-object-attributes", "--bucket", bucket, "--key", "cli.txt",
                       "--object-attributes", "ETag", "ObjectSize")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["ObjectSize"] == 12 and '"' not in answer["ETag"]
