#!/usr/bin/env python3
"""DynamoDB throughput benchmark: Stratus (durable) vs its own ceiling (/_stratus/health) vs moto's server.

Starts both servers on free loopback ports, creates one table in each over the JSON protocol (hash key `pk`, range
key `sk`, both strings), seeds SEED_ITEMS items (BatchWriteItem), and drives them with wrk and the Lua scripts
beside this file: PutItem (a new item per request), GetItem and Query (of the seeded items), UpdateItem (a
conditional read-modify-write of a seeded item), and GET /_stratus/health. Prints requests/s, p50/p99 latency and
the CPU seconds the server and wrk used per run (on a small machine they share the cores), and the ratios.
Run through scripts/bench-dynamodb.sh, which installs wrk, builds Stratus in release and creates the moto venv.

Environment: STRATUS_BIN (required), MOTO_SERVER (optional; moto is skipped without it), BENCH_DURATION
(default 10s), BENCH_THREADS (2), BENCH_CONNECTIONS (32), SEED_ITEMS (1000, a multiple of 10).
"""
import http.client
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DURATION = os.environ.get("BENCH_DURATION", "10s")
THREADS = os.environ.get("BENCH_THREADS", "2")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "32")
SEED_ITEMS = int(os.environ.get("SEED_ITEMS", "1000"))
TABLE_NAME = "bench-table"
AUTHORIZATION = ("AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/dynamodb/aws4_request, "
                 "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64)
RUNS = (("put", "put.lua", "PutItem"), ("get", "get.lua", "GetItem"), ("query", "query.lua", "Query"),
        ("update", "update.lua", "UpdateItem"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answering(process: subprocess.Popen, port: int, path: str, name: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} exited with {process.returncode} before answering")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", path)
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"{name} did not answer on port {port} within 60 s")


def dynamodb_call(port: int, operation: str, payload: dict) -> dict:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": f"DynamoDB_20120810.{operation}",
               "X-Amz-Date": "20240101T000000Z", "Authorization": AUTHORIZATION}
    connection.request("POST", "/", body=json.dumps(payload), headers=headers)
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"{operation} on port {port} answered {response.status}: {body[:500]!r}")
    return json.loads(body) if body else {}


def prepare_table(port: int) -> None:
    """Creates the table, waits until it is ACTIVE and seeds SEED_ITEMS items (pk seed-<i/10>, sk <i%10>)."""
    dynamodb_call(port, "CreateTable", {
        "TableName": TABLE_NAME, "BillingMode": "PAY_PER_REQUEST",
        "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"},
                                 {"AttributeName": "sk", "AttributeType": "S"}],
        "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
    })
    deadline = time.monotonic() + 30
    while dynamodb_call(port, "DescribeTable", {"TableName": TABLE_NAME})["Table"]["TableStatus"] != "ACTIVE":
        if time.monotonic() > deadline:
            raise SystemExit(f"table on port {port} did not become ACTIVE within 30 s")
        time.sleep(0.1)
    for start in range(0, SEED_ITEMS, 25):
        requests = [{"PutRequest": {"Item": {
            "pk": {"S": f"seed-{i // 10}"}, "sk": {"S": str(i % 10)},
            "payload": {"S": f"seeded item {i}"}, "count": {"N": str(i)}}}}
            for i in range(start, min(start + 25, SEED_ITEMS))]
        answer = dynamodb_call(port, "BatchWriteItem", {"RequestItems": {TABLE_NAME: requests}})
        if answer.get("UnprocessedItems"):
            raise SystemExit(f"BatchWriteItem on port {port} left items unprocessed")


