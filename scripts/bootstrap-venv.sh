#!/usr/bin/env bash
# Creates (or refreshes) the project's Python virtual environment in .venv with the pinned packages of
# scripts/requirements.txt. Idempotent: a second run with nothing changed does no network work.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv="$root/.venv"
stamp="$venv/.requirements.sha256"
want=$(sha256sum "$root/scripts/requirements.txt" | cut -d' ' -f1)
if [[ -x "$venv/bin/python" && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    exit 0
fi
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >/dev/null
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$root/scripts/requirements.txt"
echo "$want" > "$stamp"
