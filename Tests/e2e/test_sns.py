"""SNS through boto3 and the AWS CLI: topics (standard and FIFO), subscriptions of SQS queues and Lambda functions,
filter policies, raw delivery, Publish and PublishBatch fanning out, tags and attributes, AWS's errors, and the Step
Functions `sns:publish` integration (result and error as recorded from AWS)."""
import json
import uuid

import botocore.exceptions
import pytest

from sfn_support import ROLE, wait_for
from test_lambda_logs import wait_for_events
from test_lambda_support import python_function


def name(prefix="t"):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def error_of(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return caught.value.response


def queue(sqs, fifo=False):
    queue_name = name("q") + (".fifo" if fifo else "")
    url = sqs.create_queue(QueueName=queue_name, Attributes={"FifoQueue": "true"} if fifo else {})["QueueUrl"]
    return url, sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]


def receive(sqs, url, count=1):
    got = []
    for _ in range(10):
        for message in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1,
                                           MessageAttributeNames=["All"]).get("Messages", []):
            got.append(message)
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        if len(got) >= count:
            break
    return got


def test_topics_attributes_tags_and_listing(stratus):
    sns = stratus.client("sns")
    arn = sns.create_topic(Name=name(), Attributes={"DisplayName": "Orders"}, Tags=[{"Key": "team", "Value": "a"}])["TopicArn"]
    assert sns.create_topic(Name=arn.rsplit(":", 1)[1], Attributes={"DisplayName": "Orders"})["TopicArn"] == arn
    different = error_of(sns.create_topic, Name=arn.rsplit(":", 1)[1], Attributes={"DisplayName": "Other"})
    assert different["Error"]["Code"] == "InvalidParameter"
    attributes = sns.get_topic_attributes(TopicArn=arn)["Attributes"]
    assert attributes["DisplayName"] == "Orders" and attributes["TopicArn"] == arn and attributes["Owner"] == "000000000000"
    assert attributes["SubscriptionsConfirmed"] == "0" and json.loads(attributes["Policy"])["Statement"]
    sns.set_topic_attributes(TopicArn=arn, AttributeName="DisplayName", AttributeValue="Renamed")
    assert sns.get_topic_attributes(TopicArn=arn)["Attributes"]["DisplayName"] == "Renamed"
    sns.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "dev"}])
    assert sns.list_tags_for_resource(ResourceArn=arn)["Tags"] == [{"Key": "env", "Value": "dev"}, {"Key": "team", "Value": "a"}]
    sns.untag_resource(ResourceArn=arn, TagKeys=["team"])
    assert [t["Key"] for t in sns.list_tags_for_resource(ResourceArn=arn)["Tags"]] == ["env"]
    listed = [t["TopicArn"] for page in sns.get_paginator("list_topics").paginate() for t in page["Topics"]]
    assert arn in listed
    sns.delete_topic(TopicArn=arn)
    missing = error_of(sns.get_topic_attributes, TopicArn=arn)
    assert missing["Error"] == {"Type": "Sender", "Code": "NotFound", "Message": "Topic does not exist"}
    assert missing["ResponseMetadata"]["HTTPStatusCode"] == 404
    bad = error_of(sns.create_topic, Name="has space")
    assert bad["Error"]["Code"] == "InvalidParameter" and bad["Error"]["Message"] == "Invalid parameter: Topic Name"


