"""SNS subscribers over HTTP and email, through boto3 and the AWS CLI: the confirmation handshake (the
SubscriptionConfirmation POST, the confirmation email, the SubscribeURL followed with a plain GET, ConfirmSubscription),
notifications with SNS's headers and documents, raw delivery, retries of failed POSTs by the delivery policy (also
across a crash of Stratus), UnsubscribeConfirmation, and plain and JSON email handed to an SMTP server (a sink in
this test)."""
import json
import re
import urllib.request
import uuid

import pytest

from sns_endpoint_support import RecordingEndpoint, SMTPSink
from sqs_support import restart


def name(prefix="t"):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def endpoint():
    server = RecordingEndpoint()
    yield server
    server.close()


@pytest.fixture
def sink():
    server = SMTPSink()
    yield server
    server.close()


def confirmation_of(endpoint, path):
    (got_path, headers, body), = endpoint.wait_for(1, path=path)
    return headers, json.loads(body)


def test_http_subscribers_confirm_then_get_notifications(stratus, endpoint):
    sns = stratus.client("sns")
    topic = sns.create_topic(Name=name())["TopicArn"]
    answer = sns.subscribe(TopicArn=topic, Protocol="http", Endpoint=endpoint.url + "/hook")
    assert answer["SubscriptionArn"] == "pending confirmation"
    headers, document = confirmation_of(endpoint, "/hook")
    assert headers["x-amz-sns-message-type"] == "SubscriptionConfirmation"
    assert headers["x-amz-sns-topic-arn"] == topic
    assert headers["content-type"] == "text/plain; charset=UTF-8"
    assert headers["user-agent"] == "Amazon Simple Notification Service Agent"
    assert document["Type"] == "SubscriptionConfirmation" and document["TopicArn"] == topic
    assert document["MessageId"] == headers["x-amz-sns-message-id"]
    assert set(document) >= {"Token", "Message", "SubscribeURL", "Timestamp", "SignatureVersion", "Signature",
                             "SigningCertURL"}
    listed = sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
    assert [s["SubscriptionArn"] for s in listed] == ["PendingConfirmation"]
    assert sns.get_topic_attributes(TopicArn=topic)["Attributes"]["SubscriptionsPending"] == "1"

    # Nothing is delivered before confirmation.
    sns.publish(TopicArn=topic, Message="too early")

    # The subscriber confirms by visiting the SubscribeURL, as an HTTP endpoint's code does.
    with urllib.request.urlopen(document["SubscribeURL"], timeout=10) as response:
        text = response.read().decode()
    arn = re.search(r"<SubscriptionArn>([^<]+)</SubscriptionArn>", text).group(1)
    assert arn.startswith(topic + ":")
    assert sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"][0]["SubscriptionArn"] == arn
    assert sns.get_subscription_attributes(SubscriptionArn=arn)["Attributes"]["PendingConfirmation"] == "false"

    message_id = sns.publish(TopicArn=topic, Message="hello", Subject="Greeting",
                             MessageAttributes={"kind": {"DataType": "String", "StringValue": "test"}})["MessageId"]
    requests = endpoint.wait_for(2, path="/hook")
    assert len(requests) == 2, "the message published before confirmation must not be delivered"
    _, headers, body = requests[1]
    assert headers["x-amz-sns-message-type"] == "Notification"
    assert headers["x-amz-sns-message-id"] == message_id
    assert headers["x-amz-sns-subscription-arn"] == arn
    notification = json.loads(body)
    assert notification["Type"] == "Notification" and notification["MessageId"] == message_id
    assert notification["Message"] == "hello" and notification["Subject"] == "Greeting"
    assert notification["MessageAttributes"] == {"kind": {"Type": "String", "Value": "test"}}
    assert notification["UnsubscribeURL"].endswith(f"/?Action=Unsubscribe&SubscriptionArn={arn}")

    sns.set_subscription_attributes(SubscriptionArn=arn, AttributeName="RawMessageDelivery", AttributeValue="true")
    sns.publish(TopicArn=topic, Message="raw body")
    _, headers, body = endpoint.wait_for(3, path="/hook")[2]
    assert body == "raw body" and headers["x-amz-sns-rawdelivery"] == "true"

    sns.unsubscribe(SubscriptionArn=arn)
    _, headers, body = endpoint.wait_for(4, path="/hook")[3]
    assert headers["x-amz-sns-message-type"] == "UnsubscribeConfirmation"
    assert json.loads(body)["Type"] == "UnsubscribeConfirmation"
    assert sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"] == []


