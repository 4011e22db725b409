"""`stratus demo`: the example pipeline end to end through boto3 — a CSV uploaded to S3 starts the workflow through
EventBridge, two Lambda functions validate and process it, the work goes through SQS, the result and the status
history land in DynamoDB and SNS announces it; a rejected file is recorded and announced as a failure."""
import json
import os
import re
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request

import boto3
import botocore.config
import pytest

from conftest import stratus_binary

ACCOUNT, REGION = "000000000000", "us-east-1"


@pytest.fixture
def demo():
    env = {k: v for k, v in os.environ.items() if not k.startswith("STRATUS_")}
    with tempfile.TemporaryDirectory() as folder:
        process = subprocess.Popen([stratus_binary(), "demo", "--port", "0", "--in-memory"], stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, env=env, text=True, cwd=folder)
        endpoint, banner = None, ""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            banner += line
            match = re.search(r"Listening on (http://\S+)", line)
            if match:
                endpoint = match.group(1)
                break
        assert endpoint, f"stratus demo did not start: {banner}"
        try:
            yield endpoint
        finally:
            process.terminate()
            process.wait(timeout=15)


def client(endpoint, service):
    return boto3.client(service, endpoint_url=endpoint, region_name=REGION, aws_access_key_id="test",
                        aws_secret_access_key="test", config=botocore.config.Config(retries={"max_attempts": 1}))


def executions(sfn, count):
    machine = f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:stratus-demo-pipeline"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = sfn.list_executions(stateMachineArn=machine)["executions"]
        if len(found) >= count and all(e["status"] != "RUNNING" for e in found):
            return found
        time.sleep(0.2)
    raise AssertionError(f"the pipeline did not finish: {found}")


def test_upload_runs_the_pipeline(demo):
    s3, sfn, ddb, sqs = (client(demo, s) for s in ("s3", "stepfunctions", "dynamodb", "sqs"))
    s3.put_object(Bucket="stratus-demo-uploads", Key="orders.csv", Body=b"name,qty\napples,3\npears,5\n")
    (run,) = executions(sfn, 1)
    assert run["status"] == "SUCCEEDED"
    result = ddb.get_item(TableName="stratus-demo-results", Key={"fileKey": {"S": "orders.csv"}})["Item"]
    assert result["records"] == {"N": "2"}
    assert json.loads(result["summary"]["S"])["columns"] == ["name", "qty"]
    history = ddb.query(TableName="stratus-demo-status-history", KeyConditionExpression="fileKey = :k",
                        ExpressionAttributeValues={":k": {"S": "orders.csv"}})["Items"]
    assert [item["status"]["S"] for item in history] == ["RECEIVED", "SUCCEEDED"]
    work = sqs.receive_message(QueueUrl=f"{demo}/{ACCOUNT}/stratus-demo-work", WaitTimeSeconds=1)["Messages"]
    assert json.loads(work[0]["Body"])["key"] == "orders.csv"
    inbox = sqs.receive_message(QueueUrl=f"{demo}/{ACCOUNT}/stratus-demo-notifications-inbox", WaitTimeSeconds=1)["Messages"]
    assert json.loads(inbox[0]["Body"])["status"] == "SUCCEEDED"


def test_rejected_file_is_recorded_and_announced(demo):
    s3, sfn, ddb, sqs = (client(demo, s) for s in ("s3", "stepfunctions", "dynamodb", "sqs"))
    s3.put_object(Bucket="stratus-demo-uploads", Key="photo.png", Body=b"\x89PNG")
    (run,) = executions(sfn, 1)
    assert run["status"] == "FAILED"
    described = sfn.describe_execution(executionArn=run["executionArn"])
    assert described["error"] == "Demo.FileRejected"
    history = ddb.query(TableName="stratus-demo-status-history", KeyConditionExpression="fileKey = :k",
                        ExpressionAttributeValues={":k": {"S": "photo.png"}})["Items"]
    assert [item["status"]["S"] for item in history] == ["RECEIVED", "FAILED"]
    assert history[1]["error"]["S"] == "ValidationError"
    inbox = sqs.receive_message(QueueUrl=f"{demo}/{ACCOUNT}/stratus-demo-notifications-inbox", WaitTimeSeconds=1)["Messages"]
    notice = json.loads(inbox[0]["Body"])
    assert notice["status"] == "FAILED" and notice["error"] == "ValidationError"


def console_api(endpoint, path):
    with urllib.request.urlopen(f"{endpoint}/_stratus/console/api{path}", timeout=10) as answer:
        return json.loads(answer.read())


def test_the_console_shows_the_pipeline(demo):
    """The console pages the banner points to show the demo's workflow, its status history and its functions."""
    s3, sfn = client(demo, "s3"), client(demo, "stepfunctions")
    s3.put_object(Bucket="stratus-demo-uploads", Key="seen.csv", Body=b"name,qty\nplums,2\n")
    assert [e["status"] for e in executions(sfn, 1)] == ["SUCCEEDED"]
    machine = f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:stratus-demo-pipeline"
    described = console_api(demo, f"/state-machine?arn={urllib.parse.quote(machine, safe='')}")
    assert described["name"] == "stratus-demo-pipeline" and "Validate" in json.loads(described["definition"])["States"]
    items = console_api(demo, "/dynamodb/items?table=stratus-demo-status-history")["items"]
    statuses = sorted(item["status"]["S"] for item in items if item["fileKey"]["S"] == "seen.csv")
    assert statuses == ["RECEIVED", "SUCCEEDED"]
    names = {f["FunctionName"] for f in console_api(demo, "/lambda/functions")["functions"]}
    assert {"stratus-demo-validate", "stratus-demo-process"} <= names
