"""Routing and the error shapes of the four wire protocols, seen through boto3, the AWS CLI and raw HTTP.

Services without an implementation yet still have every operation routed, decoded, validated, and answered with
HTTP 501 `NotImplemented` in their own protocol, which is what these tests observe. (SQS, Step Functions, DynamoDB,
Lambda, S3, SNS and EventBridge are implemented: their routing is shown here by their own errors; their behaviour by their own tests.)
"""
import json
import xml.etree.ElementTree as ET

import botocore.exceptions
import pytest

NOT_IMPLEMENTED = "NotImplemented"

BOTO3_CALLS = [
    # (boto3 service, method, kwargs, serviceId, operation) — one per protocol family and service
    ("events", "list_endpoints", {}, "EventBridge", "ListEndpoints"),
    ("events", "describe_event_source", {"Name": "aws.partner/example.com/source"}, "EventBridge", "DescribeEventSource"),
    ("s3", "get_bucket_analytics_configuration", {"Bucket": "my-bucket", "Id": "analytics"}, "S3",
     "GetBucketAnalyticsConfiguration"),
    ("s3", "put_bucket_metrics_configuration", {"Bucket": "my-bucket", "Id": "metrics", "MetricsConfiguration": {
        "Id": "metrics", "Filter": {"Prefix": "logs/"}}}, "S3", "PutBucketMetricsConfiguration"),
]


@pytest.mark.parametrize("service,method,kwargs,service_id,operation", BOTO3_CALLS)
def test_boto3_operations_are_routed_and_answered_in_their_protocol(stratus, service, method, kwargs, service_id,
                                                                      operation):
    client = stratus.client(service)
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        getattr(client, method)(**kwargs)
    error = caught.value.response
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 501
    assert error["Error"]["Code"] == NOT_IMPLEMENTED
    assert error["Error"]["Message"] == f"The operation {operation} of service {service_id} is not implemented by Stratus."
    assert error["ResponseMetadata"]["RequestId"]


IMPLEMENTED_CALLS = [
    # (boto3 service, method, kwargs, error code, HTTP status): one per implemented service and protocol family
    ("stepfunctions", "describe_activity", {"activityArn": "arn:aws:states:us-east-1:000000000000:activity:none"},
     "ActivityDoesNotExist", 400),
    ("dynamodb", "describe_table", {"TableName": "no-such-table"}, "ResourceNotFoundException", 400),
    ("lambda", "get_function", {"FunctionName": "no-such-function"}, "ResourceNotFoundException", 404),
    ("sqs", "get_queue_url", {"QueueName": "no-such-queue"}, "AWS.SimpleQueueService.NonExistentQueue", 400),
    ("s3", "list_objects_v2", {"Bucket": "no-such-bucket"}, "NoSuchBucket", 404),
    ("sns", "get_topic_attributes", {"TopicArn": "arn:aws:sns:us-east-1:000000000000:none"}, "NotFound", 404),
    ("events", "describe_rule", {"Name": "no-such-rule"}, "ResourceNotFoundException", 400),
    ("s3", "get_object", {"Bucket": "no-such-bucket", "Key": "a/b c.txt"}, "NoSuchBucket", 404),
]


@pytest.mark.parametrize("service,method,kwargs,code,status", IMPLEMENTED_CALLS)
def test_implemented_services_are_routed_to_their_handlers(stratus, service, method, kwargs, code, status):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        getattr(stratus.client(service), method)(**kwargs)
    assert caught.value.response["Error"]["Code"] == code
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == status


def test_s3_put_object_with_aws_chunked_body_is_decoded(stratus):
    # boto3 sends PutObject as an aws-chunked body with a trailing CRC checksum by default.
    client = stratus.client("s3")
    client.create_bucket(Bucket="chunked-body")
    body = b"hello world" * 1000
    put = client.put_object(Bucket="chunked-body", Key="k", Body=body)
    assert put["ChecksumCRC32"]
    assert client.get_object(Bucket="chunked-body", Key="k")["Body"].read() == body


CLI_CALLS = [
    (["events", "list-endpoints"], "ListEndpoints"),
    (["s3api", "get-bucket-analytics-configuration", "--bucket", "my-bucket", "--id", "analytics"],
     "GetBucketAnalyticsConfiguration"),
]


@pytest.mark.parametrize("args,operation", CLI_CALLS)
def test_aws_cli_sees_aws_style_errors(stratus, args, operation):
    result = stratus.cli(*args)
    assert result.returncode != 0
    assert f"An error occurred (NotImplemented) when calling the {operation} operation" in result.stderr


def test_model_validation_runs_before_the_handler(stratus):
    client = stratus.client("dynamodb", parameter_validation=False)
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        client.get_item(TableName="t")
    error = caught.value.response["Error"]
    assert error["Code"] == "ValidationException"
    assert error["Message"] == (
        "1 validation error detected: Value null at 'key' failed to satisfy constraint: Member must not be null"
    )


# Raw HTTP: what the SDKs never send --------------------------------------------------------------------------------

def json_headers(target: str, version: str = "1.0") -> dict:
    return {"Content-Type": f"application/x-amz-json-{version}", "X-Amz-Target": target}


def test_json_unknown_operation(stratus):
    status, headers, body = stratus.raw("POST", "/", "{}", json_headers("DynamoDB_20120810.NoSuchThing"),
                                        sign_service="dynamodb")
    assert status == 400
    assert json.loads(body)["__type"].endswith("UnknownOperationException")
    assert headers.get("x-amzn-requestid")


