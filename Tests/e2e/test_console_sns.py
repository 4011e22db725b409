"""The console's SNS API (`/_stratus/console/api/sns`) against the built binary: topics created by boto3 are listed and
described with the attributes, tags and subscriptions boto3 sees (SQS subscriptions confirmed with their filter
policies, HTTP ones pending), and a message published through the console arrives in a subscribed SQS queue."""
import json
import urllib.parse
import uuid

from console_support import drain, new_queue

CONSOLE = "/_stratus/console"


def q(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def name(prefix="t"):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def api(stratus, path: str, body=None, content_type="application/json"):
    if body is None:
        return stratus.json("GET", f"{CONSOLE}/api/sns{path}")
    return stratus.json("POST", f"{CONSOLE}/api/sns{path}", body=json.dumps(body),
                        headers={"Content-Type": content_type})






def test_topics_are_listed_with_all_their_attributes(stratus):
    sns, sqs = stratus.client("sns"), stratus.client("sqs")
    standard = sns.create_topic(Name=name(), Attributes={"DisplayName": "Orders"})["TopicArn"]
    fifo = sns.create_topic(Name=name() + ".fifo", Attributes={"FifoTopic": "true"})["TopicArn"]
    _, queue_arn = new_queue(sqs)
    sns.subscribe(TopicArn=standard, Protocol="sqs", Endpoint=queue_arn)
    sns.subscribe(TopicArn=standard, Protocol="http", Endpoint="http://127.0.0.1:1/hook")
    status, headers, body = api(stratus, "/topics")
    assert status == 200 and headers["content-type"] == "application/json"
    assert body["truncated"] is False
    listed = {topic["topicArn"]: topic for topic in body["topics"]}
    boto_arns = []
    for page in sns.get_paginator("list_topics").paginate():
        boto_arns += [topic["TopicArn"] for topic in page["Topics"]]
    assert set(boto_arns) <= set(listed) and {standard, fifo} <= set(listed)
    topic = listed[standard]
    assert topic["name"] == standard.rsplit(":", 1)[1]
    assert topic["attributes"] == sns.get_topic_attributes(TopicArn=standard)["Attributes"]
    assert topic["attributes"]["DisplayName"] == "Orders"
    assert topic["attributes"]["SubscriptionsConfirmed"] == "1"
    assert topic["attributes"]["SubscriptionsPending"] == "1"
    assert listed[fifo]["attributes"]["FifoTopic"] == "true"


def test_a_topic_is_described_with_tags_and_subscriptions(stratus):
    sns, sqs = stratus.client("sns"), stratus.client("sqs")
    topic = sns.create_topic(Name=name(), Tags=[{"Key": "team", "Value": "ml"}, {"Key": "stage", "Value": "dev"}])["TopicArn"]
    _, queue_arn = new_queue(sqs)
    policy = json.dumps({"kind": ["model"]})
    confirmed = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn, ReturnSubscriptionArn=True,
                              Attributes={"FilterPolicy": policy, "RawMessageDelivery": "true"})["SubscriptionArn"]
    sns.subscribe(TopicArn=topic, Protocol="http", Endpoint="http://127.0.0.1:1/hook")
    status, _, body = api(stratus, f"/topic?arn={q(topic)}")
    assert status == 200, body
    assert body["topicArn"] == topic and body["name"] == topic.rsplit(":", 1)[1]
    assert body["attributes"] == sns.get_topic_attributes(TopicArn=topic)["Attributes"]
    assert body["tags"] == [{"Key": "stage", "Value": "dev"}, {"Key": "team", "Value": "ml"}]
    assert body["subscriptionsTruncated"] is False
    boto = sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
    assert [{k: v for k, v in s.items() if k != "attributes"} for s in body["subscriptions"]] == boto
    by_protocol = {s["Protocol"]: s for s in body["subscriptions"]}
    sqs_subscription = by_protocol["sqs"]
    assert sqs_subscription["SubscriptionArn"] == confirmed
    assert sqs_subscription["attributes"] == sns.get_subscription_attributes(SubscriptionArn=confirmed)["Attributes"]
    assert json.loads(sqs_subscription["attributes"]["FilterPolicy"]) == {"kind": ["model"]}
    assert sqs_subscription["attributes"]["RawMessageDelivery"] == "true"
    assert sqs_subscription["attributes"]["PendingConfirmation"] == "false"
    http = by_protocol["http"]
    assert http["SubscriptionArn"] == "PendingConfirmation" and "attributes" not in http
    assert http["Endpoint"] == "http://127.0.0.1:1/hook"


