"""Lambda provisioned concurrency end to end with boto3 and the AWS CLI: put/get/list/delete of configurations on
published versions and aliases, Lambda's errors and conflicts, IN_PROGRESS → READY (or FAILED on an init error),
invocations served by pre-initialized environments, aliases moving to a new version, and durability across a restart."""
import base64
import concurrent.futures
import json
import re
import time

import botocore.exceptions
import pytest

from test_lambda_support import ACCOUNT, REGION, python_function, unique, zip_of

# The handler reports how its environment was initialized and which process runs it.
INIT_TYPE = (
    "import os, time\n"
    "def handler(event, context):\n"
    "    time.sleep((event or {}).get('sleep', 0))\n"
    "    return {'init': os.environ['AWS_LAMBDA_INITIALIZATION_TYPE'], 'pid': os.getpid()}\n"
)
LAST_MODIFIED = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$")
COUNTS = ("RequestedProvisionedConcurrentExecutions", "AvailableProvisionedConcurrentExecutions",
          "AllocatedProvisionedConcurrentExecutions")


@pytest.fixture
def lam(stratus):
    return stratus.client("lambda")


@pytest.fixture
def functions(lam):
    """Names of functions a test creates; deleted afterwards so their environments do not pile up."""
    names = []
    yield names
    for name in names:
        try:
            lam.delete_function(FunctionName=name)
        except botocore.exceptions.ClientError:
            pass


def function_arn(name: str) -> str:
    return f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}"


