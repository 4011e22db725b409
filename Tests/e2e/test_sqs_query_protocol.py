"""SQS over AWS Query (older SDKs: signed form posts, XML answers), the JSON protocol's query-compatible errors, and
the AWS CLI."""
import base64
import hashlib
import json
import urllib.parse

from sqs_support import (ACCOUNT, NON_EXISTENT_QUEUE, SQS_NAMESPACE, json_call, query, queue_arn, unique_name)


def create(stratus, name: str, params: dict | None = None) -> str:
    answer = query(stratus, "CreateQueue", {"QueueName": name, **(params or {})})
    assert answer.status == 200, answer.body
    return answer.text("CreateQueueResult/QueueUrl")


def cli_json(stratus, *args: str) -> dict:
    result = stratus.cli("sqs", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout) if result.stdout.strip() else {}


def test_create_get_list_delete(stratus):
    name = unique_name("query")
    answer = query(stratus, "CreateQueue", {"QueueName": name, "Attribute.1.Name": "VisibilityTimeout",
                                            "Attribute.1.Value": "45", "Tag.1.Key": "team", "Tag.1.Value": "core"})
    assert answer.status == 200 and answer.namespace == SQS_NAMESPACE
    assert answer.root.tag == "CreateQueueResponse"
    url = answer.text("CreateQueueResult/QueueUrl")
    assert url == f"{stratus.endpoint}/{ACCOUNT}/{name}"
    assert answer.text("ResponseMetadata/RequestId")
    assert query(stratus, "GetQueueUrl", {"QueueName": name}).text("GetQueueUrlResult/QueueUrl") == url
    listed = query(stratus, "ListQueues", {"QueueNamePrefix": name})
    assert [e.text for e in listed.all("ListQueuesResult/QueueUrl")] == [url]
    tags = query(stratus, "ListQueueTags", {"QueueUrl": url})
    assert {t.findtext("Key"): t.findtext("Value") for t in tags.all("ListQueueTagsResult/Tag")} == {"team": "core"}
    deleted = query(stratus, "DeleteQueue", {"QueueUrl": url})
    assert deleted.status == 200 and deleted.root.tag == "DeleteQueueResponse"
    assert query(stratus, "GetQueueUrl", {"QueueName": name}).status == 400


def test_legacy_error_codes_in_xml(stratus):
    answer = query(stratus, "GetQueueUrl", {"QueueName": unique_name("missing")})
    assert answer.status == 400
    assert answer.root.tag == "ErrorResponse"
    error = answer.error
    assert error["Type"] == "Sender"
    assert error["Code"] == NON_EXISTENT_QUEUE
    assert error["Message"].startswith("The specified queue does not exist")
    assert answer.text("RequestId")


def test_json_errors_carry_the_query_error_header(stratus):
    status, headers, body = json_call(stratus, "GetQueueUrl", {"QueueName": unique_name("missing")})
    assert status == 400
    assert body["__type"].endswith("QueueDoesNotExist")
    assert headers["x-amzn-query-error"] == f"{NON_EXISTENT_QUEUE};Sender"


def test_queue_attributes(stratus):
    name = unique_name("query")
    url = create(stratus, name)
    answer = query(stratus, "SetQueueAttributes", {"QueueUrl": url, "Attribute.1.Name": "DelaySeconds",
                                                   "Attribute.1.Value": "0", "Attribute.2.Name": "VisibilityTimeout",
                                                   "Attribute.2.Value": "77"})
    assert answer.status == 200, answer.body
    answer = query(stratus, "GetQueueAttributes", {"QueueUrl": url, "AttributeName.1": "VisibilityTimeout",
                                                   "AttributeName.2": "QueueArn"})
    found = {a.findtext("Name"): a.findtext("Value") for a in answer.all("GetQueueAttributesResult/Attribute")}
    assert found == {"VisibilityTimeout": "77", "QueueArn": queue_arn(name)}


