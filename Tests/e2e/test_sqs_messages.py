"""SQS messages through boto3 (AWS JSON): send, receive, delete, visibility, delays, MD5s, long polling, limits.

boto3 verifies MD5OfMessageBody and MD5OfMessageAttributes on SendMessage, SendMessageBatch and ReceiveMessage and
raises on a mismatch, so every successful call with attributes is a check of the server's digests.
"""
import hashlib
import threading
import time

import pytest

from sqs_support import NON_EXISTENT_QUEUE, assert_error, client_error, counts, receive_all, unique_name

ALL_TYPES = {
    "text": {"DataType": "String", "StringValue": "héllo wörld ✓"},
    "count": {"DataType": "Number", "StringValue": "-12.5e3"},
    "blob": {"DataType": "Binary", "BinaryValue": b"\x00\x01\xfe\xff binary"},
    "custom-string": {"DataType": "String.custom", "StringValue": "with a custom type"},
    "custom.number": {"DataType": "Number.int", "StringValue": "42"},
    "picture": {"DataType": "Binary.png", "BinaryValue": b"\x89PNG"},
}


def test_send_receive_delete(sqs, queue):
    sent = sqs.send_message(QueueUrl=queue, MessageBody="hello")
    assert sent["MD5OfMessageBody"] == hashlib.md5(b"hello").hexdigest()
    assert sent["MessageId"]
    assert counts(sqs, queue) == (1, 0, 0)
    messages = sqs.receive_message(QueueUrl=queue)["Messages"]
    assert len(messages) == 1
    message = messages[0]
    assert message["MessageId"] == sent["MessageId"]
    assert message["Body"] == "hello"
    assert message["MD5OfBody"] == sent["MD5OfMessageBody"]
    assert message["ReceiptHandle"]
    assert counts(sqs, queue) == (0, 1, 0)
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])
    assert counts(sqs, queue) == (0, 0, 0)
    assert "Messages" not in sqs.receive_message(QueueUrl=queue)


def test_message_attributes_of_every_type_round_trip_with_aws_digests(sqs, queue):
    sent = sqs.send_message(QueueUrl=queue, MessageBody="typed", MessageAttributes=ALL_TYPES)
    assert sent["MD5OfMessageAttributes"]
    message = sqs.receive_message(QueueUrl=queue, MessageAttributeNames=["All"])["Messages"][0]
    assert message["MD5OfMessageAttributes"] == sent["MD5OfMessageAttributes"]
    assert message["MessageAttributes"] == ALL_TYPES


def test_message_attribute_digest_matches_the_documented_algorithm(sqs, queue):
    # AWS's algorithm: for each attribute sorted by name, length-prefixed (4-byte big-endian) name, type, then a
    # transport byte (1 string, 2 binary) and the length-prefixed value; MD5 of the concatenation.
    def encode(value: bytes) -> bytes:
        return len(value).to_bytes(4, "big") + value

    attrs = {"b": {"DataType": "String", "StringValue": "x"}, "a": {"DataType": "Binary", "BinaryValue": b"\x01"}}
    expected = hashlib.md5(encode(b"a") + encode(b"Binary") + b"\x02" + encode(b"\x01")
                           + encode(b"b") + encode(b"String") + b"\x01" + encode(b"x")).hexdigest()
    assert sqs.send_message(QueueUrl=queue, MessageBody="m", MessageAttributes=attrs)["MD5OfMessageAttributes"] \
        == expected


def test_receive_filters_message_attributes_by_name_and_prefix(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="m", MessageAttributes=ALL_TYPES)
    message = sqs.receive_message(QueueUrl=queue, MessageAttributeNames=["text", "custom.*"],
                                  VisibilityTimeout=0)["Messages"][0]
    assert set(message["MessageAttributes"]) == {"text", "custom.number"}
    message = sqs.receive_message(QueueUrl=queue, VisibilityTimeout=0)["Messages"][0]
    assert "MessageAttributes" not in message


