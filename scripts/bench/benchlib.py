"""What the wrk-driven benchmarks share (scripts/bench/<service>/run.py): free loopback ports, waiting for a server,
AWS JSON calls with a well-formed but unsigned SigV4 header, CPU accounting, one wrk run parsed from the `BENCH …`
summary line the Lua scripts print, and the printed line of a run.

Environment: BENCH_DURATION (default 10s), BENCH_THREADS (2), BENCH_CONNECTIONS (32), BENCH_ROUNDS (1: how many
times the ceiling and the write runs are measured, each round on fresh servers; the ratios are the medians).
"""
import http.client
import json
import os
import re
import resource
import socket
import statistics
import subprocess
import tempfile
import time

BENCH_DIR = os.path.dirname(os.path.abspath(__file__))
# The ceiling of the server on this machine: GET /_stratus/health, its cheapest endpoint.
HEALTH_SCRIPT = os.path.join(BENCH_DIR, "health.lua")
DURATION = os.environ.get("BENCH_DURATION", "10s")
THREADS = os.environ.get("BENCH_THREADS", "2")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "32")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "1"))


def authorization(signing_service: str) -> str:
    """A well-formed SigV4 `Authorization` value for `signing_service` whose signature is not real (neither Stratus,
    by default, nor moto checks signatures)."""
    return (f"AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/{signing_service}/aws4_request, "
            "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + "0" * 64)


def json_headers(target: str, signing_service: str) -> dict:
    """Headers of an AWS JSON 1.0 call of `target` (`AmazonSQS.SendMessage`, …)."""
    return {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": target,
            "X-Amz-Date": "20240101T000000Z", "Authorization": authorization(signing_service)}


def aws_json_call(port: int, target: str, payload: dict, signing_service: str, timeout: float = 60) -> dict:
    """One AWS JSON 1.0 call on a new connection; exits the benchmark on any answer but 200."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request("POST", "/", body=json.dumps(payload), headers=json_headers(target, signing_service))
    response = connection.getresponse()
    body = response.read()
    if response.status != 200:
        raise SystemExit(f"{target} on port {port} answered {response.status}: {body[:500]!r}")
    return json.loads(body) if body else {}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_answering(process: subprocess.Popen, port: int, path: str, name: str) -> None:
    """Returns once `path` answers on `port`; exits the benchmark if the process dies or 60 s pass."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} exited with {process.returncode} before answering")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", path)
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"{name} did not answer on port {port} within 60 s")


