"""SQS queues through boto3 (AWS JSON): create, URLs, list, delete, attributes, tags, permissions, purge, DLQ sources.

Pending: unknown queue attribute names are refused by the generic enum validation (ValidationException)
instead of SQS's InvalidAttributeName "Unknown Attribute X.".
"""
import json

import pytest

from sqs_support import (ACCOUNT, NON_EXISTENT_QUEUE, assert_error, attributes, client_error, counts, queue_arn,
                         sqs_client, unique_name)


@pytest.fixture
def sqs(stratus):
    return stratus.client("sqs")


def test_unknown_attribute_name(sqs):
    url = sqs.create_queue(QueueName=unique_name())["QueueUrl"]
    response = client_error(sqs.get_queue_attributes, QueueUrl=url, AttributeNames=["NoSuchAttribute"])
    assert_error(response, "InvalidAttributeName", "Unknown Attribute NoSuchAttribute.")


def test_unknown_attribute_on_set_and_create(sqs):
    url = sqs.create_queue(QueueName=unique_name())["QueueUrl"]
    assert_error(client_error(sqs.set_queue_attributes, QueueUrl=url, Attributes={"Bogus": "1"}),
                 "InvalidAttributeName", "Unknown Attribute Bogus.")
    assert_error(client_error(sqs.create_queue, QueueName=unique_name(), Attributes={"Bogus": "1"}),
                 "InvalidAttributeName", "Unknown Attribute Bogus.")
