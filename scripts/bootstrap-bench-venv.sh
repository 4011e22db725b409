#!/usr/bin/env bash
# Creates .venv-bench with the baselines the benchmarks compare against (moto's server for bench-sqs.sh and
# bench-startup.sh, jsonata-python for bench-jsonata.sh). Idempotent: reinstalls only when a requirements file changes.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv-bench"
stamp="$venv/.requirements.sha256"
requirements=("$root/scripts/bench/requirements.txt" "$root/scripts/bench/jsonata/requirements.txt")
want=$(cat "${requirements[@]}" | sha256sum | cut -d' ' -f1)
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then exit 0; fi
python3 -m venv "$venv"
for file in "${requirements[@]}"; do
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$file"
done
echo "$want" > "$stamp"