def test_add_and_remove_permission_edit_the_topic_policy(stratus):
    sns = stratus.client("sns")
    arn = sns.create_topic(Name=name())["TopicArn"]
    sns.add_permission(TopicArn=arn, Label="publishers", AWSAccountId=["111122223333"], ActionName=["Publish"])
    sns.add_permission(TopicArn=arn, Label="readers", AWSAccountId=["111122223333", "444455556666"],
                       ActionName=["Subscribe", "Receive"])
    policy = json.loads(sns.get_topic_attributes(TopicArn=arn)["Attributes"]["Policy"])
    assert [statement["Sid"] for statement in policy["Statement"]] == ["__default_statement_ID", "publishers", "readers"]
    assert policy["Statement"][1] == {"Sid": "publishers", "Effect": "Allow",
                                      "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                                      "Action": "SNS:Publish", "Resource": arn}
    assert policy["Statement"][2]["Principal"] == {"AWS": ["arn:aws:iam::111122223333:root",
                                                           "arn:aws:iam::444455556666:root"]}
    assert policy["Statement"][2]["Action"] == ["SNS:Subscribe", "SNS:Receive"]
    again = error_of(sns.add_permission, TopicArn=arn, Label="publishers", AWSAccountId=["111122223333"],
                     ActionName=["Publish"])
    assert again["Error"]["Code"] == "InvalidParameter"
    assert again["Error"]["Message"] == "Invalid parameter: Statement already exists"
    scope = error_of(sns.add_permission, TopicArn=arn, Label="other", AWSAccountId=["111122223333"],
                     ActionName=["Subscribe", "SetSubscriptionAttributes"])
    assert scope["Error"]["Message"] == "Invalid parameter: Policy statement action out of service scope!"
    assert scope["ResponseMetadata"]["HTTPStatusCode"] == 400
    # A refused request changes nothing.
    assert json.loads(sns.get_topic_attributes(TopicArn=arn)["Attributes"]["Policy"]) == policy
    sns.remove_permission(TopicArn=arn, Label="publishers")
    sns.remove_permission(TopicArn=arn, Label="never-added")
    policy = json.loads(sns.get_topic_attributes(TopicArn=arn)["Attributes"]["Policy"])
    assert [statement["Sid"] for statement in policy["Statement"]] == ["__default_statement_ID", "readers"]
    missing = error_of(sns.add_permission, TopicArn=arn + "-none", Label="x", AWSAccountId=["111122223333"],
                       ActionName=["Publish"])
    assert missing["Error"]["Code"] == "NotFound" and missing["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert error_of(sns.remove_permission, TopicArn=arn + "-none", Label="x")["Error"]["Code"] == "NotFound"
    # The AWS CLI sends the same query-protocol lists.
    added = stratus.cli("sns", "add-permission", "--topic-arn", arn, "--label", "cli", "--aws-account-id",
                        "111122223333", "--action-name", "Publish", "GetTopicAttributes")
    assert added.returncode == 0, added.stderr
    policy = json.loads(sns.get_topic_attributes(TopicArn=arn)["Attributes"]["Policy"])
    assert policy["Statement"][-1]["Sid"] == "cli"
    assert policy["Statement"][-1]["Action"] == ["SNS:Publish", "SNS:GetTopicAttributes"]
    removed = stratus.cli("sns", "remove-permission", "--topic-arn", arn, "--label", "cli")
    assert removed.returncode == 0, removed.stderr


def test_sqs_subscriptions_envelopes_raw_delivery_and_filters(stratus):
    sns, sqs = stratus.client("sns"), stratus.client("sqs")
    topic = sns.create_topic(Name=name())["TopicArn"]
    all_url, all_arn = queue(sqs)
    raw_url, raw_arn = queue(sqs)
    all_sub = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=all_arn, ReturnSubscriptionArn=True)["SubscriptionArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=raw_arn, Attributes={
        "RawMessageDelivery": "true", "FilterPolicy": json.dumps({"kind": ["order"], "amount": [{"numeric": [">", 10]}]})})
    assert sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=all_arn)["SubscriptionArn"] == all_sub
    published = sns.publish(TopicArn=topic, Message="big order", Subject="Hi", MessageAttributes={
        "kind": {"DataType": "String", "StringValue": "order"}, "amount": {"DataType": "Number", "StringValue": "42"}})
    sns.publish(TopicArn=topic, Message="small order", MessageAttributes={
        "kind": {"DataType": "String", "StringValue": "order"}, "amount": {"DataType": "Number", "StringValue": "1"}})
    envelopes = [json.loads(m["Body"]) for m in receive(sqs, all_url, 2)]
    assert [e["Message"] for e in envelopes] == ["big order", "small order"]
    first = envelopes[0]
    assert first["Type"] == "Notification" and first["MessageId"] == published["MessageId"]
    assert first["TopicArn"] == topic and first["Subject"] == "Hi" and first["SignatureVersion"] == "1"
    assert first["MessageAttributes"]["amount"] == {"Type": "Number", "Value": "42"}
    assert all_sub in first["UnsubscribeURL"]
    (raw,) = receive(sqs, raw_url)
    assert raw["Body"] == "big order"
    assert raw["MessageAttributes"]["kind"] == {"StringValue": "order", "DataType": "String"}
    subscription = sns.get_subscription_attributes(SubscriptionArn=all_sub)["Attributes"]
    assert subscription["Protocol"] == "sqs" and subscription["Endpoint"] == all_arn
    assert subscription["PendingConfirmation"] == "false" and subscription["RawMessageDelivery"] == "false"
    by_topic = sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
    assert sorted(s["Endpoint"] for s in by_topic) == sorted([all_arn, raw_arn])
    everywhere = [s["SubscriptionArn"] for page in sns.get_paginator("list_subscriptions").paginate()
                  for s in page["Subscriptions"]]
    assert all_sub in everywhere
    sns.set_subscription_attributes(SubscriptionArn=all_sub, AttributeName="RawMessageDelivery", AttributeValue="true")
    assert sns.get_subscription_attributes(SubscriptionArn=all_sub)["Attributes"]["RawMessageDelivery"] == "true"
    bad_attribute = error_of(sns.set_subscription_attributes, SubscriptionArn=all_sub, AttributeName="Nope",
                             AttributeValue="x")
    assert bad_attribute["Error"]["Message"] == "Invalid parameter: AttributeName"
    # Queues and functions are confirmed when they subscribe: no token waits for confirmation.
    assert error_of(sns.confirm_subscription, TopicArn=topic, Token="token")["Error"]["Code"] == "InvalidParameter"
    sns.unsubscribe(SubscriptionArn=all_sub)
    assert error_of(sns.get_subscription_attributes, SubscriptionArn=all_sub)["Error"]["Code"] == "NotFound"


