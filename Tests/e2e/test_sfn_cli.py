"""`stratus sfn validate|run`: the built binary run as a command (no server), with Step Functions Local mock files."""
import json
import subprocess
import time

import pytest

from conftest import stratus_binary

PASS_CHAIN = {
    "Comment": "Two Pass states",
    "StartAt": "First",
    "States": {
        "First": {"Type": "Pass", "Result": {"greeting": "hello"}, "ResultPath": "$.first", "Next": "Second"},
        "Second": {"Type": "Pass", "Parameters": {"name.$": "$.name", "said.$": "$.first.greeting"}, "End": True},
    },
}

FAILING = {
    "StartAt": "Boom",
    "States": {"Boom": {"Type": "Fail", "Error": "Custom.Error", "Cause": "it broke"}},
}

LONG_WAIT = {
    "StartAt": "Nap",
    "States": {"Nap": {"Type": "Wait", "Seconds": 3600, "Next": "Done"}, "Done": {"Type": "Succeed"}},
}

LAMBDA_SQS = {
    "StartAt": "LambdaState",
    "States": {
        "LambdaState": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"Payload.$": "$", "FunctionName": "HelloWorldFunction"},
            "Retry": [{"ErrorEquals": ["Lambda.ResourceNotReadyException", "Lambda.TimeoutException"], "IntervalSeconds": 30,
                       "MaxAttempts": 3}],
            "Catch": [{"ErrorEquals": ["Lambda.Unrecoverable"], "ResultPath": "$.caught", "Next": "Recovered"}],
            "Next": "SQSState",
        },
        "SQSState": {
            "Type": "Task",
            "Resource": "arn:aws:states:::sqs:sendMessage",
            "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/000000000000/q", "MessageBody.$": "$"},
            "End": True,
        },
        "Recovered": {"Type": "Pass", "End": True},
    },
}