def test_failed_posts_are_retried_by_the_delivery_policy(stratus, endpoint):
    sns = stratus.client("sns")
    topic = sns.create_topic(Name=name())["TopicArn"]
    policy = {"healthyRetryPolicy": {"numRetries": 3, "numNoDelayRetries": 2, "minDelayTarget": 1, "maxDelayTarget": 1}}
    arn = sns.subscribe(TopicArn=topic, Protocol="http", Endpoint=endpoint.url + "/flaky", ReturnSubscriptionArn=True,
                        Attributes={"DeliveryPolicy": json.dumps(policy)})["SubscriptionArn"]
    _, document = confirmation_of(endpoint, "/flaky")
    sns.confirm_subscription(TopicArn=topic, Token=document["Token"])
    assert sns.get_subscription_attributes(SubscriptionArn=arn)["Attributes"]["PendingConfirmation"] == "false"
    endpoint.failures["/flaky"] = 2
    sns.publish(TopicArn=topic, Message="eventually")
    attempts = endpoint.wait_for(4, path="/flaky")[1:]
    assert [json.loads(body)["Message"] for _, _, body in attempts] == ["eventually"] * 3
    assert len(set(headers["x-amz-sns-message-id"] for _, headers, _ in attempts)) == 1


def test_a_delivery_waiting_for_its_retry_survives_a_crash(fresh_stratus, endpoint):
    server = fresh_stratus()
    sns = server.client("sns")
    topic = sns.create_topic(Name=name())["TopicArn"]
    policy = {"healthyRetryPolicy": {"numRetries": 3, "minDelayTarget": 2, "maxDelayTarget": 2}}
    sns.subscribe(TopicArn=topic, Protocol="http", Endpoint=endpoint.url + "/crash",
                  Attributes={"DeliveryPolicy": json.dumps(policy)})
    _, document = confirmation_of(endpoint, "/crash")
    sns.confirm_subscription(TopicArn=topic, Token=document["Token"])
    endpoint.failures["/crash"] = 1
    sns.publish(TopicArn=topic, Message="survives")
    assert len(endpoint.wait_for(2, path="/crash")) == 2  # the failed first attempt
    server = restart(fresh_stratus, server)  # SIGKILL while the retry waits, then the same data directory
    requests = endpoint.wait_for(3, path="/crash", timeout=20)
    assert len(requests) == 3
    assert json.loads(requests[2][2])["Message"] == "survives"


def test_undeliverable_messages_go_to_the_dead_letter_queue(stratus, endpoint):
    sns, sqs = stratus.client("sns"), stratus.client("sqs")
    topic = sns.create_topic(Name=name())["TopicArn"]
    dlq_url = sqs.create_queue(QueueName=name("dlq"))["QueueUrl"]
    dlq = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    redrive = json.dumps({"deadLetterTargetArn": dlq})
    sns.subscribe(TopicArn=topic, Protocol="http", Endpoint=endpoint.url + "/down", Attributes={
        "RedrivePolicy": redrive, "DeliveryPolicy": json.dumps({"healthyRetryPolicy": {"numRetries": 0}})})
    _, document = confirmation_of(endpoint, "/down")
    sns.confirm_subscription(TopicArn=topic, Token=document["Token"])
    gone_url = sqs.create_queue(QueueName=name("gone"))["QueueUrl"]
    gone = sqs.get_queue_attributes(QueueUrl=gone_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=gone, Attributes={"RedrivePolicy": redrive})
    sqs.delete_queue(QueueUrl=gone_url)
    endpoint.failures["/down"] = 1
    message_id = sns.publish(TopicArn=topic, Message="nobody home")["MessageId"]
    got = []
    for _ in range(10):
        got += sqs.receive_message(QueueUrl=dlq_url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
        if len(got) >= 2:
            break
    assert len(got) == 2
    for message in got:
        envelope = json.loads(message["Body"])
        assert envelope["MessageId"] == message_id and envelope["Message"] == "nobody home"
    with pytest.raises(sns.exceptions.InvalidParameterException) as caught:
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=dlq, Attributes={"RedrivePolicy": "{oops"})
    assert caught.value.response["Error"]["Message"] == "Invalid parameter: RedrivePolicy: failed to parse JSON."


