"""SQS message retention: a message older than MessageRetentionPeriod is gone, received or not.

AWS's shortest retention period is 60 seconds, so this test takes over a minute; it runs in every test run.
"""
import time

from sqs_support import counts, receive_all, unique_name

def test_messages_expire_after_the_retention_period(stratus):
    sqs = stratus.client("sqs")
    url = sqs.create_queue(QueueName=unique_name("retention"), Attributes={"MessageRetentionPeriod": "60"})["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="visible, expires")
    sqs.send_message(QueueUrl=url, MessageBody="in flight, expires")
    sqs.send_message(QueueUrl=url, MessageBody="delayed, expires", DelaySeconds=5)
    in_flight = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1, VisibilityTimeout=300)["Messages"]
    assert len(in_flight) == 1
    time.sleep(50)
    sqs.send_message(QueueUrl=url, MessageBody="young, stays")
    time.sleep(12)
    assert [m["Body"] for m in receive_all(sqs, url)] == ["young, stays"]
    assert counts(sqs, url) == (0, 1, 0)  # only the young message, now in flight
