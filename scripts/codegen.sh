#!/usr/bin/env bash
# Regenerates every generated Swift file from the pinned models:
#   Sources/StratusAPI*/Generated/                  from botocore in .venv (plus Models/overlays/)
#   Tests/StratusProtocolTestServices/Generated/    from ../shared/conformance/smithy-protocol-tests/services
# The protocol-test part is skipped, with a message, when that directory is absent.
# Usage: scripts/codegen.sh [PROTOCOL_TEST_SERVICES_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/bootstrap-venv.sh
swift build --package-path Tools/CodeGen -c debug >/dev/null
tests_dir=${1:-"$root/../shared/conformance/smithy-protocol-tests/services"}
args=(--repo "$root")
if [[ -f "$tests_dir/index.json" ]]; then
    args+=(--protocol-tests "$tests_dir")
else
    echo "codegen: $tests_dir not found; skipping the protocol-test services" >&2
fi
"$(swift build --package-path Tools/CodeGen -c debug --show-bin-path)/CodeGen" "${args[@]}"
