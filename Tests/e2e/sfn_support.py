"""Helpers shared by the Step Functions API tests: names, ARNs, AWS errors and waiting for an execution."""
import os
import time
import uuid

import botocore.exceptions
import pytest

ACCOUNT = "000000000000"
REGION = "us-east-1"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/stratus-sfn"


def unique(prefix: str = "sfn") -> str:
    """A name no other test (or test process) uses."""
    return f"{prefix}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


def arn_of(name: str) -> str:
    """The ARN of the state machine `name` in the default account and region."""
    return f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:{name}"


def error_of(call, **kwargs) -> dict:
    """The AWS error a call answers with; it must fail with HTTP 400, as every Step Functions client error does."""
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    response = caught.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    return response["Error"]


def wait_for(sfn, arn: str, timeout: float = 10) -> dict:
    """DescribeExecution once the execution has left RUNNING (or the timeout has passed)."""
    deadline = time.monotonic() + timeout
    while True:
        described = sfn.describe_execution(executionArn=arn)
        if described["status"] != "RUNNING" or time.monotonic() > deadline:
            return described
        time.sleep(0.05)
