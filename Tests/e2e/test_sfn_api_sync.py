"""Step Functions StartSyncExecution and DescribeStateMachineForExecution through boto3 and the AWS CLI.

boto3 and the AWS CLI send StartSyncExecution to a `sync-` host prefix (`sync-127.0.0.1:…`), which does not resolve
locally: clients turn the prefix off with `inject_host_prefix=False` (boto3 `Config`) or
`AWS_DISABLE_HOST_PREFIX_INJECTION=true` (CLI and SDK environment)."""
import json

import pytest
from sfn_support import ACCOUNT, ROLE, error_of, unique

PASS = {"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"got.$": "$.value"}, "End": True}}}
FAIL = {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Custom.Boom", "Cause": "it broke"}}}
WAIT = {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 1, "End": True}}}


@pytest.fixture
def sfn(stratus):
    return stratus.client("stepfunctions", inject_host_prefix=False)


def machine(sfn, definition: dict, type_: str) -> str:
    return sfn.create_state_machine(name=unique("sm"), definition=json.dumps(definition), roleArn=ROLE,
                                    type=type_)["stateMachineArn"]


def test_sync_execution_succeeds(sfn):
    arn = machine(sfn, PASS, "EXPRESS")
    answer = sfn.start_sync_execution(stateMachineArn=arn, name="one", input=json.dumps({"value": 3}))
    assert answer["status"] == "SUCCEEDED"
    assert json.loads(answer["output"]) == {"got": 3}
    assert json.loads(answer["input"]) == {"value": 3}
    # AWS's Express execution ARN: `…:express:<machine>:<name>:<id>`.
    assert answer["executionArn"].startswith(arn.replace(":stateMachine:", ":express:") + ":one:")
    assert len(answer["executionArn"].split(":")) == 9
    assert answer["stateMachineArn"] == arn and answer["name"] == "one"
    assert answer["startDate"] <= answer["stopDate"]
    assert answer["billingDetails"]["billedMemoryUsedInMB"] == 64
    assert answer["billingDetails"]["billedDurationInMilliseconds"] >= 100
    assert answer["billingDetails"]["billedDurationInMilliseconds"] % 100 == 0
    metadata = sfn.start_sync_execution(stateMachineArn=arn, input="{}", includedData="METADATA_ONLY")
    assert "output" not in metadata and "input" not in metadata
    assert metadata["inputDetails"] == {"included": False}


def test_sync_execution_waits_for_a_wait_state(sfn):
    arn = machine(sfn, WAIT, "EXPRESS")
    answer = sfn.start_sync_execution(stateMachineArn=arn)
    assert answer["status"] == "SUCCEEDED"
    assert (answer["stopDate"] - answer["startDate"]).total_seconds() >= 1
    assert answer["billingDetails"]["billedDurationInMilliseconds"] >= 1000


def test_sync_execution_failure_and_errors(sfn):
    arn = machine(sfn, FAIL, "EXPRESS")
    answer = sfn.start_sync_execution(stateMachineArn=arn)
    assert answer["status"] == "FAILED"
    assert answer["error"] == "Custom.Boom" and answer["cause"] == "it broke"
    assert "output" not in answer
    standard = machine(sfn, PASS, "STANDARD")
    assert error_of(sfn.start_sync_execution, stateMachineArn=standard)["Code"] == "StateMachineTypeNotSupported"
    missing = f"arn:aws:states:us-east-1:{ACCOUNT}:stateMachine:{unique('none')}"
    assert error_of(sfn.start_sync_execution, stateMachineArn=missing)["Code"] == "StateMachineDoesNotExist"
    assert error_of(sfn.start_sync_execution, stateMachineArn=arn, input="{nope")["Code"] == "InvalidExecutionInput"


def test_describe_state_machine_for_execution(sfn):
    arn = machine(sfn, PASS, "STANDARD")
    execution = sfn.start_execution(stateMachineArn=arn, input=json.dumps({"value": 1}))["executionArn"]
    sfn.update_state_machine(stateMachineArn=arn, definition=json.dumps(FAIL))
    described = sfn.describe_state_machine_for_execution(executionArn=execution)
    assert json.loads(described["definition"]) == PASS
    assert described["stateMachineArn"] == arn and described["roleArn"] == ROLE
    assert described["name"] == arn.rsplit(":", 1)[1]
    assert "updateDate" in described
    missing = execution.rsplit(":", 1)[0] + ":" + unique("none")
    assert error_of(sfn.describe_state_machine_for_execution, executionArn=missing)["Code"] == "ExecutionDoesNotExist"
    assert error_of(sfn.describe_state_machine_for_execution, executionArn="arn:nope")["Code"] == "InvalidArn"


def test_sync_execution_through_the_cli(stratus, monkeypatch):
    monkeypatch.setenv("AWS_DISABLE_HOST_PREFIX_INJECTION", "true")
    sfn = stratus.client("stepfunctions", inject_host_prefix=False)
    arn = machine(sfn, PASS, "EXPRESS")
    done = stratus.cli("stepfunctions", "start-sync-execution", "--state-machine-arn", arn, "--input",
                       json.dumps({"value": "cli"}))
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["status"] == "SUCCEEDED" and json.loads(answer["output"]) == {"got": "cli"}
    described = stratus.cli("stepfunctions", "describe-state-machine-for-execution", "--execution-arn",
                            answer["executionArn"])
    assert described.returncode == 0, described.stderr
    assert json.loads(json.loads(described.stdout)["definition"]) == PASS
    refused = stratus.cli("stepfunctions", "start-sync-execution", "--state-machine-arn",
                          machine(sfn, PASS, "STANDARD"))
    assert refused.returncode != 0 and "StateMachineTypeNotSupported" in refused.stderr
