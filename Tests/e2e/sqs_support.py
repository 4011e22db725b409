"""Helpers shared by the SQS end-to-end tests: unique queue names, AWS Query requests, error checks, restarts."""
import itertools
import json
import os
import signal
import time
import urllib.parse
import uuid
import xml.etree.ElementTree as ET

import boto3
import botocore.config
import botocore.exceptions
import pytest

from conftest import StratusProcess

ACCOUNT = "000000000000"
REGION = "us-east-1"
QUERY_VERSION = "2012-11-05"
SQS_NAMESPACE = "http://queue.amazonaws.com/doc/2012-11-05/"
NON_EXISTENT_QUEUE = "AWS.SimpleQueueService.NonExistentQueue"
_counter = itertools.count()


def unique_name(prefix: str = "q", fifo: bool = False) -> str:
    """A queue name no other test uses (the session server is shared)."""
    name = f"{prefix}-{os.getpid()}-{next(_counter)}-{uuid.uuid4().hex[:6]}"
    return name + ".fifo" if fifo else name


def sqs_client(endpoint: str, access_key: str = "test", region: str = REGION):
    """A boto3 SQS client for `endpoint` (e.g. the same server addressed as localhost instead of 127.0.0.1)."""
    return boto3.client("sqs", endpoint_url=endpoint, region_name=region, aws_access_key_id=access_key,
                        aws_secret_access_key="test", config=botocore.config.Config(retries={"max_attempts": 1}))


def queue_arn(name: str) -> str:
    return f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"


def client_error(callable_, *args, **kwargs) -> dict:
    """Calls `callable_` expecting a botocore ClientError; returns the parsed error response."""
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        callable_(*args, **kwargs)
    return caught.value.response


def assert_error(response: dict, code: str, message: str | None = None, message_prefix: str | None = None,
                 status: int | None = 400) -> None:
    """Checks a ClientError response: code, HTTP status (None: not checked) and message (exact or prefix)."""
    error = response["Error"]
    assert error["Code"] == code, error
    if status is not None:
        assert response["ResponseMetadata"]["HTTPStatusCode"] == status, response
    if message is not None:
        assert error["Message"] == message, error
    if message_prefix is not None:
        assert error["Message"].startswith(message_prefix), error


def attributes(sqs, queue_url: str, *names: str) -> dict:
    """The queue's attributes (all, or the named ones); {} when none is set."""
    return sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=list(names) or ["All"]).get("Attributes", {})


def counts(sqs, queue_url: str) -> tuple[int, int, int]:
    """(visible, in flight, delayed) from the Approximate* attributes."""
    found = attributes(sqs, queue_url, "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                       "ApproximateNumberOfMessagesDelayed")
    return (int(found["ApproximateNumberOfMessages"]), int(found["ApproximateNumberOfMessagesNotVisible"]),
            int(found["ApproximateNumberOfMessagesDelayed"]))


def receive_all(sqs, queue_url: str, limit: int = 100, **kwargs) -> list[dict]:
    """Receives (without waiting) until a receive comes back empty or `limit` messages were received."""
    messages: list[dict] = []
    while len(messages) < limit:
        batch = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0,
                                    **kwargs).get("Messages", [])
        if not batch:
            break
        messages.extend(batch)
    return messages


def wait_for(predicate, timeout: float = 10.0, interval: float = 0.1):
    """Polls `predicate` until it returns something truthy; fails the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"condition not met within {timeout} s")
        time.sleep(interval)


# AWS Query (older SDKs) ---------------------------------------------------------------------------------------

class QueryResponse:
    """A parsed AWS Query answer: status, headers, the XML root (namespace stripped) and helpers."""

    def __init__(self, status: int, headers: dict, body: bytes):
        self.status, self.headers, self.body = status, headers, body
        self.namespace = ""
        root = ET.fromstring(body)
        if root.tag.startswith("{"):
            self.namespace = root.tag[1:].split("}")[0]
        for element in root.iter():
            element.tag = element.tag.split("}")[-1]
        self.root = root

    def text(self, path: str) -> str | None:
        element = self.root.find(path)
        return None if element is None else (element.text or "")

    def all(self, path: str) -> list:
        return self.root.findall(path)

    @property
    def error(self) -> dict:
        error = self.root.find("Error")
        assert error is not None, self.body
        return {child.tag: child.text for child in error}


def query(stratus, action: str, params: dict | list | None = None, path: str = "/", host: str | None = None,
          version: str = QUERY_VERSION) -> QueryResponse:
    """Sends a SigV4-signed, form-encoded AWS Query SQS request (as older SDKs do) and parses the XML answer."""
    pairs = [("Action", action), ("Version", version)]
    pairs += list(params.items()) if isinstance(params, dict) else list(params or [])
    headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    if host:
        headers["Host"] = host
    status, response_headers, body = stratus.raw("POST", path, urllib.parse.urlencode(pairs), headers,
                                                 sign_service="sqs")
    return QueryResponse(status, response_headers, body)


def json_call(stratus, operation: str, payload: dict, host: str | None = None):
    """One raw AWS JSON 1.0 SQS request; returns (status, headers, parsed body)."""
    headers = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": f"AmazonSQS.{operation}"}
    if host:
        headers["Host"] = host
    status, response_headers, body = stratus.raw("POST", "/", json.dumps(payload), headers, sign_service="sqs")
    return status, response_headers, json.loads(body) if body else None


# Durable servers ------------------------------------------------------------------------------------------------

def restart(start, server: StratusProcess, *args: str, kill: bool = True) -> StratusProcess:
    """Stops `server` (SIGKILL by default: a crash) and starts another on the same data directory with `start`.

    `start` is the `fresh_stratus` fixture (so the new server is stopped after the test). The old process's
    temporary folder, which holds the data directory, is handed to the new process and removed with it.
    """
    data_dir = server.data_dir
    keep = server.tmp
    server.tmp = _NoCleanup()
    server.stop(signal.SIGKILL if kill else signal.SIGTERM)
    fresh = start(*args, data_dir=data_dir)
    fresh.tmp_previous = keep
    return fresh


class _NoCleanup:
    def cleanup(self) -> None:
        pass
