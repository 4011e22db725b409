#!/usr/bin/env python3
"""SQS throughput benchmark: Stratus (durable) vs its own ceiling (/_stratus/health) vs moto's server.

Starts both servers on free loopback ports, creates one queue in each over the JSON protocol, and drives them
with wrk and the Lua scripts beside this file: SendMessage, then ReceiveMessage+DeleteMessage (draining what the
send run stored), and GET /_stratus/health; then SendMessage again on a Stratus started with `--durability process`
(writes answered once in the WAL). With BENCH_ROUNDS=N, the ceiling and both SendMessage runs are measured N
times on fresh servers and the ratios are medians. Prints requests/s, p50/p99 latency and the CPU seconds the
server and wrk used per run (on a small machine they share the cores), and the ratios.
Run through scripts/bench-sqs.sh, which installs wrk, builds Stratus in release and creates the moto venv.

Environment: STRATUS_BIN (required), MOTO_SERVER (optional; moto is skipped without it), BENCH_DURATION
(default 10s), BENCH_THREADS (2), BENCH_CONNECTIONS (32), BENCH_ROUNDS (1).
"""
import os
import shutil
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import (CONNECTIONS, DURATION, ROUNDS, THREADS, aws_json_call, describe, failed,  # noqa: E402
                      machine_line, report, run_stratus_and_moto, run_wrk)

HERE = os.path.dirname(os.path.abspath(__file__))


def sqs_call(port: int, operation: str, payload: dict) -> dict:
    return aws_json_call(port, f"AmazonSQS.{operation}", payload, signing_service="sqs")


def wrk(port: int, script: str, server_pid: int, path: str = "/", queue_url: str = "") -> dict:
    return run_wrk(port, os.path.join(HERE, script), server_pid, path=path,
                   env={"QUEUE_URL": queue_url})


def describe_sqs(name: str, figures: dict) -> str:
    extra = f"   ({figures['receives']:.0f} receives, {figures['deletes']:.0f} deletes)" if "receives" in figures else ""
    return describe(name, figures, extra)


def run_sqs_suite(name: str, port: int, server_pid: int) -> dict:
    queue_url = sqs_call(port, "CreateQueue", {"QueueName": "bench-queue"})["QueueUrl"]
    results = {
        "send": wrk(port, "send.lua", server_pid, queue_url=queue_url),
        "receive_delete": wrk(port, "receive_delete.lua", server_pid, queue_url=queue_url),
    }
    for key, label in (("send", "SendMessage"), ("receive_delete", "ReceiveMessage+DeleteMessage")):
        print(describe_sqs(f"{name} {label}", results[key]), flush=True)
    return results


def run_send_only(name: str, port: int, server_pid: int) -> dict:
    queue_url = sqs_call(port, "CreateQueue", {"QueueName": "bench-queue"})["QueueUrl"]
    results = {"send": wrk(port, "send.lua", server_pid, queue_url=queue_url)}
    print(describe_sqs(f"{name} SendMessage", results["send"]), flush=True)
    return results


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (scripts/bench-sqs.sh installs it)")
    stratus_bin = os.environ["STRATUS_BIN"]
    moto_bin = os.environ.get("MOTO_SERVER")
    print(f"wrk: {THREADS} threads, {CONNECTIONS} connections, {DURATION} per run; loopback only; {ROUNDS} round(s)",
          flush=True)
    print(machine_line(), flush=True)
    runs = run_stratus_and_moto(stratus_bin, moto_bin, run_sqs_suite, write_suite=run_send_only)
    print()
    everything = report(runs, "send", "SendMessage",
                        [("send", "SendMessage"), ("receive_delete", "ReceiveMessage+DeleteMessage")])
    if any(failed(r) for r in everything):
        print("warning: some runs had failed requests (see '!!' above); their figures are not comparable",
              file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
