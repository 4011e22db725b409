"""SQS queues through boto3 (AWS JSON): create, URLs, list, delete, attributes, tags, permissions, purge, DLQ
sources."""
import json

import pytest

from sqs_support import (ACCOUNT, NON_EXISTENT_QUEUE, assert_error, attributes, client_error, counts, queue_arn,
                         sqs_client, unique_name)


def test_create_queue_returns_a_url_on_the_request_host_and_is_idempotent(stratus, sqs):
    name = unique_name()
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    assert url == f"{stratus.endpoint}/{ACCOUNT}/{name}"
    assert sqs.create_queue(QueueName=name)["QueueUrl"] == url
    assert sqs.get_queue_url(QueueName=name)["QueueUrl"] == url


def test_queue_url_follows_the_host_header(stratus):
    name = unique_name()
    stratus.client("sqs").create_queue(QueueName=name)
    other = sqs_client(f"http://localhost:{stratus.port}")
    assert other.get_queue_url(QueueName=name)["QueueUrl"] == f"http://localhost:{stratus.port}/{ACCOUNT}/{name}"
    assert other.list_queues(QueueNamePrefix=name)["QueueUrls"] == [f"http://localhost:{stratus.port}/{ACCOUNT}/{name}"]


def test_queue_url_of_either_host_addresses_the_same_queue(stratus, sqs):
    name = unique_name()
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    other_host_url = url.replace("127.0.0.1", "localhost")
    sqs.send_message(QueueUrl=other_host_url, MessageBody="via localhost")
    assert [m["Body"] for m in sqs.receive_message(QueueUrl=url).get("Messages", [])] == ["via localhost"]


def test_create_with_different_attributes_is_queue_already_exists(sqs):
    name = unique_name()
    sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "30"})
    assert sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "30"})["QueueUrl"].endswith(name)
    response = client_error(sqs.create_queue, QueueName=name, Attributes={"VisibilityTimeout": "31"})
    assert_error(response, "QueueAlreadyExists")


@pytest.mark.parametrize("name", ["has space", "a" * 81, "dot.in.name", "slash/name", "star*"])
def test_invalid_queue_names_are_rejected(sqs, name):
    response = client_error(sqs.create_queue, QueueName=name)
    assert_error(response, "InvalidParameterValue")


def test_queue_name_of_80_characters_is_accepted(sqs):
    name = ("n" + unique_name().replace("-", "_") + "x" * 80)[:80]
    assert sqs.create_queue(QueueName=name)["QueueUrl"].endswith("/" + name)


def test_get_queue_url_of_missing_queue(sqs):
    response = client_error(sqs.get_queue_url, QueueName=unique_name("missing"))
    assert_error(response, NON_EXISTENT_QUEUE, message_prefix="The specified queue does not exist")


def test_get_queue_url_for_another_account_owner(stratus, sqs):
    name = unique_name()
    other = stratus.client("sqs", access_key="111111111111")
    url = other.create_queue(QueueName=name)["QueueUrl"]
    assert f"/111111111111/{name}" in url
    assert sqs.get_queue_url(QueueName=name, QueueOwnerAWSAccountId="111111111111")["QueueUrl"] == url
    assert_error(client_error(sqs.get_queue_url, QueueName=name), NON_EXISTENT_QUEUE)


def test_list_queues_prefix_and_pagination(sqs):
    prefix = unique_name("list")
    urls = sorted(sqs.create_queue(QueueName=f"{prefix}-{i}")["QueueUrl"] for i in range(5))
    assert sorted(sqs.list_queues(QueueNamePrefix=prefix)["QueueUrls"]) == urls
    assert "QueueUrls" not in sqs.list_queues(QueueNamePrefix=unique_name("nothing"))
    seen, token, pages = [], None, 0
    while True:
        kwargs = {"QueueNamePrefix": prefix, "MaxResults": 2}
        if token:
            kwargs["NextToken"] = token
        page = sqs.list_queues(**kwargs)
        assert len(page["QueueUrls"]) <= 2
        seen += page["QueueUrls"]
        pages += 1
        token = page.get("NextToken")
        if not token:
            break
    assert sorted(seen) == urls and pages == 3


def test_list_queues_max_results_out_of_range(sqs):
    response = client_error(sqs.list_queues, MaxResults=1001)
    assert_error(response, "InvalidParameterValue")


def test_delete_queue(sqs):
    name = unique_name()
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    sqs.delete_queue(QueueUrl=url)
    assert_error(client_error(sqs.get_queue_url, QueueName=name), NON_EXISTENT_QUEUE)
    assert_error(client_error(sqs.send_message, QueueUrl=url, MessageBody="x"), NON_EXISTENT_QUEUE)
    assert_error(client_error(sqs.delete_queue, QueueUrl=url), NON_EXISTENT_QUEUE)


