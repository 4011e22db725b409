"""SQS FIFO receive-request attempt ids (`ReceiveRequestAttemptId`).

AWS: a FIFO ReceiveMessage retried with the same ReceiveRequestAttemptId (within five minutes, while the messages
are still in flight) answers the same messages with the same receipt handles, so a client whose connection broke
can retry without losing them to the visibility timeout.
"""
from sqs_support import assert_error, client_error, unique_name


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


def test_an_attempt_is_not_retryable_once_one_of_its_messages_was_deleted(sqs):
    url = sqs.create_queue(QueueName=unique_name("fifo", fifo=True),
                           Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"})["QueueUrl"]
    for i in range(2):
        sqs.send_message(QueueUrl=url, MessageBody=f"m{i}", MessageGroupId="G")
    first = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=2, ReceiveRequestAttemptId="attempt-2")["Messages"]
    sqs.delete_message(QueueUrl=url, ReceiptHandle=first[0]["ReceiptHandle"])
    error = client_error(sqs.receive_message, QueueUrl=url, MaxNumberOfMessages=2, ReceiveRequestAttemptId="attempt-2")
    assert_error(error, "InvalidParameterValue",
                 message_prefix="Value attempt-2 for parameter ReceiveRequestAttemptId is invalid.")
