"""The successful answers AWS gave in LocalStack's recorded Step Functions API tests, replayed against Stratus.

Source: ../shared/conformance/localstack-sfn (MANIFEST.generated.json, category `api-only`), the snapshots of
v2/test_sfn_api{,_versioning,_aliasing,_activities}.py (tags, Express, logging and variable references are in
test_recorded_sfn_api_answers_config.py). Every test makes
the recorded calls (read from LocalStack's test code) against resources of its own and compares each answer with the
recorded one member by member (`ResponseMetadata` ignored): the same members, the same values, where a recorder
placeholder (`<ArnPart_0idx>`, `<uuid:1>`, `111111111111`, `<region>`, `datetime`, labels such as `snf_role_arn`)
matches any value of its type, the same placeholder always the same value and different ones different values. Each
test names the recording (`<file>::<test>`) in its docstring; the error answers are in test_recorded_sfn_api_errors.py.

Recording dates matter for two members AWS added later: `encryptionConfiguration` of DescribeStateMachine (and
DescribeStateMachineForExecution) answers, added 2024-07-30, and `redriveCount` of execution list items, added with
redrive on 2023-11-15. A recording validated before the date accepts that member as an extra one, with the value AWS
now answers (`{"type": "AWS_OWNED_KEY"}`, `0`); recordings validated later require it like any other member.

Not replayed: the CloudFormation recordings of test_sfn_api.py (Stratus runs no CloudFormation); boto3's own
parameter validation errors (never sent); the Express execution answers of test_start_async_describe_history_execution
(Stratus describes Express executions, a documented difference).
"""
import json

import pytest

from sfn_recorded_answers import (PASS_RESULT, ROLES, WAIT_MINUTE, Recording, create, finished, routes, updated_result,
                                  versions_of, with_comment)
from sfn_support import ACCOUNT, REGION, ROLE, unique

@pytest.fixture
def sfn(stratus):
    return stratus.client("stepfunctions")


# test_sfn_api.py ----------------------------------------------------------------------------------------------------

def test_create_delete(sfn):
    """test_sfn_api.py::TestSnfApi::test_create_delete_valid_sm."""
    rec = Recording("test_sfn_api::TestSnfApi::test_create_delete_valid_sm")
    arn = rec.check("creation_resp_1", create(sfn))["stateMachineArn"]
    rec.check("deletion_resp_1", sfn.delete_state_machine(stateMachineArn=arn))


def test_delete_missing(sfn):
    """test_sfn_api.py::TestSnfApi::test_delete_nonexistent_sm."""
    rec = Recording("test_sfn_api::TestSnfApi::test_delete_nonexistent_sm")
    arn = create(sfn)["stateMachineArn"]
    rec.check("deletion_resp_1", sfn.delete_state_machine(stateMachineArn=arn + "-missing"))


@pytest.mark.parametrize("test", ["test_create_duplicate_definition_format_sm", "test_create_duplicate_sm_name",
                                  "test_create_update_state_machine_base_update_none"])
def test_create_describe(sfn, test):
    """test_sfn_api.py::TestSnfApi::test_create_duplicate_definition_format_sm, test_create_duplicate_sm_name,
    test_create_update_state_machine_base_update_none (the create and describe answers)."""
    rec = Recording(f"test_sfn_api::TestSnfApi::{test}")
    suffix = "_t0" if "update" in test else "_1"
    arn = rec.check(f"creation_resp{suffix}", create(sfn))["stateMachineArn"]
    rec.check(f"describe_resp{suffix}", sfn.describe_state_machine(stateMachineArn=arn))


def test_create_exact_duplicate(sfn):
    """test_sfn_api.py::TestSnfApi::test_create_exact_duplicate_sm."""
    rec = Recording("test_sfn_api::TestSnfApi::test_create_exact_duplicate_sm")
    name = unique("rec")
    arn = rec.check("creation_resp_1", create(sfn, name=name))["stateMachineArn"]
    rec.check("describe_resp_1", sfn.describe_state_machine(stateMachineArn=arn))
    again = rec.check("creation_resp_2", create(sfn, name=name))["stateMachineArn"]
    rec.check("describe_resp_2", sfn.describe_state_machine(stateMachineArn=again))
    rec.check("describe_resp_1_2", sfn.describe_state_machine(stateMachineArn=arn))


