"""SQS under concurrent consumers: a message in flight goes to one receiver only, and FIFO groups stay in order
when several consumers share the queue.
"""
import collections
import concurrent.futures
import threading

import pytest

from sqs_support import counts, unique_name

CONSUMERS = 6


def consume(stratus, url: str, stop: threading.Event, on_message) -> None:
    client = stratus.client("sqs")
    while not stop.is_set():
        messages = client.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=60,
                                          WaitTimeSeconds=1).get("Messages", [])
        for message in messages:
            on_message(message)
            client.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])


def run_consumers(stratus, url: str, expected: int, on_message) -> None:
    seen = threading.Semaphore(0)
    stop = threading.Event()

    def record(message):
        on_message(message)
        seen.release()

    with concurrent.futures.ThreadPoolExecutor(max_workers=CONSUMERS) as pool:
        futures = [pool.submit(consume, stratus, url, stop, record) for _ in range(CONSUMERS)]
        try:
            for _ in range(expected):
                assert seen.acquire(timeout=30), "consumers stalled"
        finally:
            stop.set()
            for future in futures:
                future.result(timeout=30)


def test_each_message_goes_to_one_consumer(stratus, sqs):
    url = sqs.create_queue(QueueName=unique_name("shared"))["QueueUrl"]
    for batch in range(20):
        sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(i), "MessageBody": f"{batch}-{i}"} for i in range(10)])
    deliveries = collections.Counter()
    lock = threading.Lock()

    def on_message(message):
        with lock:
            deliveries[message["Body"]] += 1

    run_consumers(stratus, url, 200, on_message)
    assert len(deliveries) == 200
    duplicates = {body: n for body, n in deliveries.items() if n > 1}
    assert not duplicates, f"delivered to more than one consumer while in flight: {duplicates}"
    assert counts(sqs, url) == (0, 0, 0)


def test_fifo_groups_stay_in_order_with_several_consumers(stratus, sqs):
    url = sqs.create_queue(QueueName=unique_name("groups", fifo=True),
                           Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"})["QueueUrl"]
    groups = [f"g{n}" for n in range(5)]
    for i in range(20):
        sqs.send_message_batch(QueueUrl=url, Entries=[
            {"Id": group, "MessageBody": f"{group}:{i}", "MessageGroupId": group} for group in groups])
    order = collections.defaultdict(list)
    lock = threading.Lock()

    def on_message(message):
        group, index = message["Body"].split(":")
        with lock:
            order[group].append(int(index))

    run_consumers(stratus, url, 100, on_message)
    assert {group: indexes for group, indexes in order.items()} == {group: list(range(20)) for group in groups}
