"""S3 static website hosting with boto3 and the AWS CLI: PutBucketWebsite/GetBucketWebsite/DeleteBucketWebsite with
S3's checks, and the website endpoint (`<bucket>.s3-website-<region>.<host>`): index and error documents, folder
redirects, object redirects, routing rules, RedirectAllRequestsTo and S3's HTML error pages."""
import http.client
import json
import uuid

import botocore.exceptions
import pytest


def bucket_name():
    return f"site-{uuid.uuid4().hex[:10]}"


def error_of(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


def visit(stratus, bucket, path, method="GET"):
    """One request to the bucket's website endpoint: (status, lower-cased headers, body text)."""
    connection = http.client.HTTPConnection("127.0.0.1", stratus.port, timeout=10)
    try:
        connection.request(method, path, headers={"Host": f"{bucket}.s3-website-us-east-1.localhost:{stratus.port}"})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read().decode()
    finally:
        connection.close()


@pytest.fixture
def site(stratus):
    s3 = stratus.client("s3")
    bucket = bucket_name()
    s3.create_bucket(Bucket=bucket)
    for key, body in [("index.html", "<h1>home</h1>"), ("error.html", "<h1>oops</h1>"), ("docs/index.html", "<h1>docs</h1>"),
                      ("style.css", "body {}")]:
        s3.put_object(Bucket=bucket, Key=key, Body=body.encode(),
                      ContentType="text/css" if key.endswith(".css") else "text/html")
    s3.put_object(Bucket=bucket, Key="old.html", Body=b"", WebsiteRedirectLocation="/index.html")
    return s3, bucket


def test_configuration_round_trip_and_checks(site):
    s3, bucket = site
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        s3.get_bucket_website(Bucket=bucket)
    assert caught.value.response["Error"]["Code"] == "NoSuchWebsiteConfiguration"
    configuration = {"IndexDocument": {"Suffix": "index.html"}, "ErrorDocument": {"Key": "error.html"},
                     "RoutingRules": [{"Condition": {"KeyPrefixEquals": "blog/"},
                                       "Redirect": {"ReplaceKeyPrefixWith": "posts/", "HttpRedirectCode": "302"}}]}
    s3.put_bucket_website(Bucket=bucket, WebsiteConfiguration=configuration)
    answer = s3.get_bucket_website(Bucket=bucket)
    assert answer["IndexDocument"] == {"Suffix": "index.html"} and answer["ErrorDocument"] == {"Key": "error.html"}
    assert answer["RoutingRules"] == configuration["RoutingRules"]

    assert error_of(s3.put_bucket_website, Bucket=bucket, WebsiteConfiguration={"ErrorDocument": {"Key": "e.html"}}) == (
        "InvalidArgument", "A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty")
    assert error_of(s3.put_bucket_website, Bucket=bucket, WebsiteConfiguration={"IndexDocument": {"Suffix": "a/b.html"}}) == (
        "InvalidArgument", "The IndexDocument Suffix is not well formed")
    assert error_of(s3.put_bucket_website, Bucket=bucket, WebsiteConfiguration={
        "RedirectAllRequestsTo": {"HostName": "example.com"}, "IndexDocument": {"Suffix": "index.html"}})[0] == "InvalidArgument"
    assert s3.get_bucket_website(Bucket=bucket)["IndexDocument"] == {"Suffix": "index.html"}  # refused puts changed nothing

    s3.delete_bucket_website(Bucket=bucket)
    assert error_of(s3.get_bucket_website, Bucket=bucket)[0] == "NoSuchWebsiteConfiguration"


def test_website_endpoint(stratus, site):
    s3, bucket = site
    status, _, body = visit(stratus, bucket, "/")
    assert status == 404 and "NoSuchWebsiteConfiguration" in body  # not a website yet
    s3.put_bucket_website(Bucket=bucket, WebsiteConfiguration={
        "IndexDocument": {"Suffix": "index.html"}, "ErrorDocument": {"Key": "error.html"},
        "RoutingRules": [{"Condition": {"KeyPrefixEquals": "blog/"},
                          "Redirect": {"ReplaceKeyPrefixWith": "posts/", "HttpRedirectCode": "302"}}]})

    status, headers, body = visit(stratus, bucket, "/")
    assert (status, body) == (200, "<h1>home</h1>") and headers["content-type"] == "text/html" and headers["etag"]
    assert visit(stratus, bucket, "/style.css")[1]["content-type"] == "text/css"
    assert visit(stratus, bucket, "/docs/")[2] == "<h1>docs</h1>"
    status, headers, _ = visit(stratus, bucket, "/docs")
    assert status == 302 and headers["location"] == "/docs/"
    status, headers, _ = visit(stratus, bucket, "/old.html")
    assert status == 301 and headers["location"] == "/index.html"
    status, headers, _ = visit(stratus, bucket, "/blog/hello.html")
    assert status == 302 and headers["location"].endswith(f"/posts/hello.html")
    status, _, body = visit(stratus, bucket, "/missing.html")
    assert (status, body) == (404, "<h1>oops</h1>")
    status, headers, body = visit(stratus, bucket, "/", method="HEAD")
    assert status == 200 and body == ""
    status, _, body = visit(stratus, bucket, "/", method="POST")
    assert status == 405 and "MethodNotAllowed" in body

    s3.delete_object(Bucket=bucket, Key="error.html")
    status, headers, body = visit(stratus, bucket, "/missing.html")
    assert status == 404 and headers["content-type"].startswith("text/html")
    assert "<li>Code: NoSuchKey</li>" in body and "<li>Key: missing.html</li>" in body
    assert visit(stratus, "no-such-bucket-here", "/")[0] == 404

    s3.put_bucket_website(Bucket=bucket, WebsiteConfiguration={"RedirectAllRequestsTo": {"HostName": "example.com",
                                                                                          "Protocol": "https"}})
    status, headers, _ = visit(stratus, bucket, "/a/b.html")
    assert status == 301 and headers["location"] == "https://example.com/a/b.html"


def test_cli(stratus, site):
    _, bucket = site
    put = stratus.cli("s3api", "put-bucket-website", "--bucket", bucket, "--website-configuration",
                      json.dumps({"IndexDocument": {"Suffix": "index.html"}}))
    assert put.returncode == 0, put.stderr
    got = stratus.cli("s3api", "get-bucket-website", "--bucket", bucket)
    assert got.returncode == 0 and json.loads(got.stdout)["IndexDocument"] == {"Suffix": "index.html"}
    assert visit(stratus, bucket, "/")[2] == "<h1>home</h1>"
