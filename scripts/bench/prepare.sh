# Sourced by scripts/bench-*.sh (after `set -euo pipefail` and `cd` to the repository root): what the benchmarks
# need before they run. Functions:
#   bench_need_wrk         installs wrk (Debian package) if it is missing
#   bench_need_venv        creates/updates .venv-bench (moto[server], jsonata-python) and exports MOTO_SERVER
#   bench_need_product P V builds product P in release (scratch path .build-release) unless $V names a binary,
#                          and exports V as the binary's path

bench_need_wrk() {
    if ! command -v wrk >/dev/null; then
        echo "==> installing wrk (Debian package)"
        apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
    fi
}

bench_need_venv() {
    bash scripts/bootstrap-bench-venv.sh
    export MOTO_SERVER="$PWD/.venv-bench/bin/moto_server"
}

bench_need_product() {
    local product=$1 variable=$2
    if [[ -z "${!variable:-}" ]]; then
        # A separate scratch path keeps the release build (10+ minutes from clean) out of the tests' debug build.
        swift build -c release --product "$product" --scratch-path .build-release
        printf -v "$variable" '%s' "$(swift build -c release --scratch-path .build-release --show-bin-path)/$product"
    fi
    export "${variable?}"
}