def error_of(call, *args, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(*args, **kwargs)
    return caught.value.response


def assert_error(response, code: str, status: int, message: str | None = None, prefix: str | None = None):
    assert response["Error"]["Code"] == code, response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status, response
    if message is not None:
        assert response["Error"]["Message"] == message, response
    if prefix is not None:
        assert response["Error"]["Message"].startswith(prefix), response


def published(lam, functions, source: str = INIT_TYPE, **extra) -> str:
    """A new function with version "1" published; answers its name."""
    name = python_function(lam, source, Publish=True, **extra)
    functions.append(name)
    return name


def publish_another(lam, name: str, marker: str) -> str:
    """Changes the code (so that a new version is due) and publishes it; answers the new version."""
    lam.update_function_code(FunctionName=name, ZipFile=zip_of({"app.py": INIT_TYPE + f"# {marker}\n"}))
    lam.get_waiter("function_updated_v2").wait(FunctionName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    return lam.publish_version(FunctionName=name)["Version"]


def wait_for_status(lam, name: str, qualifier: str, status: str = "READY") -> dict:
    """Polls get_provisioned_concurrency_config every 0.2 s for up to 30 s until Status is `status`."""
    deadline = time.monotonic() + 30
    config = {}
    while time.monotonic() < deadline:
        config = lam.get_provisioned_concurrency_config(FunctionName=name, Qualifier=qualifier)
        if config["Status"] == status:
            return config
        time.sleep(0.2)
    pytest.fail(f"provisioned concurrency of {name}:{qualifier} did not become {status}: {config}")


def assert_ready(config: dict, count: int):
    assert config["Status"] == "READY", config
    assert config["RequestedProvisionedConcurrentExecutions"] == count, config
    assert config["AvailableProvisionedConcurrentExecutions"] == count, config
    assert config["AllocatedProvisionedConcurrentExecutions"] == count, config
    assert LAST_MODIFIED.match(config["LastModified"]), config


def invoke_tail(lam, name: str, qualifier: str, payload: dict | None = None):
    """Invokes with LogType=Tail; answers (payload document, decoded log tail, response)."""
    response = lam.invoke(FunctionName=name, Qualifier=qualifier, Payload=json.dumps(payload or {}), LogType="Tail")
    document = json.loads(response["Payload"].read())
    assert "FunctionError" not in response, document
    return document, base64.b64decode(response["LogResult"]).decode(), response


def report_line(log: str) -> str:
    lines = [line for line in log.splitlines() if line.startswith("REPORT RequestId: ")]
    assert lines, log
    return lines[-1]


# Operations -----------------------------------------------------------------------------------------------------

def test_put_answers_in_progress_and_get_becomes_ready(lam, functions):
    name = published(lam, functions)
    put = lam.put_provisioned_concurrency_config(FunctionName=name, Qualifier="1", ProvisionedConcurrentExecutions=1)
    assert put["ResponseMetadata"]["HTTPStatusCode"] in (200, 202)
    assert put["RequestedProvisionedConcurrentExecutions"] == 1
    assert put["AvailableProvisionedConcurrentExecutions"] == 0
    assert put["AllocatedProvisionedConcurrentExecutions"] == 0
    assert put["Status"] == "IN_PROGRESS"
    assert LAST_MODIFIED.match(put["LastModified"]), put["LastModified"]
    got = lam.get_provisioned_concurrency_config(FunctionName=name, Qualifier="1")
    assert got["RequestedProvisionedConcurrentExecutions"] == 1
    assert got["Status"] in ("IN_PROGRESS", "READY")
    assert all(key in got for key in COUNTS) and LAST_MODIFIED.match(got["LastModified"])
    assert_ready(wait_for_status(lam, name, "1"), 1)


def test_put_again_replaces_the_count(lam, functions):
    name = published(lam, functions)
    lam.put_provisioned_concurrency_config(FunctionName=name, Qualifier="1", ProvisionedConcurrentExecutions=1)
    again = lam.put_provisioned_concurrency_config(FunctionName=name, Qualifier="1", ProvisionedConcurrentExecutions=2)
    assert again["RequestedProvisionedConcurrentExecutions"] == 2
    assert again["Status"] == "IN_PROGRESS"
    assert lam.get_provisioned_concurrency_config(FunctionName=name, Qualifier="1")[
        "RequestedProvisionedConcurrentExecutions"] == 2
    assert_ready(wait_for_status(lam, name, "1"), 2)
    configs = lam.list_provisioned_concurrency_configs(FunctionName=name)["ProvisionedConcurrencyConfigs"]
    assert len(configs) == 1 and configs[0]["RequestedProvisionedConcurrentExecutions"] == 2


def test_list_with_function_arns_and_paging(lam, functions):
    name = published(lam, functions)
    version = publish_another(lam, name, "second")
    assert version == "2"
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion="2")
    lam.put_provisioned_concurrency_config(FunctionName=name, Qualifier="1", ProvisionedConcurrentExecutions=1)
    lam.put_provisioned_concurrency_config(FunctionName=name, Qualifier="live", ProvisionedConcurrentExecutions=1)
    listed = lam.list_provisioned_concurrency_configs(FunctionName=name)
    configs = {c["FunctionArn"]: c for c in listed["ProvisionedConcurrencyConfigs"]}
    assert set(configs) == {f"{function_arn(name)}:1", f"{function_arn(name)}:live"}
    assert "NextMarker" not in listed
    for config in configs.values():
        assert config["RequestedProvisionedConcurrentExecutions"] == 1
        assert "AvailableProvisionedConcurrentExecutions" in config
        assert "AllocatedProvisionedConcurrentExecutions" in config
        assert config["Status"] in ("IN_PROGRESS", "READY")
        assert LAST_MODIFIED.match(config["LastModified"]), config
    first = lam.list_provisioned_concurrency_configs(FunctionName=name, MaxItems=1)
    assert len(first["ProvisionedConcurrencyConfigs"]) == 1 and first.get("NextMarker")
    second = lam.list_provisioned_concurrency_configs(FunctionName=name, MaxItems=1, Marker=first["NextMarker"])
    assert len(second["ProvisionedConcurrencyConfigs"]) == 1 and "NextMarker" not in second
    paged = [c["FunctionArn"] for page in (first, second) for c in page["ProvisionedConcurrencyConfigs"]]
    assert sorted(paged) == sorted(configs)
    paginated = [c["FunctionArn"] for page in lam.get_paginator("list_provisioned_concurrency_configs").paginate(
        FunctionName=name, PaginationConfig={"PageSize": 1}) for c in page["ProvisionedConcurrencyConfigs"]]
    assert sorted(paginated) == sorted(configs)


def test_delete_then_get_is_not_found_and_deleting_without_a_config_succeeds(lam, functions):
    name = published(lam, functions)
    lam.put_provisioned_concurrency_config(FunctionName=name, Qualifier="1", ProvisionedConcurrentExecutions=1)
    assert_ready(wait_for_status(lam, name, "1"), 1)
    deleted = lam.delete_provisioned_concurrency_config(FunctionName=name, Qualifier="1")
    assert deleted["ResponseMetadata"]["HTTPStatusCode"] == 204
    assert_error(error_of(lam.get_provisioned_concurrency_config, FunctionName=name, Qualifier="1"),
                 "ProvisionedConcurrencyConfigNotFoundException", 404,
                 "No Provisioned Concurrency Config found for this function")
    assert lam.list_provisioned_concurrency_configs(FunctionName=name)["ProvisionedConcurrencyConfigs"] == []
    again = lam.delete_provisioned_concurrency_config(FunctionName=name, Qualifier="1")
    assert again["ResponseMetadata"]["HTTPStatusCode"] == 204


# Errors ---------------------------------------------------------------------------------------------------------

def test_latest_is_rejected(lam, functions):
    name = published(lam, functions)
    assert_error(error_of(lam.put_provisioned_concurrency_config, FunctionName=name, Qualifier="$LATEST",
                          ProvisionedConcurrentExecutions=1),
                 "InvalidParameterValueException", 400,
                 "Provisioned Concurrency Configs cannot be applied to unpublished function versions.")
    for call in (lam.get_provisioned_concurrency_config, lam.delete_provisioned_concurrency_config):
        assert_error(error_of(call, FunctionName=name, Qualifier="$LATEST"), "InvalidParameterValueException", 400,
                     "The function resource provided must be an alias or a published version.")


def test_unknown_function_version_and_alias(lam, functions):
    missing = unique("missing")
    prefix = f"Function not found: {function_arn(missing)}"
    assert_error(error_of(lam.put_provisioned_concurrency_config, FunctionName=missing, Qualifier="1",
                          ProvisionedConcurrentExecutions=1), "ResourceNotFoundException", 404, prefix=prefix)
    assert_error(error_of(lam.get_provisioned_concurrency_config, FunctionName=missing, Qualifier="1"),
                 "ResourceNotFoundException", 404, prefix=prefix)
    assert_error(error_of(lam.delete_provisioned_concurrency_config, FunctionName=missing, Qualifier="1"),
                 "ResourceNotFoundException", 404, prefix=prefix)
    assert_error(error_of(lam.list_provisioned_concurrency_configs, FunctionName=missing),
                 "ResourceNotFoundException", 404, prefix=prefix)

    name = published(lam, functions)
    arn = function_arn(name)
    assert_error(error_of(lam.put_provisioned_concurrency_config, FunctionName=name, Qualifier="9",
                          ProvisionedConcurrentExecutions=1),
                 "ResourceNotFoundException", 404, f"Function not found: {arn}:9")
    assert_error(error_of(lam.get_provisioned_concurrency_config, FunctionName=name, Qualifier="9"),
                 "ResourceNotFoundException", 404, f"Function not found: {arn}:9")
    assert_error(error_of(lam.put_provisioned_concurrency_config, FunctionName=name, Qualifier="nope",
                          ProvisionedConcurrentExecutions=1),
                 "ResourceNotFoundException", 404, f"Cannot find alias arn: {arn}:nope")
    assert_error(error_of(lam.get_provisioned_concurrency_config, FunctionName=name, Qualifier="nope"),
                 "ResourceNotFoundException", 404, f"Cannot find alias arn: {arn}:nope")


def test_get_without_a_config_is_not_found(lam, functions):
    name = published(lam, functions)
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion="1")
    for qualifier in ("1", "live"):
        assert_error(error_of(lam.get_provisioned_concurrency_config, FunctionName=name, Qualifier=qualifier),
                     "ProvisionedConcurrencyConfigNotFoundException", 404,
                     "No Provisioned Concurrency Config found for this function")
    assert lam.list_provisioned_concurrency_configs(FunctionName=name)["ProvisionedConcurrencyConfigs"] == []