@pytest.mark.parametrize("test,keys,changes", [
    ("test_create_update_state_machine_base_definition", ("update_state_machine_res", "update_state_machine_res_t2"),
     [{"definition": updated_result("AfterUpdate1")}, {"definition": updated_result("AfterUpdate2")}]),
    ("test_create_update_state_machine_base_role_arn", ("update_state_machine_res_t1", "update_state_machine_res_t2"),
     [{"roleArn": ROLES[1]}, {"roleArn": ROLES[2]}]),
    ("test_create_update_state_machine_same_parameters", ("update_state_machine_res_t1", "update_state_machine_res_t2"),
     [{"roleArn": ROLES[1]}, {"roleArn": ROLES[1]}]),
], ids=["definition", "role_arn", "same_parameters"])
def test_create_update(sfn, test, keys, changes):
    """test_sfn_api.py::TestSnfApi::test_create_update_state_machine_base_definition, _base_role_arn,
    _same_parameters (an update that changes nothing keeps the revision)."""
    labels = {f"snf_role_arn_t{index}": role for index, role in enumerate(ROLES)} if "role" in test or "same" in test \
        else {}
    rec = Recording(f"test_sfn_api::TestSnfApi::{test}", **labels)
    arn = rec.check("creation_resp_t0", create(sfn, roleArn=ROLES[0] if labels else ROLE))["stateMachineArn"]
    rec.check("describe_resp_t0", sfn.describe_state_machine(stateMachineArn=arn))
    for step, (key, change) in enumerate(zip(keys, changes), start=1):
        rec.check(key, sfn.update_state_machine(stateMachineArn=arn, **change))
        rec.check(f"describe_resp_t{step}", sfn.describe_state_machine(stateMachineArn=arn))


def test_create_update_definition_and_role(sfn):
    """test_sfn_api.py::TestSnfApi::test_create_update_state_machine_base_definition_and_role."""
    rec = Recording("test_sfn_api::TestSnfApi::test_create_update_state_machine_base_definition_and_role",
                    snf_role_arn_t1=ROLES[1], snf_role_arn_t2=ROLES[2])
    arn = rec.check("creation_resp_t0", create(sfn))["stateMachineArn"]
    rec.check("describe_resp_t0", sfn.describe_state_machine(stateMachineArn=arn))
    for step in (1, 2):
        rec.check(f"update_state_machine_res_t{step}", sfn.update_state_machine(
            stateMachineArn=arn, definition=updated_result(f"AfterUpdate{step}"), roleArn=ROLES[step]))
        rec.check(f"describe_resp_t{step}", sfn.describe_state_machine(stateMachineArn=arn))


@pytest.mark.parametrize("test", ["test_describe_execution", "test_describe_execution_arn_containing_punctuation"])
def test_describe_execution(sfn, test):
    """test_sfn_api.py::TestSnfApi::test_describe_execution, test_describe_execution_arn_containing_punctuation."""
    rec = Recording(f"test_sfn_api::TestSnfApi::{test}")
    punctuated = "punctuation" in test
    arn = rec.check("creation_resp", create(sfn, name=unique("rec.name-1_") if punctuated else None))["stateMachineArn"]
    extra = {"name": unique("exec.name-2_")} if punctuated else {}
    execution = rec.check("exec_resp", sfn.start_execution(stateMachineArn=arn, **extra))["executionArn"]
    finished(sfn, execution)
    rec.check("describe_execution", sfn.describe_execution(executionArn=execution))


def test_describe_punctuated_state_machine(sfn):
    """test_sfn_api.py::TestSnfApi::test_describe_sm_arn_containing_punctuation."""
    rec = Recording("test_sfn_api::TestSnfApi::test_describe_sm_arn_containing_punctuation")
    arn = rec.check("creation_resp", create(sfn, name=unique("rec.name-1_")))["stateMachineArn"]
    rec.check("describe_resp", sfn.describe_state_machine(stateMachineArn=arn))


