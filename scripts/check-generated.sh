#!/usr/bin/env bash
# Regenerates the generated code and fails when it differs from what is committed (changed, deleted or new
# files under Sources/StratusAPI*/Generated and Tests/StratusProtocolTestServices).
# Without ../shared/conformance the protocol-test services are not regenerated and their check is skipped.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/codegen.sh
paths=(Sources/StratusAPI*/Generated)
tests_dir="$root/../shared/conformance/smithy-protocol-tests/services"
if [[ -f "$tests_dir/index.json" ]]; then
    paths+=(Tests/StratusProtocolTestServices)
else
    echo "check-generated: ../shared/conformance absent; protocol-test services not checked" >&2
fi
status=0
if ! git diff --exit-code --stat -- "${paths[@]}"; then
    echo "check-generated: generated code differs from the committed code; run scripts/codegen.sh and commit" >&2
    status=1
fi
untracked=$(git ls-files --others --exclude-standard -- "${paths[@]}")
if [[ -n "$untracked" ]]; then
    echo "check-generated: untracked generated files:" >&2
    echo "$untracked" >&2
    status=1
fi
if [[ $status -eq 0 ]]; then echo "check-generated: generated code is up to date"; fi
exit $status
