"""Step Functions state machines through boto3 and the AWS CLI: validate, create, describe, list, update, delete,
with AWS's error codes."""
import json
import signal

import boto3
import botocore.config
import pytest
from sfn_support import ACCOUNT, REGION, ROLE, arn_of, error_of, unique

PASS = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})
SUCCEED = json.dumps({"StartAt": "S", "States": {"S": {"Type": "Succeed"}}})


@pytest.fixture
def sfn(stratus):
    return stratus.client("stepfunctions")


def test_create_describe_and_repeat_create(sfn):
    name = unique()
    created = sfn.create_state_machine(name=name, definition=PASS, roleArn=ROLE, tags=[{"key": "team", "value": "a"}])
    assert created["stateMachineArn"] == arn_of(name)
    described = sfn.describe_state_machine(stateMachineArn=created["stateMachineArn"])
    assert described["name"] == name
    assert described["status"] == "ACTIVE"
    assert described["type"] == "STANDARD"
    assert described["definition"] == PASS
    assert described["roleArn"] == ROLE
    assert described["creationDate"] == created["creationDate"]
    assert described["loggingConfiguration"] == {"level": "OFF", "includeExecutionData": False}
    assert described["tracingConfiguration"] == {"enabled": False}
    # An identical create answers with the existing machine; a different one is refused.
    again = sfn.create_state_machine(name=name, definition=PASS, roleArn=ROLE)
    assert again["stateMachineArn"] == created["stateMachineArn"]
    assert again["creationDate"] == created["creationDate"]
    error = error_of(sfn.create_state_machine, name=name, definition=SUCCEED, roleArn=ROLE)
    assert error["Code"] == "StateMachineAlreadyExists"
    assert error["Message"] == f"State Machine Already Exists: '{arn_of(name)}'"


def test_express_machine_and_logging_configuration_are_returned(sfn):
    name = unique("express")
    logging = {"level": "ALL", "includeExecutionData": True,
               "destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": "arn:aws:logs:us-east-1:000000000000:log-group:g:*"}}]}
    sfn.create_state_machine(name=name, definition=PASS, roleArn=ROLE, type="EXPRESS", loggingConfiguration=logging,
                             tracingConfiguration={"enabled": True})
    described = sfn.describe_state_machine(stateMachineArn=arn_of(name))
    assert described["type"] == "EXPRESS"
    assert described["loggingConfiguration"] == logging
    assert described["tracingConfiguration"] == {"enabled": True}


def test_invalid_definition_is_refused_with_aws_wording(sfn):
    bad = json.dumps({"StartAt": "Missing", "States": {"P": {"Type": "Pass", "End": True}}})
    error = error_of(sfn.create_state_machine, name=unique(), definition=bad, roleArn=ROLE)
    assert error["Code"] == "InvalidDefinition"
    assert error["Message"].startswith("Invalid State Machine Definition: '")
    assert "MISSING_TRANSITION_TARGET" in error["Message"]
    error = error_of(sfn.create_state_machine, name=unique(), definition="{not json", roleArn=ROLE)
    assert error["Code"] == "InvalidDefinition"
    assert "INVALID_JSON_DESCRIPTION" in error["Message"]


@pytest.mark.parametrize("name", ["has space", "a/b", "semi;colon", "star*", "tab\tname"])
def test_invalid_names_are_refused(sfn, name):
    error = error_of(sfn.create_state_machine, name=name, definition=PASS, roleArn=ROLE)
    assert error["Code"] == "InvalidName"
    assert error["Message"] == f"Invalid Name: '{name}'"


def test_overlong_name_fails_the_model_length_constraint(sfn):
    # The model limits names to 80 characters; that check runs before the service, as on AWS.
    error = error_of(sfn.create_state_machine, name="x" * 81, definition=PASS, roleArn=ROLE)
    assert error["Code"] == "ValidationException"
    assert "at 'name' failed to satisfy constraint" in error["Message"]


def test_role_arn_must_be_a_role(sfn):
    error = error_of(sfn.create_state_machine, name=unique(), definition=PASS, roleArn="not-an-arn")
    assert error["Code"] == "InvalidArn"


