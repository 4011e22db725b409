"""SQS FIFO receive-request attempt ids (`ReceiveRequestAttemptId`).

AWS: a FIFO ReceiveMessage retried with the same ReceiveRequestAttemptId (within five minutes, while the messages
are still in flight) answers the same messages with the same receipt handles, so a client whose connection broke
can retry without losing them to the visibility timeout.
"""
import pytest

from sqs_support import unique_name


@pytest.fixture
def sqs(stratus):
    return stratus.client("sqs")


def test_a_retried_receive_attempt_answers_the_same_messages(sqs):
    url = sqs.create_queue(QueueName=unique_name("fifo", fifo=True),
                           Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"})["QueueUrl"]
    for i in range(3):
        sqs.send_message(QueueUrl=url, MessageBody=f"m{i}", MessageGroupId="G")
    first = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=2, ReceiveRequestAttemptId="attempt-1")["Messages"]
    retry = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=2, ReceiveRequestAttemptId="attempt-1")
    assert [m["Body"] for m in first] == ["m0", "m1"]
    assert [(m["Body"], m["ReceiptHandle"]) for m in retry.get("Messages", [])] == \
        [(m["Body"], m["ReceiptHandle"]) for m in first]
