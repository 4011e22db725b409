#!/usr/bin/env bash
# Lambda: warm synchronous invokes per second (wrk, Invoke of a Python handler on warm environments) against the
# server's own ceiling (GET /_stratus/health), and cold-start latency p50/p99 (first Invoke of new Python functions)
# against a bare interpreter start, on Stratus (durable, release build), all in one run. Not run by the tests.
# Usage: scripts/bench-lambda.sh   (BENCH_DURATION=10s BENCH_THREADS=2 BENCH_CONNECTIONS=4 BENCH_COLD=20;
#                                   STRATUS_BIN skips the build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if ! command -v wrk >/dev/null; then
    echo "==> installing wrk (Debian package)"
    apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
if [[ -z "${STRATUS_BIN:-}" ]]; then
    # A separate scratch path keeps the release build (10+ minutes from clean) out of the tests' debug build.
    swift build -c release --product stratus --scratch-path .build-release
    STRATUS_BIN="$(swift build -c release --scratch-path .build-release --show-bin-path)/stratus"
fi
export STRATUS_BIN
.venv/bin/python scripts/bench/lambda/run.py