def test_alias_and_version_conflicts(lam, functions):
    name = published(lam, functions)
    assert publish_another(lam, name, "second") == "2"
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion="1")
    lam.create_alias(FunctionName=name, Name="staging", FunctionVersion="2")
    # Version 1 has its own config: an alias pointing to it cannot get one.
    lam.put_provisioned_concurrency_config(FunctionName=name, Qualifier="1", ProvisionedConcurrentExecutions=1)
    assert_error(error_of(lam.put_provisioned_concurrency_config, FunctionName=name, Qualifier="live",
                          ProvisionedConcurrentExecutions=1),
                 "ResourceConflictException", 409,
                 "Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version")
    # Alias "staging" (→ 2) has a config: version 2 cannot get one of its own.
    lam.put_provisioned_concurrency_config(FunctionName=name, Qualifier="staging", ProvisionedConcurrentExecutions=1)
    assert_error(error_of(lam.put_provisioned_concurrency_config, FunctionName=name, Qualifier="2",
                          ProvisionedConcurrentExecutions=1),
                 "ResourceConflictException", 409, "Version is pointed by a Provisioned Concurrency alias")
    arns = sorted(c["FunctionArn"] for c in
                  lam.list_provisioned_concurrency_configs(FunctionName=name)["ProvisionedConcurrencyConfigs"])
    assert arns == sorted([f"{function_arn(name)}:1", f"{function_arn(name)}:staging"])


