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
