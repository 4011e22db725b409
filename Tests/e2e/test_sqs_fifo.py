"""SQS FIFO queues through boto3: group ordering, blocked groups, deduplication, sequence numbers, settings."""
import hashlib

import pytest

from sqs_support import assert_error, attributes, client_error, receive_all, unique_name


def fifo_queue(sqs, content_based: bool = False, **extra) -> str:
    attrs = {"FifoQueue": "true", **extra}
    if content_based:
        attrs["ContentBasedDeduplication"] = "true"
    return sqs.create_queue(QueueName=unique_name("fifo", fifo=True), Attributes=attrs)["QueueUrl"]


def test_fifo_queue_attributes(sqs):
    url = fifo_queue(sqs, content_based=True)
    found = attributes(sqs, url)
    assert found["FifoQueue"] == "true"
    assert found["ContentBasedDeduplication"] == "true"
    assert found["DeduplicationScope"] == "queue"
    assert found["FifoThroughputLimit"] == "perQueue"


def test_high_throughput_settings_are_accepted_and_echoed(sqs):
    url = fifo_queue(sqs, DeduplicationScope="messageGroup", FifoThroughputLimit="perMessageGroupId")
    found = attributes(sqs, url, "DeduplicationScope", "FifoThroughputLimit")
    assert found == {"DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"}


def test_fifo_queue_name_needs_the_fifo_suffix(sqs):
    assert_error(client_error(sqs.create_queue, QueueName=unique_name(), Attributes={"FifoQueue": "true"}),
                 "InvalidParameterValue")


def test_sequence_numbers_increase_and_group_order_is_kept(sqs):
    url = fifo_queue(sqs)
    sequence = []
    for i in range(5):
        sent = sqs.send_message(QueueUrl=url, MessageBody=f"a{i}", MessageGroupId="A", MessageDeduplicationId=f"a{i}")
        assert sent["SequenceNumber"].isdigit()
        sequence.append(int(sent["SequenceNumber"]))
    assert sequence == sorted(sequence) and len(set(sequence)) == 5
    received = receive_all(sqs, url, MessageSystemAttributeNames=["All"])
    assert [m["Body"] for m in received] == [f"a{i}" for i in range(5)]
    first = received[0]["Attributes"]
    assert first["MessageGroupId"] == "A"
    assert first["MessageDeduplicationId"] == "a0"
    assert int(first["SequenceNumber"]) == sequence[0]


def test_a_group_is_blocked_while_one_of_its_messages_is_in_flight(sqs):
    url = fifo_queue(sqs, content_based=True)
    for body, group in [("a1", "A"), ("a2", "A"), ("a3", "A"), ("b1", "B")]:
        sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId=group)
    first = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1)["Messages"]
    assert [m["Body"] for m in first] == ["a1"]
    others = receive_all(sqs, url)
    assert [m["Body"] for m in others] == ["b1"]
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    sqs.delete_message(QueueUrl=url, ReceiptHandle=first[0]["ReceiptHandle"])
    assert [m["Body"] for m in receive_all(sqs, url)] == ["a2", "a3"]


def test_a_returned_message_is_received_again_before_later_ones(sqs):
    url = fifo_queue(sqs, content_based=True)
    for body in ["m1", "m2"]:
        sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId="G")
    handle = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1)["Messages"][0]["ReceiptHandle"]
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=0)
    assert [m["Body"] for m in receive_all(sqs, url)] == ["m1", "m2"]


def test_deduplication_by_id(sqs):
    url = fifo_queue(sqs)
    sqs.send_message(QueueUrl=url, MessageBody="one", MessageGroupId="G", MessageDeduplicationId="d")
    second = sqs.send_message(QueueUrl=url, MessageBody="two", MessageGroupId="G", MessageDeduplicationId="d")
    assert second["MessageId"]  # accepted, not delivered
    assert [m["Body"] for m in receive_all(sqs, url)] == ["one"]


def test_deduplication_by_content(sqs):
    url = fifo_queue(sqs, content_based=True)
    sqs.send_message(QueueUrl=url, MessageBody="same", MessageGroupId="G")
    sqs.send_message(QueueUrl=url, MessageBody="same", MessageGroupId="G")
    sqs.send_message(QueueUrl=url, MessageBody="different", MessageGroupId="G")
    received = receive_all(sqs, url, MessageSystemAttributeNames=["MessageDeduplicationId"])
    assert [m["Body"] for m in received] == ["same", "different"]
    assert received[0]["Attributes"]["MessageDeduplicationId"] == hashlib.sha256(b"same").hexdigest()


def test_deduplication_holds_after_the_message_was_deleted(sqs):
    url = fifo_queue(sqs)
    sqs.send_message(QueueUrl=url, MessageBody="one", MessageGroupId="G", MessageDeduplicationId="d")
    for message in receive_all(sqs, url):
        sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
    sqs.send_message(QueueUrl=url, MessageBody="one again", MessageGroupId="G", MessageDeduplicationId="d")
    assert receive_all(sqs, url) == []


def test_deduplication_in_batches(sqs):
    url = fifo_queue(sqs)
    result = sqs.send_message_batch(QueueUrl=url, Entries=[
        {"Id": "1", "MessageBody": "x", "MessageGroupId": "G", "MessageDeduplicationId": "same"},
        {"Id": "2", "MessageBody": "y", "MessageGroupId": "G", "MessageDeduplicationId": "same"},
        {"Id": "3", "MessageBody": "z", "MessageGroupId": "G", "MessageDeduplicationId": "other"},
    ])
    assert len(result["Successful"]) == 3
    assert all(entry["SequenceNumber"].isdigit() for entry in result["Successful"])
    assert [m["Body"] for m in receive_all(sqs, url)] == ["x", "z"]


def test_fifo_requires_a_group_id(sqs):
    url = fifo_queue(sqs, content_based=True)
    response = client_error(sqs.send_message, QueueUrl=url, MessageBody="m")
    assert_error(response, "MissingParameter", "The request must contain the parameter MessageGroupId.")


def test_fifo_requires_a_deduplication_id_without_content_based_deduplication(sqs):
    url = fifo_queue(sqs)
    response = client_error(sqs.send_message, QueueUrl=url, MessageBody="m", MessageGroupId="G")
    assert_error(response, "InvalidParameterValue",
                 "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided "
                 "explicitly")


def test_fifo_rejects_per_message_delay(sqs):
    url = fifo_queue(sqs, content_based=True)
    response = client_error(sqs.send_message, QueueUrl=url, MessageBody="m", MessageGroupId="G", DelaySeconds=1)
    assert_error(response, "InvalidParameterValue")


def test_standard_queue_rejects_deduplication_id(sqs):
    url = sqs.create_queue(QueueName=unique_name())["QueueUrl"]
    response = client_error(sqs.send_message, QueueUrl=url, MessageBody="m", MessageDeduplicationId="d")
    assert_error(response, "InvalidParameterValue")


def test_fifo_suffix_needs_a_fifo_queue(sqs):
    # `.` is not a valid queue-name character; the `.fifo` suffix is allowed only with FifoQueue=true.
    assert_error(client_error(sqs.create_queue, QueueName=unique_name(fifo=True)), "InvalidParameterValue")
