#!/usr/bin/env bash
# SQS throughput: SendMessage and ReceiveMessage+DeleteMessage on Stratus (durable, release build) and on moto's
# server, plus GET /_stratus/health as Stratus's ceiling and SendMessage on a Stratus with --durability process, all
# driven by wrk on loopback in one run; prints requests/s, p50/p99 latency and the ratios. Not run by the tests.
# Usage: scripts/bench-sqs.sh   (BENCH_DURATION=10s BENCH_THREADS=2 BENCH_CONNECTIONS=32; STRATUS_BIN skips the build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/bench/prepare.sh
bench_need_wrk
bench_need_venv
bench_need_product stratus STRATUS_BIN
python3 scripts/bench/sqs/run.py
