"""SQS long polling: waiters wake when a message becomes receivable (sent, delay over, visibility over), several
waiters share the arrivals, and waiting costs the server no CPU (no busy loop).

Durations are small (1-3 s) and the bounds generous: these assert behaviour, not performance.
"""
import concurrent.futures
import os
import threading
import time

import pytest

from sqs_support import unique_name


@pytest.fixture
def queue(sqs):
    return sqs.create_queue(QueueName=unique_name("poll"))["QueueUrl"]


def timed_receive(client, url: str, wait: int, **kwargs) -> tuple[float, list[dict]]:
    started = time.monotonic()
    messages = client.receive_message(QueueUrl=url, WaitTimeSeconds=wait, **kwargs).get("Messages", [])
    return time.monotonic() - started, messages


def test_a_waiter_wakes_when_a_delayed_message_becomes_visible(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="delayed", DelaySeconds=1)
    elapsed, messages = timed_receive(sqs, queue, 5)
    assert [m["Body"] for m in messages] == ["delayed"]
    assert 0.8 <= elapsed < 3, elapsed


def test_a_waiter_wakes_when_a_visibility_timeout_ends(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="returning")
    sqs.receive_message(QueueUrl=queue, VisibilityTimeout=1)
    elapsed, messages = timed_receive(sqs, queue, 5)
    assert [m["Body"] for m in messages] == ["returning"]
    assert 0.8 <= elapsed < 3, elapsed


def test_several_waiters_share_the_arrivals(stratus, queue):
    clients = [stratus.client("sqs") for _ in range(3)]
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        futures = [pool.submit(timed_receive, client, queue, 5) for client in clients]
        time.sleep(0.5)
        sender = stratus.client("sqs")
        for i in range(3):
            sender.send_message(QueueUrl=queue, MessageBody=f"m{i}")
        results = [future.result(timeout=10) for future in futures]
    bodies = sorted(m["Body"] for _, messages in results for m in messages)
    assert bodies == ["m0", "m1", "m2"]
    assert all(elapsed < 4 for elapsed, _ in results), [elapsed for elapsed, _ in results]


def test_a_batch_send_wakes_a_waiter(stratus, sqs, queue):
    def send_later():
        time.sleep(0.5)
        stratus.client("sqs").send_message_batch(QueueUrl=queue, Entries=[{"Id": "a", "MessageBody": "batched"}])

    thread = threading.Thread(target=send_later)
    thread.start()
    elapsed, messages = timed_receive(sqs, queue, 5)
    thread.join()
    assert [m["Body"] for m in messages] == ["batched"]
    assert elapsed < 3, elapsed


def cpu_seconds(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@pytest.mark.skipif(not os.path.exists("/proc/self/stat"), reason="needs /proc to read the server's CPU time")
def test_waiting_costs_no_cpu(stratus, queue):
    clients = [stratus.client("sqs") for _ in range(8)]
    before = cpu_seconds(stratus.process.pid)
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda client: timed_receive(client, queue, 2), clients))
    used = cpu_seconds(stratus.process.pid) - before
    assert all(messages == [] and elapsed >= 1.8 for elapsed, messages in results)
    # eight pollers waiting 2 s each: a busy loop would burn seconds of CPU; waiting on a signal burns almost none
    assert used < 0.5, f"server used {used:.2f} s of CPU while 8 receives waited 2 s"


def test_the_longest_wait_returns_at_once_when_a_message_is_there(sqs, queue):
    sqs.send_message(QueueUrl=queue, MessageBody="ready")
    elapsed, messages = timed_receive(sqs, queue, 20)
    assert [m["Body"] for m in messages] == ["ready"]
    assert elapsed < 2, elapsed