MOCK_CONFIG = {
    "StateMachines": {
        "LambdaSQSIntegration": {
            "TestCases": {
                "HappyPath": {"LambdaState": "LambdaSuccess", "SQSState": "SQSSuccess"},
                "RetryPath": {"LambdaState": "LambdaRetry", "SQSState": "SQSSuccess"},
                "CatchPath": {"LambdaState": "LambdaUnrecoverable"},
                "HybridPath": {"LambdaState": "LambdaSuccess"},
            }
        }
    },
    "MockedResponses": {
        "LambdaSuccess": {"0": {"Return": {"StatusCode": 200, "Payload": {"body": "Hello from Lambda!"}}}},
        "SQSSuccess": {"0": {"Return": {"MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}}},
        "LambdaRetry": {
            "0": {"Throw": {"Error": "Lambda.ResourceNotReadyException", "Cause": "Lambda resource is not ready."}},
            "1-2": {"Throw": {"Error": "Lambda.TimeoutException", "Cause": "Lambda timed out."}},
            "3": {"Return": {"StatusCode": 200, "Payload": {"body": "third retry"}}},
        },
        "LambdaUnrecoverable": {"0": {"Throw": {"Error": "Lambda.Unrecoverable", "Cause": "gone"}}},
    },
}


def sfn(*args, stdin=None, timeout=60):
    return subprocess.run([stratus_binary(), "sfn", *args], input=stdin, capture_output=True, text=True, timeout=timeout)


@pytest.fixture
def files(tmp_path):
    """Writes JSON documents into the test's folder; returns their paths."""
    def write(name, document):
        path = tmp_path / name
        path.write_text(document if isinstance(document, str) else json.dumps(document))
        return str(path)
    return write


# validate ---------------------------------------------------------------------------------------------------------

def test_validate_ok(files):
    result = sfn("validate", files("chain.json", PASS_CHAIN))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"result": "OK", "diagnostics": [], "truncated": False}


def test_validate_fail_lists_every_diagnostic(files):
    definition = {"StartAt": "Missing", "States": {"A": {"Type": "Pas", "End": True}}}
    result = sfn("validate", files("bad.json", definition))
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["result"] == "FAIL"
    assert document["truncated"] is False
    codes = {(d["code"], d.get("location")) for d in document["diagnostics"]}
    assert ("SCHEMA_VALIDATION_FAILED", "/States/A/Type") in codes
    assert ("MISSING_TRANSITION_TARGET", "/StartAt") in codes
    for diagnostic in document["diagnostics"]:
        assert diagnostic["severity"] == "ERROR"
        assert set(diagnostic) <= {"severity", "code", "message", "location"}
        assert diagnostic["message"]


def test_validate_reads_stdin_and_rejects_non_json():
    ok = sfn("validate", "-", stdin=json.dumps(PASS_CHAIN))
    assert ok.returncode == 0 and json.loads(ok.stdout)["result"] == "OK"
    bad = sfn("validate", "-", stdin="{not json")
    assert bad.returncode == 1
    assert [d["code"] for d in json.loads(bad.stdout)["diagnostics"]] == ["INVALID_JSON_DESCRIPTION"]


def test_validate_missing_file_is_an_input_error(tmp_path):
    result = sfn("validate", str(tmp_path / "nope.json"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "no such file" in result.stderr


# run --------------------------------------------------------------------------------------------------------------

def test_run_success_prints_status_and_output(files):
    result = sfn("run", files("chain.json", PASS_CHAIN), "--input", '{"name": "Ada"}', "--name", "first-run")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "executionArn": "arn:aws:states:us-east-1:000000000000:execution:chain:first-run",
        "status": "SUCCEEDED",
        "output": {"name": "Ada", "said": "hello"},
    }


def test_run_input_file_and_machine_name(files):
    input_path = files("input.json", {"name": "Grace"})
    result = sfn("run", files("orders.asl.json", PASS_CHAIN), "--input-file", input_path, "--state-machine-name", "Orders", "--name", "x")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["executionArn"] == "arn:aws:states:us-east-1:000000000000:execution:Orders:x"
    assert document["output"] == {"name": "Grace", "said": "hello"}
    default_name = sfn("run", files("orders.asl.json", PASS_CHAIN), "--input-file", input_path, "--name", "y")
    assert json.loads(default_name.stdout)["executionArn"].endswith(":execution:orders:y")


def test_run_failure_prints_error_and_cause(files):
    result = sfn("run", files("fail.json", FAILING))
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["status"] == "FAILED"
    assert document["error"] == "Custom.Error"
    assert document["cause"] == "it broke"
    assert "output" not in document


def test_run_rejects_bad_inputs(files):
    chain = files("chain.json", PASS_CHAIN)
    bad_input = sfn("run", chain, "--input", "{oops")
    assert bad_input.returncode == 2 and "not valid JSON" in bad_input.stderr and bad_input.stdout == ""
    invalid = sfn("run", files("bad.json", {"StartAt": "A", "States": {}}))
    assert invalid.returncode == 2 and "The definition is not valid" in invalid.stderr
    both = sfn("run", chain, "--input", "{}", "--input-file", chain)
    assert both.returncode != 0 and "not both" in both.stderr
    lonely = sfn("run", chain, "--test-case", "HappyPath")
    assert lonely.returncode != 0 and "--mock-config and --test-case go together" in lonely.stderr


def test_history_has_the_get_execution_history_shape(files):
    result = sfn("run", files("chain.json", PASS_CHAIN), "--input", '{"name": "Ada"}', "--history", "--fast-forward")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert list(document) == ["events"]
    events = document["events"]
    assert [e["type"] for e in events] == [
        "ExecutionStarted", "PassStateEntered", "PassStateExited", "PassStateEntered", "PassStateExited",
        "ExecutionSucceeded",
    ]
    assert [e["id"] for e in events] == list(range(1, len(events) + 1))
    for event in events:
        assert isinstance(event["timestamp"], (int, float))
        assert 0 <= event["previousEventId"] < event["id"]
    # Each state's exit follows its entry; the second state follows the first one's exit.
    assert events[2]["previousEventId"] == 2
    assert events[3]["previousEventId"] == 3
    assert events[4]["previousEventId"] == 4
    assert events[5]["previousEventId"] == 5
    started = events[0]["executionStartedEventDetails"]
    assert json.loads(started["input"]) == {"name": "Ada"}
    assert started["roleArn"].startswith("arn:aws:iam::000000000000:role/")
    assert events[1]["stateEnteredEventDetails"]["name"] == "First"
    assert json.loads(events[-1]["executionSucceededEventDetails"]["output"]) == {"name": "Ada", "said": "hello"}


def test_history_of_a_failed_run_exits_1(files):
    result = sfn("run", files("fail.json", FAILING), "--history")
    assert result.returncode == 1
    events = json.loads(result.stdout)["events"]
    assert events[-1]["type"] == "ExecutionFailed"
    assert events[-1]["executionFailedEventDetails"] == {"error": "Custom.Error", "cause": "it broke"}


def test_fast_forward_skips_a_long_wait(files):
    started = time.monotonic()
    result = sfn("run", files("wait.json", LONG_WAIT), "--fast-forward", "--history", timeout=60)
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)["events"]
    entered = next(e for e in events if e["type"] == "WaitStateEntered")
    exited = next(e for e in events if e["type"] == "WaitStateExited")
    # The virtual clock moved by the full hour; the process did not wait for it.
    assert exited["timestamp"] - entered["timestamp"] == pytest.approx(3600, abs=0.01)
    assert elapsed < 60


def test_without_fast_forward_a_wait_takes_real_time(files):
    definition = {"StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 1, "End": True}}}
    started = time.monotonic()
    result = sfn("run", files("nap.json", definition), "--history")
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)["events"]
    entered = next(e for e in events if e["type"] == "WaitStateEntered")
    exited = next(e for e in events if e["type"] == "WaitStateExited")
    assert exited["timestamp"] - entered["timestamp"] >= 1.0
    assert elapsed >= 1.0


# mock configuration files -----------------------------------------------------------------------------------------

def run_mocked(files, test_case, *extra):
    return sfn("run", files("LambdaSQSIntegration.json", LAMBDA_SQS), "--mock-config", files("MockConfigFile.json", MOCK_CONFIG),
               "--test-case", test_case, "--fast-forward", *extra)


def test_mock_return(files):
    result = run_mocked(files, "HappyPath")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["output"] == {"MessageId": "3bcb6e8e-8b51-4375-b0bc-1a59812c6e51"}
    assert result.stderr == ""


def test_mock_throw_and_retries_use_invocation_numbers(files):
    result = run_mocked(files, "RetryPath", "--history")
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)["events"]
    scheduled = [e for e in events if e["type"] == "TaskScheduled"]
    failures = [e["taskFailedEventDetails"] for e in events if e["type"] == "TaskFailed"]
    assert [f["error"] for f in failures] == [
        "Lambda.ResourceNotReadyException", "Lambda.TimeoutException", "Lambda.TimeoutException",
    ]
    assert failures[0]["cause"] == "Lambda resource is not ready."
    assert len(scheduled) == 5  # four Lambda attempts, one SQS send
    succeeded = [e["taskSucceededEventDetails"] for e in events if e["type"] == "TaskSucceeded"]
    assert json.loads(succeeded[0]["output"]) == {"StatusCode": 200, "Payload": {"body": "third retry"}}
    # Back-offs (30 s, 60 s, 120 s) passed on the virtual clock.
    assert events[-1]["timestamp"] - events[0]["timestamp"] == pytest.approx(210, abs=0.01)


def test_mock_throw_is_caught(files):
    result = run_mocked(files, "CatchPath")
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)["output"]
    assert output["caught"] == {"Error": "Lambda.Unrecoverable", "Cause": "gone"}