def cpu_seconds(pid: int) -> float:
    """User+system CPU time of a running process (Linux /proc); 0 where /proc is missing."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return 0.0


def run_wrk(port: int, script: str, server_pid: int, path: str = "/", env: dict | None = None,
            threads: str = THREADS, connections: str = CONNECTIONS, extra_arguments: tuple = ()) -> dict:
    """One wrk run of the Lua `script` against `port` (scripts load the shared common.lua from BENCH_LUA_DIR); the
    figures of its `BENCH key=value …` line, plus the CPU seconds the server (`server_cpu`) and wrk (`wrk_cpu`) used
    during it, and `first_failure` when one was printed."""
    command = ["wrk", "-t", threads, "-c", connections, "-d", DURATION, "--timeout", "10s", *extra_arguments,
               "-s", script, f"http://127.0.0.1:{port}{path}"]
    server_before = cpu_seconds(server_pid)
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, **(env or {}), BENCH_LUA_DIR=BENCH_DIR))
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_cpu = cpu_seconds(server_pid) - server_before
    wrk_cpu = (children_after.ru_utime - children_before.ru_utime) + (children_after.ru_stime - children_before.ru_stime)
    if result.returncode != 0:
        raise SystemExit(f"wrk failed ({result.returncode}): {result.stderr}{result.stdout}")
    figures: dict = {}
    for line in result.stdout.splitlines():
        if line.startswith("BENCH first_failure="):
            figures["first_failure"] = line.split("=", 1)[1]
        elif line.startswith("BENCH "):
            for key, value in re.findall(r"(\w+)=(\S+)", line):
                figures[key] = float(value)
    if "rps" not in figures:
        raise SystemExit(f"wrk printed no summary:\n{result.stdout}\n{result.stderr}")
    figures["server_cpu"], figures["wrk_cpu"] = server_cpu, wrk_cpu
    return figures


def failed(figures: dict) -> bool:
    """Whether a run had failed requests (its figures are then not comparable)."""
    return bool(figures.get("non2xx") or figures.get("errors") or figures.get("status_errors"))


def describe(name: str, figures: dict, extra: str = "") -> str:
    """The printed line of one run: requests/s, p50/p99, CPU, then `extra` and any failures."""
    line = (f"{name:<40} {figures['rps']:>10.0f} req/s   p50 {figures['p50_ms']:>8.2f} ms   "
            f"p99 {figures['p99_ms']:>8.2f} ms")
    line += f"   cpu: server {figures['server_cpu']:.1f} s, wrk {figures['wrk_cpu']:.1f} s"
    line += extra
    if failed(figures):
        failures = max(figures.get("non2xx", 0), figures.get("status_errors", 0))
        line += f"   !! {failures:.0f} non-2xx, {figures.get('errors', 0):.0f} socket errors"
        if figures.get("first_failure"):
            line += f"; first: {figures['first_failure'][:200]}"
    return line


def machine_line() -> str:
    """The CPU count and load average, printed before the runs (other work on the machine skews the figures)."""
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return f"machine: {os.cpu_count()} CPUs, load average {load} before the runs (other work skews the figures)"


def start_stratus(stratus_bin: str, data_dir: str, *extra_args: str) -> tuple[subprocess.Popen, int]:
    """`stratus serve` with a durable data directory (and `extra_args`) on a free port, once it answers."""
    port = free_port()
    process = subprocess.Popen([stratus_bin, "serve", "--port", str(port), "--data-dir", data_dir,
                                "--log-level", "error", *extra_args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_answering(process, port, "/_stratus/health", "stratus")
    return process, port


def start_moto(moto_bin: str) -> tuple[subprocess.Popen, int]:
    """moto's server on a free port, once it answers."""
    port = free_port()
    process = subprocess.Popen([moto_bin, "-H", "127.0.0.1", "-p", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_answering(process, port, "/moto-api/", "moto_server")
    return process, port


def stop(processes: list) -> None:
    """Terminates the servers (killing any that take more than 15 s)."""
    for process in processes:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def run_stratus_and_moto(stratus_bin: str, moto_bin: str | None, suite, write_suite, rounds: int = ROUNDS) -> dict:
    """Starts Stratus with a durable data directory in a temporary folder (the default durability, `full`: every
    write synced to disk before its answer), measures its ceiling (GET /_stratus/health), runs
    `suite(name, port, server_pid)` on it; then runs `write_suite` on a second Stratus started with
    `--durability process` (writes answered once in the write-ahead log) on a fresh data directory. Rounds 2 to
    `rounds` repeat the ceiling, `write_suite` on a fresh `full` server and `write_suite` on a fresh `process`
    server (machine noise is ±10% between identical runs; the callers print medians). Last, `suite` on moto's
    server when `moto_bin` is given. Stops every server whatever happens.
    Returns {"ceilings": [per round], "stratus": suite's results, "full_writes": [per round; round 1 is suite's],
    "process_writes": [per round], "moto": moto's results or None}."""
    if rounds < 1:
        raise SystemExit("BENCH_ROUNDS must be at least 1")
    processes = []
    result = {"ceilings": [], "full_writes": [], "process_writes": [], "moto": None}
    with tempfile.TemporaryDirectory(prefix="stratus-bench-") as data_dir:
        try:
            for round_number in range(1, rounds + 1):
                if rounds > 1:
                    print(f"round {round_number} of {rounds}", flush=True)
                round_dir = os.path.join(data_dir, f"round-{round_number}")
                stratus, port = start_stratus(stratus_bin, os.path.join(round_dir, "full"))
                processes.append(stratus)
                if round_number == 1:
                    print(f"Stratus: {stratus_bin}, durable data dirs under {data_dir}", flush=True)
                ceiling = run_wrk(port, HEALTH_SCRIPT, stratus.pid, path="/_stratus/health")
                print(describe("Stratus GET /_stratus/health (ceiling)", ceiling), flush=True)
                result["ceilings"].append(ceiling)
                if round_number == 1:
                    result["stratus"] = suite("Stratus", port, stratus.pid)
                    result["full_writes"].append(result["stratus"])
                else:
                    result["full_writes"].append(write_suite("Stratus", port, stratus.pid))
                stop([stratus])
                processes.remove(stratus)
                stratus, port = start_stratus(stratus_bin, os.path.join(round_dir, "process"), "--durability", "process")
                processes.append(stratus)
                result["process_writes"].append(write_suite("Stratus --durability process", port, stratus.pid))
                stop([stratus])
                processes.remove(stratus)
            if moto_bin:
                moto, moto_port = start_moto(moto_bin)
                processes.append(moto)
                result["moto"] = suite("moto", moto_port, moto.pid)
        finally:
            stop(processes)
    return result


def median_ratio_line(label: str, numerators: list, denominators: list, aim: str = "", times: bool = False) -> str:
    """`label: <median ratio>` (as `12.3x` when `times`), with the ratio of every round when there are several, and
    the aim."""
    ratios = [n / max(d, 1e-9) for n, d in zip(numerators, denominators)]
    shown = (lambda r: f"{r:.1f}x") if times else (lambda r: f"{r:.2f}")
    text = f"{label}:  {shown(statistics.median(ratios))}"
    if len(ratios) > 1:
        text += f"  (median of {len(ratios)} rounds: {', '.join(shown(r) for r in ratios)})"
    return text + (f"  (aim: {aim})" if aim else "")


def report(runs: dict, write_key: str, write_label: str, moto_runs: list) -> list:
    """Prints the ratios of a `run_stratus_and_moto` result: the write (`write_key`, printed as `write_label`) over the
    ceiling in both durability modes (aim 0.5x), and Stratus over moto for each (key, label) of `moto_runs` (the
    write's rounds, the other operations' single runs; aim 50x for the write). Returns every run's figures (for the
    failure check)."""
    ceilings = [c["rps"] for c in runs["ceilings"]]
    full = [w[write_key]["rps"] for w in runs["full_writes"]]
    process = [w[write_key]["rps"] for w in runs["process_writes"]]
    print(median_ratio_line(f"Stratus {write_label} / Stratus ceiling", full, ceilings, aim="0.50 or better"))
    print(median_ratio_line(f"Stratus {write_label} (--durability process) / Stratus ceiling", process, ceilings))
    moto = runs["moto"]
    if moto:
        for key, label in moto_runs:
            stratus = full if key == write_key else [runs["stratus"][key]["rps"]]
            print(median_ratio_line(f"Stratus / moto, {label}", stratus, [moto[key]["rps"]] * len(stratus),
                                    aim="50x or better" if key == write_key else "", times=True))
        print(median_ratio_line(f"Stratus (--durability process) / moto, {write_label}", process,
                                [moto[write_key]["rps"]] * len(process), times=True))
    return [*runs["ceilings"], *runs["stratus"].values(), *(r for w in runs["full_writes"] for r in w.values()),
            *(r for w in runs["process_writes"] for r in w.values()), *((moto or {}).values())]
