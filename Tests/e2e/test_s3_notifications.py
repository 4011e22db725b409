"""S3 event notifications through boto3: `PutBucketNotificationConfiguration`/`Get…` with SQS queues and Lambda
functions as destinations, the `s3:TestEvent`, event records (version 2.1) for puts, copies, multipart uploads and
deletions, prefix/suffix filters, and the errors for destinations S3 cannot validate or Stratus does not serve."""
import json
import urllib.parse
import uuid

import botocore.exceptions
import pytest

from test_lambda_logs import wait_for_events
from test_lambda_support import python_function


def bucket_and_queue(stratus):
    s3, sqs = stratus.client("s3"), stratus.client("sqs")
    bucket = f"events-{uuid.uuid4().hex[:10]}"
    s3.create_bucket(Bucket=bucket)
    url = sqs.create_queue(QueueName=f"events-{uuid.uuid4().hex[:8]}")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return s3, sqs, bucket, url, arn


def drain(sqs, url, count):
    bodies = []
    for _ in range(10):
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
        for message in messages:
            bodies.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        if len(bodies) >= count:
            break
    return bodies


def test_queue_notifications(stratus):
    s3, sqs, bucket, url, arn = bucket_and_queue(stratus)
    s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={"QueueConfigurations": [
        {"Id": "uploads", "QueueArn": arn, "Events": ["s3:ObjectCreated:*"],
         "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "in/"}, {"Name": "suffix", "Value": ".csv"}]}}},
        {"QueueArn": arn, "Events": ["s3:ObjectRemoved:Delete"]}]})
    configured = s3.get_bucket_notification_configuration(Bucket=bucket)["QueueConfigurations"]
    assert configured[0]["Id"] == "uploads" and configured[1]["Id"]  # S3 names the unnamed one
    (test_event,) = drain(sqs, url, 1)
    assert test_event["Event"] == "s3:TestEvent" and test_event["Bucket"] == bucket and test_event["Service"] == "Amazon S3"
    put = s3.put_object(Bucket=bucket, Key="in/data file.csv", Body=b"a,b\n1,2\n")
    s3.put_object(Bucket=bucket, Key="in/skip.txt", Body=b"no")          # suffix does not match
    s3.put_object(Bucket=bucket, Key="other/data.csv", Body=b"no")       # prefix does not match
    s3.copy_object(Bucket=bucket, Key="in/copy.csv", CopySource={"Bucket": bucket, "Key": "in/data file.csv"})
    s3.delete_object(Bucket=bucket, Key="in/copy.csv")
    records = [body["Records"][0] for body in drain(sqs, url, 3)]
    assert [r["eventName"] for r in records] == ["ObjectCreated:Put", "ObjectCreated:Copy", "ObjectRemoved:Delete"]
    first = records[0]
    assert first["eventVersion"] == "2.1" and first["eventSource"] == "aws:s3" and first["awsRegion"] == "us-east-1"
    assert first["s3"]["configurationId"] == "uploads"
    assert first["s3"]["bucket"]["name"] == bucket and first["s3"]["bucket"]["arn"] == f"arn:aws:s3:::{bucket}"
    obj = first["s3"]["object"]
    assert urllib.parse.unquote_plus(obj["key"]) == "in/data file.csv" and obj["key"] == "in/data+file.csv"
    assert obj["size"] == 8 and obj["eTag"] == put["ETag"].strip('"') and obj["sequencer"]
    assert "size" not in records[2]["s3"]["object"]


def test_multipart_upload_notifies_once_completed(stratus):
    s3, sqs, bucket, url, arn = bucket_and_queue(stratus)
    s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={"QueueConfigurations": [
        {"QueueArn": arn, "Events": ["s3:ObjectCreated:CompleteMultipartUpload"]}]})
    drain(sqs, url, 1)  # the test event
    upload = s3.create_multipart_upload(Bucket=bucket, Key="big")["UploadId"]
    part = s3.upload_part(Bucket=bucket, Key="big", UploadId=upload, PartNumber=1, Body=b"only part")
    s3.put_object(Bucket=bucket, Key="small", Body=b"not this one")
    s3.complete_multipart_upload(Bucket=bucket, Key="big", UploadId=upload,
                                 MultipartUpload={"Parts": [{"ETag": part["ETag"], "PartNumber": 1}]})
    (body,) = drain(sqs, url, 1)
    assert body["Records"][0]["eventName"] == "ObjectCreated:CompleteMultipartUpload"
    assert body["Records"][0]["s3"]["object"]["key"] == "big"