def test_system_attributes(sqs, queue):
    before = int(time.time() * 1000)
    trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"
    sent = sqs.send_message(QueueUrl=queue, MessageBody="m",
                            MessageSystemAttributes={"AWSTraceHeader": {"DataType": "String", "StringValue": trace}})
    assert sent["MD5OfMessageSystemAttributes"]
    first = sqs.receive_message(QueueUrl=queue, MessageSystemAttributeNames=["All"], VisibilityTimeout=0)["Messages"][0]
    found = first["Attributes"]
    assert found["AWSTraceHeader"] == trace
    assert found["ApproximateReceiveCount"] == "1"
    assert before - 1000 <= int(found["SentTimestamp"]) <= int(time.time() * 1000) + 1000
    assert int(found["ApproximateFirstReceiveTimestamp"]) >= int(found["SentTimestamp"])
    assert found["SenderId"]
    second = sqs.receive_message(QueueUrl=queue, MessageSystemAttributeNames=["ApproximateReceiveCount"])["Messages"][0]
    assert second["Attributes"] == {"ApproximateReceiveCount": "2"}
    assert second["ReceiptHandle"] != first["ReceiptHandle"]


def test_receive_up_to_ten(sqs, queue):
    for i in range(15):
        sqs.send_message(QueueUrl=queue, MessageBody=f"m{i}")
    received = sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10)["Messages"]
    assert 1 <= len(received) <= 10
    rest = receive_all(sqs, queue)
    assert sorted(m["Body"] for m in received + rest) == sorted(f"m{i}" for i in range(15))


@pytest.mark.parametrize("count", [0, 11])
def test_max_number_of_messages_out_of_range(sqs, queue, count):
    response = client_error(sqs.receive_message, QueueUrl=queue, MaxNumberOfMessages=count)
    assert_error(response, "InvalidParameterValue",
                 f"Value {count} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, "
                 "if provided.")


def test_wait_time_out_of_range(sqs, queue):
    response = client_error(sqs.receive_message, QueueUrl=queue, WaitTimeSeconds=21)
    assert_error(response, "InvalidParameterValue")


def test_visibility_timeout_hides_then_reveals(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="m")
    first = sqs.receive_message(QueueUrl=queue, VisibilityTimeout=1)["Messages"][0]
    assert "Messages" not in sqs.receive_message(QueueUrl=queue)
    time.sleep(1.2)
    second = sqs.receive_message(QueueUrl=queue, MessageSystemAttributeNames=["ApproximateReceiveCount"])["Messages"][0]
    assert second["MessageId"] == first["MessageId"]
    assert second["Attributes"]["ApproximateReceiveCount"] == "2"


def test_stale_receipt_handle_does_not_delete(sqs, queue):
    # AWS: deleting with a receipt handle from an earlier receive succeeds but leaves the message in the queue.
    sqs.send_message(QueueUrl=queue, MessageBody="m")
    stale = sqs.receive_message(QueueUrl=queue, VisibilityTimeout=0)["Messages"][0]["ReceiptHandle"]
    current = sqs.receive_message(QueueUrl=queue, VisibilityTimeout=30)["Messages"][0]["ReceiptHandle"]
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=stale)
    assert counts(sqs, queue) == (0, 1, 0)
    sqs.delete_message(QueueUrl=queue, ReceiptHandle=current)
    assert counts(sqs, queue) == (0, 0, 0)


def test_malformed_receipt_handle(sqs, queue):
    response = client_error(sqs.delete_message, QueueUrl=queue, ReceiptHandle="not-a-handle")
    assert_error(response, "ReceiptHandleIsInvalid",
                 'The input receipt handle "not-a-handle" is not a valid receipt handle.')
    response = client_error(sqs.change_message_visibility, QueueUrl=queue, ReceiptHandle="not-a-handle",
                            VisibilityTimeout=1)
    assert_error(response, "ReceiptHandleIsInvalid")


def test_change_message_visibility(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="m")
    handle = sqs.receive_message(QueueUrl=queue, VisibilityTimeout=60)["Messages"][0]["ReceiptHandle"]
    sqs.change_message_visibility(QueueUrl=queue, ReceiptHandle=handle, VisibilityTimeout=0)
    again = sqs.receive_message(QueueUrl=queue, VisibilityTimeout=60)["Messages"][0]
    assert again["Body"] == "m"
    response = client_error(sqs.change_message_visibility, QueueUrl=queue, ReceiptHandle=again["ReceiptHandle"],
                            VisibilityTimeout=43201)
    assert_error(response, "InvalidParameterValue")


