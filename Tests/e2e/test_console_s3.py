"""The console's S3 API (`/_stratus/console/api/s3`) against the built binary: buckets, folder-by-folder listings and
object details answer what boto3 sees (nested, unicode, space and `+` keys, an empty bucket, paging past 1,000 keys),
and downloads are sandboxed attachments whatever the object's content type."""
import urllib.parse

import pytest
from s3_support import bucket, s3, unique  # noqa: F401 (bucket and s3 are fixtures)

API = "/_stratus/console/api/s3"


def q(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def api(stratus, route: str, method: str = "GET", **parameters):
    query = "&".join(f"{name}={q(value)}" for name, value in parameters.items())
    return stratus.json(method, f"{API}{route}{'?' + query if query else ''}")


def listing(stratus, bucket_name: str, prefix: str = "", token: str | None = None):
    parameters = {"bucket": bucket_name, "prefix": prefix}
    if token:
        parameters["token"] = token
    status, _, body = api(stratus, "/objects", **parameters)
    assert status == 200, body
    return body


def test_buckets_are_listed_with_region_and_creation_date(stratus, s3):
    names = [unique("console"), unique("console")]
    for name in names:
        s3.create_bucket(Bucket=name)
    status, headers, body = api(stratus, "/buckets")
    assert status == 200
    assert headers["content-type"] == "application/json"
    assert body["truncated"] is False
    listed = {entry["name"]: entry for entry in body["buckets"]}
    seen = {entry["Name"]: entry for entry in s3.list_buckets()["Buckets"]}
    assert set(listed) == set(seen)
    for name in names:
        assert listed[name]["region"] == seen[name]["BucketRegion"] == "us-east-1"
        assert listed[name]["creationDate"] == seen[name]["CreationDate"].timestamp()


def test_nested_unicode_and_odd_keys_are_listed_as_boto3_sees_them(stratus, s3, bucket):
    keys = ["top.txt", "logs/2024/01/a.log", "logs/2024/02/b.log", "logs/readme.md", "données/été 2024.csv",
            "with space/and+plus.txt", "with space/x y+z", "plus+dir/one", "日本語/ファイル.txt"]
    for index, key in enumerate(keys):
        s3.put_object(Bucket=bucket, Key=key, Body=b"x" * (index + 1))
    for prefix in ["", "logs/", "logs/2024/", "données/", "with space/", "plus+dir/", "日本語/", "logs/2024/01/a"]:
        expected = s3.list_objects_v2(Bucket=bucket, Prefix=prefix, Delimiter="/")
        body = listing(stratus, bucket, prefix)
        assert body["bucket"] == bucket and body["prefix"] == prefix
        assert body["folders"] == [entry["Prefix"] for entry in expected.get("CommonPrefixes", [])]
        assert [(o["key"], o["size"], o["eTag"], o["storageClass"], o["lastModified"]) for o in body["objects"]] == [
            (o["Key"], o["Size"], o["ETag"], o["StorageClass"], o["LastModified"].timestamp())
            for o in expected.get("Contents", [])]
        assert "nextToken" not in body
    assert listing(stratus, bucket)["folders"] == ["données/", "logs/", "plus+dir/", "with space/", "日本語/"]
    assert [o["key"] for o in listing(stratus, bucket, "with space/")["objects"]] == [
        "with space/and+plus.txt", "with space/x y+z"]


def test_an_empty_bucket_has_no_folders_or_objects(stratus, bucket):
    assert listing(stratus, bucket) == {"bucket": bucket, "prefix": "", "folders": [], "objects": []}


def test_more_than_a_thousand_keys_are_paged(stratus, s3, bucket):
    keys = [f"many/{index:04d}" for index in range(1003)]
    for key in keys:
        s3.put_object(Bucket=bucket, Key=key, Body=b"")
    first = listing(stratus, bucket, "many/")
    assert [o["key"] for o in first["objects"]] == keys[:1000]
    second = listing(stratus, bucket, "many/", first["nextToken"])
    assert [o["key"] for o in second["objects"]] == keys[1000:]
    assert "nextToken" not in second


def test_unknown_buckets_and_keys_are_the_services_errors(stratus, bucket):
    status, _, body = api(stratus, "/objects", bucket=unique("missing"))
    assert status == 404 and body["error"] == "NoSuchBucket"
    for route in ("/object", "/object/head"):
        status, headers, body = api(stratus, route, bucket=bucket, key="no/such key")
        assert status == 404 and headers["content-type"] == "application/json"
        assert body["error"] == "NoSuchKey"


def test_an_html_object_downloads_as_a_sandboxed_attachment(stratus, s3, bucket):
    page = b"<html><body><script>document.title='owned'</script></body></html>"
    key = "site/été index+1.html"
    s3.put_object(Bucket=bucket, Key=key, Body=page, ContentType="text/html")
    path = f"{API}/object?bucket={q(bucket)}&key={q(key)}"
    status, headers, body = stratus.raw("GET", path)
    assert status == 200
    assert body == page == s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    assert headers["content-type"] == "application/octet-stream"
    assert headers["content-disposition"] == (
        "attachment; filename=\"_t_ index+1.html\"; filename*=UTF-8''%C3%A9t%C3%A9%20index+1.html")
    assert headers["content-security-policy"] == "sandbox"
    assert headers["x-content-type-options"] == "nosniff"
    status, head_headers, head_body = stratus.raw("HEAD", path)
    assert status == 200 and head_body == b""
    for name in ("content-type", "content-disposition", "content-security-policy", "x-content-type-options"):
        assert head_headers[name] == headers[name]


def test_object_details_are_head_object_and_its_tags(stratus, s3, bucket):
    key = "reports/q1 summary+final.json"
    s3.put_object(Bucket=bucket, Key=key, Body=b'{"total": 3}', ContentType="application/json",
                  Metadata={"owner": "team-a"}, ChecksumAlgorithm="SHA256", Tagging="stage=raw&team=a")
    status, _, body = api(stratus, "/object/head", bucket=bucket, key=key)
    assert status == 200
    head = s3.head_object(Bucket=bucket, Key=key, ChecksumMode="ENABLED")
    assert body["Bucket"] == bucket and body["Key"] == key
    assert body["ContentType"] == head["ContentType"] == "application/json"
    assert body["ContentLength"] == head["ContentLength"] == 12
    assert body["ETag"] == head["ETag"]
    assert body["LastModified"] == head["LastModified"].timestamp()
    assert body["Metadata"] == head["Metadata"] == {"owner": "team-a"}
    assert body["ChecksumSHA256"] == head["ChecksumSHA256"]
    assert sorted(body["TagSet"], key=lambda tag: tag["Key"]) == sorted(
        s3.get_object_tagging(Bucket=bucket, Key=key)["TagSet"], key=lambda tag: tag["Key"])


@pytest.mark.parametrize("route,method,allow", [
    ("/buckets", "POST", "GET"), ("/objects", "DELETE", "GET"), ("/object/head", "PUT", "GET"),
    ("/object", "POST", "GET, HEAD"),
])
def test_wrong_methods_are_refused_with_allow(stratus, route, method, allow):
    status, headers, body = stratus.json(method, f"{API}{route}", body=b"{}",
                                         headers={"Content-Type": "application/json"})
    assert status == 405 and headers["allow"] == allow
    assert body["error"] == "MethodNotAllowed"


def test_missing_parameters_and_unknown_routes(stratus, bucket):
    for route, parameters, missing in [("/objects", {}, "bucket"), ("/object", {"bucket": bucket}, "key"),
                                       ("/object/head", {"key": "k"}, "bucket")]:
        status, _, body = api(stratus, route, **parameters)
        assert status == 400
        assert body == {"error": "ValidationException", "message": f"The query parameter {missing} is required."}
    status, _, body = api(stratus, "/nothing")
    assert status == 404 and body["error"] == "NotFound"
