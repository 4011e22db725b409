"""SQS FIFO queues through boto3: group ordering, blocked groups, deduplication, sequence numbers, settings.

Pending: a `.fifo` name without FifoQueue=true is accepted as a standard queue (AWS rejects it).
"""
import hashlib

import pytest

from sqs_support import assert_error, attributes, client_error, receive_all, unique_name


@pytest.fixture
def sqs(stratus):
    return stratus.client("sqs")


def fifo_queue(sqs, content_based: bool = False, **extra) -> str:
    attrs = {"FifoQueue": "true", **extra}
    if content_based:
        attrs["ContentBasedDeduplication"] = "true"
    return sqs.create_queue(QueueName=unique_name("fifo", fifo=True), Attributes=attrs)["QueueUrl"]


def test_fifo_suffix_needs_a_fifo_queue(sqs):
    # `.` is not a valid queue-name character; the `.fifo` suffix is allowed only with FifoQueue=true.
    assert_error(client_error(sqs.create_queue, QueueName=unique_name(fifo=True)), "InvalidParameterValue")
