"""End-to-end fixtures: the built `stratus` binary on a free port, driven by boto3, the AWS CLI and raw HTTP.

The binary comes from STRATUS_BIN (set by scripts/test.sh); the AWS CLI from the project's .venv.
"""
import http.client
import json
import os
import pathlib
import re
import signal
import subprocess
import tempfile
import time

import boto3
import botocore.auth
import botocore.awsrequest
import botocore.config
import botocore.credentials
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
ACCESS_KEY = "test"
SECRET_KEY = "test"
REGION = "us-east-1"


def stratus_binary() -> str:
    path = os.environ.get("STRATUS_BIN") or str(ROOT / ".build" / "debug" / "stratus")
    if not os.path.exists(path):
        pytest.exit(f"stratus binary not found at {path}; run scripts/test.sh (it builds it)", returncode=2)
    return path


class StratusProcess:
    """One running `stratus serve`, started with --port 0; `endpoint` is read from its 'Listening on' line."""

    def __init__(self, *args: str, env: dict | None = None, data_dir: str | None = None):
        self.tmp = tempfile.TemporaryDirectory(prefix="stratus-e2e-")
        self.data_dir = data_dir or os.path.join(self.tmp.name, "data")
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("STRATUS_")}
        full_env.update(env or {})
        command = [stratus_binary(), "serve", "--port", "0", "--data-dir", self.data_dir, *args]
        self.started_at = time.monotonic()
        self.process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=full_env, text=True, cwd=self.tmp.name
        )
        self.ready_line = ""
        self.endpoint = ""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            match = re.search(r"Listening on (http://\S+)", line)
            if match:
                self.endpoint = match.group(1)
                break
            self.ready_line += line
        if not self.endpoint:
            self.process.kill()
            out, err = self.process.communicate(timeout=5)
            raise RuntimeError(f"stratus did not start: {self.ready_line}{out}\n{err}")
        self.startup_seconds = time.monotonic() - self.started_at
        self.port = int(self.endpoint.rsplit(":", 1)[1])

    def stop(self, sig=signal.SIGTERM, timeout=15) -> int:
        if self.process.stdout.closed:  # already stopped
            return self.process.returncode
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()
        self.stderr_text = self.process.stderr.read()
        self.process.stderr.close()
        self.tmp.cleanup()
        return self.process.returncode

    # Clients -------------------------------------------------------------------------------------------------
    def client(self, service: str, access_key: str = ACCESS_KEY, secret_key: str = SECRET_KEY, **config):
        return boto3.client(
            service,
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=access_key,
            aws_secret_access_key=secret_key,
            config=botocore.config.Config(retries={"max_attempts": 1}, **config),
        )

    def cli(self, *args: str, access_key: str = ACCESS_KEY) -> subprocess.CompletedProcess:
        env = dict(os.environ)
        env.update(
            AWS_ACCESS_KEY_ID=access_key,
            AWS_SECRET_ACCESS_KEY=SECRET_KEY,
            AWS_DEFAULT_REGION=REGION,
            AWS_CONFIG_FILE="/dev/null",
            AWS_SHARED_CREDENTIALS_FILE="/dev/null",
        )
        aws = str(ROOT / ".venv" / "bin" / "aws")
        return subprocess.run(
            [aws, "--endpoint-url", self.endpoint, "--output", "json", *args],
            capture_output=True, text=True, env=env, timeout=60,
        )

    def raw(self, method: str, path: str, body: bytes | str = b"", headers: dict | None = None,
            sign_service: str | None = None, access_key: str = ACCESS_KEY, secret_key: str = SECRET_KEY):
        """Sends one HTTP request, optionally SigV4-signed for `sign_service`; returns (status, headers, body bytes)."""
        if isinstance(body, str):
            body = body.encode()
        headers = dict(headers or {})
        if sign_service:
            request = botocore.awsrequest.AWSRequest(method=method, url=self.endpoint + path, data=body, headers=headers)
            credentials = botocore.credentials.Credentials(access_key, secret_key)
            botocore.auth.SigV4Auth(credentials, sign_service, REGION).add_auth(request)
            headers = dict(request.headers.items())
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def json(self, method: str, path: str, **kwargs):
        status, headers, body = self.raw(method, path, **kwargs)
        return status, headers, json.loads(body) if body else None


@pytest.fixture(scope="session")
def stratus():
    server = StratusProcess("--in-memory")
    yield server
    server.stop()


@pytest.fixture
def fresh_stratus():
    """A server of its own (durable, in a temporary data directory), stopped after the test."""
    servers = []

    def start(*args, **kwargs):
        server = StratusProcess(*args, **kwargs)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def sqs(stratus):
    """A boto3 SQS client of the session server."""
    return stratus.client("sqs")


@pytest.fixture
def queue(sqs):
    """A new standard queue's URL."""
    from sqs_support import unique_name
    return sqs.create_queue(QueueName=unique_name())["QueueUrl"]
