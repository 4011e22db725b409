#!/usr/bin/env python3
"""DynamoDB throughput benchmark: Stratus (durable) vs its own ceiling (/_stratus/health) vs moto's server.

Starts both servers on free loopback ports, creates one table in each over the JSON protocol (hash key `pk`, range
key `sk`, both strings), seeds SEED_ITEMS items (BatchWriteItem), and drives them with wrk and the Lua scripts
beside this file: PutItem (a new item per request), GetItem and Query (of the seeded items), UpdateItem (a
conditional read-modify-write of a seeded item), and GET /_stratus/health; then PutItem again on a Stratus started
with `--durability process` (writes answered once in the WAL). With BENCH_ROUNDS=N, the ceiling and both PutItem
runs are measured N times on fresh servers and the ratios are medians. Prints requests/s, p50/p99 latency and the
CPU seconds the server and wrk used per run (on a small machine they share the cores), and the ratios.
Run through scripts/bench-dynamodb.sh, which installs wrk, builds Stratus in release and creates the moto venv.

Environment: STRATUS_BIN (required), MOTO_SERVER (optional; moto is skipped without it), BENCH_DURATION
(default 10s), BENCH_THREADS (2), BENCH_CONNECTIONS (32), BENCH_ROUNDS (1), SEED_ITEMS (1000, a multiple of 10).
"""
import os
import shutil
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import (CONNECTIONS, DURATION, ROUNDS, THREADS, aws_json_call, describe, failed,  # noqa: E402
                      machine_line, report, run_stratus_and_moto, run_wrk)

HERE = os.path.dirname(os.path.abspath(__file__))
SEED_ITEMS = int(os.environ.get("SEED_ITEMS", "1000"))
TABLE_NAME = "bench-table"
RUNS = (("put", "put.lua", "PutItem"), ("get", "get.lua", "GetItem"), ("query", "query.lua", "Query"),
        ("update", "update.lua", "UpdateItem"))


def dynamodb_call(port: int, operation: str, payload: dict) -> dict:
    return aws_json_call(port, f"DynamoDB_20120810.{operation}", payload, signing_service="dynamodb")


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


def wrk(port: int, script: str, server_pid: int, path: str = "/") -> dict:
    return run_wrk(port, os.path.join(HERE, script), server_pid, path=path,
                   env={"TABLE_NAME": TABLE_NAME, "SEED_ITEMS": str(SEED_ITEMS)})


def count_items(port: int) -> int:
    """The table's item count by a consistent `Select: COUNT` scan (every page)."""
    total, start = 0, None
    while True:
        payload = {"TableName": TABLE_NAME, "Select": "COUNT", "ConsistentRead": True}
        if start:
            payload["ExclusiveStartKey"] = start
        answer = dynamodb_call(port, "Scan", payload)
        total += answer["Count"]
        start = answer.get("LastEvaluatedKey")
        if not start:
            return total


def put_run(port: int, server_pid: int) -> dict:
    """The PutItem run, then a count of the table: every put wrk saw acknowledged must have left its item
    (`lost_items` counts those missing)."""
    figures = wrk(port, "put.lua", server_pid)
    items = count_items(port)
    figures["items_after"] = items
    figures["lost_items"] = max(0, SEED_ITEMS + int(figures["requests"]) - items)
    return figures


def describe_dynamodb(name: str, figures: dict) -> str:
    extra = f"   !! {figures['misses']:.0f} GetItem answers without an Item" if figures.get("misses") else ""
    if figures.get("lost_items"):
        extra += f"   !! {figures['lost_items']:.0f} acknowledged puts without their item"
    return describe(name, figures, extra)


def run_put_only(name: str, port: int, server_pid: int) -> dict:
    prepare_table(port)
    results = {"put": put_run(port, server_pid)}
    print(describe_dynamodb(f"{name} PutItem", results["put"]), flush=True)
    return results


def run_dynamodb_suite(name: str, port: int, server_pid: int) -> dict:
    prepare_table(port)
    results = {}
    for key, script, label in RUNS:
        results[key] = put_run(port, server_pid) if key == "put" else wrk(port, script, server_pid)
        print(describe_dynamodb(f"{name} {label}", results[key]), flush=True)
    return results


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (scripts/bench-dynamodb.sh installs it)")
    if SEED_ITEMS < 10 or SEED_ITEMS % 10:
        raise SystemExit("SEED_ITEMS must be a positive multiple of 10")
    stratus_bin = os.environ["STRATUS_BIN"]
    moto_bin = os.environ.get("MOTO_SERVER")
    print(f"wrk: {THREADS} threads, {CONNECTIONS} connections, {DURATION} per run; loopback only; "
          f"{SEED_ITEMS} seeded items; {ROUNDS} round(s)", flush=True)
    print(machine_line(), flush=True)
    runs = run_stratus_and_moto(stratus_bin, moto_bin, run_dynamodb_suite, write_suite=run_put_only)
    print()
    everything = report(runs, "put", "PutItem", [(key, label) for key, _, label in RUNS])
    if any(failed(r) or r.get("misses") or r.get("lost_items") for r in everything):
        print("warning: some runs had failed requests (see '!!' above); their figures are not comparable",
              file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
