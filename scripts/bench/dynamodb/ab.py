#!/usr/bin/env python3
"""Two Stratus builds compared on the DynamoDB benchmark's runs, alternating, so machine drift hits both alike.

Each round starts a fresh durable server of each build (order alternating round by round), creates and seeds the
benchmark table, and runs wrk with the benchmark's scripts for each operation (health = GET /_stratus/health, the
ceiling). Prints each round's requests/s, then per operation the medians of both builds: requests/s, server CPU
microseconds a request (user + system of the server process from /proc, divided by the requests), and new / base.
Run through scripts/bench-dynamodb-ab.sh.

Arguments: BASE_BIN NEW_BIN. Environment: AB_ROUNDS (4), AB_OPERATIONS (health,put,get,query,update),
AB_SERVER_ARGS (more `stratus serve` arguments for both builds, e.g. "--durability process"; split as a shell would),
BENCH_DURATION (4s here), BENCH_THREADS, BENCH_CONNECTIONS, SEED_ITEMS as for run.py.
"""
import os
import shlex
import statistics
import sys
import tempfile

os.environ.setdefault("BENCH_DURATION", "4s")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, HERE)
from benchlib import DURATION, HEALTH_SCRIPT, machine_line, run_wrk, start_stratus, stop  # noqa: E402
from run import prepare_table, wrk  # noqa: E402

SERVER_ARGS = shlex.split(os.environ.get("AB_SERVER_ARGS", ""))
SCRIPTS = {"health": None, "put": "put.lua", "get": "get.lua", "query": "query.lua", "update": "update.lua"}


def measure(binary: str, operations: list) -> dict:
    """One fresh server of `binary`: {operation: (requests/s, server µs a request)}."""
    process, port = start_stratus(binary, tempfile.mkdtemp(prefix="stratus-ab-"), *SERVER_ARGS)
    try:
        prepare_table(port)
        figures = {}
        for operation in operations:
            if SCRIPTS[operation] is None:
                run = run_wrk(port, HEALTH_SCRIPT, process.pid, path="/_stratus/health")
            else:
                run = wrk(port, SCRIPTS[operation], process.pid)
            if run.get("non2xx") or run.get("errors") or run.get("status_errors"):
                raise SystemExit(f"{binary} {operation}: failed requests: {run}")
            requests = run["rps"] * float(DURATION.rstrip("s"))
            figures[operation] = (run["rps"], run["server_cpu"] / requests * 1e6)
        return figures
    finally:
        stop([process])


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit("usage: ab.py BASE_BIN NEW_BIN")
    builds = {"base": sys.argv[1], "new": sys.argv[2]}
    rounds = int(os.environ.get("AB_ROUNDS", "4"))
    operations = os.environ.get("AB_OPERATIONS", ",".join(SCRIPTS)).split(",")
    unknown = [operation for operation in operations if operation not in SCRIPTS]
    if unknown:
        raise SystemExit(f"unknown operations {unknown}; known: {', '.join(SCRIPTS)}")
    print(f"base: {builds['base']}\nnew:  {builds['new']}\n{rounds} rounds of {DURATION} per operation"
          + (f", servers started with {' '.join(SERVER_ARGS)}" if SERVER_ARGS else ""), flush=True)
    print(machine_line(), flush=True)
    results = {name: {operation: [] for operation in operations} for name in builds}
    for round_number in range(rounds):
        order = list(builds) if round_number % 2 == 0 else list(reversed(builds))
        for name in order:
            for operation, figures in measure(builds[name], operations).items():
                results[name][operation].append(figures)
        print(f"round {round_number + 1}: " + "  ".join(
            f"{operation} {results['base'][operation][-1][0]:.0f} → {results['new'][operation][-1][0]:.0f}"
            for operation in operations), flush=True)
    print()
    for operation in operations:
        base_rps = statistics.median(rps for rps, _ in results["base"][operation])
        new_rps = statistics.median(rps for rps, _ in results["new"][operation])
        base_cpu = statistics.median(cpu for _, cpu in results["base"][operation])
        new_cpu = statistics.median(cpu for _, cpu in results["new"][operation])
        print(f"{operation:7s} base {base_rps:8.0f} req/s {base_cpu:6.1f} µs/req   new {new_rps:8.0f} req/s "
              f"{new_cpu:6.1f} µs/req   new / base {new_rps / base_rps:.2f}")


if __name__ == "__main__":
    main()