def test_default_attributes(sqs):
    name = unique_name()
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    found = attributes(sqs, url)
    assert found["QueueArn"] == queue_arn(name)
    assert found["VisibilityTimeout"] == "30"
    assert found["DelaySeconds"] == "0"
    assert found["ReceiveMessageWaitTimeSeconds"] == "0"
    assert found["MessageRetentionPeriod"] == "345600"
    assert int(found["MaximumMessageSize"]) >= 262144
    for key in ("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                "ApproximateNumberOfMessagesDelayed"):
        assert found[key] == "0"
    assert int(found["CreatedTimestamp"]) > 1_600_000_000
    assert int(found["LastModifiedTimestamp"]) >= int(found["CreatedTimestamp"])
    assert "FifoQueue" not in found


def test_get_selected_attributes_only(sqs):
    url = sqs.create_queue(QueueName=unique_name())["QueueUrl"]
    assert set(attributes(sqs, url, "VisibilityTimeout", "QueueArn")) == {"VisibilityTimeout", "QueueArn"}
    assert "Attributes" not in sqs.get_queue_attributes(QueueUrl=url)


def test_set_and_echo_attributes(sqs):
    name = unique_name()
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    dlq_name = unique_name("dlq")
    sqs.create_queue(QueueName=dlq_name)
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage",
                                                     "Resource": queue_arn(name)}]}
    redrive = {"deadLetterTargetArn": queue_arn(dlq_name), "maxReceiveCount": 4}
    values = {
        "VisibilityTimeout": "45", "DelaySeconds": "2", "ReceiveMessageWaitTimeSeconds": "3",
        "MessageRetentionPeriod": "86400", "MaximumMessageSize": "2048", "Policy": json.dumps(policy),
        "RedrivePolicy": json.dumps(redrive), "KmsMasterKeyId": "alias/aws/sqs",
        "KmsDataKeyReusePeriodSeconds": "600",
    }
    sqs.set_queue_attributes(QueueUrl=url, Attributes=values)
    found = attributes(sqs, url)
    for key in ("VisibilityTimeout", "DelaySeconds", "ReceiveMessageWaitTimeSeconds", "MessageRetentionPeriod",
                "MaximumMessageSize", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds"):
        assert found[key] == values[key], key
    assert json.loads(found["Policy"]) == policy
    assert json.loads(found["RedrivePolicy"]) == redrive
    allow = {"redrivePermission": "byQueue", "sourceQueueArns": [queue_arn(name)]}
    sqs.set_queue_attributes(QueueUrl=sqs.get_queue_url(QueueName=dlq_name)["QueueUrl"],
                             Attributes={"RedriveAllowPolicy": json.dumps(allow)})
    dlq_found = attributes(sqs, sqs.get_queue_url(QueueName=dlq_name)["QueueUrl"], "RedriveAllowPolicy")
    assert json.loads(dlq_found["RedriveAllowPolicy"]) == allow


@pytest.mark.parametrize("attribute,value", [
    ("VisibilityTimeout", "43201"), ("VisibilityTimeout", "-1"), ("DelaySeconds", "901"),
    ("ReceiveMessageWaitTimeSeconds", "21"), ("MessageRetentionPeriod", "59"),
    ("MessageRetentionPeriod", "1209601"), ("MaximumMessageSize", "1023"), ("VisibilityTimeout", "abc"),
])
def test_out_of_range_attribute_values(sqs, attribute, value):
    url = sqs.create_queue(QueueName=unique_name())["QueueUrl"]
    response = client_error(sqs.set_queue_attributes, QueueUrl=url, Attributes={attribute: value})
    assert_error(response, "InvalidAttributeValue", f"Invalid value for the parameter {attribute}.")
    assert attributes(sqs, url, attribute)[attribute] != value


def test_read_only_attributes_cannot_be_set(sqs):
    url = sqs.create_queue(QueueName=unique_name())["QueueUrl"]
    response = client_error(sqs.set_queue_attributes, QueueUrl=url, Attributes={"QueueArn": "arn:aws:sqs:x"})
    assert_error(response, "InvalidAttributeName")


def test_tags(sqs):
    url = sqs.create_queue(QueueName=unique_name(), tags={"team": "core", "env": "dev"})["QueueUrl"]
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"team": "core", "env": "dev"}
    sqs.tag_queue(QueueUrl=url, Tags={"env": "prod", "cost": "42"})
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"team": "core", "env": "prod", "cost": "42"}
    sqs.untag_queue(QueueUrl=url, TagKeys=["team", "absent"])
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"env": "prod", "cost": "42"}
    sqs.untag_queue(QueueUrl=url, TagKeys=["env", "cost"])
    assert "Tags" not in sqs.list_queue_tags(QueueUrl=url)