@pytest.mark.parametrize("body", ["{not json", "[1, 2]", "\xff\xfe", '{"TableName": 5}'])
def test_json_malformed_body_is_a_serialization_error(stratus, body):
    status, _, payload = stratus.raw("POST", "/", body, json_headers("DynamoDB_20120810.DescribeTable"),
                                     sign_service="dynamodb")
    assert status == 400
    assert json.loads(payload)["__type"].endswith("SerializationException")


def query_error(body: bytes) -> dict:
    root = ET.fromstring(body)
    ns = {"": root.tag.split("}")[0].strip("{")} if root.tag.startswith("{") else {}
    error = root.find("Error", ns)
    return {child.tag.split("}")[-1]: child.text for child in error}


def test_query_unknown_action(stratus):
    status, _, body = stratus.raw("POST", "/", "Action=NoSuchAction&Version=2010-03-31",
                                  {"Content-Type": "application/x-www-form-urlencoded"}, sign_service="sns")
    assert status == 400
    error = query_error(body)
    assert error["Code"] == "InvalidAction" and error["Type"] == "Sender"


def test_query_missing_action(stratus):
    status, _, body = stratus.raw("POST", "/", "Version=2010-03-31",
                                  {"Content-Type": "application/x-www-form-urlencoded"}, sign_service="sns")
    assert status == 400
    assert query_error(body)["Code"] == "MissingAction"


def test_sqs_query_protocol_of_older_sdks(stratus):
    # Older SDKs send SQS requests form-encoded to the queue URL; the SQS JSON model still routes them, and the
    # answer is AWS Query XML with SQS's legacy error code.
    status, _, body = stratus.raw(
        "POST", "/000000000000/no-such-queue", "Action=SendMessage&MessageBody=hi&Version=2012-11-05",
        {"Content-Type": "application/x-www-form-urlencoded"}, sign_service="sqs")
    assert status == 400
    error = query_error(body)
    assert error["Code"] == "AWS.SimpleQueueService.NonExistentQueue"
    assert error["Type"] == "Sender"


def test_signing_service_splits_sns_from_sqs(stratus):
    # AddPermission exists in both SNS and SQS (query); the credential scope decides.
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    sns_form = ("Action=AddPermission&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3At"
                "&Label=l&AWSAccountId.member.1=000000000000&ActionName.member.1=Publish")
    status, _, body = stratus.raw("POST", "/", sns_form, headers, sign_service="sns")
    # SNS answers: the topic does not exist (SQS would name a queue).
    assert status == 404 and query_error(body)["Code"] == "NotFound"
    assert query_error(body)["Message"] == "Topic does not exist"
    sqs_form = ("Action=AddPermission&Version=2012-11-05&QueueUrl=http%3A%2F%2Flocalhost%2F000000000000%2Fq"
                "&Label=l&AWSAccountId.1=000000000000&ActionName.1=SendMessage")
    status, _, body = stratus.raw("POST", "/000000000000/q", sqs_form, headers, sign_service="sqs")
    assert status == 400 and query_error(body)["Code"] == "AWS.SimpleQueueService.NonExistentQueue"


def test_lambda_rest_json_error_shape(stratus):
    status, headers, body = stratus.raw("GET", "/2015-03-31/functions/no-such-function", sign_service="lambda")
    assert status == 404
    assert headers["x-amzn-errortype"].startswith("ResourceNotFoundException")
    document = json.loads(body)
    assert document["Type"] == "User"
    assert "no-such-function" in document["Message"]


def test_s3_error_shape_and_virtual_host_addressing(stratus):
    status, headers, body = stratus.raw("GET", "/some/key.txt", headers={"Host": f"my-bucket.s3.localhost:{stratus.port}"},
                                        sign_service="s3")
    assert status == 404
    root = ET.fromstring(body)
    assert root.tag == "Error"
    assert root.findtext("Code") == "NoSuchBucket"
    assert root.findtext("BucketName") == "my-bucket"
    assert root.findtext("RequestId") == headers.get("x-amz-request-id")


def test_unsigned_garbage_gets_an_error_not_a_hang(stratus):
    for method, path, body, headers in [
        ("POST", "/", b"\x00\x01\x02", {}),
        ("PATCH", "/", b"", {}),
        ("GET", "/%zz", b"", {}),
        ("POST", "/", b"{}", {"Content-Type": "application/x-amz-json-1.0"}),
        ("POST", "/", b"{}", {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "NoSuchPrefix.Op"}),
    ]:
        status, _, _ = stratus.raw(method, path, body, headers)
        assert 400 <= status < 600, (method, path, status)


def test_query_request_missing_a_required_member_is_a_validation_error(stratus):
    # SNS checks its input itself (no model validation first); what its typed input cannot hold is still the
    # caller's mistake, answered 400 like AWS's model validation, not 500.
    status, _, body = stratus.raw("POST", "/", b"Action=CreateTopic&Version=2010-03-31",
                                  {"Content-Type": "application/x-www-form-urlencoded"}, sign_service="sns")
    assert status == 400
    error = query_error(body)
    assert error["Code"] == "ValidationError" and error["Type"] == "Sender"
    assert error["Message"] == ("1 validation error detected: Value null at 'name' failed to satisfy constraint: "
                                "Member must not be null")