def test_an_unknown_topic_is_not_found(stratus):
    missing = "arn:aws:sns:us-east-1:000000000000:" + name("missing")
    status, _, body = api(stratus, f"/topic?arn={q(missing)}")
    assert status == 404 and body["error"] == "NotFound" and body["message"]
    status, _, body = api(stratus, "/publish", {"topicArn": missing, "message": "x"})
    assert status == 404 and body["error"] == "NotFound"
    status, _, body = api(stratus, "/topic")
    assert status == 400 and body["error"] == "ValidationException"


def test_a_published_message_reaches_the_subscribed_queue(stratus):
    sns, sqs = stratus.client("sns"), stratus.client("sqs")
    topic = sns.create_topic(Name=name())["TopicArn"]
    url, queue_arn = new_queue(sqs)
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    status, _, body = api(stratus, "/publish", {"topicArn": topic, "message": "model m1 ready", "subject": "Ready",
                                                "messageAttributes": {"kind": "model"}})
    assert status == 200, body
    assert body["MessageId"] and "SequenceNumber" not in body
    (message,) = drain(sqs, url)
    envelope = json.loads(message["Body"])
    assert envelope["Type"] == "Notification" and envelope["MessageId"] == body["MessageId"]
    assert envelope["Message"] == "model m1 ready" and envelope["Subject"] == "Ready" and envelope["TopicArn"] == topic
    assert envelope["MessageAttributes"]["kind"] == {"Type": "String", "Value": "model"}


def test_a_fifo_topic_needs_a_group_and_delivers_in_it(stratus):
    sns, sqs = stratus.client("sns"), stratus.client("sqs")
    topic = sns.create_topic(Name=name() + ".fifo", Attributes={"FifoTopic": "true"})["TopicArn"]
    url, queue_arn = new_queue(sqs, fifo=True)
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn, Attributes={"RawMessageDelivery": "true"})
    status, _, body = api(stratus, "/publish", {"topicArn": topic, "message": "m"})
    assert status == 400 and body["error"] == "InvalidParameter"
    status, _, body = api(stratus, "/publish", {"topicArn": topic, "message": "first", "messageGroupId": "models",
                                                "messageDeduplicationId": "d-1"})
    assert status == 200, body
    assert body["MessageId"] and len(body["SequenceNumber"]) == 20
    (message,) = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=2, AttributeNames=["MessageGroupId"])["Messages"]
    assert message["Body"] == "first" and message["Attributes"]["MessageGroupId"] == "models"


def test_requests_are_checked(stratus):
    sns = stratus.client("sns")
    topic = sns.create_topic(Name=name())["TopicArn"]
    status, _, body = api(stratus, "/publish", {"topicArn": topic})
    assert status == 400 and body["error"] == "ValidationException"
    status, _, body = api(stratus, "/publish", {"topicArn": topic, "message": "x", "messageAttributes": {"n": 1}})
    assert status == 400 and body["error"] == "ValidationException"
    status, _, body = api(stratus, "/publish", {"topicArn": topic, "message": "x"}, content_type="text/plain")
    assert status == 415
    status, headers, _ = stratus.json("POST", f"{CONSOLE}/api/sns/topics", body="{}",
                                      headers={"Content-Type": "application/json"})
    assert status == 405 and headers["allow"] == "GET"
    status, _, body = api(stratus, "/nothing")
    assert status == 404 and body["error"] == "NotFound"
