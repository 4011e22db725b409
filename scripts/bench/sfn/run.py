#!/usr/bin/env python3
"""Step Functions API benchmark: Stratus (durable, release build) vs moto's server, over HTTP on loopback.

Both servers run a 20-state Pass chain (S0 → … → S19, each `{"Type": "Pass"}`). A state transition is counted as
AWS bills it, once per state executed: one execution of the chain is 20 state transitions.

1. Standard executions. Stratus: wrk (Lua, scripts beside this file) sends StartExecution from many connections
   for BENCH_DURATION; Stratus answers once the execution ends, and afterwards every execution is checked with
   ListExecutions: executions/s counts only the SUCCEEDED ones, over wrk's measured duration. moto: threads start
   BENCH_MOTO_EXECUTIONS executions (moto runs each in a background thread once `execute_state_machine` is on),
   then ListExecutions is polled until none is RUNNING; executions/s is the number SUCCEEDED over the wall time
   from the first start to all finished.
2. Express executions: StartSyncExecution p50/p99 latency on one connection (unloaded latency) and req/s with
   many connections (throughput), with wrk; answers other than SUCCEEDED are counted as failures. moto's server
   is asked once; moto 5.2.5 answers HTTP 500 (not supported), so moto's Express figure is what it does support:
   asynchronous StartExecution of the Express machine, measured like its Standard executions.

Prints executions/s, transitions/s, p50/p99 and the ratios Stratus/moto. Run through scripts/bench-sfn.sh.
Environment: STRATUS_BIN (required), MOTO_SERVER (optional; moto is skipped without it), BENCH_DURATION (10s),
BENCH_THREADS (2), BENCH_CONNECTIONS (32), BENCH_MOTO_EXECUTIONS (400), BENCH_MOTO_THREADS (16).
"""
import concurrent.futures
import http.client
import json
import os
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import (CONNECTIONS, DURATION, THREADS, json_headers, machine_line, run_wrk,  # noqa: E402
                      start_moto, start_stratus, stop)

HERE = os.path.dirname(os.path.abspath(__file__))
MOTO_EXECUTIONS = int(os.environ.get("BENCH_MOTO_EXECUTIONS", "400"))
MOTO_THREADS = int(os.environ.get("BENCH_MOTO_THREADS", "16"))
STATES = 20
TRANSITIONS_PER_EXECUTION = STATES  # one per state executed, as AWS counts state transitions
ROLE = "arn:aws:iam::000000000000:role/bench-sfn"


def pass_chain() -> str:
    states = {f"S{i}": {"Type": "Pass", "Next": f"S{i + 1}"} for i in range(STATES - 1)}
    states[f"S{STATES - 1}"] = {"Type": "Pass", "End": True}
    return json.dumps({"Comment": f"{STATES}-state Pass chain", "StartAt": "S0", "States": states})


class Client:
    """AWS JSON 1.0 calls to one server, one keep-alive connection per thread."""

    def __init__(self, port: int):
        self.port = port
        self.local = threading.local()

    def call(self, operation: str, payload: dict, allow_error: bool = False) -> tuple[int, dict]:
        headers = json_headers(f"AWSStepFunctions.{operation}", signing_service="states")
        for attempt in range(2):
            connection = getattr(self.local, "connection", None)
            if connection is None:
                connection = self.local.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                connection.request("POST", "/", body=json.dumps(payload), headers=headers)
                response = connection.getresponse()
                body = response.read()
                break
            except (http.client.HTTPException, OSError):
                connection.close()
                self.local.connection = None
                if attempt == 1:
                    raise
        if response.status != 200 and not allow_error:
            raise SystemExit(f"{operation} on port {self.port} answered {response.status}: {body[:500]!r}")
        try:
            decoded = json.loads(body) if body else {}
        except ValueError:
            decoded = {"raw": body[:300].decode(errors="replace")}
        return response.status, decoded

    def create_machine(self, name: str, kind: str) -> str:
        return self.call("CreateStateMachine", {"name": name, "definition": pass_chain(), "roleArn": ROLE,
                                                "type": kind})[1]["stateMachineArn"]

    def statuses(self, machine_arn: str) -> dict:
        """How many executions of the machine are in each status (ListExecutions, every page)."""
        counts: dict = {}
        token = None
        while True:
            payload = {"stateMachineArn": machine_arn, "maxResults": 1000}
            if token:
                payload["nextToken"] = token
            page = self.call("ListExecutions", payload)[1]
            for execution in page.get("executions", []):
                counts[execution["status"]] = counts.get(execution["status"], 0) + 1
            token = page.get("nextToken")
            if not token:
                return counts