def test_unmocked_task_fails_clearly(files):
    result = run_mocked(files, "HybridPath")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["status"] == "FAILED"
    assert document["error"] == "Stratus.NoMockedResponse"
    assert "SQSState" in document["cause"] and "arn:aws:states:::sqs:sendMessage" in document["cause"]
    assert "Stratus.NoMockedResponse" in result.stderr


def test_no_mock_file_means_tasks_fail(files):
    result = sfn("run", files("LambdaSQSIntegration.json", LAMBDA_SQS), "--fast-forward")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["error"] == "Stratus.NoMockedResponse"
    assert "--mock-config" in document["cause"]


def test_mock_file_errors_are_reported(files):
    definition = files("LambdaSQSIntegration.json", LAMBDA_SQS)
    unknown_case = run_mocked(files, "SadPath")
    assert unknown_case.returncode == 2
    assert "no test case named 'SadPath'" in unknown_case.stderr
    broken = dict(MOCK_CONFIG, MockedResponses={"LambdaSuccess": {"1": {"Return": {}}}})
    result = sfn("run", definition, "--mock-config", files("broken.json", broken), "--test-case", "HappyPath")
    assert result.returncode == 2
    assert "/MockedResponses/LambdaSuccess/1" in result.stderr and "invocation 0 has no response" in result.stderr
    other_machine = sfn("run", definition, "--mock-config", files("m.json", MOCK_CONFIG), "--test-case", "HappyPath",
                        "--state-machine-name", "Other")
    assert other_machine.returncode == 2
    assert "no state machine named 'Other'" in other_machine.stderr


def test_seed_makes_random_intrinsics_repeatable(files):
    definition = files("uuid.json", {"StartAt": "Id", "States": {"Id": {
        "Type": "Pass", "Parameters": {"id.$": "States.UUID()", "n.$": "States.MathRandom(0, 1000000)"}, "End": True}}})
    first = sfn("run", definition, "--seed", "42", "--fast-forward")
    second = sfn("run", definition, "--seed", "42", "--fast-forward")
    other = sfn("run", definition, "--seed", "43", "--fast-forward")
    assert first.returncode == 0, first.stderr
    outputs = [json.loads(r.stdout)["output"] for r in (first, second, other)]
    assert outputs[0] == outputs[1]
    assert outputs[0]["id"] != outputs[2]["id"]
