"""SQS dead-letter queues through boto3: maxReceiveCount redrive and message move tasks back to the source."""
import json

import pytest

from sqs_support import assert_error, client_error, counts, queue_arn, receive_all, unique_name, wait_for


def source_with_dlq(sqs, max_receive_count: int = 1, fifo: bool = False) -> tuple[str, str, str, str]:
    """(source url, source name, dlq url, dlq name)"""
    extra = {"FifoQueue": "true", "ContentBasedDeduplication": "true"} if fifo else {}
    dlq_name = unique_name("dlq", fifo=fifo)
    dlq = sqs.create_queue(QueueName=dlq_name, Attributes=extra)["QueueUrl"]
    name = unique_name("src", fifo=fifo)
    redrive = json.dumps({"deadLetterTargetArn": queue_arn(dlq_name), "maxReceiveCount": max_receive_count})
    url = sqs.create_queue(QueueName=name, Attributes={"RedrivePolicy": redrive, **extra})["QueueUrl"]
    return url, name, dlq, dlq_name


def receive_and_return(sqs, url: str) -> list[dict]:
    """Receives everything visible and makes it visible again at once (a failed processing attempt)."""
    messages = receive_all(sqs, url)
    for message in messages:
        sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0)
    return messages


def test_max_receive_count_moves_messages_to_the_dead_letter_queue(sqs):
    url, _, dlq, _ = source_with_dlq(sqs, max_receive_count=2)
    sent = sqs.send_message(QueueUrl=url, MessageBody="poison",
                            MessageAttributes={"k": {"DataType": "String", "StringValue": "v"}})
    assert [m["Body"] for m in receive_and_return(sqs, url)] == ["poison"]
    assert [m["Body"] for m in receive_and_return(sqs, url)] == ["poison"]
    assert receive_all(sqs, url) == []  # the third receive exceeds maxReceiveCount: moved, not delivered
    moved = receive_all(sqs, dlq, MessageAttributeNames=["All"], MessageSystemAttributeNames=["All"])
    assert [m["MessageId"] for m in moved] == [sent["MessageId"]]
    assert moved[0]["Body"] == "poison"
    assert moved[0]["MessageAttributes"] == {"k": {"DataType": "String", "StringValue": "v"}}
    assert counts(sqs, url) == (0, 0, 0)


def test_fifo_dead_letter_queue(sqs):
    url, _, dlq, _ = source_with_dlq(sqs, max_receive_count=1, fifo=True)
    sqs.send_message(QueueUrl=url, MessageBody="f1", MessageGroupId="G")
    receive_and_return(sqs, url)
    assert receive_all(sqs, url) == []
    assert [m["Body"] for m in receive_all(sqs, dlq)] == ["f1"]


def test_fifo_source_needs_a_fifo_dead_letter_queue(sqs):
    dlq_name = unique_name("dlq")
    sqs.create_queue(QueueName=dlq_name)
    redrive = json.dumps({"deadLetterTargetArn": queue_arn(dlq_name), "maxReceiveCount": 1})
    response = client_error(sqs.create_queue, QueueName=unique_name(fifo=True),
                            Attributes={"FifoQueue": "true", "RedrivePolicy": redrive})
    assert_error(response, "InvalidParameterValue")


def test_move_task_moves_messages_back_to_their_source(sqs):
    url, name, dlq, dlq_name = source_with_dlq(sqs)
    for i in range(3):
        sqs.send_message(QueueUrl=url, MessageBody=f"m{i}")
    receive_and_return(sqs, url)
    assert receive_all(sqs, url) == []
    wait_for(lambda: counts(sqs, dlq)[0] == 3)
    handle = sqs.start_message_move_task(SourceArn=queue_arn(dlq_name))["TaskHandle"]
    assert handle

    def completed():
        results = sqs.list_message_move_tasks(SourceArn=queue_arn(dlq_name))["Results"]
        return results if results[0]["Status"] == "COMPLETED" else None

    results = wait_for(completed)
    assert results[0]["SourceArn"] == queue_arn(dlq_name)
    assert results[0]["ApproximateNumberOfMessagesMoved"] == 3
    assert results[0]["StartedTimestamp"] > 0
    assert "TaskHandle" not in results[0]  # only running tasks show their handle
    assert sorted(m["Body"] for m in receive_all(sqs, url)) == ["m0", "m1", "m2"]
    assert counts(sqs, dlq) == (0, 0, 0)


