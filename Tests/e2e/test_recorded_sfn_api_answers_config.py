"""More of the successful answers AWS gave in LocalStack's recorded Step Functions API tests, replayed against Stratus:
tags, Express machines, logging configurations and `variableReferences` (v2/test_sfn_api{_tagging,_express,_logs,
_variable_references}.py). The rules are those of test_recorded_sfn_api_answers.py (`sfn_recorded_answers.Recording`).
"""
import json

import pytest

from sfn_recorded_answers import Recording, create, logging
from sfn_support import ACCOUNT, REGION, unique


@pytest.fixture
def sfn(stratus):
    return stratus.client("stepfunctions")


# test_sfn_api_tagging.py --------------------------------------------------------------------------------------------

TAGGING = "test_sfn_api_tagging::TestSnfApiTagging::"
KEY1, KEY2 = {"key": "key1", "value": "value1"}, {"key": "key2", "value": "value2"}


@pytest.mark.parametrize("index,tags", enumerate([[], [KEY1], [{"key": "key1", "value": ""}], [KEY1, KEY1],
                                                  [KEY1, KEY2]]))
def test_tag_state_machine(sfn, index, tags):
    """test_sfn_api_tagging.py::test_tag_state_machine[tag_list0..4]."""
    rec = Recording(TAGGING + f"test_tag_state_machine[tag_list{index}]")
    arn = rec.check("creation_resp_1", create(sfn))["stateMachineArn"]
    rec.check("tag_resource_resp", sfn.tag_resource(resourceArn=arn, tags=tags))
    rec.check("list_resources_res", sfn.list_tags_for_resource(resourceArn=arn))


@pytest.mark.parametrize("index,keys", enumerate([[], ["key1"], ["key1", "key1"], ["key1", "key2"]]))
def test_untag_state_machine(sfn, index, keys):
    """test_sfn_api_tagging.py::test_untag_state_machine[tag_keys0..3]."""
    rec = Recording(TAGGING + f"test_untag_state_machine[tag_keys{index}]")
    arn = rec.check("creation_resp_1", create(sfn))["stateMachineArn"]
    rec.check("tag_resource_resp", sfn.tag_resource(resourceArn=arn, tags=[KEY1]))
    rec.check("untag_resource_resp", sfn.untag_resource(resourceArn=arn, tagKeys=keys))
    rec.check("list_resources_res", sfn.list_tags_for_resource(resourceArn=arn))


def test_create_tagged_state_machine(sfn):
    """test_sfn_api_tagging.py::test_create_state_machine."""
    rec = Recording(TAGGING + "test_create_state_machine")
    arn = rec.check("creation_resp_1", create(sfn, tags=[KEY1, KEY2]))["stateMachineArn"]
    rec.check("list_resources_res", sfn.list_tags_for_resource(resourceArn=arn))


def test_publish_for_tagging(sfn):
    """test_sfn_api_tagging.py::test_tag_state_machine_version (`creation_resp_1`, `publish_resp`)."""
    rec = Recording(TAGGING + "test_tag_state_machine_version")
    arn = rec.check("creation_resp_1", create(sfn))["stateMachineArn"]
    rec.check("publish_resp", sfn.publish_state_machine_version(stateMachineArn=arn))


# test_sfn_api_express.py --------------------------------------------------------------------------------------------

def test_express_create_describe_delete(sfn):
    """test_sfn_api_express.py::test_create_describe_delete."""
    rec = Recording("test_sfn_api_express::TestSfnApiExpress::test_create_describe_delete")
    arn = rec.check("creation_response", create(sfn, type="EXPRESS"))["stateMachineArn"]
    rec.check("describe_response", sfn.describe_state_machine(stateMachineArn=arn))
    rec.check("deletion_response", sfn.delete_state_machine(stateMachineArn=arn))


def test_express_start_sync_execution(stratus):
    """test_sfn_api_express.py::test_start_sync_execution."""
    sfn = stratus.client("stepfunctions", inject_host_prefix=False)
    rec = Recording("test_sfn_api_express::TestSfnApiExpress::test_start_sync_execution")
    arn = rec.check("creation_response", create(sfn, type="EXPRESS"))["stateMachineArn"]
    rec.check("start_execution_sync_response", sfn.start_sync_execution(stateMachineArn=arn))


def test_express_activity_creation(sfn):
    """test_sfn_api_express.py::test_illegal_activity_task (`create_activity_output`)."""
    name = unique("activity")
    rec = Recording("test_sfn_api_express::TestSfnApiExpress::test_illegal_activity_task",
                    activity_arn=f"arn:aws:states:{REGION}:{ACCOUNT}:activity:{name}")
    rec.check("create_activity_output", sfn.create_activity(name=name))


# test_sfn_api_logs.py -----------------------------------------------------------------------------------------------

LOGS = "test_sfn_api_logs::TestSnfApiLogs::"