def test_describe_state_machine_for_execution(sfn):
    """test_sfn_api.py::TestSnfApi::test_describe_state_machine_for_execution."""
    rec = Recording("test_sfn_api::TestSnfApi::test_describe_state_machine_for_execution")
    arn = rec.check("creation_resp", create(sfn))["stateMachineArn"]
    execution = rec.check("exec_resp", sfn.start_execution(stateMachineArn=arn))["executionArn"]
    finished(sfn, execution)
    rec.check("describe_resp", sfn.describe_state_machine_for_execution(executionArn=execution))


def test_start_execution_inputs(sfn):
    """test_sfn_api.py::TestSnfApi::test_invalid_start_execution_input (`start_res_num`, `_str`, `_null`)."""
    rec = Recording("test_sfn_api::TestSnfApi::test_invalid_start_execution_input")
    arn = rec.check("creation_resp", create(sfn))["stateMachineArn"]
    for key, text in (("start_res_num", "2"), ("start_res_str", '"some text"'), ("start_res_null", "null")):
        rec.check(key, sfn.start_execution(stateMachineArn=arn, input=text))


def test_start_execution_idempotent(sfn):
    """test_sfn_api.py::TestSnfApi::test_start_execution_idempotent (a Wait state keeps the execution running)."""
    rec = Recording("test_sfn_api::TestSnfApi::test_start_execution_idempotent")
    arn = rec.check("creation_resp", create(sfn, WAIT_MINUTE))["stateMachineArn"]
    name, data = unique("execution_name"), json.dumps({"Message": "test_message_txt"})
    execution = rec.check("exec_resp", sfn.start_execution(stateMachineArn=arn, input=data, name=name))["executionArn"]
    rec.check("exec_resp_idempotent", sfn.start_execution(stateMachineArn=arn, input=data, name=name))
    rec.check("stop_res", sfn.stop_execution(executionArn=execution))


def test_status_filter(sfn):
    """test_sfn_api.py::TestSnfApi::test_state_machine_status_filter."""
    rec = Recording("test_sfn_api::TestSnfApi::test_state_machine_status_filter")
    arn = rec.check("creation_resp", create(sfn))["stateMachineArn"]
    rec.check("list_before_execution", sfn.list_executions(stateMachineArn=arn))
    finished(sfn, rec.check("exec_resp", sfn.start_execution(stateMachineArn=arn))["executionArn"])
    rec.check("list_succeeded_when_complete", sfn.list_executions(stateMachineArn=arn, statusFilter="SUCCEEDED"))
    rec.check("list_running_when_complete", sfn.list_executions(stateMachineArn=arn, statusFilter="RUNNING"))


@pytest.mark.parametrize("test,page_2", [("test_list_executions_pagination", "list-executions-page-2"),
                                         ("test_list_executions_versions_pagination", "list-execution-page-2")])
def test_list_executions_pages(sfn, test, page_2):
    """test_sfn_api.py::TestSnfApi::test_list_executions_pagination, test_list_executions_versions_pagination
    (13 executions, pages of 10)."""
    rec = Recording(f"test_sfn_api::TestSnfApi::{test}")
    created = create(sfn, publish="versions" in test)
    arn = created.get("stateMachineVersionArn", created["stateMachineArn"])
    for index in range(13):
        finished(sfn, sfn.start_execution(stateMachineArn=arn, name=f"execution-{index:02d}")["executionArn"])
    first = rec.check("list-executions-page-1", sfn.list_executions(stateMachineArn=arn, maxResults=10))
    rec.check(page_2, sfn.list_executions(stateMachineArn=arn, maxResults=10, nextToken=first["nextToken"]))
    rec.check("deletion_resp", sfn.delete_state_machine(stateMachineArn=created["stateMachineArn"]))


