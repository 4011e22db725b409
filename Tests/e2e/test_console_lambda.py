"""The console's Lambda API (`/_stratus/console/api/lambda`) against the built binary: functions created by boto3 are
listed and described as GetFunction, ListAliases and ListVersionsByFunction answer them, and the Invoke route runs real
Python handlers and answers their payload and decoded log tail."""
import json
import urllib.parse

import pytest
from test_lambda_support import ECHO, python_function, unique

CONSOLE = "/_stratus/console"

PRINTER = (
    "def handler(event, context):\n"
    "    print(f\"console says {event.get('word')}\")\n"
    "    if event.get('fail'):\n"
    "        raise ValueError('asked to fail')\n"
    "    return {'got': event}\n"
)


@pytest.fixture
def lam(stratus):
    return stratus.client("lambda")


def q(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def api(stratus, path: str, body=None):
    if body is None:
        return stratus.json("GET", f"{CONSOLE}/api/lambda{path}")
    return stratus.json("POST", f"{CONSOLE}/api/lambda{path}", body=json.dumps(body),
                        headers={"Content-Type": "application/json"})


def test_functions_are_listed_as_list_functions_answers(stratus, lam):
    name = python_function(lam, ECHO, MemorySize=256, Timeout=9)
    status, headers, body = api(stratus, "/functions")
    assert status == 200 and headers["content-type"] == "application/json"
    assert body["truncated"] is False
    listed = {fn["FunctionName"]: fn for fn in body["functions"]}
    assert name in listed
    fn = listed[name]
    boto = lam.get_function_configuration(FunctionName=name)
    for member in ("FunctionArn", "Runtime", "Handler", "MemorySize", "Timeout", "LastModified", "CodeSha256", "Role"):
        assert fn[member] == boto[member], member
    assert fn["MemorySize"] == 256 and fn["Timeout"] == 9 and fn["State"] == "Active"
    every = {fn["FunctionName"] for page in lam.get_paginator("list_functions").paginate() for fn in page["Functions"]}
    assert every == set(listed)


def test_a_function_is_described_with_aliases_versions_and_its_code_download(stratus, lam):
    name = python_function(lam, ECHO, Environment={"Variables": {"MODEL": "m1"}}, Tags={"team": "ml"})
    version = lam.publish_version(FunctionName=name, Description="first")["Version"]
    lam.create_alias(FunctionName=name, Name="live", FunctionVersion=version)
    status, _, body = api(stratus, f"/function?name={q(name)}")
    assert status == 200, body
    boto = lam.get_function(FunctionName=name)
    assert body["Configuration"]["FunctionArn"] == boto["Configuration"]["FunctionArn"]
    assert body["Configuration"]["Environment"] == {"Variables": {"MODEL": "m1"}}
    assert body["Tags"] == {"team": "ml"}
    assert [v["Version"] for v in body["versions"]] == ["$LATEST", version]
    assert [(a["Name"], a["FunctionVersion"]) for a in body["aliases"]] == [("live", version)]
    # The code location is the same server's download, as a path the browser can follow.
    location = body["Code"]["Location"]
    assert location == urllib.parse.urlparse(boto["Code"]["Location"]).path
    status, headers, package = stratus.raw("GET", location)
    assert status == 200 and headers["content-type"] == "application/zip"
    assert package.startswith(b"PK")


def test_invoke_runs_the_handler_and_answers_payload_and_log(stratus, lam):
    name = python_function(lam, PRINTER)
    status, _, body = api(stratus, "/invoke", {"functionName": name, "payload": '{"word": "hi"}'})
    assert status == 200, body
    assert body["statusCode"] == 200 and body["executedVersion"] == "$LATEST"
    assert "functionError" not in body
    assert json.loads(body["payload"]) == {"got": {"word": "hi"}}
    assert "console says hi" in body["log"] and "END RequestId:" in body["log"]

    status, _, failed = api(stratus, "/invoke", {"functionName": name, "payload": {"word": "no", "fail": True}})
    assert status == 200
    assert failed["functionError"] == "Unhandled"
    error = json.loads(failed["payload"])
    assert error["errorType"] == "ValueError" and error["errorMessage"] == "asked to fail"
    assert "console says no" in failed["log"]

    # The invocations are in the function's kept logs, which the function page shows.
    status, _, logs = stratus.json("GET", f"/_stratus/lambda/logs?function={q(name)}&limit=100")
    assert status == 200
    assert any("console says hi" in event["message"] for event in logs["events"])


def test_invoke_by_qualifier(stratus, lam):
    name = python_function(lam, ECHO)
    version = lam.publish_version(FunctionName=name)["Version"]
    lam.create_alias(FunctionName=name, Name="prod", FunctionVersion=version)
    status, _, body = api(stratus, "/invoke", {"functionName": name, "payload": {"a": 1}, "qualifier": "prod"})
    assert status == 200, body
    assert body["executedVersion"] == version and json.loads(body["payload"]) == {"a": 1}


def test_errors(stratus, lam):
    missing = unique("missing")
    status, _, body = api(stratus, f"/function?name={missing}")
    assert status == 404 and body["error"] == "ResourceNotFoundException"
    status, _, body = api(stratus, "/invoke", {"functionName": missing})
    assert status == 404 and body["error"] == "ResourceNotFoundException"
    status, _, body = api(stratus, "/function")
    assert status == 400 and body["error"] == "ValidationException"
    status, _, body = api(stratus, "/invoke", {"payload": "{}"})
    assert status == 400 and body["error"] == "ValidationException"
    status, _, body = stratus.json("POST", f"{CONSOLE}/api/lambda/invoke", body='{"functionName":"x"}',
                                   headers={"Content-Type": "text/plain"})
    assert status == 415
    status, headers, body = stratus.json("DELETE", f"{CONSOLE}/api/lambda/functions")
    assert status == 405 and headers["allow"] == "GET"
    status, headers, body = stratus.json("GET", f"{CONSOLE}/api/lambda/invoke")
    assert status == 405 and headers["allow"] == "POST"
    status, _, body = api(stratus, "/nothing")
    assert status == 404 and body["error"] == "NotFound"


def test_a_non_json_payload_is_the_services_error(stratus, lam):
    name = python_function(lam, ECHO)
    status, _, body = api(stratus, "/invoke", {"functionName": name, "payload": "not json"})
    assert status == 400 and body["error"] == "InvalidRequestContentException"


def test_a_function_is_described_with_its_triggers(stratus, lam):
    """Event source mappings (ListEventSourceMappings) and the function URL (GetFunctionUrlConfig) come with it."""
    sqs = stratus.client("sqs")
    name = python_function(lam, ECHO)
    status, _, bare = api(stratus, f"/function?name={q(name)}")
    assert status == 200 and bare["eventSourceMappings"] == [] and bare["url"] is None
    queue_url = sqs.create_queue(QueueName=unique("triggers"))["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    mapping = lam.create_event_source_mapping(EventSourceArn=queue_arn, FunctionName=name, BatchSize=7,
                                              MaximumBatchingWindowInSeconds=2, Enabled=False)
    url = lam.create_function_url_config(FunctionName=name, AuthType="NONE")
    status, _, body = api(stratus, f"/function?name={q(name)}")
    assert status == 200
    (listed,) = body["eventSourceMappings"]
    expected = lam.list_event_source_mappings(FunctionName=name)["EventSourceMappings"][0]
    assert listed["UUID"] == mapping["UUID"] == expected["UUID"]
    assert (listed["EventSourceArn"], listed["BatchSize"], listed["MaximumBatchingWindowInSeconds"], listed["State"]) == (
        queue_arn, 7, 2, expected["State"])
    assert body["url"]["FunctionUrl"] == url["FunctionUrl"] and body["url"]["AuthType"] == "NONE"
