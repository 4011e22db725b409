"""`stratus sfn start | describe | history` against a running server, checked with boto3."""
import json
import os
import subprocess

import pytest

from conftest import ACCESS_KEY, SECRET_KEY, StratusProcess, stratus_binary
from sfn_support import ROLE, arn_of, unique

PASS = {"StartAt": "Greet", "States": {"Greet": {"Type": "Pass", "Parameters": {"hello.$": "$.who"}, "End": True}}}
FAIL = {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Custom.Error", "Cause": "it broke"}}}


def sfn_cli(server, *args, env=None, timeout=60):
    """Runs `stratus sfn …` against `server` (by --endpoint unless the environment says where)."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "STRATUS_"))}
    full_env.update(env or {})
    endpoint = [] if "STRATUS_ENDPOINT" in full_env else ["--endpoint", server.endpoint]
    return subprocess.run([stratus_binary(), "sfn", *args, *endpoint], capture_output=True, text=True,
                          env=full_env, timeout=timeout)


@pytest.fixture
def definition_file(tmp_path):
    def write(name, document):
        path = tmp_path / name
        path.write_text(json.dumps(document))
        return str(path)
    return write


def test_start_deploys_a_file_and_waits_for_the_outcome(stratus, definition_file):
    name = unique("cli")
    path = definition_file(f"{name}.asl.json", PASS)
    done = sfn_cli(stratus, "start", path, "--input", '{"who": "world"}', "--wait", "--name", "first")
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout)
    assert outcome == {"executionArn": f"arn:aws:states:us-east-1:000000000000:execution:{name}:first",
                       "status": "SUCCEEDED", "output": {"hello": "world"}}
    sfn = stratus.client("stepfunctions")
    described = sfn.describe_state_machine(stateMachineArn=arn_of(name))
    assert json.loads(described["definition"]) == PASS
    assert described["roleArn"] == "arn:aws:iam::000000000000:role/StratusStatesExecutionRole"
    assert sfn.describe_execution(executionArn=outcome["executionArn"])["status"] == "SUCCEEDED"


def test_start_updates_the_machine_of_that_name_with_a_changed_file(stratus, definition_file):
    name = unique("cli")
    path = definition_file(f"{name}.json", PASS)
    assert sfn_cli(stratus, "start", path, "--input", '{"who": 1}', "--wait").returncode == 0
    path = definition_file(f"{name}.json", FAIL)
    again = sfn_cli(stratus, "start", path, "--wait")
    assert again.returncode == 1
    assert json.loads(again.stdout)["error"] == "Custom.Error"
    sfn = stratus.client("stepfunctions")
    assert json.loads(sfn.describe_state_machine(stateMachineArn=arn_of(name))["definition"]) == FAIL
    assert len(sfn.list_executions(stateMachineArn=arn_of(name))["executions"]) == 2


def test_start_of_an_arn_without_wait_prints_the_start(stratus):
    sfn = stratus.client("stepfunctions")
    name = unique("cli")
    machine = sfn.create_state_machine(name=name, definition=json.dumps(PASS), roleArn=ROLE)["stateMachineArn"]
    started = sfn_cli(stratus, "start", machine, "--input", '{"who": "x"}', "--name", "n1")
    assert started.returncode == 0, started.stderr
    answer = json.loads(started.stdout)
    assert answer["executionArn"] == f"arn:aws:states:us-east-1:000000000000:execution:{name}:n1"
    assert isinstance(answer["startDate"], (int, float))


def test_start_with_history_prints_every_event(stratus, definition_file):
    path = definition_file(f"{unique('cli')}.json", PASS)
    done = sfn_cli(stratus, "start", path, "--input", '{"who": 2}', "--history")
    assert done.returncode == 0, done.stderr
    types = [event["type"] for event in json.loads(done.stdout)["events"]]
    assert types == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"]


def test_express_machines_run_synchronously(stratus, definition_file):
    path = definition_file(f"{unique('cli')}.json", PASS)
    done = sfn_cli(stratus, "start", path, "--type", "EXPRESS", "--input", '{"who": "fast"}', "--wait")
    assert done.returncode == 0, done.stderr
    outcome = json.loads(done.stdout)
    assert ":express:" in outcome["executionArn"]
    assert outcome["output"] == {"hello": "fast"}


def test_describe_and_history_of_an_execution(stratus):
    sfn = stratus.client("stepfunctions")
    machine = sfn.create_state_machine(name=unique("cli"), definition=json.dumps(PASS), roleArn=ROLE)["stateMachineArn"]
    arn = sfn.start_execution(stateMachineArn=machine, input='{"who": "h"}')["executionArn"]
    described = sfn_cli(stratus, "describe", arn)
    assert described.returncode == 0, described.stderr
    assert json.loads(described.stdout)["status"] == "SUCCEEDED"
    assert json.loads(sfn_cli(stratus, "describe", machine).stdout)["stateMachineArn"] == machine
    history = json.loads(sfn_cli(stratus, "history", arn).stdout)["events"]
    expected = sfn.get_execution_history(executionArn=arn)["events"]
    assert [e["type"] for e in history] == [e["type"] for e in expected]
    assert json.loads(history[0]["executionStartedEventDetails"]["input"]) == {"who": "h"}
    assert history[0]["executionStartedEventDetails"] == expected[0]["executionStartedEventDetails"]
    reverse = json.loads(sfn_cli(stratus, "history", arn, "--reverse", "--no-data").stdout)["events"]
    assert [e["id"] for e in reverse] == [4, 3, 2, 1]
    assert "input" not in reverse[-1]["executionStartedEventDetails"]


def test_history_follows_pages(stratus):
    sfn = stratus.client("stepfunctions")
    states = {f"S{i}": {"Type": "Pass", "Next": f"S{i + 1}"} for i in range(600)}
    states["S600"] = {"Type": "Succeed"}
    machine = sfn.create_state_machine(name=unique("cli"), roleArn=ROLE,
                                       definition=json.dumps({"StartAt": "S0", "States": states}))["stateMachineArn"]
    arn = sfn.start_execution(stateMachineArn=machine)["executionArn"]
    events = json.loads(sfn_cli(stratus, "history", arn).stdout)["events"]
    assert len(events) == 1 + 600 * 2 + 2 + 1
    assert [e["id"] for e in events] == list(range(1, len(events) + 1))


def test_service_errors_exit_1_with_the_aws_error(stratus):
    missing = f"arn:aws:states:us-east-1:000000000000:execution:{unique('none')}:x"
    result = sfn_cli(stratus, "describe", missing)
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"stratus: ExecutionDoesNotExist: Execution Does Not Exist: '{missing}'" in result.stderr


def test_an_invalid_definition_is_refused_with_the_servers_words(stratus, definition_file):
    path = definition_file(f"{unique('cli')}.json", {"StartAt": "Nowhere", "States": {}})
    result = sfn_cli(stratus, "start", path)
    assert result.returncode == 1
    assert "InvalidDefinition: Invalid State Machine Definition:" in result.stderr


def test_unreadable_inputs_and_foreign_arns_exit_2(stratus, tmp_path):
    assert sfn_cli(stratus, "start", str(tmp_path / "missing.json")).returncode == 2
    assert sfn_cli(stratus, "describe", "arn:aws:sqs:us-east-1:000000000000:q").returncode == 2


def test_an_unreachable_server_exits_3(stratus):
    result = subprocess.run([stratus_binary(), "sfn", "history", "arn:aws:states:us-east-1:0:execution:a:b",
                             "--endpoint", "http://127.0.0.1:9"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 3
    assert "Cannot reach Stratus at http://127.0.0.1:9" in result.stderr


def test_the_endpoint_and_signed_credentials_come_from_the_environment(fresh_stratus, definition_file):
    server = fresh_stratus("--in-memory", "--auth", "verify", "--auth-keys", f"{ACCESS_KEY}:{SECRET_KEY}")
    path = definition_file(f"{unique('cli')}.json", PASS)
    env = {"STRATUS_ENDPOINT": server.endpoint, "AWS_ACCESS_KEY_ID": ACCESS_KEY,
           "AWS_SECRET_ACCESS_KEY": SECRET_KEY, "AWS_REGION": "eu-west-1"}
    done = sfn_cli(server, "start", path, "--input", '{"who": "signed"}', "--wait", env=env)
    assert done.returncode == 0, done.stderr
    assert ":eu-west-1:" in json.loads(done.stdout)["executionArn"]
    unsigned = sfn_cli(server, "start", path, "--wait", env={"STRATUS_ENDPOINT": server.endpoint})
    assert unsigned.returncode == 1
    assert "stratus: MissingAuthenticationToken" in unsigned.stderr, unsigned.stderr