def test_message_structure_batches_and_errors(stratus):
    sns, sqs = stratus.client("sns"), stratus.client("sqs")
    topic = sns.create_topic(Name=name())["TopicArn"]
    url, arn = queue(sqs)
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)
    sns.publish(TopicArn=topic, MessageStructure="json", Message=json.dumps({"default": "plain", "sqs": "for queues"}))
    (message,) = receive(sqs, url)
    assert json.loads(message["Body"])["Message"] == "for queues"
    batch = sns.publish_batch(TopicArn=topic, PublishBatchRequestEntries=[
        {"Id": "1", "Message": "one"}, {"Id": "2", "Message": ""}])
    assert [s["Id"] for s in batch["Successful"]] == ["1"]
    assert batch["Failed"][0]["Id"] == "2" and batch["Failed"][0]["Code"] == "InvalidParameter"
    no_default = error_of(sns.publish, TopicArn=topic, MessageStructure="json", Message=json.dumps({"sqs": "x"}))
    assert no_default["Error"]["Message"] == "Invalid parameter: Message Structure - No default entry in JSON message body"
    group = error_of(sns.publish, TopicArn=topic, Message="m", MessageGroupId="g")
    assert group["Error"]["Code"] == "InvalidParameter"
    bad_policy = error_of(sns.subscribe, TopicArn=topic, Protocol="sqs", Endpoint=arn, Attributes={"FilterPolicy": "{oops"})
    assert bad_policy["Error"]["Code"] == "InvalidParameter"
    email = error_of(sns.subscribe, TopicArn=topic, Protocol="email", Endpoint="someone@example.com")
    assert email["Error"]["Code"] == "InvalidParameter"
    assert email["Error"]["Message"] == ("Invalid parameter: Stratus sends email only when started with --smtp "
                                         "<host:port> (an SMTP server to hand it to)")


def test_fifo_topics_deliver_to_fifo_queues(stratus):
    sns, sqs = stratus.client("sns"), stratus.client("sqs")
    topic = sns.create_topic(Name=name() + ".fifo", Attributes={"FifoTopic": "true", "ContentBasedDeduplication": "true"})["TopicArn"]
    url, arn = queue(sqs, fifo=True)
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn, Attributes={"RawMessageDelivery": "true"})
    first = sns.publish(TopicArn=topic, Message="a", MessageGroupId="g")
    duplicate = sns.publish(TopicArn=topic, Message="a", MessageGroupId="g")
    assert duplicate["MessageId"] == first["MessageId"] and len(first["SequenceNumber"]) == 20
    sns.publish(TopicArn=topic, Message="b", MessageGroupId="g")
    assert [m["Body"] for m in receive(sqs, url, 2)] == ["a", "b"]
    missing_group = error_of(sns.publish, TopicArn=topic, Message="c")
    assert missing_group["Error"]["Message"] == "Invalid parameter: The MessageGroupId parameter is required for FIFO topics"