def test_list_state_machines(sfn):
    """test_sfn_api.py::TestSnfApi::test_list_sms (the listing filtered to the machines the test created)."""
    rec = Recording("test_sfn_api::TestSnfApi::test_list_sms")
    prefix = unique("rec")
    arns = [rec.check(f"creation_resp_{index}", create(sfn, name=f"{prefix}-{index}"))["stateMachineArn"]
            for index in range(3)]

    def listed() -> list[dict]:
        machines = [item for page in sfn.get_paginator("list_state_machines").paginate()
                    for item in page["stateMachines"]]
        return [item for item in machines if item["stateMachineArn"] in arns]
    rec.check("lst_resp_filter", listed())
    for index, arn in enumerate(arns):
        rec.check(f"deletion_resp_{index}", sfn.delete_state_machine(stateMachineArn=arn))
    rec.check("lst_resp_del_filter", listed())


def test_list_state_machines_pages(fresh_stratus):
    """test_sfn_api.py::TestSnfApi::test_list_sms_pagination (13 machines on a server of their own, pages of 10)."""
    sfn = fresh_stratus("--in-memory").client("stepfunctions")
    rec = Recording("test_sfn_api::TestSnfApi::test_list_sms_pagination")
    prefix = unique("rec")
    for index in range(13):
        create(sfn, name=f"{prefix}-{index}")
    first = sfn.list_state_machines(maxResults=10)
    rec.check("list-state-machines-page-1", first["stateMachines"])
    second = sfn.list_state_machines(maxResults=3, nextToken=first["nextToken"])
    assert "nextToken" not in second
    rec.check("list-state-machines-page-2", second["stateMachines"])


# test_sfn_api_versioning.py -----------------------------------------------------------------------------------------

VERSIONING = "test_sfn_api_versioning::TestSnfApiVersioning::"


@pytest.mark.parametrize("test,kwargs", [("test_create_with_publish", {}),
                                         ("test_create_express_with_publish", {"type": "EXPRESS"})])
def test_create_with_publish(sfn, test, kwargs):
    """test_sfn_api_versioning.py::test_create_with_publish, test_create_express_with_publish."""
    Recording(VERSIONING + test).check("creation_resp_1", create(sfn, publish=True, **kwargs))


@pytest.mark.parametrize("test,kwargs", [("test_create_publish_describe_no_version_description", {}),
                                         ("test_create_publish_describe_with_version_description",
                                          {"versionDescription": "HelloWorld!"})])
def test_create_publish_describe(sfn, test, kwargs):
    """test_sfn_api_versioning.py::test_create_publish_describe_no_version_description, _with_version_description."""
    rec = Recording(VERSIONING + test)
    created = rec.check("creation_resp_1", create(sfn, publish=True, **kwargs))
    rec.check("describe_resp_version", sfn.describe_state_machine(stateMachineArn=created["stateMachineVersionArn"]))
    rec.check("describe_resp", sfn.describe_state_machine(stateMachineArn=created["stateMachineArn"]))


def test_update_and_publish(sfn):
    """test_sfn_api_versioning.py::test_update_state_machine."""
    rec = Recording(VERSIONING + "test_update_state_machine")
    arn = rec.check("creation_resp_1", create(sfn))["stateMachineArn"]
    for step in (1, 2):
        rec.check(f"update_resp_{step}", sfn.update_state_machine(
            stateMachineArn=arn, definition=with_comment(f"BASE_PASS_RESULT-R{step}"), publish=True))
        rec.check(f"list_versions_resp_{step}", sfn.list_state_machine_versions(stateMachineArn=arn))


def test_publish_versions(sfn):
    """test_sfn_api_versioning.py::test_publish_state_machine_version."""
    rec = Recording(VERSIONING + "test_publish_state_machine_version")
    arn = rec.check("creation_resp_1", create(sfn))["stateMachineArn"]
    for step, extra in ((1, {}), (2, {"description": "PublishedV2Description"})):
        revision = rec.check(f"update_resp_{step}", sfn.update_state_machine(
            stateMachineArn=arn, definition=with_comment(f"BASE_PASS_RESULT-R{step}")))["revisionId"]
        version = rec.check(f"publish_v{step}", sfn.publish_state_machine_version(
            stateMachineArn=arn, revisionId=revision, **extra))["stateMachineVersionArn"]
        rec.check(f"list_versions_resp_{step}", sfn.list_state_machine_versions(stateMachineArn=arn))
        rec.check(f"describe_v{step}", sfn.describe_state_machine(stateMachineArn=version))
    rec.check("update_resp_3", sfn.update_state_machine(stateMachineArn=arn, definition=with_comment("BASE_PASS_RESULT-R3")))


