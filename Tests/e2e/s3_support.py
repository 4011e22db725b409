"""What the S3 end-to-end tests share: unique bucket names, the error answer of a failing boto3 call, and the `s3`
client and fresh `bucket` fixtures (import them into a test module to use them)."""
import uuid

import botocore.exceptions
import pytest


def unique(prefix: str = "bucket") -> str:
    """A bucket name no other test uses."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def error_of(call, **kwargs) -> dict:
    """The error response of a boto3 call that must fail."""
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return caught.value.response


@pytest.fixture
def s3(stratus):
    return stratus.client("s3")


@pytest.fixture
def bucket(s3):
    name = unique()
    s3.create_bucket(Bucket=name)
    return name
