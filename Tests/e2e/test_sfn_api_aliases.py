"""Step Functions state machine aliases through boto3 and the AWS CLI: create, describe, update, list, delete,
StartExecution through an alias, with AWS's error codes."""
import json
import time

import pytest
from sfn_support import ACCOUNT, REGION, ROLE, error_of, unique

ONE = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "one", "End": True}}})
TWO = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "two", "End": True}}})


@pytest.fixture
def sfn(stratus):
    return stratus.client("stepfunctions")


def machine(sfn) -> str:
    arn = sfn.create_state_machine(name=unique(), definition=ONE, roleArn=ROLE, publish=True)["stateMachineArn"]
    sfn.update_state_machine(stateMachineArn=arn, definition=TWO, publish=True)
    return arn


def route(arn: str, weight: int) -> dict:
    return {"stateMachineVersionArn": arn, "weight": weight}


def test_alias_lifecycle(sfn):
    m = machine(sfn)
    created = sfn.create_state_machine_alias(name="prod", description="p", routingConfiguration=[route(f"{m}:1", 100)])
    assert created["stateMachineAliasArn"] == f"{m}:prod"
    again = sfn.create_state_machine_alias(name="prod", description="p", routingConfiguration=[route(f"{m}:1", 100)])
    assert again["stateMachineAliasArn"] == f"{m}:prod"
    assert error_of(sfn.create_state_machine_alias, name="prod",
                    routingConfiguration=[route(f"{m}:2", 100)])["Code"] == "ConflictException"
    sfn.update_state_machine_alias(stateMachineAliasArn=f"{m}:prod",
                                   routingConfiguration=[route(f"{m}:1", 40), route(f"{m}:2", 60)])
    described = sfn.describe_state_machine_alias(stateMachineAliasArn=f"{m}:prod")
    assert described["name"] == "prod"
    assert described["description"] == "p"
    assert described["routingConfiguration"] == [route(f"{m}:1", 40), route(f"{m}:2", 60)]
    assert "updateDate" in described
    sfn.create_state_machine_alias(name="beta", routingConfiguration=[route(f"{m}:2", 100)])
    page = sfn.list_state_machine_aliases(stateMachineArn=m, maxResults=1)
    assert [a["stateMachineAliasArn"] for a in page["stateMachineAliases"]] == [f"{m}:prod"]
    rest = sfn.list_state_machine_aliases(stateMachineArn=m, maxResults=1, nextToken=page["nextToken"])
    assert [a["stateMachineAliasArn"] for a in rest["stateMachineAliases"]] == [f"{m}:beta"]
    assert error_of(sfn.delete_state_machine_version, stateMachineVersionArn=f"{m}:2")["Code"] == "ConflictException"
    sfn.delete_state_machine_alias(stateMachineAliasArn=f"{m}:beta")
    sfn.delete_state_machine_alias(stateMachineAliasArn=f"{m}:prod")
    sfn.delete_state_machine_version(stateMachineVersionArn=f"{m}:2")
    assert error_of(sfn.describe_state_machine_alias, stateMachineAliasArn=f"{m}:prod")["Code"] == "ResourceNotFound"


def test_alias_validation(sfn):
    m = machine(sfn)
    for routes in ([route(f"{m}:1", 50)], [route(f"{m}:1", 50), route(f"{m}:1", 50)],
                   [route(f"{m}:1", 101)]):
        assert error_of(sfn.create_state_machine_alias, name="a", routingConfiguration=routes)["Code"] == \
            "ValidationException"
    assert error_of(sfn.create_state_machine_alias, name="a",
                    routingConfiguration=[route(f"{m}:9", 100)])["Code"] == "ResourceNotFound"
    assert error_of(sfn.create_state_machine_alias, name="a", routingConfiguration=[route(m, 100)])["Message"] == \
        f"Routing configuration must contain state machine version ARNs. Received: [{m}]"
    assert error_of(sfn.create_state_machine_alias, name="a",
                    routingConfiguration=[route(f"{m}:1", 70), route(f"{m}:2", 29)])["Message"] == \
        "Sum of routing configuration weights must equal 100. Received: [70, 29]"
    assert error_of(sfn.create_state_machine, name=unique(), definition=ONE, roleArn=ROLE,
                    versionDescription="d")["Message"] == "Version description can only be set when publish is true"
    assert error_of(sfn.update_state_machine_alias, stateMachineAliasArn=f"{m}:a",
                    description="d")["Code"] == "ResourceNotFound"


def test_start_execution_through_an_alias(sfn, stratus):
    m = machine(sfn)
    sfn.create_state_machine_alias(name="live", routingConfiguration=[route(f"{m}:2", 100)])
    started = sfn.start_execution(stateMachineArn=f"{m}:live")
    deadline = time.time() + 10
    while True:
        described = sfn.describe_execution(executionArn=started["executionArn"])
        if described["status"] != "RUNNING" or time.time() > deadline:
            break
        time.sleep(0.05)
    assert described["output"] == '"two"'
    assert described["stateMachineAliasArn"] == f"{m}:live"
    assert described["stateMachineVersionArn"] == f"{m}:2"
    sfn.start_execution(stateMachineArn=f"{m}:2")
    by_alias = sfn.list_executions(stateMachineArn=f"{m}:live")["executions"]
    assert [item["executionArn"] for item in by_alias] == [started["executionArn"]]
    assert error_of(sfn.start_execution, stateMachineArn=f"{m}:nope")["Code"] == "ResourceNotFound"


def test_aliases_with_the_cli(stratus, sfn):
    m = machine(sfn)
    routing = json.dumps([route(f"{m}:1", 100)])
    created = stratus.cli("stepfunctions", "create-state-machine-alias", "--name", "cli",
                          "--routing-configuration", routing)
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["stateMachineAliasArn"] == f"{m}:cli"
    updated = stratus.cli("stepfunctions", "update-state-machine-alias", "--state-machine-alias-arn", f"{m}:cli",
                          "--description", "from the CLI")
    assert updated.returncode == 0, updated.stderr
    described = stratus.cli("stepfunctions", "describe-state-machine-alias", "--state-machine-alias-arn", f"{m}:cli")
    assert json.loads(described.stdout)["description"] == "from the CLI"
    listed = stratus.cli("stepfunctions", "list-state-machine-aliases", "--state-machine-arn", m)
    assert [a["stateMachineAliasArn"] for a in json.loads(listed.stdout)["stateMachineAliases"]] == [f"{m}:cli"]
    started = stratus.cli("stepfunctions", "start-execution", "--state-machine-arn", f"{m}:cli")
    assert started.returncode == 0, started.stderr
    deleted = stratus.cli("stepfunctions", "delete-state-machine-alias", "--state-machine-alias-arn", f"{m}:cli")
    assert deleted.returncode == 0, deleted.stderr
    missing = stratus.cli("stepfunctions", "describe-state-machine-alias", "--state-machine-alias-arn", f"{m}:cli")
    assert missing.returncode != 0
    assert "An error occurred (ResourceNotFound) when calling the DescribeStateMachineAlias operation" in missing.stderr