def test_start_version_execution(sfn):
    """test_sfn_api_versioning.py::test_start_version_execution."""
    rec = Recording(VERSIONING + "test_start_version_execution")
    created = rec.check("creation_resp_1", create(sfn, publish=True))
    execution = rec.check("execution_resp", sfn.start_execution(stateMachineArn=created["stateMachineArn"]))
    finished(sfn, execution["executionArn"])
    rec.check("exec_list_resp", sfn.list_executions(stateMachineArn=created["stateMachineArn"]))
    version = created["stateMachineVersionArn"]
    finished(sfn, rec.check("execution_version_resp", sfn.start_execution(stateMachineArn=version))["executionArn"])
    rec.check("exec_version_list_resp", sfn.list_executions(stateMachineArn=version))


def test_list_and_delete_version(sfn):
    """test_sfn_api_versioning.py::test_list_delete_version."""
    rec = Recording(VERSIONING + "test_list_delete_version")
    created = rec.check("creation_resp_1", create(sfn, publish=True))
    arn, version = created["stateMachineArn"], created["stateMachineVersionArn"]
    rec.check("describe_resp_version", sfn.describe_state_machine(stateMachineArn=version))
    rec.check("list_versions_resp_1", sfn.list_state_machine_versions(stateMachineArn=arn))
    rec.check("delete_version_resp", sfn.delete_state_machine_version(stateMachineVersionArn=version))
    rec.check("list_versions_resp_2", sfn.list_state_machine_versions(stateMachineArn=arn))
    rec.check("delete_version_resp_after_del", sfn.delete_state_machine_version(stateMachineVersionArn=version))


def test_version_numbers_after_deletions(sfn):
    """test_sfn_api_versioning.py::test_version_ids_between_deletions (version 2 deleted, the next one is 3)."""
    rec = Recording(VERSIONING + "test_version_ids_between_deletions")
    created = rec.check("creation_resp_1", create(sfn, publish=True))
    arn = created["stateMachineArn"]
    second = sfn.update_state_machine(stateMachineArn=arn, definition=with_comment("R2"), publish=True)
    sfn.delete_state_machine_version(stateMachineVersionArn=second["stateMachineVersionArn"])
    sfn.update_state_machine(stateMachineArn=arn, definition=with_comment("R3"))
    rec.check("publish_res_v2_2", sfn.publish_state_machine_version(stateMachineArn=arn))


def test_idempotent_publish(sfn):
    """test_sfn_api_versioning.py::test_idempotent_publish."""
    rec = Recording(VERSIONING + "test_idempotent_publish")
    arn = rec.check("creation_resp_1", create(sfn))["stateMachineArn"]
    rec.check("publish_v1_1", sfn.publish_state_machine_version(stateMachineArn=arn))
    rec.check("publish_v1_2", sfn.publish_state_machine_version(stateMachineArn=arn))
    rec.check("list_versions_resp", sfn.list_state_machine_versions(stateMachineArn=arn))


@pytest.mark.parametrize("publish_on_creation", [False, True])
def test_publish_an_unchanged_update(sfn, publish_on_creation):
    """test_sfn_api_versioning.py::test_empty_revision_with_publish_and_no_publish_on_creation, _and_publish_on_creation
    (an update with the current definition changes no revision and answers no revisionId)."""
    suffix = "publish_on_creation" if publish_on_creation else "no_publish_on_creation"
    rec = Recording(VERSIONING + f"test_empty_revision_with_publish_and_{suffix}")
    arn = rec.check("creation_resp_1", create(sfn, publish=publish_on_creation))["stateMachineArn"]
    for step in (1, 2):
        rec.check(f"update_resp_{step}", sfn.update_state_machine(
            stateMachineArn=arn, definition=json.dumps(PASS_RESULT), publish=True))


