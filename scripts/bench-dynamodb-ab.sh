#!/usr/bin/env bash
# Two Stratus builds on the DynamoDB benchmark's runs, alternating round by round on fresh durable servers; prints
# per operation the median requests/s and server CPU a request of each build and their ratio (new / base).
# Usage: scripts/bench-dynamodb-ab.sh BASE_BIN NEW_BIN   (AB_ROUNDS=4 AB_OPERATIONS=health,put,get,query,update
#        AB_SERVER_ARGS="--durability process" BENCH_DURATION=4s). Copy a release binary aside before rebuilding to keep it as the base. Not run by the tests.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[[ $# -eq 2 ]] || { echo "usage: $0 BASE_BIN NEW_BIN" >&2; exit 2; }
source scripts/bench/prepare.sh
bench_need_wrk
bench_need_venv
python3 scripts/bench/dynamodb/ab.py "$1" "$2"
