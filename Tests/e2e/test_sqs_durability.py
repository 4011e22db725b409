"""SQS durability: what SendMessage acknowledged survives `kill -9`; deleted stays deleted; in-flight comes back.

Each test runs its own durable server (`fresh_stratus`, a temporary data directory) and crashes it with SIGKILL.
"""
import threading
import time

import botocore.exceptions
import pytest

from sqs_support import counts, receive_all, restart, unique_name, wait_for

MESSAGES = 2000
KILL_AFTER = 400  # acknowledged sends before the crash: well inside the stream
SENDERS = 4


def drain(sqs, url: str) -> list[dict]:
    """Receives and deletes until the queue answers empty; returns every message received."""
    received = []
    while True:
        batch = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0,
                                    VisibilityTimeout=60).get("Messages", [])
        if not batch:
            return received
        received += batch
        result = sqs.delete_message_batch(QueueUrl=url, Entries=[
            {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(batch)])
        assert not result.get("Failed"), result["Failed"]


@pytest.mark.parametrize("durability", ["full", "process"])
def test_acknowledged_messages_survive_kill_9_and_deleted_ones_stay_deleted(fresh_stratus, durability):
    # Both modes promise this: `process` acknowledges once the write is in the WAL (the OS keeps it when the
    # process dies), `full` once it was synced to disk as well.
    mode = ("--durability", durability)
    server = fresh_stratus(*mode)
    sqs = server.client("sqs")
    name = unique_name("durable")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    acknowledged: dict[str, str] = {}
    enough = threading.Event()

    def send_share(sender_index: int):
        # several senders at once, so the crash lands among concurrent (group-committed) writes
        sender = server.client("sqs")
        try:
            for i in range(sender_index, MESSAGES, SENDERS):
                body = f"message {i}"
                acknowledged[sender.send_message(QueueUrl=url, MessageBody=body)["MessageId"]] = body
                if len(acknowledged) >= KILL_AFTER:
                    enough.set()
        except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError):
            pass  # the server died under us: this send was not acknowledged

    threads = [threading.Thread(target=send_share, args=(n,)) for n in range(SENDERS)]
    for thread in threads:
        thread.start()
    assert enough.wait(120)
    server = restart(fresh_stratus, server, *mode)  # SIGKILL mid-stream, then a new process on the same data
    for thread in threads:
        thread.join(60)
    assert KILL_AFTER <= len(acknowledged) < MESSAGES, "the crash did not land mid-stream"

    sqs = server.client("sqs")
    url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
    received = drain(sqs, url)
    received_ids = {m["MessageId"] for m in received}
    assert len(received_ids) == len(received), "a message was delivered twice while the drain held it in flight"
    lost = set(acknowledged) - received_ids
    assert not lost, f"{len(lost)} acknowledged messages lost, e.g. {sorted(lost)[:3]}"
    for message in received:
        if message["MessageId"] in acknowledged:
            assert message["Body"] == acknowledged[message["MessageId"]]
    assert counts(sqs, url) == (0, 0, 0)

    server = restart(fresh_stratus, server, *mode)
    sqs = server.client("sqs")
    url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
    assert receive_all(sqs, url) == [], "deleted messages came back after a restart"
    assert counts(sqs, url) == (0, 0, 0)


def test_in_flight_messages_reappear_after_their_timeout_across_a_restart(fresh_stratus):
    server = fresh_stratus()
    sqs = server.client("sqs")
    name = unique_name("inflight")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    sent = {sqs.send_message(QueueUrl=url, MessageBody=f"m{i}")["MessageId"] for i in range(5)}
    kept = sqs.send_message(QueueUrl=url, MessageBody="deleted before the crash")["MessageId"]
    in_flight = receive_all(sqs, url, VisibilityTimeout=4)
    received_at = time.monotonic()
    assert {m["MessageId"] for m in in_flight} == sent | {kept}
    deleted = next(m for m in in_flight if m["MessageId"] == kept)
    sqs.delete_message(QueueUrl=url, ReceiptHandle=deleted["ReceiptHandle"])

    server = restart(fresh_stratus, server)
    sqs = server.client("sqs")
    url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
    if time.monotonic() - received_at < 3:
        assert receive_all(sqs, url) == [], "in-flight messages became visible before their timeout"
    reappeared = wait_for(lambda: receive_all(sqs, url, MessageSystemAttributeNames=["ApproximateReceiveCount"]),
                          timeout=15)
    assert {m["MessageId"] for m in reappeared} == sent
    assert all(m["Attributes"]["ApproximateReceiveCount"] == "2" for m in reappeared)


def test_queues_and_attributes_survive_a_clean_restart(fresh_stratus):
    server = fresh_stratus()
    sqs = server.client("sqs")
    name = unique_name("kept")
    url = sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "99"}, tags={"t": "1"})["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="still here", DelaySeconds=0)
    server = restart(fresh_stratus, server, kill=False)
    sqs = server.client("sqs")
    url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
    assert url == f"{server.endpoint}/000000000000/{name}"
    assert sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout"])["Attributes"] == \
        {"VisibilityTimeout": "99"}
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"t": "1"}
    assert [m["Body"] for m in receive_all(sqs, url)] == ["still here"]


def test_acknowledged_batch_entries_survive_kill_9(fresh_stratus):
    server = fresh_stratus()
    sqs = server.client("sqs")
    name = unique_name("durable-batch")
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    acknowledged: set[str] = set()
    enough = threading.Event()

    def send_batches():
        sender = server.client("sqs")
        try:
            for batch in range(MESSAGES // 10):
                result = sender.send_message_batch(QueueUrl=url, Entries=[
                    {"Id": str(i), "MessageBody": f"batch {batch} entry {i}"} for i in range(10)])
                acknowledged.update(entry["MessageId"] for entry in result["Successful"])
                if len(acknowledged) >= KILL_AFTER:
                    enough.set()
        except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError):
            pass
        finally:
            enough.set()

    thread = threading.Thread(target=send_batches)
    thread.start()
    assert enough.wait(120)
    server = restart(fresh_stratus, server)
    thread.join(60)
    assert KILL_AFTER <= len(acknowledged) < MESSAGES, "the crash did not land mid-stream"
    sqs = server.client("sqs")
    received = {m["MessageId"] for m in drain(sqs, sqs.get_queue_url(QueueName=name)["QueueUrl"])}
    assert acknowledged <= received, f"{len(acknowledged - received)} acknowledged batch entries lost"


def test_fifo_order_sequence_and_deduplication_survive_kill_9(fresh_stratus):
    server = fresh_stratus()
    sqs = server.client("sqs")
    name = unique_name("durable", fifo=True)
    url = sqs.create_queue(QueueName=name, Attributes={"FifoQueue": "true"})["QueueUrl"]
    before = [sqs.send_message(QueueUrl=url, MessageBody=f"m{i}", MessageGroupId="G",
                               MessageDeduplicationId=f"d{i}")["SequenceNumber"] for i in range(3)]

    server = restart(fresh_stratus, server)
    sqs = server.client("sqs")
    url = sqs.get_queue_url(QueueName=name)["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="duplicate", MessageGroupId="G", MessageDeduplicationId="d1")
    after = sqs.send_message(QueueUrl=url, MessageBody="m3", MessageGroupId="G",
                             MessageDeduplicationId="d3")["SequenceNumber"]
    assert int(after) > max(int(n) for n in before)
    assert [m["Body"] for m in receive_all(sqs, url)] == ["m0", "m1", "m2", "m3"]