@pytest.mark.parametrize("level", ["ALL", "FATAL", "ERROR", "OFF"])
@pytest.mark.parametrize("include", [False, True])
def test_logging_configuration(sfn, level, include):
    """test_sfn_api_logs.py::test_logging_configuration[<level>-<include>]."""
    rec = Recording(LOGS + f"test_logging_configuration[{level}-{include}]", log_group_name="/stratus/recorded-answers")
    arn = rec.check("creation_resp", create(sfn, loggingConfiguration=logging(level, include)))["stateMachineArn"]
    rec.check("describe_resp", sfn.describe_state_machine(stateMachineArn=arn))


@pytest.mark.parametrize("index,configuration", enumerate([{"level": "OFF"}, {"level": "OFF", "destinations": []}]))
def test_incomplete_logging_configuration(sfn, index, configuration):
    """test_sfn_api_logs.py::test_incomplete_logging_configuration[logging_configuration0..1]."""
    rec = Recording(LOGS + f"test_incomplete_logging_configuration[logging_configuration{index}]")
    arn = rec.check("creation_resp", create(sfn, loggingConfiguration=configuration))["stateMachineArn"]
    rec.check("describe_resp", sfn.describe_state_machine(stateMachineArn=arn))


def test_update_logging_configuration(sfn):
    """test_sfn_api_logs.py::test_update_logging_configuration (the successful answers)."""
    rec = Recording(LOGS + "test_update_logging_configuration", log_group_name="/stratus/recorded-answers")
    arn = rec.check("creation_resp", create(sfn, loggingConfiguration=logging("ALL", True)))["stateMachineArn"]
    rec.check("describe_resp", sfn.describe_state_machine(stateMachineArn=arn))
    for key, configuration in (("describe_resp_log_level", logging("FATAL", True)),
                               ("describe_resp_no_change", logging("FATAL", True)),
                               ("describe_resp_flag", logging("FATAL", False))):
        sfn.update_state_machine(stateMachineArn=arn, loggingConfiguration=configuration)
        rec.check(key, sfn.describe_state_machine(stateMachineArn=arn))


# test_sfn_api_variable_references.py --------------------------------------------------------------------------------

VARIABLES = "test_sfn_api_variable_references::TestSfnApiVariableReferences::"
# BASE_REFERENCE_IN_WAIT is not replayed: the recorder's `timestamp` transformer rewrote its TimestampPath.
ASSIGN_TEMPLATES = ["BASE_REFERENCE_IN_PARAMETERS", "BASE_REFERENCE_IN_CHOICE",
                    "BASE_REFERENCE_IN_ITERATOR_OUTER_SCOPE", "BASE_REFERENCE_IN_INPUTPATH",
                    "BASE_REFERENCE_IN_OUTPUTPATH", "BASE_REFERENCE_IN_INTRINSIC_FUNCTION", "BASE_REFERENCE_IN_FAIL",
                    "BASE_ASSIGN_FROM_PARAMETERS", "BASE_ASSIGN_FROM_RESULT", "BASE_ASSIGN_FROM_INTRINSIC_FUNCTION",
                    "BASE_EVALUATION_ORDER_PASS_STATE", "MAP_STATE_REFERENCE_IN_INTRINSIC_FUNCTION",
                    "MAP_STATE_REFERENCE_IN_ITEMS_PATH", "MAP_STATE_REFERENCE_IN_MAX_CONCURRENCY_PATH",
                    "MAP_STATE_REFERENCE_IN_TOLERATED_FAILURE_PATH", "MAP_STATE_REFERENCE_IN_ITEM_SELECTOR",
                    "MAP_STATE_REFERENCE_IN_MAX_ITEMS_PATH"]


@pytest.mark.parametrize("template", ASSIGN_TEMPLATES)
def test_variable_references(sfn, template):
    """test_sfn_api_variable_references.py::test_base_variable_references_in_assign_templates[<template>] (the
    definition is the one the recording describes)."""
    rec = Recording(VARIABLES + f"test_base_variable_references_in_assign_templates[{template}]")
    # The recorder wrote `<partition>` into the ARNs of the definition it describes; the test sent `aws`.
    described = json.dumps(rec.content["describe_response"]["definition"])
    definition = json.loads(described.replace("arn:<partition>:", "arn:aws:"))
    arn = create(sfn, definition)["stateMachineArn"]
    rec.check("describe_response", sfn.describe_state_machine(stateMachineArn=arn))
    execution = sfn.start_execution(stateMachineArn=arn)["executionArn"]  # some wait: the answer is the same
    rec.check("describe_for_execution_response", sfn.describe_state_machine_for_execution(executionArn=execution))


@pytest.mark.parametrize("template", ["CHOICE_CONDITION_CONSTANT_JSONATA",
                                      "CHOICE_STATE_UNSORTED_CHOICE_PARAMETERS_JSONATA"])
def test_no_variable_references_in_jsonata(sfn, template):
    """test_sfn_api_variable_references.py::test_base_variable_references_in_jsonata_template[<template>]."""
    rec = Recording(VARIABLES + f"test_base_variable_references_in_jsonata_template[{template}]")
    arn = create(sfn, rec.content["describe_response"]["definition"])["stateMachineArn"]
    rec.check("describe_response", sfn.describe_state_machine(stateMachineArn=arn))