@pytest.mark.parametrize("with_revision", [False, True])
def test_describe_state_machine_for_version_execution(sfn, with_revision):
    """test_sfn_api_versioning.py::test_describe_state_machine_for_execution_of_version, _with_revision."""
    test = "test_describe_state_machine_for_execution_of_version" + ("_with_revision" if with_revision else "")
    rec = Recording(VERSIONING + test)
    if with_revision:
        arn = rec.check("creation_resp_1", create(sfn, json.loads(with_comment("BASE_PASS_RESULT-R1"))))["stateMachineArn"]
        version = rec.check("update_resp", sfn.update_state_machine(
            stateMachineArn=arn, definition=with_comment("BASE_PASS_RESULT-R2"), publish=True))["stateMachineVersionArn"]
    else:
        version = rec.check("creation_resp_1", create(sfn, publish=True))["stateMachineVersionArn"]
    execution = rec.check("execution_resp", sfn.start_execution(stateMachineArn=version))["executionArn"]
    finished(sfn, execution)
    rec.check("describe_resp", sfn.describe_state_machine_for_execution(executionArn=execution))


def test_list_versions_pages(sfn):
    """test_sfn_api_versioning.py::test_list_state_machine_versions_pagination (13 versions, pages of 10)."""
    rec = Recording(VERSIONING + "test_list_state_machine_versions_pagination")
    arn = rec.check("creation_resp_1", create(sfn))["stateMachineArn"]
    for index in range(13):
        sfn.update_state_machine(stateMachineArn=arn, definition=with_comment(f"R{index}"), publish=True)
    first = rec.check("list-state-machine-versions-page-1",
                      sfn.list_state_machine_versions(stateMachineArn=arn, maxResults=10))
    rec.check("list-state-machine-versions-page-2", sfn.list_state_machine_versions(
        stateMachineArn=arn, maxResults=10, nextToken=first["nextToken"]))


# test_sfn_api_aliasing.py -------------------------------------------------------------------------------------------

ALIASING = "test_sfn_api_aliasing::TestSfnApiAliasing::"
ALIAS_DESCRIPTION = "create state machine alias description"


@pytest.mark.parametrize("test", ["test_base_create_alias_single_router_config", "test_error_create_alias_not_idempotent",
                                  "test_update_no_such_alias_arn",
                                  "test_list_state_machine_aliases_pagination_invalid_next_token"])
def test_create_alias(sfn, test):
    """test_sfn_api_aliasing.py::test_base_create_alias_single_router_config, test_error_create_alias_not_idempotent,
    test_update_no_such_alias_arn, test_list_state_machine_aliases_pagination_invalid_next_token (the create answer)."""
    name = unique("alias")
    rec = Recording(ALIASING + test, state_machine_alias_name=name)
    _, (version,) = versions_of(sfn, 1)
    rec.check("create_state_machine_alias_response", sfn.create_state_machine_alias(
        name=name, description=ALIAS_DESCRIPTION, routingConfiguration=routes((version, 100))))


def test_idempotent_create_alias(sfn):
    """test_sfn_api_aliasing.py::test_idempotent_create_alias."""
    name = unique("alias")
    rec = Recording(ALIASING + "test_idempotent_create_alias", state_machine_alias_name=name)
    arn, (version,) = versions_of(sfn, 1)
    for attempt in (0, 1):
        rec.check(f"create_state_machine_alias_response_attempt_{attempt}", sfn.create_state_machine_alias(
            name=name, description=ALIAS_DESCRIPTION, routingConfiguration=routes((version, 100))))
    rec.check("create_state_machine_alias_response_different_name", sfn.create_state_machine_alias(
        name=f"{name}-second", description=ALIAS_DESCRIPTION, routingConfiguration=routes((version, 100))))
    rec.check("list_state_machine_aliases_response", sfn.list_state_machine_aliases(stateMachineArn=arn))


