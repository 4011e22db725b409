"""Lambda function URLs through boto3 and the AWS CLI: the configuration operations with Lambda's errors, and HTTP
requests to `http://<url-id>.lambda-url.<region>.localhost:<port>/` becoming payload-format-2.0 events, with the
function's result as the HTTP answer (status, headers, cookies, base64 bodies), CORS, AWS_IAM and failures."""
import base64
import http.client
import json
import urllib.parse

import botocore.exceptions
import pytest

from test_lambda_support import python_function, unique

ECHO_EVENT = """
import json
def handler(event, context):
    return {"statusCode": 201, "headers": {"content-type": "application/json", "x-echo": "yes"},
            "cookies": ["a=1", "b=2"], "body": json.dumps(event)}
"""

RESULTS = """
import base64
def handler(event, context):
    kind = (event.get("queryStringParameters") or {}).get("kind")
    if kind == "plain":
        return {"ok": True}
    if kind == "text":
        return "hello"
    if kind == "binary":
        return {"statusCode": 200, "headers": {"content-type": "application/octet-stream"},
                "body": base64.b64encode(bytes([0, 1, 2, 255])).decode(), "isBase64Encoded": True}
    raise RuntimeError("asked to fail")
"""


@pytest.fixture
def lam(stratus):
    return stratus.client("lambda")