def wrk(port: int, script: str, server_pid: int, machine_arn: str, connections: str, threads: str) -> dict:
    return run_wrk(port, os.path.join(HERE, script), server_pid, env={"STATE_MACHINE_ARN": machine_arn},
                   threads=threads, connections=connections, extra_arguments=("--latency",))


def failures(figures: dict) -> str:
    if not (figures.get("non2xx") or figures.get("errors") or figures.get("unfinished")):
        return ""
    text = (f"   !! {figures.get('non2xx', 0):.0f} non-2xx, {figures.get('errors', 0):.0f} socket errors, "
            f"{figures.get('unfinished', 0):.0f} not finished")
    if figures.get("first_failure"):
        text += f"; first: {figures['first_failure'][:200]}"
    return text


def cpu(figures: dict) -> str:
    per_request = figures["server_cpu"] / max(figures["requests"], 1) * 1e6
    return (f"   cpu: server {figures['server_cpu']:.1f} s ({per_request:.0f} µs per request), "
            f"wrk {figures['wrk_cpu']:.1f} s")


def stratus_standard(client: Client, pid: int) -> dict:
    arn = client.create_machine("bench-standard", "STANDARD")
    figures = wrk(client.port, "start_execution.lua", pid, arn, CONNECTIONS, THREADS)
    counts = client.statuses(arn)
    succeeded = counts.get("SUCCEEDED", 0)
    figures["succeeded"] = succeeded
    # wrk counts the answers it received within the run; executions still in flight when it stopped also
    # succeed but are not counted (at most one per connection).
    figures["executions_per_s"] = min(succeeded, figures["requests"]) / figures["seconds"]
    other = {status: n for status, n in counts.items() if status != "SUCCEEDED"}
    print(f"Stratus Standard StartExecution ({CONNECTIONS} connections): {figures['rps']:.0f} req/s, "
          f"p50 {figures['p50_ms']:.2f} ms, p99 {figures['p99_ms']:.2f} ms{cpu(figures)}{failures(figures)}", flush=True)
    print(f"  verified with ListExecutions: {succeeded} SUCCEEDED ({figures['requests']:.0f} answered within the run, "
          f"the rest were in flight when wrk stopped)"
          + (f", others: {other}" if other else ""), flush=True)
    figures["other_statuses"] = other
    return figures


def stratus_express(client: Client, pid: int) -> dict:
    arn = client.create_machine("bench-express", "EXPRESS")
    latency = wrk(client.port, "start_sync_execution.lua", pid, arn, "1", "1")
    print(f"Stratus Express StartSyncExecution (1 connection):  {latency['rps']:.0f} req/s, "
          f"p50 {latency['p50_ms']:.3f} ms, p99 {latency['p99_ms']:.3f} ms{cpu(latency)}{failures(latency)}",
          flush=True)
    throughput = wrk(client.port, "start_sync_execution.lua", pid, arn, CONNECTIONS, THREADS)
    print(f"Stratus Express StartSyncExecution ({CONNECTIONS} connections): {throughput['rps']:.0f} req/s, "
          f"p50 {throughput['p50_ms']:.3f} ms, p99 {throughput['p99_ms']:.3f} ms{cpu(throughput)}"
          f"{failures(throughput)}", flush=True)
    return {"latency": latency, "throughput": throughput}


def moto_executions(client: Client, kind: str) -> dict:
    """Starts MOTO_EXECUTIONS executions of a `kind` machine from threads; polls until none is RUNNING."""
    arn = client.create_machine(f"bench-{kind.lower()}-async", kind)
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(MOTO_THREADS) as pool:
        list(pool.map(lambda n: client.call("StartExecution", {"stateMachineArn": arn, "name": f"run-{n}",
                                                          "input": json.dumps({"n": n})}),
                      range(MOTO_EXECUTIONS)))
    starts_done = time.monotonic()
    deadline = starts_done + 600
    while True:
        counts = client.statuses(arn)
        if not counts.get("RUNNING") and sum(counts.values()) >= MOTO_EXECUTIONS:
            break
        if time.monotonic() > deadline:
            raise SystemExit(f"moto: executions still running after 600 s: {counts}")
        time.sleep(0.05)
    wall = time.monotonic() - started
    succeeded = counts.get("SUCCEEDED", 0)
    print(f"moto {kind.capitalize()}: {MOTO_EXECUTIONS} StartExecution from {MOTO_THREADS} threads in "
          f"{starts_done - started:.2f} s; all finished after {wall:.2f} s; {succeeded} SUCCEEDED"
          + (f", others: { {k: v for k, v in counts.items() if k != 'SUCCEEDED'} }" if len(counts) > 1 else ""),
          flush=True)
    return {"succeeded": succeeded, "wall": wall, "executions_per_s": succeeded / wall}


