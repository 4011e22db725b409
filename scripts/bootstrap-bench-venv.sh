#!/usr/bin/env bash
# Creates .venv-bench with the baselines the benchmarks compare against (moto's server). Idempotent.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv-bench"
stamp="$venv/.requirements.sha256"
want=$(sha256sum "$root/scripts/bench/requirements.txt" | cut -d' ' -f1)
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then exit 0; fi
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$root/scripts/bench/requirements.txt"
echo "$want" > "$stamp"