def test_send_receive_delete_with_message_attributes(stratus):
    url = create(stratus, unique_name("query"))
    answer = query(stratus, "SendMessage", {
        "QueueUrl": url, "MessageBody": "hello query",
        "MessageAttribute.1.Name": "color", "MessageAttribute.1.Value.DataType": "String",
        "MessageAttribute.1.Value.StringValue": "blue",
        "MessageAttribute.2.Name": "size", "MessageAttribute.2.Value.DataType": "Number",
        "MessageAttribute.2.Value.StringValue": "3",
    })
    assert answer.status == 200, answer.body
    assert answer.root.tag == "SendMessageResponse"
    message_id = answer.text("SendMessageResult/MessageId")
    assert message_id
    assert answer.text("SendMessageResult/MD5OfMessageBody") == hashlib.md5(b"hello query").hexdigest()
    assert answer.text("SendMessageResult/MD5OfMessageAttributes")

    received = query(stratus, "ReceiveMessage", {"QueueUrl": url, "AttributeName.1": "All",
                                                 "MessageAttributeName.1": "All", "MaxNumberOfMessages": "10"})
    messages = received.all("ReceiveMessageResult/Message")
    assert len(messages) == 1
    message = messages[0]
    assert message.findtext("MessageId") == message_id
    assert message.findtext("Body") == "hello query"
    assert message.findtext("MD5OfMessageAttributes") == answer.text("SendMessageResult/MD5OfMessageAttributes")
    system = {a.findtext("Name"): a.findtext("Value") for a in message.findall("Attribute")}
    assert system["ApproximateReceiveCount"] == "1" and "SentTimestamp" in system
    custom = {a.findtext("Name"): (a.findtext("Value/DataType"), a.findtext("Value/StringValue"))
              for a in message.findall("MessageAttribute")}
    assert custom == {"color": ("String", "blue"), "size": ("Number", "3")}

    deleted = query(stratus, "DeleteMessage", {"QueueUrl": url, "ReceiptHandle": message.findtext("ReceiptHandle")})
    assert deleted.status == 200 and deleted.root.tag == "DeleteMessageResponse"
    assert query(stratus, "ReceiveMessage", {"QueueUrl": url}).all("ReceiveMessageResult/Message") == []


def test_request_to_the_queue_path_without_queue_url(stratus):
    name = unique_name("query")
    create(stratus, name)
    answer = query(stratus, "SendMessage", {"MessageBody": "to the path"}, path=f"/{ACCOUNT}/{name}")
    assert answer.status == 200, answer.body
    received = query(stratus, "ReceiveMessage", {}, path=f"/{ACCOUNT}/{name}")
    assert [m.findtext("Body") for m in received.all("ReceiveMessageResult/Message")] == ["to the path"]


def test_batches(stratus):
    url = create(stratus, unique_name("query"))
    answer = query(stratus, "SendMessageBatch", {
        "QueueUrl": url,
        "SendMessageBatchRequestEntry.1.Id": "one", "SendMessageBatchRequestEntry.1.MessageBody": "first",
        "SendMessageBatchRequestEntry.2.Id": "two", "SendMessageBatchRequestEntry.2.MessageBody": "second",
        "SendMessageBatchRequestEntry.2.DelaySeconds": "0",
    })
    assert answer.status == 200, answer.body
    ids = sorted(e.findtext("Id") for e in answer.all("SendMessageBatchResult/SendMessageBatchResultEntry"))
    assert ids == ["one", "two"]
    received = query(stratus, "ReceiveMessage", {"QueueUrl": url, "MaxNumberOfMessages": "10"})
    handles = [m.findtext("ReceiptHandle") for m in received.all("ReceiveMessageResult/Message")]
    assert len(handles) == 2
    params = {"QueueUrl": url}
    for i, handle in enumerate(handles + ["garbage"], start=1):
        params[f"DeleteMessageBatchRequestEntry.{i}.Id"] = f"d{i}"
        params[f"DeleteMessageBatchRequestEntry.{i}.ReceiptHandle"] = handle
    deleted = query(stratus, "DeleteMessageBatch", params)
    assert sorted(e.findtext("Id") for e in deleted.all("DeleteMessageBatchResult/DeleteMessageBatchResultEntry")) \
        == ["d1", "d2"]
    failed = deleted.all("DeleteMessageBatchResult/BatchResultErrorEntry")
    assert [(e.findtext("Id"), e.findtext("Code"), e.findtext("SenderFault")) for e in failed] == \
        [("d3", "ReceiptHandleIsInvalid", "true")]


def test_batch_errors_use_legacy_codes(stratus):
    url = create(stratus, unique_name("query"))
    params = {"QueueUrl": url}
    for i in range(1, 12):
        params[f"SendMessageBatchRequestEntry.{i}.Id"] = f"e{i}"
        params[f"SendMessageBatchRequestEntry.{i}.MessageBody"] = "m"
    answer = query(stratus, "SendMessageBatch", params)
    assert answer.status == 400
    assert answer.error["Code"] == "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"