def test_alias_with_weights_is_rejected(lam, functions):
    name = published(lam, functions)
    assert publish_another(lam, name, "second") == "2"
    lam.create_alias(FunctionName=name, Name="canary", FunctionVersion="1",
                     RoutingConfig={"AdditionalVersionWeights": {"2": 0.5}})
    assert_error(error_of(lam.put_provisioned_concurrency_config, FunctionName=name, Qualifier="canary",
                          ProvisionedConcurrentExecutions=1),
                 "InvalidParameterValueException", 400,
                 "Alias with weights can not be used with Provisioned Concurrency")


def test_zero_executions_is_a_validation_error(stratus, lam, functions):
    name = published(lam, functions)
    unvalidated = stratus.client("lambda", parameter_validation=False)
    response = error_of(unvalidated.put_provisioned_concurrency_config, FunctionName=name, Qualifier="1",
                        ProvisionedConcurrentExecutions=0)
    assert_error(response, "ValidationException", 400)


# What it does ---------------------------------------------------------------------------------------------------

def test_ready_version_runs_provisioned_without_cold_start_and_latest_on_demand(lam, functions):
    name = published(lam, functions)
    lam.put_provisioned_concurrency_config(FunctionName=name, Qualifier="1", ProvisionedConcurrentExecutions=1)
    assert_ready(wait_for_status(lam, name, "1"), 1)
    document, log, response = invoke_tail(lam, name, "1")
    assert response["ExecutedVersion"] == "1"
    assert document["init"] == "provisioned-concurrency", document
    assert "Init Duration" not in report_line(log), log
    latest, _, latest_response = invoke_tail(lam, name, "$LATEST")
    assert latest_response["ExecutedVersion"] == "$LATEST"
    assert latest["init"] == "on-demand", latest


def test_two_provisioned_environments_serve_two_concurrent_invocations(stratus, lam, functions):
    name = published(lam, functions, Timeout=30)
    lam.put_provisioned_concurrency_config(FunctionName=name, Qualifier="1", ProvisionedConcurrentExecutions=2)
    assert_ready(wait_for_status(lam, name, "1"), 2)
    clients = [stratus.client("lambda"), stratus.client("lambda")]

    def call(client):
        response = client.invoke(FunctionName=name, Qualifier="1", Payload=json.dumps({"sleep": 1.5}), LogType="Tail")
        return json.loads(response["Payload"].read()), base64.b64decode(response["LogResult"]).decode()

    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(call, clients))
    documents = [document for document, _ in results]
    assert [d.get("init") for d in documents] == ["provisioned-concurrency"] * 2, documents
    assert len({d["pid"] for d in documents}) == 2, documents
    for _, log in results:
        assert "Init Duration" not in report_line(log), log


