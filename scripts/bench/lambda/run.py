#!/usr/bin/env python3
"""Lambda benchmark: warm synchronous invokes per second and cold-start latency of a Python handler on Stratus,
each with a baseline measured in the same run.

Starts Stratus (durable, on a free loopback port) and:
- ceiling: GET /_stratus/health with wrk, the cheapest answer of this server on this machine;
- warm: creates one Python function, warms BENCH_CONNECTIONS environments, then drives Invoke with wrk and
  invoke.lua for BENCH_DURATION; prints requests/s, p50/p99 and the ratio to the ceiling;
- cold: creates BENCH_COLD functions and times the first Invoke of each (a new process: interpreter start, our
  bootstrap, the handler's import, the invocation), against the baseline of starting the same interpreter
  bare (`python3 -c pass`) as often; prints p50/p99/max, the Init Duration p50 Stratus reports, and the ratio.
moto is no baseline here: its Lambda runs functions in Docker, which this machine does not have.
Run through scripts/bench-lambda.sh. Environment: STRATUS_BIN (required), BENCH_DURATION (10s), BENCH_THREADS (2),
BENCH_CONNECTIONS (4 for the warm run), BENCH_COLD (20).
"""
import base64
import concurrent.futures
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

import boto3
import botocore.config

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import (DURATION, HEALTH_SCRIPT, THREADS, describe, failed, machine_line, run_wrk,  # noqa: E402
                      start_stratus, stop)

HERE = os.path.dirname(os.path.abspath(__file__))
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "4")
COLD = int(os.environ.get("BENCH_COLD", "20"))
ROLE = "arn:aws:iam::000000000000:role/bench"
HANDLER = "def handler(event, context):\n    return {'n': event.get('n', 0) + 1}\n"


def zip_of(source: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", source)
    return buffer.getvalue()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def bare_interpreter_starts(count: int) -> list:
    """Milliseconds to start and end `python3 -c pass`, `count` times (the floor of any cold start)."""
    python = os.environ.get("STRATUS_LAMBDA_PYTHON") or shutil.which("python3") or sys.executable
    # The interpreter itself, not a launcher in front of it (pyenv's shims are shell scripts).
    python = subprocess.run([python, "-c", "import sys; print(sys.executable)"], capture_output=True, text=True,
                            check=True).stdout.strip()
    times = []
    for _ in range(count):
        started = time.perf_counter()
        subprocess.run([python, "-c", "pass"], check=True)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (scripts/bench-lambda.sh installs it)")
    binary = os.environ["STRATUS_BIN"]
    print(f"wrk: {THREADS} threads, {DURATION} per run; loopback only; {COLD} cold starts", flush=True)
    print(machine_line(), flush=True)
    processes = []
    with tempfile.TemporaryDirectory(prefix="stratus-bench-lambda-") as data_dir:
        try:
            server, port = start_stratus(binary, data_dir)
            processes.append(server)
            print(f"Stratus: {binary}, durable data dir {data_dir}", flush=True)
            lam = boto3.client("lambda", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1",
                               aws_access_key_id="test", aws_secret_access_key="test",
                               config=botocore.config.Config(retries={"max_attempts": 1}, max_pool_connections=32))

            def create(name):
                lam.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE, Handler="app.handler",
                                    Code={"ZipFile": zip_of(HANDLER)}, Timeout=30)
                lam.get_waiter("function_active_v2").wait(FunctionName=name,
                                                          WaiterConfig={"Delay": 0.2, "MaxAttempts": 100})

            ceiling = run_wrk(port, HEALTH_SCRIPT, server.pid, path="/_stratus/health")
            print(describe("Stratus GET /_stratus/health (ceiling)", ceiling), flush=True)

            # Cold starts: the first invoke of a new function starts a new process.
            cold, init = [], []
            for index in range(COLD):
                name = f"cold-{index}"
                create(name)
                started = time.perf_counter()
                response = lam.invoke(FunctionName=name, Payload=b'{"n": 1}', LogType="Tail")
                cold.append((time.perf_counter() - started) * 1000)
                if "FunctionError" in response:
                    raise SystemExit(f"cold invoke failed: {response['Payload'].read()!r}")
                match = re.search(r"Init Duration: ([0-9.]+) ms", base64.b64decode(response["LogResult"]).decode())
                if match:
                    init.append(float(match.group(1)))
            bare = bare_interpreter_starts(COLD)
            print(f"cold start ({COLD} functions, first Invoke round trip): p50 {percentile(cold, 0.5):.1f} ms, "
                  f"p99 {percentile(cold, 0.99):.1f} ms, max {max(cold):.1f} ms; Stratus Init Duration p50 "
                  f"{statistics.median(init) if init else float('nan'):.1f} ms", flush=True)
            print(f"bare interpreter start (python3 -c pass, {COLD} times): p50 {percentile(bare, 0.5):.1f} ms, "
                  f"p99 {percentile(bare, 0.99):.1f} ms", flush=True)

            # Warm: one function, BENCH_CONNECTIONS environments warmed, then wrk.
            create("warm")
            with concurrent.futures.ThreadPoolExecutor(max_workers=int(CONNECTIONS)) as pool:
                list(pool.map(lambda _: lam.invoke(FunctionName="warm", Payload=b'{"n": 1}'),
                              range(int(CONNECTIONS) * 2)))
            warm = run_wrk(port, os.path.join(HERE, "invoke.lua"), server.pid, env={"BENCH_FUNCTION": "warm"},
                           connections=CONNECTIONS)
            print(describe(f"Stratus warm Invoke ({CONNECTIONS} connections)", warm), flush=True)
        finally:
            stop(processes)
    print()
    print(f"warm Invoke: {warm['rps']:,.0f} invokes/s, p50 {warm['p50_ms']:.2f} ms, p99 {warm['p99_ms']:.2f} ms; "
          f"{warm['rps'] / ceiling['rps']:.2f} of the server's ceiling")
    print(f"cold start p50 {percentile(cold, 0.5):.1f} ms = {percentile(cold, 0.5) / percentile(bare, 0.5):.1f}x "
          f"a bare interpreter start ({percentile(bare, 0.5):.1f} ms)")
    if failed(ceiling) or failed(warm):
        print("warning: some runs had failed requests (see '!!' above); their figures are not comparable",
              file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