def test_tags_of_missing_queue(stratus, sqs):
    url = f"{stratus.endpoint}/{ACCOUNT}/{unique_name('missing')}"
    assert_error(client_error(sqs.list_queue_tags, QueueUrl=url), NON_EXISTENT_QUEUE)
    assert_error(client_error(sqs.tag_queue, QueueUrl=url, Tags={"a": "b"}), NON_EXISTENT_QUEUE)


def test_add_and_remove_permission(sqs):
    name = unique_name()
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    sqs.add_permission(QueueUrl=url, Label="send-from-other", AWSAccountIds=["111111111111"],
                       Actions=["SendMessage", "ReceiveMessage"])
    policy = json.loads(attributes(sqs, url, "Policy")["Policy"])
    statements = {s["Sid"]: s for s in policy["Statement"]}
    statement = statements["send-from-other"]
    assert statement["Effect"] == "Allow"
    assert statement["Resource"] == queue_arn(name)
    assert sorted(statement["Action"]) == ["SQS:ReceiveMessage", "SQS:SendMessage"]
    assert statement["Principal"] == {"AWS": "arn:aws:iam::111111111111:root"}
    response = client_error(sqs.add_permission, QueueUrl=url, Label="send-from-other",
                            AWSAccountIds=["111111111111"], Actions=["SendMessage"])
    assert_error(response, "InvalidParameterValue",
                 "Value send-from-other for parameter Label is invalid. Reason: Already exists.")
    sqs.remove_permission(QueueUrl=url, Label="send-from-other")
    remaining = attributes(sqs, url, "Policy").get("Policy")
    assert remaining is None or all(s["Sid"] != "send-from-other" for s in json.loads(remaining)["Statement"])
    response = client_error(sqs.remove_permission, QueueUrl=url, Label="send-from-other")
    assert_error(response, "InvalidParameterValue")


def test_add_permission_keeps_the_statements_of_a_policy_set_before(sqs):
    url = sqs.create_queue(QueueName=unique_name())["QueueUrl"]
    own = {"Sid": "tls-only", "Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*",
           "Condition": {"Bool": {"aws:SecureTransport": False}, "NumericLessThan": {"x": 1.5}}}
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"Policy": json.dumps({"Version": "2012-10-17",
                                                                              "Statement": own})})
    sqs.add_permission(QueueUrl=url, Label="more", AWSAccountIds=["111111111111"], Actions=["SendMessage"])
    text = attributes(sqs, url, "Policy")["Policy"]
    policy = json.loads(text)
    # The statement set before comes back as written: false stays false, 1.5 stays 1.5.
    assert policy["Statement"][0] == own
    assert '"aws:SecureTransport":false' in text.replace(" ", "")
    assert [s["Sid"] for s in policy["Statement"]] == ["tls-only", "more"]
    assert list(policy["Statement"][1]) == ["Sid", "Effect", "Principal", "Action", "Resource"]


def test_purge_queue_and_the_60_second_rule(sqs):
    name = unique_name()
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    for i in range(3):
        sqs.send_message(QueueUrl=url, MessageBody=f"m{i}")
    sqs.purge_queue(QueueUrl=url)
    assert counts(sqs, url) == (0, 0, 0)
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    response = client_error(sqs.purge_queue, QueueUrl=url)
    assert_error(response, "AWS.SimpleQueueService.PurgeQueueInProgress",
                 f"Only one PurgeQueue operation on {name} is allowed every 60 seconds.", status=None)


def test_list_dead_letter_source_queues(sqs):
    dlq_name = unique_name("dlq")
    dlq = sqs.create_queue(QueueName=dlq_name)["QueueUrl"]
    redrive = json.dumps({"deadLetterTargetArn": queue_arn(dlq_name), "maxReceiveCount": "3"})
    sources = sorted(sqs.create_queue(QueueName=unique_name("src"), Attributes={"RedrivePolicy": redrive})["QueueUrl"]
                     for _ in range(3))
    sqs.create_queue(QueueName=unique_name("unrelated"))
    assert sorted(sqs.list_dead_letter_source_queues(QueueUrl=dlq)["queueUrls"]) == sources
    first = sqs.list_dead_letter_source_queues(QueueUrl=dlq, MaxResults=2)
    assert len(first["queueUrls"]) == 2 and first.get("NextToken")
    second = sqs.list_dead_letter_source_queues(QueueUrl=dlq, MaxResults=2, NextToken=first["NextToken"])
    assert sorted(first["queueUrls"] + second["queueUrls"]) == sources


