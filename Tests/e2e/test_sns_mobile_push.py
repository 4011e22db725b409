"""SNS mobile push through boto3 and the AWS CLI: platform applications, device endpoints (one per token), Publish
to an endpoint (the platform's entry of a MessageStructure=json message), topics with `application` subscribers,
AWS's errors, and the notifications Stratus keeps instead of sending, read at GET /_stratus/sns/push."""
import json
import urllib.parse
import uuid

import botocore.exceptions
import pytest


@pytest.fixture
def sns(stratus):
    return stratus.client("sns")


def error_of(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


def sent(stratus, endpoint=None):
    path = "/_stratus/sns/push" + (f"?endpointArn={urllib.parse.quote(endpoint, safe='')}" if endpoint else "")
    status, _, body = stratus.json("GET", path)
    assert status == 200, body
    return body["messages"]


def new_application(sns, platform="GCM", **attributes):
    name = f"app-{uuid.uuid4().hex[:8]}"
    attributes = attributes or {"PlatformCredential": "server-key"}
    arn = sns.create_platform_application(Name=name, Platform=platform, Attributes=attributes)["PlatformApplicationArn"]
    return name, arn


def test_applications(sns):
    name, arn = new_application(sns, "APNS_SANDBOX", PlatformCredential="-----BEGIN PRIVATE KEY-----",
                                PlatformPrincipal="-----BEGIN CERTIFICATE-----", EventEndpointCreated="")
    assert arn.endswith(f":app/APNS_SANDBOX/{name}")
    attributes = sns.get_platform_application_attributes(PlatformApplicationArn=arn)["Attributes"]
    assert attributes["Enabled"] == "true"
    assert "PlatformCredential" not in attributes and "PlatformPrincipal" not in attributes  # never shown
    sns.set_platform_application_attributes(PlatformApplicationArn=arn, Attributes={"SuccessFeedbackSampleRate": "50"})
    assert sns.get_platform_application_attributes(PlatformApplicationArn=arn)["Attributes"]["SuccessFeedbackSampleRate"] == "50"
    listed = sns.list_platform_applications()["PlatformApplications"]
    assert arn in [application["PlatformApplicationArn"] for application in listed]

    assert error_of(sns.create_platform_application, Name=name, Platform="FAX", Attributes={"PlatformCredential": "k"}) == (
        "InvalidParameter", "Invalid parameter: Platform Reason: FAX is not supported")
    assert error_of(sns.create_platform_application, Name="x", Platform="APNS", Attributes={"PlatformCredential": "k"}) == (
        "InvalidParameter", "Invalid parameter: Attributes Reason: PlatformPrincipal attribute required.")
    assert error_of(sns.create_platform_application, Name="x", Platform="GCM", Attributes={"EventEndpointCreated": ""}) == (
        "InvalidParameter", "Invalid parameter: Attributes Reason: PlatformCredential attribute required.")
    # An empty map is no map at all in the query protocol: the required member is missing.
    assert error_of(sns.create_platform_application, Name="x", Platform="GCM", Attributes={}) == (
        "ValidationError", "1 validation error detected: Value null at 'attributes' failed to satisfy constraint: "
                           "Member must not be null")
    assert error_of(sns.create_platform_application, Name="bad name", Platform="GCM",
                    Attributes={"PlatformCredential": "k"})[0] == "InvalidParameter"
    assert error_of(sns.set_platform_application_attributes, PlatformApplicationArn=arn,
                    Attributes={"Colour": "red"})[0] == "InvalidParameter"

    sns.delete_platform_application(PlatformApplicationArn=arn)
    assert error_of(sns.get_platform_application_attributes, PlatformApplicationArn=arn) == (
        "NotFound", "PlatformApplication does not exist")
    sns.delete_platform_application(PlatformApplicationArn=arn)  # deleting again succeeds


def test_endpoints_are_one_per_token(sns):
    name, application = new_application(sns)
    endpoint = sns.create_platform_endpoint(PlatformApplicationArn=application, Token="device-1",
                                            CustomUserData="user 7")["EndpointArn"]
    assert f":endpoint/GCM/{name}/" in endpoint
    assert sns.get_endpoint_attributes(EndpointArn=endpoint)["Attributes"] == {
        "Token": "device-1", "Enabled": "true", "CustomUserData": "user 7"}
    # The same token with the same attributes is the same endpoint; with others it is refused.
    assert sns.create_platform_endpoint(PlatformApplicationArn=application, Token="device-1",
                                        CustomUserData="user 7")["EndpointArn"] == endpoint
    assert error_of(sns.create_platform_endpoint, PlatformApplicationArn=application, Token="device-1",
                    CustomUserData="user 8") == (
        "InvalidParameter",
        f"Invalid parameter: Token Reason: Endpoint {endpoint} already exists with the same Token, but different attributes.")
    other = sns.create_platform_endpoint(PlatformApplicationArn=application, Token="device-2")["EndpointArn"]
    assert error_of(sns.set_endpoint_attributes, EndpointArn=other, Attributes={"Token": "device-1"})[0] == "InvalidParameter"

    sns.set_endpoint_attributes(EndpointArn=endpoint, Attributes={"Enabled": "false", "Token": "device-1b"})
    assert sns.get_endpoint_attributes(EndpointArn=endpoint)["Attributes"]["Token"] == "device-1b"
    listed = sns.list_endpoints_by_platform_application(PlatformApplicationArn=application)["Endpoints"]
    assert sorted(e["EndpointArn"] for e in listed) == sorted([endpoint, other])
    assert error_of(sns.set_endpoint_attributes, EndpointArn=endpoint, Attributes={"Enabled": "maybe"})[0] == "InvalidParameter"

    sns.delete_endpoint(EndpointArn=other)
    assert error_of(sns.get_endpoint_attributes, EndpointArn=other) == ("NotFound", "Endpoint does not exist")
    sns.delete_endpoint(EndpointArn=other)  # deleting again succeeds
    sns.delete_platform_application(PlatformApplicationArn=application)
    assert error_of(sns.get_endpoint_attributes, EndpointArn=endpoint)[0] == "NotFound"
    assert error_of(sns.create_platform_endpoint, PlatformApplicationArn=application, Token="device-3") == (
        "NotFound", "PlatformApplication does not exist")


def test_publish_to_an_endpoint(stratus, sns):
    _, application = new_application(sns)
    endpoint = sns.create_platform_endpoint(PlatformApplicationArn=application, Token="device-9")["EndpointArn"]
    plain = sns.publish(TargetArn=endpoint, Message="hello")["MessageId"]
    gcm = json.dumps({"notification": {"title": "Hi", "body": "there"}})
    structured = sns.publish(TargetArn=endpoint, MessageStructure="json",
                             Message=json.dumps({"default": "fallback", "GCM": gcm}))["MessageId"]
    apns_only = sns.publish(TargetArn=endpoint, MessageStructure="json",
                            Message=json.dumps({"default": "fallback", "APNS": "{}"}))["MessageId"]
    messages = sent(stratus, endpoint)
    assert [(m["messageId"], m["message"]) for m in messages] == [(plain, "hello"), (structured, gcm), (apns_only, "fallback")]
    assert all(m["platform"] == "GCM" and m["token"] == "device-9" and m["topicArn"] is None for m in messages)

    sns.set_endpoint_attributes(EndpointArn=endpoint, Attributes={"Enabled": "false"})
    assert error_of(sns.publish, TargetArn=endpoint, Message="nope") == ("EndpointDisabled", "Endpoint is disabled")
    assert len(sent(stratus, endpoint)) == 3
    missing = endpoint[:-4] + "0000"
    assert error_of(sns.publish, TargetArn=missing, Message="x") == ("NotFound", "Endpoint does not exist")


def test_topic_with_application_subscribers(stratus, sns):
    _, application = new_application(sns)
    on = sns.create_platform_endpoint(PlatformApplicationArn=application, Token="on")["EndpointArn"]
    off = sns.create_platform_endpoint(PlatformApplicationArn=application, Token="off",
                                       Attributes={"Enabled": "false"})["EndpointArn"]
    topic = sns.create_topic(Name=f"push-{uuid.uuid4().hex[:8]}")["TopicArn"]
    for endpoint in (on, off):
        subscription = sns.subscribe(TopicArn=topic, Protocol="application", Endpoint=endpoint)["SubscriptionArn"]
        assert subscription.startswith(topic + ":")  # confirmed at once
    published = sns.publish(TopicArn=topic, Message="to everyone")["MessageId"]
    assert [(m["messageId"], m["message"], m["topicArn"]) for m in sent(stratus, on)] == [(published, "to everyone", topic)]
    assert sent(stratus, off) == []
    code, message = error_of(sns.subscribe, TopicArn=topic, Protocol="application", Endpoint="not-an-arn")
    assert code == "InvalidParameter" and "not a platform endpoint ARN" in message


def test_cli(stratus, sns):
    name = f"cli-{uuid.uuid4().hex[:8]}"
    created = stratus.cli("sns", "create-platform-application", "--name", name, "--platform", "GCM",
                          "--attributes", "PlatformCredential=server-key")
    assert created.returncode == 0, created.stderr
    application = json.loads(created.stdout)["PlatformApplicationArn"]
    endpoint = stratus.cli("sns", "create-platform-endpoint", "--platform-application-arn", application, "--token", "cli-device")
    assert endpoint.returncode == 0, endpoint.stderr
    endpoint_arn = json.loads(endpoint.stdout)["EndpointArn"]
    published = stratus.cli("sns", "publish", "--target-arn", endpoint_arn, "--message", "from the CLI")
    assert published.returncode == 0, published.stderr
    assert [m["message"] for m in sent(stratus, endpoint_arn)] == ["from the CLI"]
    listed = stratus.cli("sns", "list-endpoints-by-platform-application", "--platform-application-arn", application)
    assert [e["EndpointArn"] for e in json.loads(listed.stdout)["Endpoints"]] == [endpoint_arn]
    missing = stratus.cli("sns", "get-endpoint-attributes", "--endpoint-arn", endpoint_arn + "x")
    assert missing.returncode != 0 and "NotFound" in missing.stderr