def test_lambda_notifications(stratus):
    s3, lam = stratus.client("s3"), stratus.client("lambda")
    name = python_function(lam, "import json\ndef handler(event, context):\n    print(json.dumps(event))\n")
    arn = lam.get_function(FunctionName=name)["Configuration"]["FunctionArn"]
    bucket = f"events-{uuid.uuid4().hex[:10]}"
    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={"LambdaFunctionConfigurations": [
        {"LambdaFunctionArn": arn, "Events": ["s3:ObjectCreated:Put"]}]})
    s3.put_object(Bucket=bucket, Key="hello.txt", Body=b"hi")
    (event,) = wait_for_events(stratus, name, 1)
    assert '"eventName": "ObjectCreated:Put"' in event["message"] and '"key": "hello.txt"' in event["message"]


def test_destinations_are_validated(stratus):
    s3 = stratus.client("s3")
    bucket = f"events-{uuid.uuid4().hex[:10]}"
    s3.create_bucket(Bucket=bucket)

    def refused(configuration):
        with pytest.raises(botocore.exceptions.ClientError) as caught:
            s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration=configuration)
        return caught.value.response["Error"]

    missing = refused({"QueueConfigurations": [{"QueueArn": "arn:aws:sqs:us-east-1:000000000000:no-such-queue",
                                                "Events": ["s3:ObjectCreated:*"]}]})
    assert missing["Code"] == "InvalidArgument"
    assert missing["Message"] == "Unable to validate the following destination configurations"
    bad_event = refused({"QueueConfigurations": [{"QueueArn": "arn:aws:sqs:us-east-1:000000000000:q",
                                                  "Events": ["s3:NoSuchEvent"]}]})
    assert bad_event["Code"] == "InvalidArgument"
    topic = refused({"TopicConfigurations": [{"TopicArn": "arn:aws:sns:us-east-1:000000000000:no-such-topic",
                                              "Events": ["s3:ObjectCreated:*"]}]})
    assert topic["Code"] == "InvalidArgument" and topic["Message"] == "Unable to validate the following destination configurations"
    assert s3.get_bucket_notification_configuration(Bucket=bucket).get("QueueConfigurations") is None
    # An empty configuration removes the notifications.
    s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={})


def test_topic_and_eventbridge_notifications(stratus):
    s3, sqs, bucket, url, arn = bucket_and_queue(stratus)
    sns, events = stratus.client("sns"), stratus.client("events")
    topic = sns.create_topic(Name=f"s3-events-{uuid.uuid4().hex[:8]}")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)
    rule = f"s3-created-{uuid.uuid4().hex[:8]}"
    events.put_rule(Name=rule, EventPattern=json.dumps({"source": ["aws.s3"], "detail-type": ["Object Created"],
                                                        "detail": {"bucket": {"name": [bucket]}}}))
    events.put_targets(Rule=rule, Targets=[{"Id": "queue", "Arn": arn}])
    s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={
        "TopicConfigurations": [{"TopicArn": topic, "Events": ["s3:ObjectCreated:*"]}],
        "EventBridgeConfiguration": {}})
    assert "EventBridgeConfiguration" in s3.get_bucket_notification_configuration(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="report.csv", Body=b"1,2")
    bodies = drain(sqs, url, 2)
    via_topic = next(json.loads(b["Message"]) for b in bodies if b.get("Type") == "Notification")
    assert via_topic["Records"][0]["eventName"] == "ObjectCreated:Put"
    via_bus = next(b for b in bodies if b.get("source") == "aws.s3")
    assert via_bus["detail-type"] == "Object Created" and via_bus["resources"] == [f"arn:aws:s3:::{bucket}"]
    assert via_bus["detail"]["object"]["key"] == "report.csv" and via_bus["detail"]["reason"] == "PutObject"
