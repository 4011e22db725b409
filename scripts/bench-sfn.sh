#!/usr/bin/env bash
# Step Functions API throughput and latency over HTTP on loopback, Stratus (durable, release build) vs moto's server,
# for a 20-state Pass chain: Standard executions/s and state transitions/s (wrk + Lua StartExecution, then every
# execution verified SUCCEEDED with ListExecutions; moto: threads start executions, polled until all finish), and
# Express StartSyncExecution p50/p99 and req/s. Prints the ratios Stratus/moto. Not run by the tests.
# Usage: scripts/bench-sfn.sh   (BENCH_DURATION=10s BENCH_THREADS=2 BENCH_CONNECTIONS=32 BENCH_MOTO_EXECUTIONS=400
#        BENCH_MOTO_THREADS=16; STRATUS_BIN skips the build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/bench/prepare.sh
bench_need_wrk
bench_need_venv
bench_need_product stratus STRATUS_BIN
python3 scripts/bench/sfn/run.py
