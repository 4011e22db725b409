#!/usr/bin/env bash
# Start-up time of `stratus serve` against moto's server, in one run. Builds release unless STRATUS_BIN is set.
# Usage: scripts/bench-startup.sh [rounds]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/bench/prepare.sh
bench_need_venv
bench_need_product stratus STRATUS_BIN
python3 scripts/bench/startup.py "${1:-10}"
