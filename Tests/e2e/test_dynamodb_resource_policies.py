"""DynamoDB resource-based policies with boto3 and the AWS CLI: PutResourcePolicy, GetResourcePolicy and
DeleteResourcePolicy on tables and streams, revisions and ExpectedRevisionId, CreateTable's ResourcePolicy, and the
policy checks (kept and answered, not enforced)."""
import json
import uuid

import botocore.exceptions
import pytest


def name(prefix="policy"):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def ddb(stratus):
    return stratus.client("dynamodb")


def error_of(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


def policy_for(arn, actions=("dynamodb:GetItem", "dynamodb:Query"), effect="Allow"):
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": effect, "Principal": {"AWS": "arn:aws:iam::123456789012:role/reader"},
        "Action": list(actions), "Resource": arn}]})


def policy_of(ddb, arn):
    answer = ddb.get_resource_policy(ResourceArn=arn)
    return answer["Policy"], answer["RevisionId"]


def new_table(ddb, **extra):
    table = name()
    answer = ddb.create_table(
        TableName=table, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST", **extra)
    return table, answer["TableDescription"]["TableArn"]


def test_put_get_replace_and_delete_with_revisions(ddb):
    table, arn = new_table(ddb)
    assert error_of(ddb.get_resource_policy, ResourceArn=arn) == (
        "PolicyNotFoundException", f"Resource-based policy not found for the provided ResourceArn: {arn}")

    first = policy_for(arn)
    revision = ddb.put_resource_policy(ResourceArn=arn, Policy=first, ExpectedRevisionId="NO_POLICY")["RevisionId"]
    assert revision.isdigit()
    assert policy_of(ddb, arn) == (first, revision)
    # The same document again keeps its revision.
    assert ddb.put_resource_policy(ResourceArn=arn, Policy=first)["RevisionId"] == revision

    code, message = error_of(ddb.put_resource_policy, ResourceArn=arn, Policy=first, ExpectedRevisionId="NO_POLICY")
    assert code == "PolicyNotFoundException"
    assert message == ("Resource-based policy not found for the provided ResourceArn: Requested policy update expecting "
                       f"none to be present for table {table}, but a policy exists with revision id {revision}.")
    second = policy_for(arn, actions=["dynamodb:*"])
    code, message = error_of(ddb.put_resource_policy, ResourceArn=arn, Policy=second, ExpectedRevisionId="1")
    assert code == "PolicyNotFoundException"
    assert message.endswith(f"Requested update for policy with revision id 1, but the policy associated to target "
                            f"table {table} has revision id {revision}.")
    assert ddb.get_resource_policy(ResourceArn=arn)["Policy"] == first  # refused puts changed nothing

    newer = ddb.put_resource_policy(ResourceArn=arn, Policy=second, ExpectedRevisionId=revision)["RevisionId"]
    assert int(newer) > int(revision)
    assert policy_of(ddb, arn) == (second, newer)

    assert error_of(ddb.delete_resource_policy, ResourceArn=arn, ExpectedRevisionId=revision)[0] == "PolicyNotFoundException"
    assert ddb.delete_resource_policy(ResourceArn=arn, ExpectedRevisionId=newer)["RevisionId"] == newer
    assert error_of(ddb.get_resource_policy, ResourceArn=arn)[0] == "PolicyNotFoundException"
    assert error_of(ddb.delete_resource_policy, ResourceArn=arn)[0] == "PolicyNotFoundException"
    code, message = error_of(ddb.put_resource_policy, ResourceArn=arn, Policy=first, ExpectedRevisionId=newer)
    assert code == "PolicyNotFoundException" and "no policy is associated to target table" in message


def test_create_table_attaches_its_resource_policy_and_delete_table_drops_it(ddb):
    table = name()
    arn = f"arn:aws:dynamodb:us-east-1:000000000000:table/{table}"
    document = policy_for(arn)
    ddb.create_table(
        TableName=table, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST",
        ResourcePolicy=document)
    arn = ddb.describe_table(TableName=table)["Table"]["TableArn"]
    answer = ddb.get_resource_policy(ResourceArn=arn)
    assert answer["Policy"] == document and answer["RevisionId"].isdigit()
    ddb.delete_table(TableName=table)
    assert error_of(ddb.get_resource_policy, ResourceArn=arn)[0] == "ResourceNotFoundException"
    # A table whose policy is refused is not created.
    code, _ = error_of(ddb.create_table, TableName=table, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                       AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                       BillingMode="PAY_PER_REQUEST", ResourcePolicy="not json")
    assert code == "ValidationException"
    assert table not in ddb.list_tables()["TableNames"]


def test_policies_are_checked(ddb):
    table, arn = new_table(ddb)
    invalid = "One or more parameter values were invalid: Invalid policy document: "
    cases = [
        ("{not json", "This policy contains invalid Json"),
        (json.dumps({"Version": "2012-10-17"}), "The policy document must have a Statement"),
        (json.dumps({"Statement": [{"Effect": "Maybe", "Action": "dynamodb:GetItem"}]}),
         "Each Statement must have an Effect of Allow or Deny"),
        (policy_for(arn, actions=["s3:GetObject", "dynamodb:GetItem"]), 'The following action names are invalid: "s3:GetObject"'),
        (policy_for(arn, actions=["dynamodb:GetRecords", "dynamodb:ListStreams"]),
         'The following action names are invalid: "dynamodb:GetRecords", "dynamodb:ListStreams"'),
    ]
    for document, reason in cases:
        assert error_of(ddb.put_resource_policy, ResourceArn=arn, Policy=document) == ("ValidationException", invalid + reason)
    padded = policy_for(arn)[:-1] + ", " + " " * (20 * 1024) + "}"
    code, message = error_of(ddb.put_resource_policy, ResourceArn=arn, Policy=padded)
    assert code == "ValidationException" and message.startswith(invalid) and "maximum is 20480 bytes" in message
    assert error_of(ddb.get_resource_policy, ResourceArn=arn)[0] == "PolicyNotFoundException"
    # Wildcards and Deny statements are fine.
    ddb.put_resource_policy(ResourceArn=arn, Policy=policy_for(arn, actions=["dynamodb:Get*"], effect="Deny"))

    missing = arn.replace(table, "no-such-table")
    assert error_of(ddb.put_resource_policy, ResourceArn=missing, Policy=policy_for(missing))[0] == "ResourceNotFoundException"
    assert error_of(ddb.get_resource_policy, ResourceArn=missing)[0] == "ResourceNotFoundException"
    assert error_of(ddb.get_resource_policy, ResourceArn="arn:aws:sqs:us-east-1:000000000000:queue") == (
        "ValidationException", "Invalid ResourceArn provided as input arn:aws:sqs:us-east-1:000000000000:queue")


def test_stream_policies(ddb):
    table, arn = new_table(ddb, StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
    stream = ddb.describe_table(TableName=table)["Table"]["LatestStreamArn"]
    stream_policy = policy_for(stream, actions=["dynamodb:GetRecords", "dynamodb:GetShardIterator"])
    code, message = error_of(ddb.put_resource_policy, ResourceArn=stream, Policy=policy_for(stream))
    assert code == "ValidationException" and '"dynamodb:GetItem", "dynamodb:Query"' in message
    revision = ddb.put_resource_policy(ResourceArn=stream, Policy=stream_policy)["RevisionId"]
    assert ddb.get_resource_policy(ResourceArn=stream)["RevisionId"] == revision
    # The table and its stream have policies of their own.
    assert error_of(ddb.get_resource_policy, ResourceArn=arn)[0] == "PolicyNotFoundException"
    ddb.put_resource_policy(ResourceArn=arn, Policy=policy_for(arn))
    assert ddb.get_resource_policy(ResourceArn=stream)["Policy"] == stream_policy
    # A new stream starts without one; the old stream's ARN names nothing any more.
    ddb.update_table(TableName=table, StreamSpecification={"StreamEnabled": False})
    ddb.update_table(TableName=table, StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    new_stream = ddb.describe_table(TableName=table)["Table"]["LatestStreamArn"]
    assert new_stream != stream  # stream labels are creation times in milliseconds
    assert error_of(ddb.get_resource_policy, ResourceArn=new_stream)[0] == "PolicyNotFoundException"
    assert error_of(ddb.get_resource_policy, ResourceArn=stream)[0] == "ResourceNotFoundException"
    assert ddb.get_resource_policy(ResourceArn=arn)["Policy"] == policy_for(arn)


def test_cli_resource_policy_round_trip(stratus, ddb):
    table, arn = new_table(ddb)
    document = policy_for(arn)
    put = stratus.cli("dynamodb", "put-resource-policy", "--resource-arn", arn, "--policy", document)
    assert put.returncode == 0, put.stderr
    revision = json.loads(put.stdout)["RevisionId"]
    got = stratus.cli("dynamodb", "get-resource-policy", "--resource-arn", arn)
    assert got.returncode == 0 and json.loads(got.stdout) == {"Policy": document, "RevisionId": revision}
    deleted = stratus.cli("dynamodb", "delete-resource-policy", "--resource-arn", arn, "--expected-revision-id", revision)
    assert deleted.returncode == 0 and json.loads(deleted.stdout)["RevisionId"] == revision
    missing = stratus.cli("dynamodb", "get-resource-policy", "--resource-arn", arn)
    assert missing.returncode != 0 and "PolicyNotFoundException" in missing.stderr