def test_describe_unknown_and_malformed_arns(sfn):
    missing = arn_of(unique("missing"))
    error = error_of(sfn.describe_state_machine, stateMachineArn=missing)
    assert error["Code"] == "StateMachineDoesNotExist"
    assert error["Message"] == f"State Machine Does Not Exist: '{missing}'"
    assert error_of(sfn.describe_state_machine, stateMachineArn="garbage")["Code"] == "InvalidArn"
    activity = f"arn:aws:states:{REGION}:{ACCOUNT}:activity:a"
    assert error_of(sfn.describe_state_machine, stateMachineArn=activity)["Code"] == "InvalidArn"


def test_list_paginates_through_every_machine(stratus):
    sfn = stratus.client("stepfunctions")
    prefix = unique("page")
    names = [f"{prefix}-{index}" for index in range(5)]
    for name in names:
        sfn.create_state_machine(name=name, definition=PASS, roleArn=ROLE)
    seen = []
    token = None
    while True:
        page = sfn.list_state_machines(maxResults=2, **({"nextToken": token} if token else {}))
        assert len(page["stateMachines"]) <= 2
        seen += [item["name"] for item in page["stateMachines"]]
        token = page.get("nextToken")
        if not token:
            break
    assert [name for name in seen if name.startswith(prefix)] == names
    assert seen == sorted(seen)
    item = next(item for item in sfn.list_state_machines(maxResults=1000)["stateMachines"] if item["name"] == names[0])
    assert item["stateMachineArn"] == arn_of(names[0]) and item["type"] == "STANDARD" and item["creationDate"]
    assert error_of(sfn.list_state_machines, nextToken="not-a-token")["Code"] == "InvalidToken"
    # The paginator boto3 ships follows nextToken too.
    paged = [item["name"] for page in sfn.get_paginator("list_state_machines").paginate(PaginationConfig={"PageSize": 3})
             for item in page["stateMachines"]]
    assert [name for name in paged if name.startswith(prefix)] == names


def test_update_changes_definition_and_revision(sfn):
    name = unique()
    sfn.create_state_machine(name=name, definition=PASS, roleArn=ROLE)
    updated = sfn.update_state_machine(stateMachineArn=arn_of(name), definition=SUCCEED)
    assert updated["revisionId"]
    assert updated["updateDate"]
    described = sfn.describe_state_machine(stateMachineArn=arn_of(name))
    assert described["definition"] == SUCCEED
    assert described["revisionId"] == updated["revisionId"]
    new_role = f"arn:aws:iam::{ACCOUNT}:role/other"
    second = sfn.update_state_machine(stateMachineArn=arn_of(name), roleArn=new_role)
    assert second["revisionId"] != updated["revisionId"]
    assert sfn.describe_state_machine(stateMachineArn=arn_of(name))["roleArn"] == new_role
    assert error_of(sfn.update_state_machine, stateMachineArn=arn_of(name))["Code"] == "MissingRequiredParameter"
    assert error_of(sfn.update_state_machine, stateMachineArn=arn_of(name), definition="{}")["Code"] == "InvalidDefinition"
    assert error_of(sfn.update_state_machine, stateMachineArn=arn_of(unique("gone")),
                    definition=PASS)["Code"] == "StateMachineDoesNotExist"


def test_delete_removes_and_is_idempotent(sfn):
    name = unique()
    sfn.create_state_machine(name=name, definition=PASS, roleArn=ROLE)
    sfn.delete_state_machine(stateMachineArn=arn_of(name))
    sfn.delete_state_machine(stateMachineArn=arn_of(name))
    assert error_of(sfn.describe_state_machine, stateMachineArn=arn_of(name))["Code"] == "StateMachineDoesNotExist"
    assert name not in [item["name"] for item in sfn.list_state_machines(maxResults=1000)["stateMachines"]]
    assert error_of(sfn.delete_state_machine, stateMachineArn="garbage")["Code"] == "InvalidArn"


