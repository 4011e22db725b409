#!/usr/bin/env bash
# Enforces the dependency direction of docs/architecture.md over `swift package dump-package`.
set -euo pipefail
cd "$(dirname "$0")/.."
swift package dump-package | python3 scripts/check-layers.py