def test_alias_lifecycle_create_delete_list(sfn):
    """test_sfn_api_aliasing.py::test_base_lifecycle_create_delete_list."""
    base = unique("alias")
    rec = Recording(ALIASING + "test_base_lifecycle_create_delete_list", state_machine_alias_base_name=base)
    arn, (version,) = versions_of(sfn, 1)
    rec.check("list_state_machine_aliases_response_empty", sfn.list_state_machine_aliases(stateMachineArn=arn))
    aliases = []
    for number in range(3):
        aliases.append(rec.check(f"create_state_machine_alias_response_num_{number}", sfn.create_state_machine_alias(
            name=f"{base}-{number}", routingConfiguration=routes((version, 100))))["stateMachineAliasArn"])
        rec.check(f"list_state_machine_aliases_response_after_creation_{number}",
                  sfn.list_state_machine_aliases(stateMachineArn=arn))
    for number, alias in enumerate(aliases):
        rec.check(f"delete_state_machine_alias_response_{number}",
                  sfn.delete_state_machine_alias(stateMachineAliasArn=alias))
        rec.check(f"list_state_machine_aliases_response_after_deletion_{number}",
                  sfn.list_state_machine_aliases(stateMachineArn=arn))


def test_alias_lifecycle_create_invoke_describe_list(sfn):
    """test_sfn_api_aliasing.py::test_base_lifecycle_create_invoke_describe_list."""
    name = unique("alias")
    rec = Recording(ALIASING + "test_base_lifecycle_create_invoke_describe_list", state_machine_alias_name=name)
    arn, (version,) = versions_of(sfn, 1)
    rec.check("list_state_machine_aliases_response_empty", sfn.list_state_machine_aliases(stateMachineArn=arn))
    alias = rec.check("create_state_machine_alias_response", sfn.create_state_machine_alias(
        name=name, description=ALIAS_DESCRIPTION, routingConfiguration=routes((version, 100))))["stateMachineAliasArn"]
    for target, through in ((alias, "alias"), (version, "version_arn")):
        execution = rec.check(f"start_execution_response_through_{through}",
                              sfn.start_execution(stateMachineArn=target))["executionArn"]
        finished(sfn, execution)
        rec.check(f"describe_execution_response_through_{through}", sfn.describe_execution(executionArn=execution))
    rec.check("list_executions_response", sfn.list_executions(stateMachineArn=arn))


def test_alias_lifecycle_create_update_describe(sfn):
    """test_sfn_api_aliasing.py::test_base_lifecycle_create_update_describe."""
    name = unique("alias")
    rec = Recording(ALIASING + "test_base_lifecycle_create_update_describe", state_machine_alias_name=name)
    _, (v1, v2) = versions_of(sfn, 2)
    alias = rec.check("create_state_machine_alias_response", sfn.create_state_machine_alias(
        name=name, description=ALIAS_DESCRIPTION, routingConfiguration=routes((v1, 100))))["stateMachineAliasArn"]
    rec.check("update_state_machine_alias_description_response",
              sfn.update_state_machine_alias(stateMachineAliasArn=alias, description="new description"))
    rec.check("describe_state_machine_alias_update_description_response",
              sfn.describe_state_machine_alias(stateMachineAliasArn=alias))
    rec.check("update_state_machine_alias_routing_configuration_response", sfn.update_state_machine_alias(
        stateMachineAliasArn=alias, routingConfiguration=routes((v1, 50), (v2, 50))))
    rec.check("describe_state_machine_alias_update_routing_configuration_response",
              sfn.describe_state_machine_alias(stateMachineAliasArn=alias))


def test_delete_version_with_alias(sfn):
    """test_sfn_api_aliasing.py::test_delete_version_with_alias (the alias routes to version 2; once it is deleted,
    version 2 can be)."""
    name = unique("alias")
    rec = Recording(ALIASING + "test_delete_version_with_alias", state_machine_alias_name=name)
    _, (_, v2) = versions_of(sfn, 2)
    alias = rec.check("create_state_machine_alias_response", sfn.create_state_machine_alias(
        name=name, description=ALIAS_DESCRIPTION, routingConfiguration=routes((v2, 100))))["stateMachineAliasArn"]
    rec.check("describe_state_machine_alias_response", sfn.describe_state_machine_alias(stateMachineAliasArn=alias))
    sfn.delete_state_machine_alias(stateMachineAliasArn=alias)
    rec.check("delete_version_response", sfn.delete_state_machine_version(stateMachineVersionArn=v2))


@pytest.mark.parametrize("test,delete", [("test_delete_revision_with_alias", "machine"),
                                         ("test_delete_no_such_alias_arn", "alias")])
