"""SigV4: parsed always, verified with --auth verify like AWS (SignatureDoesNotMatch, InvalidClientTokenId)."""
import urllib.request
import urllib.error
import xml.etree.ElementTree as ET

import botocore.exceptions
import pytest

KEY_ID, SECRET = "AKIDSTRATUSTEST", "s3cr3t-key"


@pytest.fixture(scope="module")
def verifying():
    from conftest import StratusProcess
    server = StratusProcess("--in-memory", "--auth", "verify", "--auth-keys", f"{KEY_ID}:{SECRET},123456789012:other")
    yield server
    server.stop()


@pytest.mark.parametrize("service,method,kwargs", [
    ("events", "list_endpoints", {}),
])
def test_good_signatures_pass(verifying, service, method, kwargs):
    client = verifying.client(service, access_key=KEY_ID, secret_key=SECRET)
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        getattr(client, method)(**kwargs)
    assert caught.value.response["Error"]["Code"] == "NotImplemented"


@pytest.mark.parametrize("service,method", [
    ("sqs", "list_queues"),
    ("dynamodb", "list_tables"),
    ("lambda", "list_functions"),
    ("stepfunctions", "list_activities"),
    ("s3", "list_buckets"),
    ("sns", "list_topics"),
    ("events", "list_event_buses"),
])
def test_good_signature_reaches_an_implemented_service(verifying, service, method):
    client = verifying.client(service, access_key=KEY_ID, secret_key=SECRET)
    assert getattr(client, method)()["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_twelve_digit_key_is_checked_too(verifying):
    client = verifying.client("dynamodb", access_key="123456789012", secret_key="other")
    assert client.list_tables()["TableNames"] == []
    wrong = verifying.client("dynamodb", access_key="123456789012", secret_key="wrong")
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        wrong.list_tables()
    assert caught.value.response["Error"]["Code"] == "InvalidSignatureException"


# Each service family answers a bad signature in its own words (AWS common errors of each API).
@pytest.mark.parametrize("service,method,code,status", [
    ("dynamodb", "list_tables", "InvalidSignatureException", 400),
    ("stepfunctions", "list_activities", "InvalidSignatureException", 400),
    ("sns", "list_topics", "SignatureDoesNotMatch", 403),
    ("lambda", "list_functions", "InvalidSignatureException", 403),
    ("s3", "list_buckets", "SignatureDoesNotMatch", 403),
])
def test_wrong_secret_is_rejected(verifying, service, method, code, status):
    client = verifying.client(service, access_key=KEY_ID, secret_key="wrong")
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        getattr(client, method)()
    assert caught.value.response["Error"]["Code"] == code
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == status


@pytest.mark.parametrize("service,method,code,status", [
    ("dynamodb", "list_tables", "UnrecognizedClientException", 400),
    ("sns", "list_topics", "InvalidClientTokenId", 403),
    ("lambda", "list_functions", "UnrecognizedClientException", 403),
    ("s3", "list_buckets", "InvalidAccessKeyId", 403),
])
def test_unknown_key_is_rejected(verifying, service, method, code, status):
    client = verifying.client(service, access_key="AKIDUNKNOWN", secret_key="x")
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        getattr(client, method)()
    assert caught.value.response["Error"]["Code"] == code
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == status


def test_unsigned_request_is_rejected(verifying):
    status, _, body = verifying.raw("POST", "/", "{}", {"Content-Type": "application/x-amz-json-1.0",
                                                        "X-Amz-Target": "DynamoDB_20120810.ListTables"})
    assert status in (400, 403)
    assert b"MissingAuthenticationToken" in body


def test_presigned_url(verifying):
    client = verifying.client("s3", access_key=KEY_ID, secret_key=SECRET, signature_version="s3v4")
    client.create_bucket(Bucket="presigned")
    client.put_object(Bucket="presigned", Key="k", Body=b"shared")
    url = client.generate_presigned_url("get_object", Params={"Bucket": "presigned", "Key": "k"}, ExpiresIn=300)
    with urllib.request.urlopen(url, timeout=10) as good:
        assert good.read() == b"shared"
    tampered = url.replace("/presigned/k", "/presigned/other")
    with pytest.raises(urllib.error.HTTPError) as bad:
        urllib.request.urlopen(tampered, timeout=10)
    assert bad.value.code == 403
    assert ET.fromstring(bad.value.read()).findtext("Code") == "SignatureDoesNotMatch"


def post_form(url: str, fields: dict, content: bytes) -> tuple[int, bytes]:
    """POSTs `fields` and a file part as multipart/form-data; the status and body."""
    boundary = "stratus-form-boundary"
    body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
                    for name, value in fields.items())
    body += (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="f.txt"\r\n\r\n'.encode()
             + content + f"\r\n--{boundary}--\r\n".encode())
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.mark.parametrize("signature_version", ["s3v4", "s3"])
def test_browser_upload_signatures(verifying, signature_version):
    # Requests are SigV4 (Stratus verifies no other kind); the form is signed the way `signature_version` says.
    client = verifying.client("s3", access_key=KEY_ID, secret_key=SECRET, signature_version="s3v4")
    signer = verifying.client("s3", access_key=KEY_ID, secret_key=SECRET, signature_version=signature_version)
    bucket = f"posted-{signature_version}"
    client.create_bucket(Bucket=bucket)
    post = signer.generate_presigned_post(Bucket=bucket, Key="in/${filename}", ExpiresIn=300)
    status, _ = post_form(post["url"], post["fields"], b"signed")
    assert status == 204
    assert client.get_object(Bucket=bucket, Key="in/f.txt")["Body"].read() == b"signed"
    tampered = dict(post["fields"])
    name = "x-amz-signature" if signature_version == "s3v4" else "signature"
    tampered[name] = ("0" * 64) if signature_version == "s3v4" else "AAAAAAAAAAAAAAAAAAAAAAAAAAA="
    status, body = post_form(post["url"], tampered, b"forged")
    assert status == 403 and ET.fromstring(body).findtext("Code") == "SignatureDoesNotMatch"
    other = verifying.client("s3", access_key="AKIDUNKNOWN", secret_key="nope", signature_version=signature_version)
    unknown = other.generate_presigned_post(Bucket=bucket, Key="in/x")
    status, body = post_form(unknown["url"], unknown["fields"], b"who")
    assert status == 403 and ET.fromstring(body).findtext("Code") == "InvalidAccessKeyId"
