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
python3 scripts/bench/sfn/run.py
