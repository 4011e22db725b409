#!/usr/bin/env bash
# DynamoDB throughput: PutItem, GetItem, Query and UpdateItem on Stratus (durable, release build) and on moto's
# server, plus GET /_stratus/health as Stratus's ceiling, all driven by wrk on loopback in one run; prints
# requests/s, p50/p99 latency and the ratios. Not run by the tests.
# Usage: scripts/bench-dynamodb.sh   (BENCH_DURATION=10s BENCH_THREADS=2 BENCH_CONNECTIONS=32; STRATUS_BIN skips the build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if ! command -v wrk >/dev/null; then
    echo "==> installing wrk (Debian package)"
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
bash scripts/bootstrap-bench-venv.sh
if [[ -z "${STRATUS_BIN:-}" ]]; then
    # A separate scratch path keeps the release build (10+ minutes from clean) out of the tests' debug build.
    swift build -c release --product stratus --scratch-path .build-release
    STRATUS_BIN="$(swift build -c release --scratch-path .build-release --show-bin-path)/stratus"
fi
export STRATUS_BIN MOTO_SERVER="$root/.venv-bench/bin/moto_server"
python3 scripts/bench/dynamodb/run.py
