#!/usr/bin/env python3
"""Start-up benchmark: time from process start until the first answered request, Stratus vs moto's server.

Both run in the same invocation, alternating, N rounds each; prints medians and the ratio.
Usage: scripts/bench-startup.sh [rounds]
"""
import http.client
import os
import socket
import statistics
import subprocess
import sys
import time


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def time_until_ready(command: list[str], port: int, path: str) -> float:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited with {process.returncode}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                connection.request("GET", path)
                connection.getresponse().read()
                return time.perf_counter() - start
            except OSError:
                time.sleep(0.002)
            if time.perf_counter() - start > 60:
                raise RuntimeError(f"{command[0]} did not answer within 60 s")
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    stratus_bin = os.environ["STRATUS_BIN"]
    moto_bin = os.environ.get("MOTO_SERVER")
    stratus_times, moto_times = [], []
    for _ in range(rounds):
        port = free_port()
        stratus_times.append(time_until_ready([stratus_bin, "serve", "--in-memory", "--port", str(port)], port,
                                              "/_stratus/health"))
        if moto_bin:
            port = free_port()
            moto_times.append(time_until_ready([moto_bin, "-p", str(port)], port, "/moto-api/"))
    s = statistics.median(stratus_times) * 1000
    print(f"stratus serve: median {s:.1f} ms to first answer over {rounds} starts ({stratus_bin})")
    if moto_times:
        m = statistics.median(moto_times) * 1000
        print(f"moto_server:   median {m:.1f} ms to first answer over {rounds} starts")
        print(f"ratio: Stratus starts {m / s:.1f}x faster than moto_server")


if __name__ == "__main__":
    main()