def test_validate_state_machine_definition(sfn):
    ok = sfn.validate_state_machine_definition(definition=PASS)
    assert ok["result"] == "OK" and ok["diagnostics"] == []
    bad = json.dumps({"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "X"}, "B": {"Type": "Pass", "Next": "Y"}}})
    failed = sfn.validate_state_machine_definition(definition=bad)
    assert failed["result"] == "FAIL"
    assert len(failed["diagnostics"]) >= 2
    assert all(d["severity"] == "ERROR" and d["code"] and d["message"] for d in failed["diagnostics"])
    assert failed["truncated"] is False
    one = sfn.validate_state_machine_definition(definition=bad, maxResults=1)
    assert len(one["diagnostics"]) == 1 and one["truncated"] is True


def test_machines_are_per_region(stratus):
    name = unique("regional")
    stratus.client("stepfunctions").create_state_machine(name=name, definition=PASS, roleArn=ROLE)
    other = boto3.client("stepfunctions", endpoint_url=stratus.endpoint, region_name="eu-west-1",
                         aws_access_key_id="test", aws_secret_access_key="test",
                         config=botocore.config.Config(retries={"max_attempts": 1}))
    assert name not in [item["name"] for item in other.list_state_machines(maxResults=1000)["stateMachines"]]


def test_aws_cli_round_trip(stratus):
    name = unique("cli")
    created = stratus.cli("stepfunctions", "create-state-machine", "--name", name, "--definition", PASS,
                          "--role-arn", ROLE)
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["stateMachineArn"] == arn_of(name)
    described = stratus.cli("stepfunctions", "describe-state-machine", "--state-machine-arn", arn_of(name))
    assert described.returncode == 0, described.stderr
    assert json.loads(described.stdout)["definition"] == PASS
    listed = stratus.cli("stepfunctions", "list-state-machines")
    assert listed.returncode == 0, listed.stderr
    assert arn_of(name) in [item["stateMachineArn"] for item in json.loads(listed.stdout)["stateMachines"]]
    validated = stratus.cli("stepfunctions", "validate-state-machine-definition", "--definition", SUCCEED)
    assert validated.returncode == 0, validated.stderr
    assert json.loads(validated.stdout)["result"] == "OK"
    assert stratus.cli("stepfunctions", "delete-state-machine", "--state-machine-arn", arn_of(name)).returncode == 0
    missing = stratus.cli("stepfunctions", "describe-state-machine", "--state-machine-arn", arn_of(name))
    assert missing.returncode != 0
    assert "An error occurred (StateMachineDoesNotExist) when calling the DescribeStateMachine operation" in missing.stderr


def test_state_machines_survive_kill_9(fresh_stratus, tmp_path):
    server = fresh_stratus(data_dir=str(tmp_path))
    name = unique("durable")
    server.client("stepfunctions").create_state_machine(name=name, definition=PASS, roleArn=ROLE)
    server.stop(sig=signal.SIGKILL)
    restarted = fresh_stratus(data_dir=str(tmp_path))
    described = restarted.client("stepfunctions").describe_state_machine(stateMachineArn=arn_of(name))
    assert described["definition"] == PASS


def test_tags(sfn):
    name = unique("tags")
    sfn.create_state_machine(name=name, definition=PASS, roleArn=ROLE, tags=[{"key": "a", "value": "1"}])
    sfn.tag_resource(resourceArn=arn_of(name), tags=[{"key": "b", "value": "2"}, {"key": "a", "value": "3"}])
    assert sfn.list_tags_for_resource(resourceArn=arn_of(name))["tags"] == [{"key": "a", "value": "3"},
                                                                           {"key": "b", "value": "2"}]
    sfn.untag_resource(resourceArn=arn_of(name), tagKeys=["a"])
    assert sfn.list_tags_for_resource(resourceArn=arn_of(name))["tags"] == [{"key": "b", "value": "2"}]
    error = error_of(sfn.list_tags_for_resource, resourceArn=arn_of(unique("missing")))
    assert error["Code"] == "ResourceNotFound"
    assert error_of(sfn.tag_resource, resourceArn="garbage", tags=[])["Code"] == "InvalidArn"
    many = [{"key": f"k{index}", "value": "v"} for index in range(51)]
    assert error_of(sfn.tag_resource, resourceArn=arn_of(name), tags=many)["Code"] == "TooManyTags"
