#!/usr/bin/env bash
# States engine and JSON throughput, in-process on one thread (release build): state transitions per second for
# (a) a 20-state Pass chain, (b) a Choice loop counting with States.MathAdd, (c) an inline Map over 10,000 items,
# each with history recording off and on; then parse and serialize of a ~100 KB JSON document with StratusJSON
# and with Foundation's JSONSerialization, with their ratio. Not run by the tests.
# Usage: scripts/bench-engine.sh [--seconds S] [--rounds N] [--items N]   (minimum measured time per case, default
#        2; Choice loop rounds, default 1000; Map items, default 10000; STRATUS_BENCH_BIN=path skips the build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
source scripts/bench/prepare.sh
bench_need_product stratus-bench STRATUS_BENCH_BIN
"$STRATUS_BENCH_BIN" "$@"
