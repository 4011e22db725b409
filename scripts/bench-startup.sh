#!/usr/bin/env bash
# Start-up time of `stratus serve` against moto's server, in one run. Builds release unless STRATUS_BIN is set.
# Usage: scripts/bench-startup.sh [rounds]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/bootstrap-bench-venv.sh
if [[ -z "${STRATUS_BIN:-}" ]]; then
    # A separate scratch path keeps the release build (10+ minutes from clean) out of the tests' debug build.
    swift build -c release --product stratus --scratch-path .build-release
    STRATUS_BIN="$(swift build -c release --scratch-path .build-release --show-bin-path)/stratus"
fi
export STRATUS_BIN MOTO_SERVER="$root/.venv-bench/bin/moto_server"
python3 scripts/bench/startup.py "${1:-10}"
