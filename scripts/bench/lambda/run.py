#!/usr/bin/env python3
"""Lambda benchmark: warm synchronous invokes per second and cold-start latency of a Python handler on Stratus.

Starts Stratus (durable, on a free loopback port) and:
- warm: creates one Python function, warms BENCH_CONNECTIONS environments, then drives Invoke with wrk and
  invoke.lua for BENCH_DURATION; prints requests/s and wrk's p50/p99 latency;
- cold: creates BENCH_COLD functions and times the first Invoke of each (a new process: interpreter start, our
  bootstrap, the handler's import, the invocation); prints p50/p99/max and the p50 of the Init Duration Stratus
  reports in the REPORT line.
Run through scripts/bench-lambda.sh. Environment: STRATUS_BIN (required), BENCH_DURATION (10s), BENCH_THREADS (2),
BENCH_CONNECTIONS (4), BENCH_COLD (20).
"""
import base64
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import boto3
import botocore.config

HERE = os.path.dirname(os.path.abspath(__file__))
DURATION = os.environ.get("BENCH_DURATION", "10s")
THREADS = os.environ.get("BENCH_THREADS", "2")
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "4"))
COLD = int(os.environ.get("BENCH_COLD", "20"))
ROLE = "arn:aws:iam::000000000000:role/bench"
HANDLER = "def handler(event, context):\n    return {'n': event.get('n', 0) + 1}\n"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def zip_of(source: str) -> bytes:
    import io
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", source)
    return buffer.getvalue()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    binary = os.environ["STRATUS_BIN"]
    port = free_port()
    data = tempfile.mkdtemp(prefix="stratus-bench-lambda-")
    server = subprocess.Popen([binary, "serve", "--port", str(port), "--data-dir", data],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        endpoint = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/_stratus/health")
                connection.getresponse().read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("stratus did not start")
                time.sleep(0.05)
        lam = boto3.client("lambda", endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                           aws_secret_access_key="test",
                           config=botocore.config.Config(retries={"max_attempts": 1}, max_pool_connections=32))

        def create(name):
            lam.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE, Handler="app.handler",
                                Code={"ZipFile": zip_of(HANDLER)}, Timeout=30)
            lam.get_waiter("function_active_v2").wait(FunctionName=name, WaiterConfig={"Delay": 0.2, "MaxAttempts": 100})

        # Cold starts: the first invoke of a new function starts a new process.
        cold, init = [], []
        for index in range(COLD):
            name = f"cold-{index}"
            create(name)
            started = time.perf_counter()
            response = lam.invoke(FunctionName=name, Payload=b'{"n": 1}', LogType="Tail")
            cold.append((time.perf_counter() - started) * 1000)
            assert "FunctionError" not in response, response["Payload"].read()
            match = re.search(r"Init Duration: ([0-9.]+) ms", base64.b64decode(response["LogResult"]).decode())
            if match:
                init.append(float(match.group(1)))
        print(f"cold start ({COLD} functions, first Invoke round trip): p50 {percentile(cold, 0.5):.1f} ms, "
              f"p99 {percentile(cold, 0.99):.1f} ms, max {max(cold):.1f} ms; "
              f"Init Duration p50 {statistics.median(init) if init else float('nan'):.1f} ms")

        # Warm: one function, BENCH_CONNECTIONS environments warmed, then wrk.
        create("warm")
        import concurrent.futures
        with concurrent.futures.ThreadPoolExecutor(max_workers=CONNECTIONS) as pool:
            list(pool.map(lambda _: lam.invoke(FunctionName="warm", Payload=b'{"n": 1}'), range(CONNECTIONS * 2)))
        wrk = shutil.which("wrk")
        if not wrk:
            raise SystemExit("wrk is not installed")
        env = dict(os.environ, BENCH_FUNCTION="warm")
        output = subprocess.run([wrk, "-t", THREADS, "-c", str(CONNECTIONS), "-d", DURATION, "--latency",
                                 "-s", os.path.join(HERE, "invoke.lua"), endpoint],
                                capture_output=True, text=True, env=env, check=True).stdout
        rate = re.search(r"Requests/sec:\s+([0-9.]+)", output).group(1)
        p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)
        p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        print(f"warm Invoke ({CONNECTIONS} connections, {DURATION}): {rate} invokes/s, p50 {p50}, p99 {p99}"
              + (f", NON-2xx {errors.group(1)}" if errors else ""))
        sys.stdout.flush()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
