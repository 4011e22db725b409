"""SQS batch operations through boto3: SendMessageBatch, DeleteMessageBatch, ChangeMessageVisibilityBatch."""
import hashlib

import pytest

from sqs_support import assert_error, client_error, counts, receive_all, unique_name


def test_send_batch_of_ten_with_attributes(sqs, queue):
    entries = [{"Id": f"entry-{i}", "MessageBody": f"body {i}",
                "MessageAttributes": {"n": {"DataType": "Number", "StringValue": str(i)}}} for i in range(10)]
    result = sqs.send_message_batch(QueueUrl=queue, Entries=entries)
    assert "Failed" not in result or result["Failed"] == []
    assert sorted(e["Id"] for e in result["Successful"]) == sorted(e["Id"] for e in entries)
    for entry in result["Successful"]:
        index = int(entry["Id"].split("-")[1])
        assert entry["MD5OfMessageBody"] == hashlib.md5(f"body {index}".encode()).hexdigest()
        assert entry["MessageId"] and entry["MD5OfMessageAttributes"]
    received = receive_all(sqs, queue, MessageAttributeNames=["All"])
    assert sorted(m["Body"] for m in received) == sorted(e["MessageBody"] for e in entries)


def test_send_batch_reports_per_entry_failures(sqs, queue):
    result = sqs.send_message_batch(QueueUrl=queue, Entries=[
        {"Id": "good", "MessageBody": "fine"},
        {"Id": "bad", "MessageBody": "nul \x00"},
        {"Id": "late", "MessageBody": "delayed too long", "DelaySeconds": 901},
    ])
    assert [e["Id"] for e in result["Successful"]] == ["good"]
    failed = {e["Id"]: e for e in result["Failed"]}
    assert set(failed) == {"bad", "late"}
    for entry in failed.values():
        assert entry["SenderFault"] is True and entry["Code"] and entry["Message"]
    assert failed["bad"]["Code"] == "InvalidMessageContents"
    assert [m["Body"] for m in receive_all(sqs, queue)] == ["fine"]


def test_send_batch_limits(sqs, queue):
    eleven = [{"Id": str(i), "MessageBody": "m"} for i in range(11)]
    assert_error(client_error(sqs.send_message_batch, QueueUrl=queue, Entries=eleven),
                 "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
                 "Maximum number of entries per request are 10. You have sent 11.")
    assert_error(client_error(sqs.send_message_batch, QueueUrl=queue, Entries=[]),
                 "AWS.SimpleQueueService.EmptyBatchRequest")
    assert_error(client_error(sqs.send_message_batch, QueueUrl=queue,
                              Entries=[{"Id": "same", "MessageBody": "a"}, {"Id": "same", "MessageBody": "b"}]),
                 "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "Id same repeated.")
    assert_error(client_error(sqs.send_message_batch, QueueUrl=queue, Entries=[{"Id": "bad id!", "MessageBody": "a"}]),
                 "AWS.SimpleQueueService.InvalidBatchEntryId",
                 "A batch entry id can only contain alphanumeric characters, hyphens and underscores. "
                 "It can be at most 80 letters long.")
    assert_error(client_error(sqs.send_message_batch, QueueUrl=queue, Entries=[{"Id": "x" * 81, "MessageBody": "a"}]),
                 "AWS.SimpleQueueService.InvalidBatchEntryId")
    assert counts(sqs, queue) == (0, 0, 0)


def test_send_batch_total_size_limit(sqs, queue):
    entries = [{"Id": str(i), "MessageBody": "x" * 200_000} for i in range(10)]
    assert_error(client_error(sqs.send_message_batch, QueueUrl=queue, Entries=entries),
                 "AWS.SimpleQueueService.BatchRequestTooLong")
    assert counts(sqs, queue) == (0, 0, 0)


def test_delete_batch(sqs, queue):
    sqs.send_message_batch(QueueUrl=queue, Entries=[{"Id": str(i), "MessageBody": f"m{i}"} for i in range(3)])
    received = receive_all(sqs, queue)
    assert len(received) == 3
    entries = [{"Id": f"d{i}", "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(received)]
    entries.append({"Id": "broken", "ReceiptHandle": "garbage"})
    result = sqs.delete_message_batch(QueueUrl=queue, Entries=entries)
    assert sorted(e["Id"] for e in result["Successful"]) == ["d0", "d1", "d2"]
    assert [(e["Id"], e["Code"], e["SenderFault"]) for e in result["Failed"]] == \
        [("broken", "ReceiptHandleIsInvalid", True)]
    assert counts(sqs, queue) == (0, 0, 0)


def test_delete_batch_limits(sqs, queue):
    assert_error(client_error(sqs.delete_message_batch, QueueUrl=queue, Entries=[]),
                 "AWS.SimpleQueueService.EmptyBatchRequest")
    eleven = [{"Id": str(i), "ReceiptHandle": "h"} for i in range(11)]
    assert_error(client_error(sqs.delete_message_batch, QueueUrl=queue, Entries=eleven),
                 "AWS.SimpleQueueService.TooManyEntriesInBatchRequest")
    assert_error(client_error(sqs.delete_message_batch, QueueUrl=queue,
                              Entries=[{"Id": "a", "ReceiptHandle": "h"}, {"Id": "a", "ReceiptHandle": "h"}]),
                 "AWS.SimpleQueueService.BatchEntryIdsNotDistinct")


def test_change_visibility_batch(sqs, queue):
    sqs.send_message_batch(QueueUrl=queue, Entries=[{"Id": str(i), "MessageBody": f"m{i}"} for i in range(2)])
    received = receive_all(sqs, queue)
    assert counts(sqs, queue) == (0, 2, 0)
    result = sqs.change_message_visibility_batch(QueueUrl=queue, Entries=[
        {"Id": "zero", "ReceiptHandle": received[0]["ReceiptHandle"], "VisibilityTimeout": 0},
        {"Id": "long", "ReceiptHandle": received[1]["ReceiptHandle"], "VisibilityTimeout": 600},
        {"Id": "broken", "ReceiptHandle": "garbage", "VisibilityTimeout": 0},
    ])
    assert sorted(e["Id"] for e in result["Successful"]) == ["long", "zero"]
    assert [(e["Id"], e["Code"]) for e in result["Failed"]] == [("broken", "ReceiptHandleIsInvalid")]
    assert [m["Body"] for m in receive_all(sqs, queue)] == [received[0]["Body"]]