def call(stratus, url: str, method="GET", path="/", body=b"", headers=None):
    """Sends a request to a function URL through the server's port, with the URL's host."""
    host = urllib.parse.urlsplit(url).netloc
    connection = http.client.HTTPConnection("127.0.0.1", stratus.port, timeout=60)
    try:
        connection.request(method, path, body=body, headers={"Host": host, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


def error_of(call_, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call_(**kwargs)
    return caught.value.response


def test_configurations_are_created_read_updated_listed_and_deleted(stratus, lam):
    name = python_function(lam, ECHO_EVENT)
    created = lam.create_function_url_config(FunctionName=name, AuthType="NONE")
    url = created["FunctionUrl"]
    assert url.startswith("http://") and ".lambda-url.us-east-1.localhost:" in url and url.endswith("/")
    assert len(urllib.parse.urlsplit(url).hostname.split(".")[0]) == 32
    assert created["AuthType"] == "NONE" and created["FunctionArn"].endswith(f":function:{name}")
    again = error_of(lam.create_function_url_config, FunctionName=name, AuthType="NONE")
    assert again["Error"]["Code"] == "ResourceConflictException"
    lam.update_function_url_config(FunctionName=name, AuthType="AWS_IAM",
                                   Cors={"AllowOrigins": ["https://app.example"], "AllowMethods": ["GET"]})
    shown = lam.get_function_url_config(FunctionName=name)
    assert shown["FunctionUrl"] == url and shown["AuthType"] == "AWS_IAM"
    assert shown["Cors"]["AllowOrigins"] == ["https://app.example"]
    lam.publish_version(FunctionName=name)
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion="1")
    aliased = lam.create_function_url_config(FunctionName=name, Qualifier="live", AuthType="NONE")
    assert aliased["FunctionArn"].endswith(":live") and aliased["FunctionUrl"] != url
    listed = lam.list_function_url_configs(FunctionName=name)["FunctionUrlConfigs"]
    assert len(listed) == 2
    version = error_of(lam.create_function_url_config, FunctionName=name, Qualifier="1", AuthType="NONE")
    assert version["Error"]["Code"] == "ValidationException"  # the model's pattern refuses version numbers
    lam.delete_function_url_config(FunctionName=name)
    gone = error_of(lam.get_function_url_config, FunctionName=name)
    assert gone["Error"]["Code"] == "ResourceNotFoundException"
    status, _, body = call(stratus, url)
    assert status == 403 and json.loads(body) == {"Message": "Forbidden"}


def test_requests_become_events_and_results_become_answers(stratus, lam):
    name = python_function(lam, ECHO_EVENT)
    url = lam.create_function_url_config(FunctionName=name, AuthType="NONE")["FunctionUrl"]
    status, headers, body = call(stratus, url, method="POST", path="/orders/42?expand=items&expand=notes&x=%20y",
                                 body=b'{"id": 42}', headers={"Content-Type": "application/json", "Cookie": "s=1; t=2",
                                                              "X-Custom": "v"})
    assert status == 201
    assert ("x-echo", "yes") in [(k.lower(), v) for k, v in headers]
    assert [v for k, v in headers if k.lower() == "set-cookie"] == ["a=1", "b=2"]
    event = json.loads(body)
    assert event["version"] == "2.0" and event["routeKey"] == "$default"
    assert event["rawPath"] == "/orders/42" and event["rawQueryString"] == "expand=items&expand=notes&x=%20y"
    assert event["queryStringParameters"] == {"expand": "items,notes", "x": " y"}
    assert event["cookies"] == ["s=1", "t=2"]
    assert event["headers"]["x-custom"] == "v" and event["headers"]["content-type"] == "application/json"
    assert event["body"] == '{"id": 42}' and event["isBase64Encoded"] is False
    context = event["requestContext"]
    assert context["http"]["method"] == "POST" and context["http"]["path"] == "/orders/42"
    assert context["accountId"] == "anonymous" and context["apiId"] == urllib.parse.urlsplit(url).hostname.split(".")[0]
    assert context["stage"] == "$default" and isinstance(context["timeEpoch"], int)
    status, _, body = call(stratus, url, method="PUT", body=bytes([0, 159, 146, 150]))
    event = json.loads(body)
    assert event["isBase64Encoded"] is True and base64.b64decode(event["body"]) == bytes([0, 159, 146, 150])


def test_result_shapes_failures_and_auth(stratus, lam):
    name = python_function(lam, RESULTS)
    url = lam.create_function_url_config(FunctionName=name, AuthType="NONE")["FunctionUrl"]
    status, headers, body = call(stratus, url, path="/?kind=plain")
    assert status == 200 and json.loads(body) == {"ok": True}
    assert ("content-type", "application/json") in [(k.lower(), v) for k, v in headers]
    assert call(stratus, url, path="/?kind=text")[2] == b"hello"
    status, _, body = call(stratus, url, path="/?kind=binary")
    assert status == 200 and body == bytes([0, 1, 2, 255])
    status, _, body = call(stratus, url, path="/?kind=fail")
    assert status == 502 and json.loads(body) == {"Message": "Internal Server Error"}
    lam.update_function_url_config(FunctionName=name, AuthType="AWS_IAM")
    status, _, body = call(stratus, url, path="/?kind=plain")
    assert status == 403 and json.loads(body) == {"Message": "Forbidden"}
    signed = {"Authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/lambda/aws4_request, "
                               "SignedHeaders=host, Signature=abc"}
    assert call(stratus, url, path="/?kind=plain", headers=signed)[0] == 200


def test_cors_preflights_and_headers(stratus, lam):
    name = python_function(lam, RESULTS)
    url = lam.create_function_url_config(FunctionName=name, AuthType="NONE", Cors={
        "AllowOrigins": ["https://app.example"], "AllowMethods": ["GET", "POST"], "AllowHeaders": ["content-type"],
        "ExposeHeaders": ["x-total"], "MaxAge": 300})["FunctionUrl"]
    status, headers, body = call(stratus, url, method="OPTIONS", headers={
        "Origin": "https://app.example", "Access-Control-Request-Method": "POST"})
    found = {k.lower(): v for k, v in headers}
    assert status == 200 and body == b""
    assert found["access-control-allow-origin"] == "https://app.example"
    assert found["access-control-allow-methods"] == "GET,POST" and found["access-control-max-age"] == "300"
    status, headers, _ = call(stratus, url, path="/?kind=plain", headers={"Origin": "https://app.example"})
    found = {k.lower(): v for k, v in headers}
    assert found["access-control-allow-origin"] == "https://app.example" and found["access-control-expose-headers"] == "x-total"
    _, headers, _ = call(stratus, url, path="/?kind=plain", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in {k.lower() for k, _ in headers}


def test_aws_cli_function_urls(stratus, lam):
    name = python_function(lam, RESULTS, name=unique("url-cli"))
    created = json.loads(stratus.cli("lambda", "create-function-url-config", "--function-name", name,
                                     "--auth-type", "NONE").stdout)
    shown = json.loads(stratus.cli("lambda", "get-function-url-config", "--function-name", name).stdout)
    assert shown["FunctionUrl"] == created["FunctionUrl"]
    assert call(stratus, created["FunctionUrl"], path="/?kind=plain")[0] == 200
    assert stratus.cli("lambda", "delete-function-url-config", "--function-name", name).returncode == 0
    missing = stratus.cli("lambda", "get-function-url-config", "--function-name", name)
    assert missing.returncode != 0 and "ResourceNotFoundException" in missing.stderr


def test_aws_iam_urls_verify_signatures_when_the_server_does(fresh_stratus):
    import botocore.auth
    import botocore.awsrequest
    import botocore.credentials
    key_id, secret = "AKIDURLTEST", "url-s3cr3t"
    server = fresh_stratus("--auth", "verify", "--auth-keys", f"{key_id}:{secret}")
    lam = server.client("lambda", access_key=key_id, secret_key=secret)
    name = python_function(lam, RESULTS)
    url = lam.create_function_url_config(FunctionName=name, AuthType="AWS_IAM")["FunctionUrl"]
    host = urllib.parse.urlsplit(url).netloc

    def signed(secret_key):
        request = botocore.awsrequest.AWSRequest(method="GET", url=f"http://{host}/?kind=plain", headers={"Host": host})
        botocore.auth.SigV4Auth(botocore.credentials.Credentials(key_id, secret_key), "lambda", "us-east-1").add_auth(request)
        return {k: v for k, v in request.headers.items() if k.lower() != "host"}

    assert call(server, url, path="/?kind=plain", headers=signed(secret))[0] == 200
    assert call(server, url, path="/?kind=plain", headers=signed("wrong-secret"))[0] == 403
    assert call(server, url, path="/?kind=plain")[0] == 403
