#!/usr/bin/env bash
# Lambda: warm synchronous invokes per second (wrk, Invoke of a Python handler on warm environments) against the
# server's own ceiling (GET /_stratus/health), and cold-start latency p50/p99 (first Invoke of new Python functions)
# against a bare interpreter start, on Stratus (durable, release build), all in one run. Not run by the tests.
# Usage: scripts/bench-lambda.sh   (BENCH_DURATION=10s BENCH_THREADS=2 BENCH_CONNECTIONS=4 BENCH_COLD=20;
#                                   STRATUS_BIN skips the build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/bench/prepare.sh
bench_need_wrk
bench_need_product stratus STRATUS_BIN
.venv/bin/python scripts/bench/lambda/run.py
