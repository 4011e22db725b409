"""The console's SQS API (`/_stratus/console/api/sqs`) against the built binary: queues created by boto3 are listed
and described with the attributes, tags and dead-letter sources boto3 sees, and the send route's messages are the
ones boto3 receives. Looking never receives (no message goes in flight)."""
import hashlib
import json
import urllib.parse

from sqs_support import NON_EXISTENT_QUEUE, queue_arn, unique_name

CONSOLE = "/_stratus/console"


def q(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def api(stratus, path: str, body=None):
    if body is None:
        return stratus.json("GET", f"{CONSOLE}/api/sqs{path}")
    return stratus.json("POST", f"{CONSOLE}/api/sqs{path}", body=json.dumps(body),
                        headers={"Content-Type": "application/json"})


def test_queues_are_listed_with_all_their_attributes(stratus, sqs):
    url = sqs.create_queue(QueueName=unique_name("console"), Attributes={"VisibilityTimeout": "40"})["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="a")
    sqs.send_message(QueueUrl=url, MessageBody="b", DelaySeconds=60)
    status, headers, body = api(stratus, "/queues")
    assert status == 200 and headers["content-type"] == "application/json"
    assert body["truncated"] is False
    listed = {queue["url"]: queue for queue in body["queues"]}
    assert set(sqs.list_queues(MaxResults=1000).get("QueueUrls", [])) <= set(listed)
    queue = listed[url]
    assert queue["name"] == url.rsplit("/", 1)[1]
    expected = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert queue["attributes"] == expected
    assert queue["attributes"]["ApproximateNumberOfMessages"] == "1"
    assert queue["attributes"]["ApproximateNumberOfMessagesDelayed"] == "1"


def test_a_queue_is_described_with_tags_and_dead_letter_sources(stratus, sqs):
    dead = unique_name("dead")
    dead_url = sqs.create_queue(QueueName=dead)["QueueUrl"]
    policy = json.dumps({"deadLetterTargetArn": queue_arn(dead), "maxReceiveCount": 2})
    source_url = sqs.create_queue(QueueName=unique_name("source"), Attributes={"RedrivePolicy": policy},
                                  tags={"team": "ml"})["QueueUrl"]
    status, _, body = api(stratus, f"/queue?url={q(dead_url)}")
    assert status == 200, body
    assert body["url"] == dead_url and body["name"] == dead
    assert body["deadLetterSourceQueues"] == [source_url]
    assert body["tags"] == {}
    status, _, body = api(stratus, f"/queue?url={q(source_url)}")
    assert body["tags"] == {"team": "ml"}
    assert json.loads(body["attributes"]["RedrivePolicy"]) == {"deadLetterTargetArn": queue_arn(dead),
                                                               "maxReceiveCount": 2}
    assert body["deadLetterSourceQueues"] == []


def test_send_to_standard_and_fifo_queues(stratus, sqs):
    url = sqs.create_queue(QueueName=unique_name("send"))["QueueUrl"]
    status, _, sent = api(stratus, "/send", {"url": url, "body": "hello console"})
    assert status == 200, sent
    assert sent["MD5OfMessageBody"] == hashlib.md5(b"hello console").hexdigest()
    # Looking at the queue does not receive.
    api(stratus, f"/queue?url={q(url)}")
    api(stratus, "/queues")
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert attributes["ApproximateNumberOfMessages"] == "1"
    assert attributes["ApproximateNumberOfMessagesNotVisible"] == "0"
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    assert [(m["MessageId"], m["Body"]) for m in messages] == [(sent["MessageId"], "hello console")]

    fifo = sqs.create_queue(QueueName=unique_name("send", fifo=True), Attributes={"FifoQueue": "true"})["QueueUrl"]
    request = {"url": fifo, "body": "ordered", "messageGroupId": "g", "messageDeduplicationId": "d"}
    status, _, first = api(stratus, "/send", request)
    assert status == 200 and first["SequenceNumber"]
    status, _, again = api(stratus, "/send", request)
    assert again["MessageId"] == first["MessageId"]
    messages = sqs.receive_message(QueueUrl=fifo, MaxNumberOfMessages=10, AttributeNames=["MessageGroupId"])["Messages"]
    assert [(m["Body"], m["Attributes"]["MessageGroupId"]) for m in messages] == [("ordered", "g")]


def test_errors(stratus, sqs):
    missing = f"{stratus.endpoint}/000000000000/{unique_name('missing')}"
    status, _, body = api(stratus, f"/queue?url={q(missing)}")
    assert status == 400 and body["error"] in ("QueueDoesNotExist", NON_EXISTENT_QUEUE)
    status, _, body = api(stratus, "/send", {"url": missing, "body": "x"})
    assert status == 400 and body["error"] in ("QueueDoesNotExist", NON_EXISTENT_QUEUE)
    status, _, body = api(stratus, "/queue")
    assert status == 400 and body["error"] == "ValidationException"
    status, _, body = api(stratus, "/send", {"body": "x"})
    assert status == 400 and body["error"] == "ValidationException"
    status, headers, _ = stratus.json("POST", f"{CONSOLE}/api/sqs/queues", body="{}",
                                      headers={"Content-Type": "application/json"})
    assert status == 405 and headers["allow"] == "GET"
    status, headers, _ = stratus.json("GET", f"{CONSOLE}/api/sqs/send")
    assert status == 405 and headers["allow"] == "POST"
    status, _, body = api(stratus, "/receive")
    assert status == 404 and body["error"] == "NotFound"


def test_a_dead_letter_queue_is_redriven_to_its_source(stratus, sqs):
    """POST /redrive starts a message move task from the dead-letter queue back to its source; the queue's answer lists
    the move tasks as ListMessageMoveTasks does, and a queue that is not a dead-letter queue gets SQS's error."""
    dlq = sqs.create_queue(QueueName=unique_name("dlq"))["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    source = sqs.create_queue(QueueName=unique_name("src"), Attributes={
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "1"})})["QueueUrl"]
    assert api(stratus, f"/queue?url={q(dlq)}")[2]["moveTasks"] == []
    sqs.send_message(QueueUrl=source, MessageBody="poison")
    sqs.receive_message(QueueUrl=source, VisibilityTimeout=0)
    assert sqs.receive_message(QueueUrl=source, WaitTimeSeconds=0).get("Messages") is None  # moved to the DLQ
    assert sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["ApproximateNumberOfMessages"])["Attributes"] == {
        "ApproximateNumberOfMessages": "1"}
    status, _, started = api(stratus, "/redrive", {"url": dlq})
    assert status == 200 and started["TaskHandle"], started
    got = []
    for _ in range(20):
        got = sqs.receive_message(QueueUrl=source, WaitTimeSeconds=1).get("Messages", [])
        if got:
            break
    assert [m["Body"] for m in got] == ["poison"]
    described = api(stratus, f"/queue?url={q(dlq)}")[2]
    assert described["moveTasks"] == sqs.list_message_move_tasks(SourceArn=dlq_arn)["Results"]
    # A finished task has no handle any more (SQS lists one only while it runs).
    (task,) = described["moveTasks"]
    assert (task["Status"], task["ApproximateNumberOfMessagesMoved"], task["SourceArn"]) == ("COMPLETED", 1, dlq_arn)
    # The source queue is no dead-letter queue: SQS's own error.
    status, _, refused = api(stratus, "/redrive", {"url": source})
    assert status == 400 and refused["error"] in ("InvalidParameterValue", "InvalidParameterValueException"), refused
    assert api(stratus, "/redrive")[0] == 405
