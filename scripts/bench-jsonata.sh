#!/usr/bin/env bash
# JSONata evaluations per second: StratusJSONata vs jsonata-python (PyPI, pure Python) in the same run, on the same
# expressions and input (field access, a condition, $map over 1,000 items and its $sum, string building,
# arithmetic, object construction, a filter); prints both rates and their ratio, and fails loudly if the two
# sides' results differ. One thread each, each expression compiled once. Not run by the tests.
# Usage: scripts/bench-jsonata.sh [--seconds S] [--items N]   (minimum measured time per expression and side,
#        default 1; line items in the input, default 1000; STRATUS_BENCH_BIN=path skips the build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/bench/prepare.sh
bench_need_venv
bench_need_product stratus-bench STRATUS_BENCH_BIN
"$root/.venv-bench/bin/python" scripts/bench/jsonata/run.py "$@"
