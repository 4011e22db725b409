#!/usr/bin/env bash
# Runs every test: the generated-code and layering checks, the Swift unit and conformance tests, and the
# end-to-end tests (the built binary driven by boto3, the AWS CLI and, for the console, headless Chromium).
# One debug build serves them all.
# Usage: scripts/test.sh [extra pytest arguments]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

step() { printf '\n==> %s\n' "$*"; }

step "Python environment (.venv: pinned botocore, boto3, AWS CLI, pytest)"
bash scripts/bootstrap-venv.sh

step "Layering"
bash scripts/check-layers.sh

step "Generated code is up to date"
bash scripts/check-generated.sh

step "Code generator tests (Tools/CodeGen)"
swift test --package-path Tools/CodeGen 2>&1 | tail -n 3

step "Build (debug, with tests)"
swift build --build-tests

step "Swift tests (unit and conformance)"
swift test --skip-build 2>&1 | tee .build/swift-test.log
grep -E '^(Test run|.*Executed|.*conformance|.*: request|.*pass rate)' .build/swift-test.log || true

step "Headless Chromium for the console's browser tests (Debian's chromium and chromium-driver)"
bash scripts/bootstrap-chromium.sh

step "End-to-end tests (stratus binary + boto3 + AWS CLI + headless Chromium)"
export STRATUS_BIN="$(swift build --show-bin-path)/stratus"
set +e
.venv/bin/python -m pytest Tests/e2e -q -p no:cacheprovider "$@"
status=$?
set -e
if [[ $status -eq 5 ]]; then
    echo "pytest collected no tests" >&2
    exit 1
fi
exit $status