def test_lambda_subscriptions(stratus):
    sns, lam = stratus.client("sns"), stratus.client("lambda")
    function = python_function(lam, "import json\ndef handler(event, context):\n    print(json.dumps(event))\n")
    arn = lam.get_function(FunctionName=function)["Configuration"]["FunctionArn"]
    topic = sns.create_topic(Name=name())["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="lambda", Endpoint=arn)
    sns.publish(TopicArn=topic, Message="to the function")
    (event,) = wait_for_events(stratus, function, 1)
    assert '"EventSource": "aws:sns"' in event["message"] and '"Message": "to the function"' in event["message"]


def test_aws_cli(stratus):
    created = stratus.cli("sns", "create-topic", "--name", name())
    assert created.returncode == 0, created.stderr
    topic = json.loads(created.stdout)["TopicArn"]
    published = stratus.cli("sns", "publish", "--topic-arn", topic, "--message", "hello")
    assert published.returncode == 0 and json.loads(published.stdout)["MessageId"]
    missing = stratus.cli("sns", "publish", "--topic-arn", topic + "-none", "--message", "x")
    assert missing.returncode != 0 and "NotFound" in missing.stderr


def test_step_functions_publish(stratus):
    sns, sfn, sqs = stratus.client("sns"), stratus.client("stepfunctions"), stratus.client("sqs")
    topic = sns.create_topic(Name=name())["TopicArn"]
    url, arn = queue(sqs)
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)
    definition = {"StartAt": "Publish", "States": {"Publish": {
        "Type": "Task", "Resource": "arn:aws:states:::sns:publish",
        "Parameters": {"TopicArn.$": "$.TopicArn", "Message": {"Message": "HelloWorld!"}}, "End": True}}}
    machine = sfn.create_state_machine(name=name("sns-wf"), roleArn=ROLE, definition=json.dumps(definition))["stateMachineArn"]
    run = sfn.start_execution(stateMachineArn=machine, input=json.dumps({"TopicArn": topic}))
    output = json.loads(wait_for(sfn, run["executionArn"])["output"])
    # As recorded from AWS: the message id, then the headers of SNS's XML answer (294 bytes with two UUIDs).
    assert set(output) == {"MessageId", "SdkHttpMetadata", "SdkResponseMetadata"}
    assert output["SdkHttpMetadata"]["HttpHeaders"]["Content-Length"] == "294"
    assert output["SdkHttpMetadata"]["HttpHeaders"]["Content-Type"] == "text/xml"
    (message,) = receive(sqs, url)
    assert json.loads(json.loads(message["Body"])["Message"]) == {"Message": "HelloWorld!"}
    missing = sfn.start_execution(stateMachineArn=machine, input=json.dumps({"TopicArn": topic + "-none"}))
    described = wait_for(sfn, missing["executionArn"])
    assert described["error"] == "SNS.NotFoundException"
    assert described["cause"].startswith("Topic does not exist (Service: AmazonSNS; Status Code: 404; Error Code: NotFound;")


DATA_PROTECTION_POLICY = json.dumps({
    "Name": "basic", "Description": "audit e-mail addresses", "Version": "2021-06-01",
    "Statement": [{"Sid": "audit", "DataDirection": "Inbound", "Principal": ["*"],
                   "DataIdentifier": ["arn:aws:dataprotection::aws:data-identifier/EmailAddress"],
                   "Operation": {"Audit": {"SampleRate": "99", "FindingsDestination": {}}}}]})


def test_data_protection_policies_are_kept_per_topic(stratus):
    sns = stratus.client("sns")
    topic = sns.create_topic(Name=f"guarded-{uuid.uuid4().hex[:8]}", DataProtectionPolicy=DATA_PROTECTION_POLICY)["TopicArn"]
    assert sns.get_data_protection_policy(ResourceArn=topic)["DataProtectionPolicy"] == DATA_PROTECTION_POLICY
    other = sns.create_topic(Name=f"unguarded-{uuid.uuid4().hex[:8]}")["TopicArn"]
    assert sns.get_data_protection_policy(ResourceArn=other).get("DataProtectionPolicy", "") == ""
    sns.put_data_protection_policy(ResourceArn=other, DataProtectionPolicy=DATA_PROTECTION_POLICY)
    assert sns.get_data_protection_policy(ResourceArn=other)["DataProtectionPolicy"] == DATA_PROTECTION_POLICY

    with pytest.raises(sns.exceptions.InvalidParameterException) as caught:
        sns.put_data_protection_policy(ResourceArn=other, DataProtectionPolicy=json.dumps({"Name": "x", "Version": "2012-10-17",
                                                                                           "Statement": []}))
    assert caught.value.response["Error"]["Message"] == "Invalid parameter: DataProtectionPolicy Reason: Version must be 2021-06-01"
    assert sns.get_data_protection_policy(ResourceArn=other)["DataProtectionPolicy"] == DATA_PROTECTION_POLICY
    with pytest.raises(sns.exceptions.NotFoundException):
        sns.get_data_protection_policy(ResourceArn=other + "-missing")
    with pytest.raises(sns.exceptions.InvalidParameterException):
        sns.create_topic(Name="bad-guard", DataProtectionPolicy="{not json")
    cli = stratus.cli("sns", "get-data-protection-policy", "--resource-arn", topic)
    assert cli.returncode == 0 and json.loads(cli.stdout)["DataProtectionPolicy"] == DATA_PROTECTION_POLICY