def test_init_error_marks_the_config_failed(lam, functions):
    source = "raise RuntimeError('broken at import')\ndef handler(event, context):\n    return 'never'\n"
    name = published(lam, functions, source)
    put = lam.put_provisioned_concurrency_config(FunctionName=name, Qualifier="1", ProvisionedConcurrentExecutions=1)
    assert put["Status"] == "IN_PROGRESS"
    failed = wait_for_status(lam, name, "1", "FAILED")
    assert failed["StatusReason"].startswith("FUNCTION_ERROR_INIT_FAILURE"), failed
    assert failed["RequestedProvisionedConcurrentExecutions"] == 1


def test_alias_config_follows_the_alias_to_a_new_version(lam, functions):
    name = published(lam, functions)
    assert publish_another(lam, name, "second") == "2"
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion="1")
    put = lam.put_provisioned_concurrency_config(FunctionName=name, Qualifier="live", ProvisionedConcurrentExecutions=1)
    assert put["Status"] == "IN_PROGRESS" and put["RequestedProvisionedConcurrentExecutions"] == 1
    assert_ready(wait_for_status(lam, name, "live"), 1)
    document, log, response = invoke_tail(lam, name, "live")
    assert response["ExecutedVersion"] == "1"
    assert document["init"] == "provisioned-concurrency", document
    assert "Init Duration" not in report_line(log), log

    lam.update_alias(FunctionName=name, Name="live", FunctionVersion="2")
    assert_ready(wait_for_status(lam, name, "live"), 1)
    document, log, response = invoke_tail(lam, name, "live")
    assert response["ExecutedVersion"] == "2"
    assert document["init"] == "provisioned-concurrency", document


def test_config_survives_a_restart(fresh_stratus, tmp_path):
    data_dir = str(tmp_path / "data")
    server = fresh_stratus(data_dir=data_dir)
    lam = server.client("lambda")
    name = python_function(lam, INIT_TYPE, Publish=True)
    lam.put_provisioned_concurrency_config(FunctionName=name, Qualifier="1", ProvisionedConcurrentExecutions=1)
    assert_ready(wait_for_status(lam, name, "1"), 1)
    server.stop()

    restarted = fresh_stratus(data_dir=data_dir)
    lam = restarted.client("lambda")
    configs = lam.list_provisioned_concurrency_configs(FunctionName=name)["ProvisionedConcurrencyConfigs"]
    assert [c["FunctionArn"] for c in configs] == [f"{function_arn(name)}:1"]
    assert configs[0]["RequestedProvisionedConcurrentExecutions"] == 1
    assert_ready(wait_for_status(lam, name, "1"), 1)


def test_cli_round_trip(stratus, lam, functions):
    name = published(lam, functions)
    put = stratus.cli("lambda", "put-provisioned-concurrency-config", "--function-name", name,
                      "--qualifier", "1", "--provisioned-concurrent-executions", "1")
    assert put.returncode == 0, put.stderr
    put_document = json.loads(put.stdout)
    assert put_document["RequestedProvisionedConcurrentExecutions"] == 1
    assert put_document["Status"] == "IN_PROGRESS"

    got = stratus.cli("lambda", "get-provisioned-concurrency-config", "--function-name", name, "--qualifier", "1")
    assert got.returncode == 0, got.stderr
    got_document = json.loads(got.stdout)
    assert got_document["RequestedProvisionedConcurrentExecutions"] == 1
    assert got_document["Status"] in ("IN_PROGRESS", "READY")

    listed = stratus.cli("lambda", "list-provisioned-concurrency-configs", "--function-name", name)
    assert listed.returncode == 0, listed.stderr
    assert [c["FunctionArn"] for c in json.loads(listed.stdout)["ProvisionedConcurrencyConfigs"]] == [
        f"{function_arn(name)}:1"]

    deleted = stratus.cli("lambda", "delete-provisioned-concurrency-config", "--function-name", name,
                          "--qualifier", "1")
    assert deleted.returncode == 0, deleted.stderr
    gone = stratus.cli("lambda", "get-provisioned-concurrency-config", "--function-name", name, "--qualifier", "1")
    assert gone.returncode != 0
    assert "ProvisionedConcurrencyConfigNotFoundException" in gone.stderr, gone.stderr
