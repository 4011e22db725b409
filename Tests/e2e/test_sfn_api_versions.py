"""Step Functions state machine versions through boto3 and the AWS CLI: publish (on create, on update and
explicitly), list newest first with pagination, delete, with AWS's error codes."""
import json

import pytest
from sfn_support import ACCOUNT, REGION, ROLE, arn_of, error_of, unique

PASS = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})
SUCCEED = json.dumps({"StartAt": "S", "States": {"S": {"Type": "Succeed"}}})


@pytest.fixture
def sfn(stratus):
    return stratus.client("stepfunctions")


def test_publish_on_create_update_and_explicitly(sfn):
    name = unique()
    arn = arn_of(name)
    created = sfn.create_state_machine(name=name, definition=PASS, roleArn=ROLE, publish=True,
                                       versionDescription="first")
    assert created["stateMachineVersionArn"] == f"{arn}:1"
    same = sfn.publish_state_machine_version(stateMachineArn=arn)
    assert same["stateMachineVersionArn"] == f"{arn}:1"
    updated = sfn.update_state_machine(stateMachineArn=arn, definition=SUCCEED, publish=True)
    assert updated["stateMachineVersionArn"] == f"{arn}:2"
    plain = sfn.update_state_machine(stateMachineArn=arn, definition=PASS)
    assert "stateMachineVersionArn" not in plain
    assert error_of(sfn.publish_state_machine_version, stateMachineArn=arn, revisionId="stale")["Code"] == \
        "ConflictException"
    third = sfn.publish_state_machine_version(stateMachineArn=arn, revisionId=plain["revisionId"], description="3rd")
    assert third["stateMachineVersionArn"] == f"{arn}:3"
    assert error_of(sfn.publish_state_machine_version, stateMachineArn=arn_of(unique("none")))["Code"] == \
        "StateMachineDoesNotExist"
    first = sfn.describe_state_machine(stateMachineArn=f"{arn}:1")
    assert first["stateMachineArn"] == f"{arn}:1"
    assert first["name"] == name
    assert first["definition"] == PASS
    assert first["description"] == "first"
    second = sfn.describe_state_machine(stateMachineArn=f"{arn}:2")
    assert second["definition"] == SUCCEED
    assert second["revisionId"] == updated["revisionId"]
    assert error_of(sfn.describe_state_machine, stateMachineArn=f"{arn}:9")["Code"] == "StateMachineDoesNotExist"
    assert error_of(sfn.update_state_machine, stateMachineArn=f"{arn}:2", definition=PASS, publish=True)["Message"] == \
        f"State Machine Does Not Exist: '{arn}:2'"


def test_list_paginates_newest_first_and_delete(sfn):
    name = unique()
    arn = arn_of(name)
    sfn.create_state_machine(name=name, definition=PASS, roleArn=ROLE)
    for index in range(3):
        sfn.update_state_machine(stateMachineArn=arn, definition=SUCCEED if index % 2 == 0 else PASS, publish=True)
    page = sfn.list_state_machine_versions(stateMachineArn=arn, maxResults=2)
    assert [v["stateMachineVersionArn"] for v in page["stateMachineVersions"]] == [f"{arn}:3", f"{arn}:2"]
    rest = sfn.list_state_machine_versions(stateMachineArn=arn, maxResults=2, nextToken=page["nextToken"])
    assert [v["stateMachineVersionArn"] for v in rest["stateMachineVersions"]] == [f"{arn}:1"]
    assert "nextToken" not in rest
    sfn.delete_state_machine_version(stateMachineVersionArn=f"{arn}:3")
    sfn.delete_state_machine_version(stateMachineVersionArn=f"{arn}:3")
    assert error_of(sfn.delete_state_machine_version, stateMachineVersionArn="arn:aws:sqs:us-east-1:1:q:1")["Code"] \
        == "InvalidArn"
    again = sfn.update_state_machine(stateMachineArn=arn, definition=SUCCEED, publish=True)
    assert again["stateMachineVersionArn"] == f"{arn}:4"
    listed = sfn.list_state_machine_versions(stateMachineArn=arn)
    assert [v["stateMachineVersionArn"] for v in listed["stateMachineVersions"]] == [f"{arn}:{n}" for n in (4, 2, 1)]
    assert error_of(sfn.list_state_machine_versions, stateMachineArn=arn, nextToken="bogus")["Code"] == \
        "InvalidToken"