def test_queue_delay(sqs):
    url = sqs.create_queue(QueueName=unique_name(), Attributes={"DelaySeconds": "1"})["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="late")
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    assert counts(sqs, url) == (0, 0, 1)
    time.sleep(1.1)
    assert [m["Body"] for m in sqs.receive_message(QueueUrl=url).get("Messages", [])] == ["late"]


def test_per_message_delay_overrides_the_queue(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="later", DelaySeconds=1)
    sqs.send_message(QueueUrl=queue, MessageBody="now")
    assert [m["Body"] for m in receive_all(sqs, queue)] == ["now"]
    time.sleep(1.1)
    assert [m["Body"] for m in receive_all(sqs, queue)] == ["later"]


def test_per_message_delay_out_of_range(sqs, queue):
    response = client_error(sqs.send_message, QueueUrl=queue, MessageBody="m", DelaySeconds=901)
    assert_error(response, "InvalidParameterValue")


def test_long_poll_wakes_as_soon_as_a_message_arrives(stratus, sqs, queue):
    sender = stratus.client("sqs")

    def send_later():
        time.sleep(0.5)
        sender.send_message(QueueUrl=queue, MessageBody="wake up")

    thread = threading.Thread(target=send_later)
    started = time.monotonic()
    thread.start()
    messages = sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=5).get("Messages", [])
    elapsed = time.monotonic() - started
    thread.join()
    assert [m["Body"] for m in messages] == ["wake up"]
    assert elapsed < 3, elapsed


def test_empty_long_poll_waits_about_the_wait_time(sqs, queue):
    started = time.monotonic()
    assert "Messages" not in sqs.receive_message(QueueUrl=queue, WaitTimeSeconds=2)
    elapsed = time.monotonic() - started
    assert 1.8 <= elapsed < 4, elapsed


def test_queue_default_wait_time_makes_receives_long_polls(sqs):
    url = sqs.create_queue(QueueName=unique_name(), Attributes={"ReceiveMessageWaitTimeSeconds": "1"})["QueueUrl"]
    started = time.monotonic()
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    assert time.monotonic() - started >= 0.8
    started = time.monotonic()
    sqs.receive_message(QueueUrl=url, WaitTimeSeconds=0)
    assert time.monotonic() - started < 0.8


