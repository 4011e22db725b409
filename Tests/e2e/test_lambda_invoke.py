"""Lambda invocations end to end: Python, Node.js, a `provided` shell bootstrap and awslambdaric as runtimes,
function errors, crashes, timeouts, throttling, payload limits, DryRun, log tails, and handler code reaching
Stratus through AWS_ENDPOINT_URL."""
import base64
import concurrent.futures
import json
import time

import botocore.exceptions
import pytest

from test_lambda_support import ECHO, ROLE, VENV_PYTHON, python_function, unique, zip_of

SHELL_BOOTSTRAP = """#!/bin/sh
set -eu
API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
while true; do
  HEADERS="$(mktemp)"
  EVENT="$(curl -sS -D "$HEADERS" "$API/invocation/next")"
  REQUEST_ID="$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$HEADERS" | cut -d: -f2 | tr -d '[:space:]')"
  rm -f "$HEADERS"
  echo "shell got $EVENT"
  curl -sS -X POST "$API/invocation/$REQUEST_ID/response" -d "{\\"shell\\": $EVENT, \\"handler\\": \\"$_HANDLER\\"}" >/dev/null
done
"""


@pytest.fixture
def lam(stratus):
    return stratus.client("lambda")


def payload_of(response):
    return json.loads(response["Payload"].read())


def test_python_handler_with_context_and_log_tail(lam):
    name = python_function(lam, (
        "import os\n"
        "def handler(event, context):\n"
        "    print('processing', event['n'])\n"
        "    return {'n': event['n'] * 2, 'name': context.function_name, 'request': context.aws_request_id,\n"
        "            'remaining': context.get_remaining_time_in_millis() > 0, 'region': os.environ['AWS_REGION']}\n"))
    response = lam.invoke(FunctionName=name, Payload=json.dumps({"n": 21}), LogType="Tail")
    assert response["StatusCode"] == 200 and "FunctionError" not in response
    assert response["ExecutedVersion"] == "$LATEST"
    result = payload_of(response)
    assert result["n"] == 42 and result["name"] == name and result["remaining"] and result["region"] == "us-east-1"
    assert result["request"] == response["ResponseMetadata"]["RequestId"]
    log = base64.b64decode(response["LogResult"]).decode()
    assert log.startswith("START RequestId: ") and "processing 21" in log and "REPORT RequestId: " in log


