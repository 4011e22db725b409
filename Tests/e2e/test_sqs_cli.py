"""The AWS CLI (`aws sqs …`) for the SQS operations not already driven by test_sqs_query_protocol's CLI round trip.

Three independent scenarios run side by side (the CLI's start-up dominates; the server is shared). Set-up and
checks that are not the operation under test go through boto3, which is much faster.
"""
import concurrent.futures
import json

from sqs_support import ACCOUNT, NON_EXISTENT_QUEUE, queue_arn, unique_name


def aws(stratus, *args: str) -> dict:
    result = stratus.cli("sqs", *args)
    assert result.returncode == 0, f"aws sqs {' '.join(args)}: {result.stderr}"
    return json.loads(result.stdout) if result.stdout.strip() else {}


def create(stratus, name: str, **attributes: str) -> str:
    return stratus.client("sqs").create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]


def attributes_tags_and_permissions(stratus):
    url = create(stratus, unique_name("cli-attrs"))
    aws(stratus, "set-queue-attributes", "--queue-url", url, "--attributes", "DelaySeconds=3,VisibilityTimeout=50")
    sqs = stratus.client("sqs")
    found = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["DelaySeconds", "VisibilityTimeout"])["Attributes"]
    assert found == {"DelaySeconds": "3", "VisibilityTimeout": "50"}
    aws(stratus, "tag-queue", "--queue-url", url, "--tags", "team=core,env=dev")
    assert aws(stratus, "list-queue-tags", "--queue-url", url)["Tags"] == {"team": "core", "env": "dev"}
    aws(stratus, "untag-queue", "--queue-url", url, "--tag-keys", "env")
    assert aws(stratus, "list-queue-tags", "--queue-url", url)["Tags"] == {"team": "core"}
    aws(stratus, "add-permission", "--queue-url", url, "--label", "cli-label", "--aws-account-ids", "111111111111",
        "--actions", "SendMessage")
    policy = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"])["Attributes"]
    assert [s["Sid"] for s in json.loads(policy["Policy"])["Statement"]] == ["cli-label"]
    aws(stratus, "remove-permission", "--queue-url", url, "--label", "cli-label")


def messages_and_batches(stratus):
    url = create(stratus, unique_name("cli-msgs"))
    sqs = stratus.client("sqs")
    sent = aws(stratus, "send-message-batch", "--queue-url", url, "--entries",
               json.dumps([{"Id": "a", "MessageBody": "first"}, {"Id": "b", "MessageBody": "second"}]))
    assert sorted(e["Id"] for e in sent["Successful"]) == ["a", "b"]
    received = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    assert sorted(m["Body"] for m in received) == ["first", "second"]
    aws(stratus, "change-message-visibility", "--queue-url", url, "--receipt-handle", received[0]["ReceiptHandle"],
        "--visibility-timeout", "120")
    changed = aws(stratus, "change-message-visibility-batch", "--queue-url", url, "--entries", json.dumps(
        [{"Id": "x", "ReceiptHandle": received[1]["ReceiptHandle"], "VisibilityTimeout": 120}]))
    assert [e["Id"] for e in changed["Successful"]] == ["x"]
    deleted = aws(stratus, "delete-message-batch", "--queue-url", url, "--entries", json.dumps(
        [{"Id": f"d{i}", "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(received)]))
    assert sorted(e["Id"] for e in deleted["Successful"]) == ["d0", "d1"]
    sqs.send_message(QueueUrl=url, MessageBody="to be purged")
    aws(stratus, "purge-queue", "--queue-url", url)
    found = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=[
        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
    assert found == {"ApproximateNumberOfMessages": "0", "ApproximateNumberOfMessagesNotVisible": "0"}


def dead_letters_and_move_tasks(stratus):
    dlq_name = unique_name("cli-dlq")
    dlq = create(stratus, dlq_name)
    redrive = json.dumps({"deadLetterTargetArn": queue_arn(dlq_name), "maxReceiveCount": "5"})
    source = create(stratus, unique_name("cli-src"), RedrivePolicy=redrive)
    assert aws(stratus, "list-dead-letter-source-queues", "--queue-url", dlq)["queueUrls"] == [source]
    sqs = stratus.client("sqs")
    for batch in range(2):
        sqs.send_message_batch(QueueUrl=dlq, Entries=[{"Id": str(i), "MessageBody": f"parked {batch}.{i}"}
                                                      for i in range(10)])
    # twenty messages at one per second: the task still runs when the next CLI call (about 1 s) cancels it. They
    # were sent to the dead-letter queue directly, so the task needs an explicit destination.
    task = aws(stratus, "start-message-move-task", "--source-arn", queue_arn(dlq_name), "--destination-arn",
               queue_arn(source.rsplit("/", 1)[1]), "--max-number-of-messages-per-second", "1")["TaskHandle"]
    cancelled = aws(stratus, "cancel-message-move-task", "--task-handle", task)
    assert 0 <= cancelled["ApproximateNumberOfMessagesMoved"] < 20
    listed = aws(stratus, "list-message-move-tasks", "--source-arn", queue_arn(dlq_name))["Results"]
    assert listed[0]["SourceArn"] == queue_arn(dlq_name)
    assert listed[0]["Status"] in ("CANCELLING", "CANCELLED")


def test_aws_cli_covers_every_other_operation(stratus):
    scenarios = [attributes_tags_and_permissions, messages_and_batches, dead_letters_and_move_tasks]
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(scenarios)) as pool:
        for future in [pool.submit(scenario, stratus) for scenario in scenarios]:
            future.result(timeout=120)


def test_aws_cli_reports_legacy_error_codes(stratus):
    result = stratus.cli("sqs", "send-message", "--queue-url", f"{stratus.endpoint}/{ACCOUNT}/{unique_name('gone')}",
                         "--message-body", "m")
    assert result.returncode != 0
    assert f"An error occurred ({NON_EXISTENT_QUEUE}) when calling the SendMessage operation" in result.stderr