def test_versions_with_the_cli(stratus):
    name = unique()
    arn = arn_of(name)
    created = stratus.cli("stepfunctions", "create-state-machine", "--name", name, "--definition", PASS,
                          "--role-arn", ROLE, "--publish", "--version-description", "v1")
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["stateMachineVersionArn"] == f"{arn}:1"
    updated = stratus.cli("stepfunctions", "update-state-machine", "--state-machine-arn", arn, "--definition",
                          SUCCEED)
    assert updated.returncode == 0, updated.stderr
    published = stratus.cli("stepfunctions", "publish-state-machine-version", "--state-machine-arn", arn,
                            "--description", "v2")
    assert published.returncode == 0, published.stderr
    assert json.loads(published.stdout)["stateMachineVersionArn"] == f"{arn}:2"
    listed = stratus.cli("stepfunctions", "list-state-machine-versions", "--state-machine-arn", arn)
    assert listed.returncode == 0, listed.stderr
    assert [v["stateMachineVersionArn"] for v in json.loads(listed.stdout)["stateMachineVersions"]] == \
        [f"{arn}:2", f"{arn}:1"]
    deleted = stratus.cli("stepfunctions", "delete-state-machine-version", "--state-machine-version-arn", f"{arn}:1")
    assert deleted.returncode == 0, deleted.stderr
    conflict = stratus.cli("stepfunctions", "publish-state-machine-version", "--state-machine-arn", arn,
                           "--revision-id", "stale")
    assert conflict.returncode != 0
    assert "An error occurred (ConflictException) when calling the PublishStateMachineVersion operation" in \
        conflict.stderr


def test_start_execution_on_a_version(sfn, stratus):
    import time
    name = unique()
    arn = arn_of(name)
    one = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "one", "End": True}}})
    two = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "two", "End": True}}})
    sfn.create_state_machine(name=name, definition=one, roleArn=ROLE, publish=True)
    sfn.update_state_machine(stateMachineArn=arn, definition=two)
    started = sfn.start_execution(stateMachineArn=f"{arn}:1", name="on-version")
    latest = sfn.start_execution(stateMachineArn=arn, name="on-latest")
    deadline = time.time() + 10
    while True:
        described = sfn.describe_execution(executionArn=started["executionArn"])
        if described["status"] != "RUNNING" or time.time() > deadline:
            break
        time.sleep(0.05)
    assert described["status"] == "SUCCEEDED"
    assert described["output"] == '"one"'
    assert described["stateMachineArn"] == arn
    assert described["stateMachineVersionArn"] == f"{arn}:1"
    assert "stateMachineVersionArn" not in sfn.describe_execution(executionArn=latest["executionArn"])
    listed = sfn.list_executions(stateMachineArn=arn)["executions"]
    assert [item.get("stateMachineVersionArn") for item in listed] == [None, f"{arn}:1"]
    assert error_of(sfn.start_execution, stateMachineArn=f"{arn}:5")["Code"] == "StateMachineDoesNotExist"
    by_version = sfn.list_executions(stateMachineArn=f"{arn}:1")["executions"]
    assert [item["executionArn"] for item in by_version] == [started["executionArn"]]
    assert error_of(sfn.list_executions, stateMachineArn=f"{arn}:5")["Code"] == "StateMachineDoesNotExist"
    cli = stratus.cli("stepfunctions", "start-execution", "--state-machine-arn", f"{arn}:1", "--name", "cli")
    assert cli.returncode == 0, cli.stderr
    executed = stratus.cli("stepfunctions", "describe-execution", "--execution-arn", json.loads(cli.stdout)["executionArn"])
    assert json.loads(executed.stdout)["stateMachineVersionArn"] == f"{arn}:1"


def test_sync_execution_of_a_version_and_an_alias_of_an_express_machine(stratus):
    sfn = stratus.client("stepfunctions", inject_host_prefix=False)
    name = unique()
    arn = sfn.create_state_machine(name=name, definition=json.dumps(
        {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "v1", "End": True}}}),
        roleArn=ROLE, type="EXPRESS", publish=True)["stateMachineArn"]
    sfn.update_state_machine(stateMachineArn=arn, definition=json.dumps(
        {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "latest", "End": True}}}))
    on_version = sfn.start_sync_execution(stateMachineArn=f"{arn}:1")
    assert on_version["status"] == "SUCCEEDED" and json.loads(on_version["output"]) == "v1"
    assert on_version["stateMachineArn"] == arn
    alias = sfn.create_state_machine_alias(
        name="live", routingConfiguration=[{"stateMachineVersionArn": f"{arn}:1", "weight": 100}])
    on_alias = sfn.start_sync_execution(stateMachineArn=alias["stateMachineAliasArn"])
    assert json.loads(on_alias["output"]) == "v1"
    assert json.loads(sfn.start_sync_execution(stateMachineArn=arn)["output"]) == "latest"
    assert error_of(sfn.start_sync_execution, stateMachineArn=f"{arn}:9")["Code"] == "StateMachineDoesNotExist"
    assert error_of(sfn.start_sync_execution, stateMachineArn=f"{arn}:nope")["Code"] == "ResourceNotFound"


def test_describe_state_machine_for_an_execution_of_a_version(sfn):
    name = unique()
    arn = sfn.create_state_machine(name=name, definition=PASS, roleArn=ROLE, publish=True)["stateMachineArn"]
    sfn.update_state_machine(stateMachineArn=arn, definition=SUCCEED)
    execution = sfn.start_execution(stateMachineArn=f"{arn}:1")["executionArn"]
    described = sfn.describe_state_machine_for_execution(executionArn=execution)
    assert described["stateMachineArn"] == arn
    assert described["name"] == name
    assert described["definition"] == PASS