def test_endpoint_checks_and_tokens(stratus):
    sns = stratus.client("sns")
    topic = sns.create_topic(Name=name())["TopicArn"]
    with pytest.raises(sns.exceptions.InvalidParameterException) as caught:
        sns.subscribe(TopicArn=topic, Protocol="https", Endpoint="http://127.0.0.1:1/x")
    assert caught.value.response["Error"]["Message"] == "Invalid parameter: Endpoint must match the specified protocol"
    with pytest.raises(sns.exceptions.InvalidParameterException) as caught:
        sns.confirm_subscription(TopicArn=topic, Token="0" * 64)
    assert caught.value.response["Error"]["Message"] == "Invalid parameter: Token"


def test_email_subscribers_through_an_smtp_server(fresh_stratus, sink):
    server = fresh_stratus("--in-memory", "--smtp", sink.address)
    sns = server.client("sns")
    topic = sns.create_topic(Name=name(), Attributes={"DisplayName": "Build bot"})["TopicArn"]
    assert sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="dev@example.com")["SubscriptionArn"] \
        == "pending confirmation"
    sns.subscribe(TopicArn=topic, Protocol="email-json", Endpoint="hook@example.com")
    confirmations = sink.wait_for(2)
    assert sorted(recipients[0] for _, recipients, _ in confirmations) == ["dev@example.com", "hook@example.com"]
    for sender, _, mail in confirmations:
        assert sender == "no-reply@sns.amazonaws.com"
        assert mail["Subject"] == "AWS Notification - Subscription Confirmation"
        assert mail["From"] == "Build bot <no-reply@sns.amazonaws.com>"
        link = re.search(r"Confirm subscription: (\S+)", mail.get_content()).group(1)
        with urllib.request.urlopen(link, timeout=10) as response:
            assert response.status == 200
    assert sns.get_topic_attributes(TopicArn=topic)["Attributes"]["SubscriptionsConfirmed"] == "2"

    sns.publish(TopicArn=topic, Message="Build 42 passed.\n.dot line stays", Subject="Build passed")
    notifications = sink.wait_for(4)[2:]
    by_recipient = {recipients[0]: mail for _, recipients, mail in notifications}
    plain = by_recipient["dev@example.com"]
    assert plain["Subject"] == "Build passed"
    assert plain.get_content().startswith("Build 42 passed.\n.dot line stays\n\n--\nIf you wish to stop receiving")
    structured = json.loads(by_recipient["hook@example.com"].get_content())
    assert structured["Type"] == "Notification" and structured["Message"] == "Build 42 passed.\n.dot line stays"
    assert structured["Subject"] == "Build passed" and structured["TopicArn"] == topic


def test_http_subscription_with_the_aws_cli(stratus, endpoint):
    topic = json.loads(stratus.cli("sns", "create-topic", "--name", name()).stdout)["TopicArn"]
    result = stratus.cli("sns", "subscribe", "--topic-arn", topic, "--protocol", "http",
                         "--notification-endpoint", endpoint.url + "/cli")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["SubscriptionArn"] == "pending confirmation"
    _, document = confirmation_of(endpoint, "/cli")
    confirmed = stratus.cli("sns", "confirm-subscription", "--topic-arn", topic, "--token", document["Token"])
    assert confirmed.returncode == 0, confirmed.stderr
    arn = json.loads(confirmed.stdout)["SubscriptionArn"]
    assert stratus.cli("sns", "publish", "--topic-arn", topic, "--message", "from the CLI").returncode == 0
    _, _, body = endpoint.wait_for(2, path="/cli")[1]
    assert json.loads(body)["Message"] == "from the CLI"
    assert arn.startswith(topic + ":")
