"""SQS messages through boto3 (AWS JSON): send, receive, delete, batches, visibility, delays, MD5s, long polling, limits.

boto3 verifies MD5OfMessageBody and MD5OfMessageAttributes on SendMessage, SendMessageBatch and ReceiveMessage and
raises on a mismatch, so every successful call with attributes is a check of the server's digests.

Pending: the legacy `AttributeNames` of ReceiveMessage is validated against the queue-attribute enum
(AWS accepts message system attribute names there); ChangeMessageVisibility of a message that is not in flight
succeeds (AWS answers AWS.SimpleQueueService.MessageNotInflight).
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


@pytest.fixture
def sqs(stratus):
    return stratus.client("sqs")


@pytest.fixture
def queue(sqs):
    return sqs.create_queue(QueueName=unique_name())["QueueUrl"]


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
