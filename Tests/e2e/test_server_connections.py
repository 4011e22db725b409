"""HTTP/1 connections: AWS JSON requests and the health check are answered on the event loop, everything else by
Hummingbird's connection task; pipelined requests are answered in order whichever path takes them, answers carry
their length and date, a closing request (`Connection: close`, or HTTP/1.0 without keep-alive) ends its connection,
and a graceful shutdown lets answers in progress finish."""
import json
import re
import signal
import socket
import threading
import time

from conftest import ACCESS_KEY, REGION

AUTH = (f"AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/20261127/{REGION}/{{service}}/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=0")


def json_request(target: str, service: str, body: dict, extra: str = "") -> bytes:
    payload = json.dumps(body).encode()
    return (f"POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: {target}\r\n"
            f"Content-Type: application/x-amz-json-1.0\r\nX-Amz-Date: 20261127T000000Z\r\n"
            f"Authorization: {AUTH.format(service=service)}\r\n{extra}"
            f"Content-Length: {len(payload)}\r\n\r\n").encode() + payload


def query_request(body: str, service: str) -> bytes:
    return (f"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"X-Amz-Date: 20261127T000000Z\r\nAuthorization: {AUTH.format(service=service)}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n{body}").encode()


def read_answers(sock: socket.socket, count: int, head_only: set = frozenset()) -> list:
    """Reads `count` answers (status, lower-cased headers, body); answers whose index is in `head_only` have no body
    (answers to HEAD)."""
    sock.settimeout(15)
    data = b""
    answers = []
    while len(answers) < count:
        end = data.find(b"\r\n\r\n")
        if end >= 0:
            lines = data[:end].decode().split("\r\n")
            headers = {k.lower(): v for k, v in (line.split(": ", 1) for line in lines[1:])}
            length = 0 if len(answers) in head_only else int(headers.get("content-length", "0"))
            if len(data) >= end + 4 + length:
                answers.append((int(lines[0].split()[1]), headers, data[end + 4:end + 4 + length]))
                data = data[end + 4 + length:]
                continue
        chunk = sock.recv(65536)
        assert chunk, f"connection closed after {len(answers)} of {count} answers"
        data += chunk
    return answers


def test_pipelined_requests_are_answered_in_order_across_both_paths(stratus):
    queue_name = "pipelined-queue"
    requests = [
        json_request("DynamoDB_20120810.ListTables", "dynamodb", {}),                       # event loop
        query_request(f"Action=CreateQueue&QueueName={queue_name}&Version=2012-11-05", "sqs"),  # Hummingbird
        json_request("AmazonSQS.GetQueueUrl", "sqs", {"QueueName": queue_name}),           # event loop
        b"HEAD /_stratus/health HTTP/1.1\r\nHost: localhost\r\n\r\n",                       # Hummingbird
        b"GET /_stratus/health HTTP/1.1\r\nHost: localhost\r\n\r\n",                        # event loop
        query_request("Action=ListQueues&Version=2012-11-05", "sqs"),                       # Hummingbird
        json_request("DynamoDB_20120810.DescribeLimits", "dynamodb", {}),                   # event loop
        json_request("DynamoDB_20120810.DescribeTable", "dynamodb", {"TableName": "no-such-table"}),
    ]
    with socket.create_connection(("127.0.0.1", stratus.port)) as sock:
        sock.sendall(b"".join(requests))
        answers = read_answers(sock, len(requests), head_only={3})
    statuses = [status for status, _, _ in answers]
    assert statuses == [200, 200, 200, 200, 200, 200, 200, 400]
    assert "TableNames" in json.loads(answers[0][2])
    assert b"<CreateQueueResponse" in answers[1][2]
    assert json.loads(answers[2][2])["QueueUrl"].endswith("/" + queue_name)
    assert answers[3][2] == b""
    assert json.loads(answers[4][2])["status"] == "running"
    assert b"<ListQueuesResponse" in answers[5][2] and queue_name.encode() in answers[5][2]
    assert "AccountMaxReadCapacityUnits" in json.loads(answers[6][2])
    assert json.loads(answers[7][2])["__type"].endswith("ResourceNotFoundException")


def test_answers_carry_length_date_and_request_id(stratus):
    with socket.create_connection(("127.0.0.1", stratus.port)) as sock:
        sock.sendall(json_request("DynamoDB_20120810.ListTables", "dynamodb", {"Limit": 5}))
        status, headers, body = read_answers(sock, 1)[0]
        assert status == 200
        assert int(headers["content-length"]) == len(body)
        assert re.fullmatch(r"[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT", headers["date"])
        assert headers["content-type"] == "application/x-amz-json-1.0"
        assert headers["x-amzn-requestid"]
        # The connection stays open for the next request.
        sock.sendall(json_request("DynamoDB_20120810.ListTables", "dynamodb", {}))
        assert read_answers(sock, 1)[0][0] == 200


def test_a_closing_request_is_answered_then_the_connection_closes(stratus):
    with socket.create_connection(("127.0.0.1", stratus.port)) as sock:
        sock.sendall(json_request("DynamoDB_20120810.ListTables", "dynamodb", {}, extra="Connection: close\r\n"))
        status, _, body = read_answers(sock, 1)[0]
        assert status == 200 and "TableNames" in json.loads(body)
        sock.settimeout(15)
        assert sock.recv(1) == b""


def test_http10_connection_without_keep_alive_ends_with_its_answer(stratus):
    # An HTTP/1.0 connection ends with its answer unless the request asked for keep-alive: on the admin path, on
    # the AWS JSON path (which the event loop answers for HTTP/1.1) and on the REST path.
    requests = [
        b"GET /_stratus/health HTTP/1.0\r\n\r\n",
        json_request("DynamoDB_20120810.ListTables", "dynamodb", {}).replace(b"HTTP/1.1", b"HTTP/1.0", 1),
        f"GET / HTTP/1.0\r\nX-Amz-Date: 20261127T000000Z\r\nAuthorization: {AUTH.format(service='s3')}\r\n\r\n".encode(),
    ]
    for request in requests:
        with socket.create_connection(("127.0.0.1", stratus.port)) as sock:
            sock.sendall(request)
            status, _, _ = read_answers(sock, 1)[0]
            assert status == 200, request
            assert sock.recv(1) == b"", request


def test_http10_keep_alive_connection_serves_further_requests(stratus):
    with socket.create_connection(("127.0.0.1", stratus.port)) as sock:
        for _ in range(2):
            sock.sendall(b"GET /_stratus/health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            assert read_answers(sock, 1)[0][0] == 200
        sock.sendall(json_request("DynamoDB_20120810.ListTables", "dynamodb", {}, extra="Connection: keep-alive\r\n")
                     .replace(b"HTTP/1.1", b"HTTP/1.0", 1))
        assert read_answers(sock, 1)[0][0] == 200


def test_graceful_shutdown_answers_writes_in_progress_and_keeps_them(fresh_stratus, tmp_path):
    data_dir = str(tmp_path / "data")
    server = fresh_stratus(data_dir=data_dir)
    dynamodb = server.client("dynamodb")
    dynamodb.create_table(
        TableName="shutdown-table", BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
    acknowledged = []
    failures = []

    def writer(worker: int):
        sock = socket.create_connection(("127.0.0.1", server.port))
        try:
            for n in range(100_000):
                key = f"w{worker}-{n}"
                sock.sendall(json_request("DynamoDB_20120810.PutItem", "dynamodb",
                                          {"TableName": "shutdown-table", "Item": {"pk": {"S": key}}}))
                try:
                    status, _, body = read_answers(sock, 1)[0]
                except (AssertionError, OSError):
                    return  # the server closed the connection between answers
                if status != 200:
                    failures.append((status, body))
                    return
                acknowledged.append(key)
        finally:
            sock.close()

    threads = [threading.Thread(target=writer, args=(worker,)) for worker in range(4)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 30
    while len(acknowledged) < 200 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.stop(signal.SIGTERM) == 0
    for thread in threads:
        thread.join(timeout=30)
    assert not failures
    assert len(acknowledged) >= 200

    restarted = fresh_stratus(data_dir=data_dir)
    pages = restarted.client("dynamodb").get_paginator("scan").paginate(TableName="shutdown-table", ConsistentRead=True)
    stored = {item["pk"]["S"] for page in pages for item in page["Items"]}
    assert set(acknowledged) <= stored