def test_message_size_limit(sqs):
    url = sqs.create_queue(QueueName=unique_name(), Attributes={"MaximumMessageSize": "1024"})["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="x" * 1024)
    response = client_error(sqs.send_message, QueueUrl=url, MessageBody="x" * 1025)
    assert_error(response, "InvalidParameterValue",
                 "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.")


def test_message_size_counts_attributes(sqs):
    url = sqs.create_queue(QueueName=unique_name(), Attributes={"MaximumMessageSize": "1024"})["QueueUrl"]
    attrs = {"a" * 10: {"DataType": "String", "StringValue": "v" * 100}}
    response = client_error(sqs.send_message, QueueUrl=url, MessageBody="x" * 1000, MessageAttributes=attrs)
    assert_error(response, "InvalidParameterValue")


@pytest.mark.parametrize("body", ["nul \x00 here", "bell \x07", "\ufffe"])
def test_invalid_characters(sqs, queue, body):
    response = client_error(sqs.send_message, QueueUrl=queue, MessageBody=body)
    assert_error(response, "InvalidMessageContents", message_prefix="Invalid characters found.")


def test_valid_unusual_characters(sqs, queue):
    body = "tab\t newline\n cr\r emoji 🎉 private-use \ue000 max \U0010ffff"
    sqs.send_message(QueueUrl=queue, MessageBody=body)
    assert sqs.receive_message(QueueUrl=queue)["Messages"][0]["Body"] == body


def test_empty_body_is_rejected(sqs, queue):
    response = client_error(sqs.send_message, QueueUrl=queue, MessageBody="")
    assert_error(response, "MissingParameter")


def test_too_many_message_attributes(sqs, queue):
    attrs = {f"a{i}": {"DataType": "String", "StringValue": "v"} for i in range(11)}
    response = client_error(sqs.send_message, QueueUrl=queue, MessageBody="m", MessageAttributes=attrs)
    assert_error(response, "InvalidParameterValue")


@pytest.mark.parametrize("name", ["AWS.reserved", "amazon.reserved", ".leading", "trailing.", "two..dots", "sp ace"])
def test_invalid_message_attribute_names(sqs, queue, name):
    response = client_error(sqs.send_message, QueueUrl=queue, MessageBody="m",
                            MessageAttributes={name: {"DataType": "String", "StringValue": "v"}})
    assert_error(response, "InvalidParameterValue")


@pytest.mark.parametrize("attribute", [
    {"DataType": "Number", "StringValue": "not a number"},
    {"DataType": "Integer", "StringValue": "1"},
    {"DataType": "String", "StringValue": ""},
])
def test_invalid_message_attribute_values(sqs, queue, attribute):
    response = client_error(sqs.send_message, QueueUrl=queue, MessageBody="m", MessageAttributes={"a": attribute})
    assert_error(response, "InvalidParameterValue")


def test_send_to_missing_queue(stratus, sqs):
    url = f"{stratus.endpoint}/000000000000/{unique_name('missing')}"
    assert_error(client_error(sqs.send_message, QueueUrl=url, MessageBody="m"), NON_EXISTENT_QUEUE)
    assert_error(client_error(sqs.receive_message, QueueUrl=url), NON_EXISTENT_QUEUE)


def test_system_attribute_digest_matches_the_documented_algorithm(sqs, queue):
    def encode(value: bytes) -> bytes:
        return len(value).to_bytes(4, "big") + value

    trace = b"Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"
    expected = hashlib.md5(encode(b"AWSTraceHeader") + encode(b"String") + b"\x01" + encode(trace)).hexdigest()
    sent = sqs.send_message(QueueUrl=queue, MessageBody="m", MessageSystemAttributes={
        "AWSTraceHeader": {"DataType": "String", "StringValue": trace.decode()}})
    assert sent["MD5OfMessageSystemAttributes"] == expected


def test_legacy_attribute_names_parameter_selects_system_attributes(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="m")
    message = sqs.receive_message(QueueUrl=queue, AttributeNames=["SentTimestamp"])["Messages"][0]
    assert set(message["Attributes"]) == {"SentTimestamp"}


def test_change_visibility_of_message_not_in_flight(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="m")
    handle = sqs.receive_message(QueueUrl=queue)["Messages"][0]["ReceiptHandle"]
    sqs.change_message_visibility(QueueUrl=queue, ReceiptHandle=handle, VisibilityTimeout=0)
    response = client_error(sqs.change_message_visibility, QueueUrl=queue, ReceiptHandle=handle,
                            VisibilityTimeout=10)
    assert_error(response, "AWS.SimpleQueueService.MessageNotInflight")


def test_default_maximum_message_size_is_enforced(sqs, queue):
    limit = int(sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["MaximumMessageSize"])
                ["Attributes"]["MaximumMessageSize"])
    sqs.send_message(QueueUrl=queue, MessageBody="x" * limit)
    response = client_error(sqs.send_message, QueueUrl=queue, MessageBody="x" * (limit + 1))
    assert_error(response, "InvalidParameterValue",
                 f"One or more parameters are invalid. Reason: Message must be shorter than {limit} bytes.")
    assert len(sqs.receive_message(QueueUrl=queue)["Messages"][0]["Body"]) == limit


def test_receive_visibility_timeout_out_of_range(sqs, queue):
    response = client_error(sqs.receive_message, QueueUrl=queue, VisibilityTimeout=43201)
    assert_error(response, "InvalidParameterValue")


def test_invalid_characters_in_attribute_values(sqs, queue):
    response = client_error(sqs.send_message, QueueUrl=queue, MessageBody="m",
                            MessageAttributes={"a": {"DataType": "String", "StringValue": "nul \x00"}})
    assert_error(response, "InvalidMessageContents", message_prefix="Invalid characters found.")