def test_redrive_policy_to_missing_queue_is_rejected(sqs):
    redrive = json.dumps({"deadLetterTargetArn": queue_arn(unique_name("absent")), "maxReceiveCount": 3})
    response = client_error(sqs.create_queue, QueueName=unique_name(), Attributes={"RedrivePolicy": redrive})
    assert_error(response, "InvalidParameterValue")


@pytest.mark.parametrize("form", [
    "https://sqs.us-east-1.amazonaws.com/{account}/{name}",
    "https://us-east-1.queue.amazonaws.com/{account}/{name}",
    "https://queue.amazonaws.com/{account}/{name}",
    "{endpoint}/queue/us-east-1/{account}/{name}",
])
def test_aws_forms_of_the_queue_url_address_the_queue(stratus, sqs, form):
    name = unique_name()
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    other = form.format(endpoint=stratus.endpoint, account=ACCOUNT, name=name)
    sqs.send_message(QueueUrl=other, MessageBody="addressed")
    assert attributes(sqs, other, "QueueArn")["QueueArn"] == queue_arn(name)
    assert [m["Body"] for m in sqs.receive_message(QueueUrl=url).get("Messages", [])] == ["addressed"]


def test_queue_url_of_another_account_is_a_different_queue(stratus, sqs):
    name = unique_name()
    sqs.create_queue(QueueName=name)
    response = client_error(sqs.send_message, QueueUrl=f"{stratus.endpoint}/111111111111/{name}", MessageBody="m")
    assert_error(response, NON_EXISTENT_QUEUE)


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


def test_fifo_only_attributes_are_unknown_on_a_standard_queue(sqs):
    response = client_error(sqs.create_queue, QueueName=unique_name(),
                            Attributes={"ContentBasedDeduplication": "true"})
    assert_error(response, "InvalidAttributeName", "Unknown Attribute ContentBasedDeduplication.")


@pytest.mark.parametrize("policy", [
    {"maxReceiveCount": 3},
    {"deadLetterTargetArn": "DLQ", "maxReceiveCount": 0},
    {"deadLetterTargetArn": "DLQ", "maxReceiveCount": 1001},
    "{not json",
])
def test_invalid_redrive_policies(sqs, policy):
    dlq_name = unique_name("dlq")
    sqs.create_queue(QueueName=dlq_name)
    if isinstance(policy, dict):
        policy = json.dumps({k: (queue_arn(dlq_name) if v == "DLQ" else v) for k, v in policy.items()})
    response = client_error(sqs.create_queue, QueueName=unique_name(), Attributes={"RedrivePolicy": policy})
    assert_error(response, "InvalidParameterValue",
                 message_prefix=f"Value {policy} for parameter RedrivePolicy is invalid. Reason: ")


def test_a_deleted_queue_name_is_reusable_only_after_60_seconds(sqs):
    name = unique_name()
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    sqs.delete_queue(QueueUrl=url)
    response = client_error(sqs.create_queue, QueueName=name)
    assert_error(response, "AWS.SimpleQueueService.QueueDeletedRecently",
                 "You must wait 60 seconds after deleting a queue before you can create another queue with the "
                 "same name.")


def test_queues_are_scoped_by_region_and_account(stratus, sqs):
    west = sqs_client(stratus.endpoint, region="us-west-2")
    name = unique_name("regional")
    url = west.create_queue(QueueName=name)["QueueUrl"]
    assert attributes(west, url, "QueueArn")["QueueArn"] == f"arn:aws:sqs:us-west-2:{ACCOUNT}:{name}"
    assert_error(client_error(sqs.get_queue_url, QueueName=name), NON_EXISTENT_QUEUE)
    assert "QueueUrls" not in sqs.list_queues(QueueNamePrefix=name)
    other_name = unique_name("other-account")
    stratus.client("sqs", access_key="111111111111").create_queue(QueueName=other_name)
    assert "QueueUrls" not in sqs.list_queues(QueueNamePrefix=other_name)


def test_purge_removes_in_flight_and_delayed_messages_too(sqs):
    url = sqs.create_queue(QueueName=unique_name())["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="in flight")
    assert len(sqs.receive_message(QueueUrl=url, VisibilityTimeout=60)["Messages"]) == 1
    sqs.send_message(QueueUrl=url, MessageBody="delayed", DelaySeconds=60)
    sqs.send_message(QueueUrl=url, MessageBody="visible")
    assert counts(sqs, url) == (1, 1, 1)
    sqs.purge_queue(QueueUrl=url)
    assert counts(sqs, url) == (0, 0, 0)
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
