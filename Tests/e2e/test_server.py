"""`stratus serve`: flags, environment variables, start-up, admin endpoints, clean shutdown."""
import json
import os
import signal
import subprocess

import pytest

from conftest import StratusProcess, stratus_binary

SERVICES = {"stepfunctions", "lambda", "s3", "sns", "sqs", "dynamodb", "dynamodbstreams", "events"}


def test_health_lists_every_service_with_its_protocols(stratus):
    status, headers, body = stratus.json("GET", "/_stratus/health")
    assert status == 200
    assert headers["content-type"] == "application/json"
    assert body["status"] == "running"
    assert body["version"]
    assert body["storage"] == "memory"
    assert set(body["services"]) == SERVICES
    assert body["services"]["sns"]["protocols"] == ["query"]
    assert body["services"]["s3"]["protocols"] == ["rest-xml"]
    assert body["services"]["lambda"]["protocols"] == ["rest-json"]
    assert body["services"]["sqs"]["operations"] == 23
    assert body["services"]["stepfunctions"]["operations"] == 37


def test_reset_endpoints(stratus):
    assert stratus.json("POST", "/_stratus/reset")[0:3:2] == (200, {"reset": True})
    assert stratus.json("POST", "/moto-api/reset")[0:3:2] == (200, {"status": "ok"})
    # moto answers a GET on its reset path with 400; so do we.
    status, _, body = stratus.json("GET", "/moto-api/reset")
    assert status == 400 and body == {"Error": "Need to POST to reset Moto"}
    status, headers, _ = stratus.json("GET", "/_stratus/reset")
    assert status == 405 and headers["allow"] == "POST"
    assert stratus.json("GET", "/_stratus/nothing-here")[0] == 404


def test_starts_on_loopback_by_default_and_prints_its_address(stratus):
    assert stratus.endpoint.startswith("http://127.0.0.1:")
    assert stratus.startup_seconds < 20  # readiness, not a benchmark: see scripts/bench-startup.sh


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_shuts_down_cleanly_on_signals(fresh_stratus, sig):
    server = fresh_stratus()
    assert server.json("GET", "/_stratus/health")[0] == 200
    assert server.stop(sig) == 0


def test_durable_mode_creates_the_data_directory(fresh_stratus, tmp_path):
    data_dir = tmp_path / "state"
    server = fresh_stratus(data_dir=str(data_dir))
    status, _, body = server.json("GET", "/_stratus/health")
    assert body["storage"] == "sqlite"
    assert body["durability"] == "full"
    assert data_dir.is_dir()
    assert oct(data_dir.stat().st_mode & 0o777) == "0o700"


def test_durability_is_chosen_by_flag_or_environment_and_reported(fresh_stratus):
    assert fresh_stratus("--durability", "process").json("GET", "/_stratus/health")[2]["durability"] == "process"
    assert fresh_stratus(env={"STRATUS_DURABILITY": "process"}).json("GET", "/_stratus/health")[2]["durability"] == "process"
    assert fresh_stratus("--durability", "full", env={"STRATUS_DURABILITY": "process"}).json(
        "GET", "/_stratus/health")[2]["durability"] == "full"
    # In memory nothing is durable: health says nothing about it.
    assert "durability" not in fresh_stratus("--in-memory").json("GET", "/_stratus/health")[2]


def test_in_memory_mode_writes_nothing(fresh_stratus, tmp_path):
    data_dir = tmp_path / "never"
    server = fresh_stratus("--in-memory", data_dir=str(data_dir))
    assert server.json("GET", "/_stratus/health")[2]["storage"] == "memory"
    assert not data_dir.exists()


def test_environment_variables_configure_the_server(fresh_stratus, tmp_path):
    server = fresh_stratus(env={"STRATUS_IN_MEMORY": "1", "STRATUS_LOG_LEVEL": "debug", "STRATUS_HOST": "127.0.0.1"})
    assert server.json("GET", "/_stratus/health")[2]["storage"] == "memory"


def test_flags_win_over_environment(fresh_stratus):
    # STRATUS_PORT says 1 (privileged, would fail to bind); --port 0 on the command line wins.
    server = fresh_stratus("--in-memory", env={"STRATUS_PORT": "1"})
    assert server.port != 1


@pytest.mark.parametrize(
    "args,env,message",
    [
        (["--port", "70000"], {}, "between 0 and 65535"),
        (["--log-level", "loud"], {}, "Unknown log level"),
        (["--account-id", "123"], {}, "12 digits"),
        (["--auth", "maybe"], {}, "Unknown --auth mode"),
        (["--auth", "verify"], {}, "needs --auth-keys"),
        (["--durability", "eventually"], {}, "Unknown durability 'eventually'; use full or process."),
        ([], {"STRATUS_PORT": "eighty"}, "STRATUS_PORT must be a number"),
    ],
)
def test_bad_options_are_refused_with_a_message(args, env, message):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("STRATUS_")}
    full_env.update(env)
    result = subprocess.run([stratus_binary(), "serve", "--in-memory", *args], capture_output=True, text=True,
                            env=full_env, timeout=20)
    assert result.returncode != 0
    assert message in result.stderr


def test_version_flag():
    result = subprocess.run([stratus_binary(), "--version"], capture_output=True, text=True, timeout=20)
    assert result.returncode == 0 and result.stdout.strip()