def moto_express(client: Client) -> dict | None:
    arn = client.create_machine("bench-express", "EXPRESS")
    began = time.monotonic()
    status, body = client.call("StartSyncExecution", {"stateMachineArn": arn, "input": "{}"}, allow_error=True)
    elapsed = time.monotonic() - began
    if status == 200 and body.get("status") == "SUCCEEDED":
        print(f"moto Express StartSyncExecution answered in {elapsed * 1000:.1f} ms", flush=True)
        return {"single_ms": elapsed * 1000}
    print(f"moto Express StartSyncExecution: not supported (HTTP {status}: {json.dumps(body)[:80]}...); "
          f"what moto does run is StartExecution of the Express machine in the background:", flush=True)
    return moto_executions(client, "EXPRESS")


def start_moto_with_executions(moto_bin: str, processes: list) -> Client:
    moto, port = start_moto(moto_bin)
    processes.append(moto)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("POST", "/moto-api/config", body=json.dumps({"stepfunctions": {"execute_state_machine": True}}),
                       headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    if response.status not in (200, 201):
        raise SystemExit(f"moto /moto-api/config answered {response.status}")
    return Client(port)


def main() -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (scripts/bench-sfn.sh installs it)")
    stratus_bin = os.environ["STRATUS_BIN"]
    moto_bin = os.environ.get("MOTO_SERVER")
    print(f"wrk: {THREADS} threads, {CONNECTIONS} connections, {DURATION} per run; loopback only; "
          f"{STATES}-state Pass chain = {TRANSITIONS_PER_EXECUTION} state transitions per execution", flush=True)
    print(machine_line(), flush=True)
    processes: list = []
    moto_standard_figures = moto_express_figures = None
    with tempfile.TemporaryDirectory(prefix="stratus-bench-") as data_dir:
        try:
            stratus, port = start_stratus(stratus_bin, data_dir)
            processes.append(stratus)
            print(f"Stratus: {stratus_bin}, durable data dir {data_dir}", flush=True)
            client = Client(port)
            standard = stratus_standard(client, stratus.pid)
            express = stratus_express(client, stratus.pid)
            stratus.terminate()
            stratus.wait(timeout=30)
            if moto_bin:
                moto = start_moto_with_executions(moto_bin, processes)
                moto_standard_figures = moto_executions(moto, "STANDARD")
                moto_express_figures = moto_express(moto)
        finally:
            stop([process for process in processes if process.poll() is None])
    print()
    rate = standard["executions_per_s"]
    print(f"Stratus Standard: {rate:,.0f} executions/s, {rate * TRANSITIONS_PER_EXECUTION:,.0f} state transitions/s "
          f"(StartExecution p50 {standard['p50_ms']:.2f} ms, p99 {standard['p99_ms']:.2f} ms)")
    latency, throughput = express["latency"], express["throughput"]
    print(f"Stratus Express:  StartSyncExecution p50 {latency['p50_ms']:.3f} ms, p99 {latency['p99_ms']:.3f} ms "
          f"(1 connection, aim: p50 < 2 ms); {throughput['rps']:,.0f} req/s = "
          f"{throughput['rps'] * TRANSITIONS_PER_EXECUTION:,.0f} state transitions/s ({CONNECTIONS} connections)")
    if moto_standard_figures:
        moto_rate = moto_standard_figures["executions_per_s"]
        print(f"moto Standard:    {moto_rate:,.1f} executions/s, {moto_rate * TRANSITIONS_PER_EXECUTION:,.0f} "
              f"state transitions/s")
        print(f"Stratus / moto, Standard executions/s: {rate / max(moto_rate, 1e-9):,.0f}x  (aim: 100x)")
        if "single_ms" in moto_express_figures:
            print(f"Stratus / moto, Express single-call latency: "
                  f"{moto_express_figures['single_ms'] / latency['p50_ms']:,.0f}x")
        else:
            moto_express_rate = moto_express_figures["executions_per_s"]
            print(f"moto Express (asynchronous StartExecution, polled): {moto_express_rate:,.1f} executions/s")
            print(f"Stratus / moto, Express executions/s (Stratus StartSyncExecution vs moto's asynchronous "
                  f"StartExecution; moto has no StartSyncExecution): {throughput['rps'] / max(moto_express_rate, 1e-9):,.0f}x")
    bad = [f for f in (standard, latency, throughput) if f.get("non2xx") or f.get("errors") or f.get("unfinished")]
    if bad or standard.get("other_statuses") or standard["succeeded"] < standard["requests"]:
        print("warning: some requests or executions failed (see '!!' above); their figures are not comparable",
              file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