def test_change_visibility_purge_permissions_and_tags(stratus):
    name = unique_name("query")
    url = create(stratus, name)
    query(stratus, "SendMessage", {"QueueUrl": url, "MessageBody": "m"})
    handle = query(stratus, "ReceiveMessage", {"QueueUrl": url}).text("ReceiveMessageResult/Message/ReceiptHandle")
    answer = query(stratus, "ChangeMessageVisibility", {"QueueUrl": url, "ReceiptHandle": handle,
                                                        "VisibilityTimeout": "0"})
    assert answer.status == 200 and answer.root.tag == "ChangeMessageVisibilityResponse"
    assert query(stratus, "PurgeQueue", {"QueueUrl": url}).status == 200
    answer = query(stratus, "AddPermission", {"QueueUrl": url, "Label": "l1", "AWSAccountId.1": "111111111111",
                                              "ActionName.1": "SendMessage"})
    assert answer.status == 200, answer.body
    policy = query(stratus, "GetQueueAttributes", {"QueueUrl": url, "AttributeName.1": "Policy"})
    values = [a.findtext("Value") for a in policy.all("GetQueueAttributesResult/Attribute")]
    assert [s["Sid"] for s in json.loads(values[0])["Statement"]] == ["l1"]
    assert query(stratus, "RemovePermission", {"QueueUrl": url, "Label": "l1"}).status == 200
    assert query(stratus, "TagQueue", {"QueueUrl": url, "Tag.1.Key": "a", "Tag.1.Value": "1"}).status == 200
    assert query(stratus, "UntagQueue", {"QueueUrl": url, "TagKey.1": "a"}).status == 200
    assert query(stratus, "ListQueueTags", {"QueueUrl": url}).all("ListQueueTagsResult/Tag") == []


def test_queue_url_follows_the_host_header(stratus):
    name = unique_name("query")
    url = query(stratus, "CreateQueue", {"QueueName": name}, host=f"localhost:{stratus.port}") \
        .text("CreateQueueResult/QueueUrl")
    assert url == f"http://localhost:{stratus.port}/{ACCOUNT}/{name}"


def test_aws_cli_round_trip(stratus):
    name = unique_name("cli")
    url = cli_json(stratus, "create-queue", "--queue-name", name, "--attributes", "VisibilityTimeout=40")["QueueUrl"]
    assert url.endswith(f"/{ACCOUNT}/{name}")
    sent = cli_json(stratus, "send-message", "--queue-url", url, "--message-body", "from the cli",
                    "--message-attributes", '{"k": {"DataType": "String", "StringValue": "v"}}')
    assert sent["MD5OfMessageBody"] == hashlib.md5(b"from the cli").hexdigest()
    received = cli_json(stratus, "receive-message", "--queue-url", url, "--message-attribute-names", "All",
                        "--wait-time-seconds", "1")["Messages"]
    assert [m["Body"] for m in received] == ["from the cli"]
    assert received[0]["MessageAttributes"]["k"]["StringValue"] == "v"
    cli_json(stratus, "delete-message", "--queue-url", url, "--receipt-handle", received[0]["ReceiptHandle"])
    found = cli_json(stratus, "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")["Attributes"]
    assert found["VisibilityTimeout"] == "40" and found["ApproximateNumberOfMessages"] == "0"
    assert url in cli_json(stratus, "list-queues", "--queue-name-prefix", name)["QueueUrls"]
    cli_json(stratus, "delete-queue", "--queue-url", url)
    result = stratus.cli("sqs", "get-queue-url", "--queue-name", name)
    assert result.returncode != 0
    assert f"({NON_EXISTENT_QUEUE})" in result.stderr


def test_query_request_to_the_regional_queue_path(stratus):
    name = unique_name("query")
    create(stratus, name)
    answer = query(stratus, "SendMessage", {"MessageBody": "regional path"}, path=f"/queue/us-east-1/{ACCOUNT}/{name}")
    assert answer.status == 200, answer.body
    received = query(stratus, "ReceiveMessage", {"QueueUrl": f"https://sqs.us-east-1.amazonaws.com/{ACCOUNT}/{name}"})
    assert [m.findtext("Body") for m in received.all("ReceiveMessageResult/Message")] == ["regional path"]