def test_nodejs_handler(lam):
    name = unique()
    lam.create_function(
        FunctionName=name, Runtime="nodejs20.x", Role=ROLE, Handler="index.handler",
        Code={"ZipFile": zip_of({"index.js": "exports.handler = async (event, context) => "
                                             "({ node: event, name: context.functionName });\n"})})
    lam.get_waiter("function_active_v2").wait(FunctionName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    assert payload_of(lam.invoke(FunctionName=name, Payload=b'{"a": [1, 2]}')) == {"node": {"a": [1, 2]}, "name": name}


def test_nodejs_error_trace_names_var_task(lam):
    name = unique()
    lam.create_function(
        FunctionName=name, Runtime="nodejs20.x", Role=ROLE, Handler="index.handler",
        Code={"ZipFile": zip_of({"index.js": "exports.handler = async () => {\n  throw new TypeError('bad input');\n};\n"})})
    lam.get_waiter("function_active_v2").wait(FunctionName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    response = lam.invoke(FunctionName=name)
    document = json.loads(response["Payload"].read())
    assert response["FunctionError"] == "Unhandled"
    assert document["errorType"] == "TypeError" and document["errorMessage"] == "bad input"
    # As on Lambda, the code directory is /var/task in the trace.
    assert any("/var/task/index.js:2" in line for line in document["trace"]), document["trace"]


def test_provided_shell_bootstrap(lam):
    name = unique()
    lam.create_function(FunctionName=name, Runtime="provided.al2023", Role=ROLE, Handler="my.handler",
                        Code={"ZipFile": zip_of({"bootstrap": SHELL_BOOTSTRAP}, executable=("bootstrap",))})
    lam.get_waiter("function_active_v2").wait(FunctionName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    response = lam.invoke(FunctionName=name, Payload=b'{"k": "v"}', LogType="Tail")
    assert payload_of(response) == {"shell": {"k": "v"}, "handler": "my.handler"}
    assert 'shell got {"k": "v"}' in base64.b64decode(response["LogResult"]).decode()
    # Warm: the same process answers again.
    assert payload_of(lam.invoke(FunctionName=name, Payload=b"[1]")) == {"shell": [1], "handler": "my.handler"}


def test_awslambdaric_as_the_runtime(lam):
    name = unique()
    bootstrap = f"#!/bin/sh\nexec {VENV_PYTHON} -m awslambdaric \"$_HANDLER\"\n"
    lam.create_function(
        FunctionName=name, Runtime="provided.al2", Role=ROLE, Handler="app.handler",
        Code={"ZipFile": zip_of({"bootstrap": bootstrap,
                                 "app.py": "def handler(event, context):\n    return {'ric': event, 'id': context.aws_request_id}\n"},
                                executable=("bootstrap",))})
    lam.get_waiter("function_active_v2").wait(FunctionName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    response = lam.invoke(FunctionName=name, Payload=b'{"via": "awslambdaric"}')
    result = payload_of(response)
    assert result["ric"] == {"via": "awslambdaric"} and result["id"] == response["ResponseMetadata"]["RequestId"]
    failing = python_function(lam, "def handler(e, c):\n    raise ValueError('bad input')\n")
    error = lam.invoke(FunctionName=failing)
    assert error["FunctionError"] == "Unhandled"


def test_function_errors_crashes_and_timeouts(lam):
    raising = python_function(lam, "def handler(event, context):\n    raise KeyError('missing')\n")
    response = lam.invoke(FunctionName=raising)
    assert response["StatusCode"] == 200 and response["FunctionError"] == "Unhandled"
    error = payload_of(response)
    assert error["errorType"] == "KeyError" and "missing" in error["errorMessage"]
    crashing = python_function(lam, "import os\ndef handler(event, context):\n    os._exit(3)\n")
    crash = lam.invoke(FunctionName=crashing)
    assert crash["FunctionError"] == "Unhandled" and payload_of(crash)["errorType"] == "Runtime.ExitError"
    slow = python_function(lam, "import time\ndef handler(event, context):\n    time.sleep(10)\n", Timeout=1)
    started = time.monotonic()
    timed_out = lam.invoke(FunctionName=slow, LogType="Tail")
    assert time.monotonic() - started < 8
    assert timed_out["FunctionError"] == "Unhandled"
    assert "Task timed out after 1.00 seconds" in payload_of(timed_out)["errorMessage"]
    assert "Task timed out after 1.00 seconds" in base64.b64decode(timed_out["LogResult"]).decode()
    # A new environment answers the next invocation.
    lam.update_function_configuration(FunctionName=slow, Timeout=30)
    lam.get_waiter("function_updated_v2").wait(FunctionName=slow, WaiterConfig={"Delay": 1, "MaxAttempts": 30})


def test_reserved_concurrency_throttles(lam, stratus):
    name = python_function(lam, "import time\ndef handler(event, context):\n    time.sleep(event.get('sleep', 0))\n    return 'done'\n",
                           Timeout=10)
    lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=1)
    other = stratus.client("lambda")
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        slow = pool.submit(lambda: payload_of(other.invoke(FunctionName=name, Payload=b'{"sleep": 3}')))
        time.sleep(1.5)
        with pytest.raises(botocore.exceptions.ClientError) as caught:
            lam.invoke(FunctionName=name, Payload=b"{}")
        assert slow.result(timeout=30) == "done"
    response = caught.value.response
    assert response["Error"]["Code"] == "TooManyRequestsException"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 429
    assert response["Reason"] == "ReservedFunctionConcurrentInvocationLimitExceeded"
    lam.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=0)
    with pytest.raises(botocore.exceptions.ClientError) as zero:
        lam.invoke(FunctionName=name)
    assert zero.value.response["Error"]["Code"] == "TooManyRequestsException"


def test_concurrent_invocations_scale_out(lam):
    name = python_function(lam, "import os, time\ndef handler(event, context):\n    time.sleep(1)\n    return os.getpid()\n")
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        pids = list(pool.map(lambda _: payload_of(lam.invoke(FunctionName=name)), range(3)))
    assert len(set(pids)) == 3


def test_payload_limits_dry_run_and_bad_json(lam, stratus):
    name = python_function(lam, ECHO)
    with pytest.raises(botocore.exceptions.ClientError) as large:
        lam.invoke(FunctionName=name, Payload=b'"' + b"x" * 6_291_456 + b'"')
    assert large.value.response["Error"]["Code"] == "RequestEntityTooLargeException"
    assert large.value.response["ResponseMetadata"]["HTTPStatusCode"] == 413
    with pytest.raises(botocore.exceptions.ClientError) as large_async:
        lam.invoke(FunctionName=name, InvocationType="Event", Payload=b'"' + b"x" * 262_144 + b'"')
    assert large_async.value.response["Error"]["Code"] == "RequestEntityTooLargeException"
    with pytest.raises(botocore.exceptions.ClientError) as bad:
        lam.invoke(FunctionName=name, Payload=b"{not json")
    assert bad.value.response["Error"]["Code"] == "InvalidRequestContentException"
    assert lam.invoke(FunctionName=name, InvocationType="DryRun")["StatusCode"] == 204
    with pytest.raises(botocore.exceptions.ClientError) as missing:
        lam.invoke(FunctionName=unique())
    assert missing.value.response["Error"]["Code"] == "ResourceNotFoundException"
    big = {"data": "y" * 1_000_000}
    assert payload_of(lam.invoke(FunctionName=name, Payload=json.dumps(big))) == big


def test_handler_code_reaches_stratus_with_boto3(fresh_stratus):
    server = fresh_stratus("--in-memory", env={"STRATUS_LAMBDA_PYTHON": VENV_PYTHON})
    lam = server.client("lambda")
    queue = server.client("sqs").create_queue(QueueName=unique("from-lambda"))["QueueUrl"]
    name = python_function(lam, (
        "import boto3\n"
        "def handler(event, context):\n"
        "    sqs = boto3.client('sqs')\n"
        "    sqs.send_message(QueueUrl=event['queue'], MessageBody='hello from lambda')\n"
        "    return [q.rsplit('/', 1)[1] for q in sqs.list_queues()['QueueUrls']]\n"))
    response = lam.invoke(FunctionName=name, Payload=json.dumps({"queue": queue}))
    assert "FunctionError" not in response, response["Payload"].read()
    assert queue.rsplit("/", 1)[1] in payload_of(response)
    messages = server.client("sqs").receive_message(QueueUrl=queue, WaitTimeSeconds=2)["Messages"]
    assert messages[0]["Body"] == "hello from lambda"