def cpu_seconds(pid: int) -> float:
    """User+system CPU time of a running process (Linux /proc); 0 where /proc is missing."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def wrk(port: int, script: str, server_pid: int, path: str = "/") -> dict:
    env = dict(os.environ, BENCH_LUA_DIR=HERE, TABLE_NAME=TABLE_NAME, SEED_ITEMS=str(SEED_ITEMS))
    command = ["wrk", "-t", THREADS, "-c", CONNECTIONS, "-d", DURATION, "--timeout", "10s",
               "-s", os.path.join(HERE, script), f"http://127.0.0.1:{port}{path}"]
    server_before = cpu_seconds(server_pid)
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_cpu = cpu_seconds(server_pid) - server_before
    wrk_cpu = (children_after.ru_utime - children_before.ru_utime) + (children_after.ru_stime - children_before.ru_stime)
    if result.returncode != 0:
        raise SystemExit(f"wrk failed ({result.returncode}): {result.stderr}{result.stdout}")
    figures: dict = {}
    for line in result.stdout.splitlines():
        if line.startswith("BENCH first_failure="):
            figures["first_failure"] = line.split("=", 1)[1]
        elif line.startswith("BENCH "):
            for key, value in re.findall(r"(\w+)=(\S+)", line):
                figures[key] = float(value)
    if "rps" not in figures:
        raise SystemExit(f"wrk printed no summary:\n{result.stdout}\n{result.stderr}")
    figures["server_cpu"], figures["wrk_cpu"] = server_cpu, wrk_cpu
    return figures


def describe(name: str, figures: dict) -> str:
    line = (f"{name:<40} {figures['rps']:>10.0f} req/s   p50 {figures['p50_ms']:>8.2f} ms   "
            f"p99 {figures['p99_ms']:>8.2f} ms")
    line += f"   cpu: server {figures['server_cpu']:.1f} s, wrk {figures['wrk_cpu']:.1f} s"
    if figures.get("misses"):
        line += f"   !! {figures['misses']:.0f} GetItem answers without an Item"
    if figures.get("non2xx") or figures.get("errors"):
        line += f"   !! {figures['non2xx']:.0f} non-2xx, {figures['errors']:.0f} socket errors"
        if figures.get("first_failure"):
            line += f"; first: {figures['first_failure'][:200]}"
    return line


def run_dynamodb_suite(name: str, port: int, server_pid: int) -> dict:
    prepare_table(port)
    results = {}
    for key, script, label in RUNS:
        results[key] = wrk(port, script, server_pid)
        print(describe(f"{name} {label}", results[key]), flush=True)
    return results


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (scripts/bench-dynamodb.sh installs it)")
    if SEED_ITEMS < 10 or SEED_ITEMS % 10:
        raise SystemExit("SEED_ITEMS must be a positive multiple of 10")
    stratus_bin = os.environ["STRATUS_BIN"]
    moto_bin = os.environ.get("MOTO_SERVER")
    print(f"wrk: {THREADS} threads, {CONNECTIONS} connections, {DURATION} per run; loopback only; "
          f"{SEED_ITEMS} seeded items", flush=True)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load average {load} before the runs (other work skews the figures)",
          flush=True)
    processes = []
    with tempfile.TemporaryDirectory(prefix="stratus-bench-") as data_dir:
        try:
            port = free_port()
            stratus = subprocess.Popen([stratus_bin, "serve", "--port", str(port), "--data-dir", data_dir,
                                        "--log-level", "error"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            processes.append(stratus)
            wait_until_answering(stratus, port, "/_stratus/health", "stratus")
            print(f"Stratus: {stratus_bin}, durable data dir {data_dir}", flush=True)
            ceiling = wrk(port, "health.lua", stratus.pid, path="/_stratus/health")
            print(describe("Stratus GET /_stratus/health (ceiling)", ceiling), flush=True)
            stratus_results = run_dynamodb_suite("Stratus", port, stratus.pid)
            moto_results = None
            if moto_bin:
                moto_port = free_port()
                moto = subprocess.Popen([moto_bin, "-H", "127.0.0.1", "-p", str(moto_port)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                processes.append(moto)
                wait_until_answering(moto, moto_port, "/moto-api/", "moto_server")
                moto_results = run_dynamodb_suite("moto", moto_port, moto.pid)
        finally:
            for process in processes:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
    print()
    put = stratus_results["put"]["rps"]
    print(f"Stratus PutItem / Stratus ceiling:  {put / ceiling['rps']:.2f}  (aim: 0.50 or better)")
    if moto_results:
        for key, _, label in RUNS:
            ratio = stratus_results[key]["rps"] / max(moto_results[key]["rps"], 1e-9)
            print(f"Stratus / moto, {label}: {ratio:.1f}x" + ("  (aim: 50x or better)" if key == "put" else ""))
    failed = [r for r in [ceiling, *stratus_results.values(), *((moto_results or {}).values())]
              if r.get("non2xx") or r.get("errors") or r.get("misses")]
    if failed:
        print("warning: some runs had failed requests (see '!!' above); their figures are not comparable",
              file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