def test_change_visibility_batch_and_dead_letter_operations(stratus):
    dlq_name = unique_name("query-dlq")
    dlq = create(stratus, dlq_name)
    redrive = json.dumps({"deadLetterTargetArn": queue_arn(dlq_name), "maxReceiveCount": 1})
    source = create(stratus, unique_name("query-src"), {"Attribute.1.Name": "RedrivePolicy",
                                                        "Attribute.1.Value": redrive})
    sources = query(stratus, "ListDeadLetterSourceQueues", {"QueueUrl": dlq})
    assert [e.text for e in sources.all("ListDeadLetterSourceQueuesResult/QueueUrl")] == [source]

    query(stratus, "SendMessage", {"QueueUrl": source, "MessageBody": "bounce"})
    handle = query(stratus, "ReceiveMessage", {"QueueUrl": source}).text("ReceiveMessageResult/Message/ReceiptHandle")
    answer = query(stratus, "ChangeMessageVisibilityBatch", {
        "QueueUrl": source,
        "ChangeMessageVisibilityBatchRequestEntry.1.Id": "only",
        "ChangeMessageVisibilityBatchRequestEntry.1.ReceiptHandle": handle,
        "ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout": "0",
    })
    assert answer.status == 200, answer.body
    entries = answer.all("ChangeMessageVisibilityBatchResult/ChangeMessageVisibilityBatchResultEntry")
    assert [e.findtext("Id") for e in entries] == ["only"]
    # the second receive exceeds maxReceiveCount=1: the message moves to the dead-letter queue
    assert query(stratus, "ReceiveMessage", {"QueueUrl": source}).all("ReceiveMessageResult/Message") == []
    assert [m.findtext("Body") for m in query(stratus, "ReceiveMessage", {"QueueUrl": dlq, "VisibilityTimeout": "0"})
            .all("ReceiveMessageResult/Message")] == ["bounce"]

    # three messages at one per second: the task is still running when listed (two were sent to the dead-letter
    # queue directly, hence the explicit destination)
    for extra in ("two", "three"):
        query(stratus, "SendMessage", {"QueueUrl": dlq, "MessageBody": extra})
    started = query(stratus, "StartMessageMoveTask", {"SourceArn": queue_arn(dlq_name),
                                                      "DestinationArn": queue_arn(source.rsplit("/", 1)[1]),
                                                      "MaxNumberOfMessagesPerSecond": "1"})
    assert started.status == 200, started.body
    task = started.text("StartMessageMoveTaskResult/TaskHandle")
    assert task
    listed = query(stratus, "ListMessageMoveTasks", {"SourceArn": queue_arn(dlq_name)})
    assert listed.status == 200, listed.body
    results = listed.all("ListMessageMoveTasksResult/ListMessageMoveTasksResultEntry")
    assert len(results) == 1 and results[0].findtext("SourceArn") == queue_arn(dlq_name)
    assert results[0].findtext("Status") == "RUNNING" and results[0].findtext("TaskHandle") == task
    cancelled = query(stratus, "CancelMessageMoveTask", {"TaskHandle": task})
    assert cancelled.status == 200, cancelled.body
    assert int(cancelled.text("CancelMessageMoveTaskResult/ApproximateNumberOfMessagesMoved")) < 3


def test_binary_message_attributes_travel_base64_encoded(stratus):
    url = create(stratus, unique_name("query"))
    payload = b"\x00\x01binary\xff"
    answer = query(stratus, "SendMessage", {
        "QueueUrl": url, "MessageBody": "b",
        "MessageAttribute.1.Name": "blob", "MessageAttribute.1.Value.DataType": "Binary",
        "MessageAttribute.1.Value.BinaryValue": base64.b64encode(payload).decode(),
    })
    assert answer.status == 200, answer.body
    message = query(stratus, "ReceiveMessage", {"QueueUrl": url, "MessageAttributeName.1": "blob"}) \
        .all("ReceiveMessageResult/Message")[0]
    attribute = message.find("MessageAttribute")
    assert attribute.findtext("Name") == "blob"
    assert attribute.findtext("Value/DataType") == "Binary"
    assert base64.b64decode(attribute.findtext("Value/BinaryValue")) == payload
    assert message.findtext("MD5OfMessageAttributes") == answer.text("SendMessageResult/MD5OfMessageAttributes")


def test_query_validation_errors(stratus):
    url = create(stratus, unique_name("query"))
    answer = query(stratus, "ReceiveMessage", {"QueueUrl": url, "MaxNumberOfMessages": "11"})
    assert answer.status == 400
    assert answer.error["Code"] == "InvalidParameterValue" and answer.error["Type"] == "Sender"
    answer = query(stratus, "DeleteMessage", {"QueueUrl": url, "ReceiptHandle": "garbage"})
    assert answer.status == 400 and answer.error["Code"] == "ReceiptHandleIsInvalid"


def test_query_parameters_in_a_get_request(stratus):
    # Some older clients send AWS Query as a signed GET with the parameters in the URL.
    name = unique_name("query-get")
    create(stratus, name)
    parameters = urllib.parse.urlencode({"Action": "SendMessage", "MessageBody": "via GET", "Version": "2012-11-05"})
    status, _, body = stratus.raw("GET", f"/{ACCOUNT}/{name}?{parameters}", sign_service="sqs")
    assert status == 200, body
    received = query(stratus, "ReceiveMessage", {}, path=f"/{ACCOUNT}/{name}")
    assert [m.findtext("Body") for m in received.all("ReceiveMessageResult/Message")] == ["via GET"]