def test_delete_with_alias(sfn, test, delete):
    """test_sfn_api_aliasing.py::test_delete_revision_with_alias (the machine), test_delete_no_such_alias_arn (an alias
    deleted twice)."""
    name = unique("alias")
    rec = Recording(ALIASING + test, state_machine_alias_name=name)
    arn, (version,) = versions_of(sfn, 1)
    alias = rec.check("create_state_machine_alias_response", sfn.create_state_machine_alias(
        name=name, description=ALIAS_DESCRIPTION, routingConfiguration=routes((version, 100))))["stateMachineAliasArn"]
    if delete == "machine":
        rec.check("delete_state_machine_response", sfn.delete_state_machine(stateMachineArn=arn))
    else:
        sfn.delete_state_machine_alias(stateMachineAliasArn=alias)
        rec.check("delete_state_machine_alias_response", sfn.delete_state_machine_alias(stateMachineAliasArn=alias))


@pytest.mark.parametrize("page", [0, 1])
def test_list_aliases_pages(sfn, page):
    """test_sfn_api_aliasing.py::test_list_state_machine_aliases_pagination_max_results[0] and [1]."""
    rec = Recording(ALIASING + f"test_list_state_machine_aliases_pagination_max_results[{page}]")
    arn, (version,) = versions_of(sfn, 1)
    for number in (1, 2, 3):
        rec.check(f"create_state_machine_alias_response-{number}", sfn.create_state_machine_alias(
            name=f"AliasName-{number}", routingConfiguration=routes((version, 100))))
    listed = rec.check(f"list_state_machine_aliases_max_results_{page}_response",
                       sfn.list_state_machine_aliases(stateMachineArn=arn, maxResults=page))
    if page:
        rec.check("list_state_machine_aliases_next_token_response",
                  sfn.list_state_machine_aliases(stateMachineArn=arn, nextToken=listed["nextToken"]))


# test_sfn_api_activities.py -----------------------------------------------------------------------------------------

ACTIVITY_NAMES = ["Activity1", "activity-name_123", "ACTIVITY_NAME_ABC", "activity.name", "activity.name.v2",
                  "activityName.with.dots", "activity_123.name", "activity-name.1", "a" * 71]


@pytest.mark.parametrize("name", ACTIVITY_NAMES)
def test_create_describe_delete_activity(sfn, name):
    """test_sfn_api_activities.py::test_create_describe_delete_activity[<name>]."""
    unique_name = f"{name[:60]}{unique('')[-8:]}" if len(name) > 70 else f"{name}-{unique('')[-8:]}"
    arn = f"arn:aws:states:{REGION}:{ACCOUNT}:activity:{unique_name}"
    rec = Recording(f"test_sfn_api_activities::TestSnfApiActivities::test_create_describe_delete_activity[{name}]",
                    activity_arn=arn, activity_name=unique_name)
    rec.check("create_activity_response", sfn.create_activity(name=unique_name))
    rec.check("create_activity_response_duplicate", sfn.create_activity(name=unique_name))
    rec.check("describe_activity_response", sfn.describe_activity(activityArn=arn))
    rec.check("delete_activity_response", sfn.delete_activity(activityArn=arn))
    rec.check("delete_activity_response_2", sfn.delete_activity(activityArn=arn))


def test_list_activities(sfn):
    """test_sfn_api_activities.py::test_list_activities (the listing filtered to the activities the test created)."""
    names = [unique(f"activity-{index}") for index in range(3)]
    arns = [f"arn:aws:states:{REGION}:{ACCOUNT}:activity:{name}" for name in names]
    labels = {**{f"activity_arn_{i}": arn for i, arn in enumerate(arns)},
              **{f"activity_name_{i}": name for i, name in enumerate(names)}}
    rec = Recording("test_sfn_api_activities::TestSnfApiActivities::test_list_activities", **labels)
    for name in names:
        sfn.create_activity(name=name)
    listed = [item for page in sfn.get_paginator("list_activities").paginate() for item in page["activities"]
              if item["activityArn"] in arns]
    rec.check("list_activities_response", {"activities": sorted(listed, key=lambda item: arns.index(item["activityArn"]))})