def test_move_task_to_an_explicit_destination(sqs):
    _, _, dlq, dlq_name = source_with_dlq(sqs)
    destination_name = unique_name("dest")
    destination = sqs.create_queue(QueueName=destination_name)["QueueUrl"]
    sqs.send_message(QueueUrl=dlq, MessageBody="parked")
    sqs.start_message_move_task(SourceArn=queue_arn(dlq_name), DestinationArn=queue_arn(destination_name),
                                MaxNumberOfMessagesPerSecond=50)
    wait_for(lambda: sqs.list_message_move_tasks(SourceArn=queue_arn(dlq_name))["Results"][0]["Status"]
             == "COMPLETED")
    result = sqs.list_message_move_tasks(SourceArn=queue_arn(dlq_name))["Results"][0]
    assert result["DestinationArn"] == queue_arn(destination_name)
    assert result["MaxNumberOfMessagesPerSecond"] == 50
    assert [m["Body"] for m in receive_all(sqs, destination)] == ["parked"]


def test_cancel_a_running_move_task(sqs):
    _, name, dlq, dlq_name = source_with_dlq(sqs)
    sqs.send_message_batch(QueueUrl=dlq, Entries=[{"Id": str(i), "MessageBody": f"m{i}"} for i in range(10)])
    handle = sqs.start_message_move_task(SourceArn=queue_arn(dlq_name), DestinationArn=queue_arn(name),
                                         MaxNumberOfMessagesPerSecond=1)["TaskHandle"]
    running = sqs.list_message_move_tasks(SourceArn=queue_arn(dlq_name))["Results"][0]
    assert running["Status"] == "RUNNING" and running["TaskHandle"] == handle
    assert running["ApproximateNumberOfMessagesToMove"] == 10
    cancelled = sqs.cancel_message_move_task(TaskHandle=handle)
    assert cancelled["ApproximateNumberOfMessagesMoved"] < 10
    wait_for(lambda: sqs.list_message_move_tasks(SourceArn=queue_arn(dlq_name))["Results"][0]["Status"]
             == "CANCELLED")
    assert counts(sqs, dlq)[0] > 0


def test_only_one_move_task_per_source_at_a_time(sqs):
    _, name, dlq, dlq_name = source_with_dlq(sqs)
    sqs.send_message_batch(QueueUrl=dlq, Entries=[{"Id": str(i), "MessageBody": f"m{i}"} for i in range(5)])
    handle = sqs.start_message_move_task(SourceArn=queue_arn(dlq_name), DestinationArn=queue_arn(name),
                                         MaxNumberOfMessagesPerSecond=1)["TaskHandle"]
    try:
        response = client_error(sqs.start_message_move_task, SourceArn=queue_arn(dlq_name))
        assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    finally:
        sqs.cancel_message_move_task(TaskHandle=handle)


def test_move_task_without_destination_fails_for_messages_sent_to_the_dead_letter_queue_directly(sqs):
    _, _, dlq, dlq_name = source_with_dlq(sqs)
    sqs.send_message(QueueUrl=dlq, MessageBody="never redriven")
    sqs.start_message_move_task(SourceArn=queue_arn(dlq_name))

    def finished():
        result = sqs.list_message_move_tasks(SourceArn=queue_arn(dlq_name))["Results"][0]
        return result if result["Status"] != "RUNNING" else None

    result = wait_for(finished)
    assert result["Status"] == "FAILED"
    assert result["FailureReason"] == "CouldNotDetermineMessageSource"
    assert counts(sqs, dlq)[0] == 1


def test_move_task_source_must_be_a_dead_letter_queue(sqs):
    name = unique_name("plain")
    sqs.create_queue(QueueName=name)
    response = client_error(sqs.start_message_move_task, SourceArn=queue_arn(name))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_move_task_errors_for_missing_queues_and_handles(sqs):
    response = client_error(sqs.start_message_move_task, SourceArn=queue_arn(unique_name("absent")))
    assert_error(response, "ResourceNotFoundException")
    response = client_error(sqs.list_message_move_tasks, SourceArn=queue_arn(unique_name("absent")))
    assert_error(response, "ResourceNotFoundException")
    response = client_error(sqs.cancel_message_move_task, TaskHandle="not-a-task-handle")
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
