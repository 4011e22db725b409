"""DynamoDB tables with boto3: CreateTable rules and messages, status, Describe/List/Update/Delete, GSIs with
backfill, TTL with the background sweeper, tags, DescribeLimits and DescribeEndpoints."""
import time
import uuid

import botocore.exceptions
import pytest


def name(prefix="tbl"):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def ddb(stratus):
    return stratus.client("dynamodb")


def error_of(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


def simple_table(ddb, table=None, **extra):
    table = table or name()
    ddb.create_table(
        TableName=table, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST", **extra)
    return table


def test_create_describe_waiter_and_delete(ddb):
    table = name()
    created = ddb.create_table(
        TableName=table,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}],
        ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 7},
        Tags=[{"Key": "team", "Value": "core"}], TableClass="STANDARD_INFREQUENT_ACCESS",
        SSESpecification={"Enabled": True}, StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"},
    )["TableDescription"]
    assert created["TableStatus"] == "CREATING"
    assert created["TableArn"] == f"arn:aws:dynamodb:us-east-1:000000000000:table/{table}"
    assert created["ProvisionedThroughput"]["ReadCapacityUnits"] == 5
    assert created["ProvisionedThroughput"]["WriteCapacityUnits"] == 7
    assert created["TableClassSummary"]["TableClass"] == "STANDARD_INFREQUENT_ACCESS"
    assert created["SSEDescription"]["Status"] == "ENABLED"
    assert created["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}
    assert created["LatestStreamArn"].startswith(created["TableArn"] + "/stream/")
    ddb.get_waiter("table_exists").wait(TableName=table, WaiterConfig={"Delay": 1, "MaxAttempts": 5})
    described = ddb.describe_table(TableName=table)["Table"]
    assert described["TableStatus"] == "ACTIVE"
    assert described["ItemCount"] == 0 and described["TableSizeBytes"] == 0
    assert described["KeySchema"] == created["KeySchema"]
    assert described["DeletionProtectionEnabled"] is False
    assert ddb.describe_table(TableName=described["TableArn"])["Table"]["TableName"] == table
    assert ddb.list_tags_of_resource(ResourceArn=described["TableArn"])["Tags"] == [{"Key": "team", "Value": "core"}]
    deleted = ddb.delete_table(TableName=table)["TableDescription"]
    assert deleted["TableStatus"] == "DELETING"
    ddb.get_waiter("table_not_exists").wait(TableName=table, WaiterConfig={"Delay": 1, "MaxAttempts": 5})
    assert error_of(ddb.describe_table, TableName=table) == (
        "ResourceNotFoundException", f"Requested resource not found: Table: {table} not found")
    assert error_of(ddb.delete_table, TableName=table)[0] == "ResourceNotFoundException"


def test_pay_per_request_summary_and_item_counts(ddb):
    table = simple_table(ddb)
    described = ddb.describe_table(TableName=table)["Table"]
    assert described["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert described["ProvisionedThroughput"]["ReadCapacityUnits"] == 0
    for i in range(3):
        ddb.put_item(TableName=table, Item={"pk": {"S": f"k{i}"}, "data": {"S": "abcd"}})
    described = ddb.describe_table(TableName=table)["Table"]
    assert described["ItemCount"] == 3
    assert described["TableSizeBytes"] == 3 * (len("pk") + 2 + len("data") + 4)


def test_create_table_errors(ddb):
    def create(**kwargs):
        base = dict(TableName=name(), BillingMode="PAY_PER_REQUEST",
                    KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                    AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])
        base.update(kwargs)
        return error_of(ddb.create_table, **base)

    table = simple_table(ddb)
    assert error_of(ddb.create_table, TableName=table, BillingMode="PAY_PER_REQUEST",
                    KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                    AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}]) == (
        "ResourceInUseException", f"Table already exists: {table}")
    assert create(TableName="ab") == (
        "ValidationException",
        "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: "
        "Member must have length greater than or equal to 3")
    assert create(AttributeDefinitions=[{"AttributeName": "other", "AttributeType": "S"}]) == (
        "ValidationException",
        "One or more parameter values were invalid: Some index key attributes are not defined in "
        "AttributeDefinitions. Keys: [pk], AttributeDefinitions: [other]")
    assert create(AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                        {"AttributeName": "x", "AttributeType": "S"}]) == (
        "ValidationException",
        "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match "
        "number of attributes defined in AttributeDefinitions")
    assert create(KeySchema=[{"AttributeName": "pk", "KeyType": "RANGE"}]) == (
        "ValidationException", "Invalid KeySchema: The first KeySchemaElement is not a HASH key type")
    assert create(BillingMode="PROVISIONED") == (
        "ValidationException",
        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be "
        "specified when BillingMode is PROVISIONED")
    assert create(ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}) == (
        "ValidationException",
        "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be "
        "specified when BillingMode is PAY_PER_REQUEST")
    assert create(LocalSecondaryIndexes=[{
        "IndexName": "lsi", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
        "Projection": {"ProjectionType": "ALL"}}]) == (
        "ValidationException",
        "One or more parameter values were invalid: Table KeySchema does not have a range key, which is required "
        "when specifying a LocalSecondaryIndex")
    assert create(
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "g", "AttributeType": "S"}],
        GlobalSecondaryIndexes=[{"IndexName": "gsi", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                 "Projection": {"ProjectionType": "KEYS_ONLY", "NonKeyAttributes": ["a"]}}]) == (
        "ValidationException",
        "One or more parameter values were invalid: ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified")


def test_list_tables_pagination(ddb):
    prefix = f"list-{uuid.uuid4().hex[:6]}"
    names = sorted(simple_table(ddb, f"{prefix}-{i}") for i in range(5))
    seen, start = [], None
    while True:
        kwargs = {"Limit": 2}
        if start:
            kwargs["ExclusiveStartTableName"] = start
        page = ddb.list_tables(**kwargs)
        seen += page["TableNames"]
        start = page.get("LastEvaluatedTableName")
        if not start:
            break
        assert len(page["TableNames"]) == 2
    assert [n for n in seen if n.startswith(prefix)] == names
    assert seen == sorted(seen)
    paginated = [n for page in ddb.get_paginator("list_tables").paginate() for n in page["TableNames"]]
    assert [n for n in paginated if n.startswith(prefix)] == names
    assert error_of(ddb.list_tables, Limit=101)[0] == "ValidationException"


def test_update_table_adds_gsi_with_backfill_and_removes_it(ddb):
    table = simple_table(ddb)
    for i in range(6):
        item = {"pk": {"S": f"k{i}"}}
        if i % 2 == 0:
            item["color"] = {"S": "red" if i < 4 else "blue"}
        ddb.put_item(TableName=table, Item=item)
    answer = ddb.update_table(
        TableName=table, AttributeDefinitions=[{"AttributeName": "color", "AttributeType": "S"}],
        GlobalSecondaryIndexUpdates=[{"Create": {
            "IndexName": "by-color", "KeySchema": [{"AttributeName": "color", "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "ALL"}}}])["TableDescription"]
    index = answer["GlobalSecondaryIndexes"][0]
    assert index["IndexStatus"] == "CREATING" and index["IndexName"] == "by-color"
    described = ddb.describe_table(TableName=table)["Table"]
    assert described["GlobalSecondaryIndexes"][0]["IndexStatus"] == "ACTIVE"
    assert described["GlobalSecondaryIndexes"][0]["ItemCount"] == 3
    red = ddb.query(TableName=table, IndexName="by-color", KeyConditionExpression="color = :c",
                    ExpressionAttributeValues={":c": {"S": "red"}})
    assert sorted(i["pk"]["S"] for i in red["Items"]) == ["k0", "k2"]
    ddb.put_item(TableName=table, Item={"pk": {"S": "k9"}, "color": {"S": "red"}})
    assert ddb.query(TableName=table, IndexName="by-color", KeyConditionExpression="color = :c",
                     ExpressionAttributeValues={":c": {"S": "red"}}, Select="COUNT")["Count"] == 3
    removed = ddb.update_table(TableName=table, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "by-color"}}])
    assert removed["TableDescription"]["GlobalSecondaryIndexes"][0]["IndexStatus"] == "DELETING"
    assert "GlobalSecondaryIndexes" not in ddb.describe_table(TableName=table)["Table"] or \
        ddb.describe_table(TableName=table)["Table"]["GlobalSecondaryIndexes"] == []
    assert error_of(ddb.query, TableName=table, IndexName="by-color", KeyConditionExpression="color = :c",
                    ExpressionAttributeValues={":c": {"S": "red"}}) == (
        "ValidationException", "The table does not have the specified index: by-color")


def test_update_table_billing_and_protection(ddb):
    table = simple_table(ddb)
    updated = ddb.update_table(TableName=table, BillingMode="PROVISIONED",
                               ProvisionedThroughput={"ReadCapacityUnits": 3, "WriteCapacityUnits": 4})
    assert updated["TableDescription"]["ProvisionedThroughput"]["ReadCapacityUnits"] == 3
    assert ddb.describe_table(TableName=table)["Table"]["BillingModeSummary"]["BillingMode"] == "PROVISIONED"
    ddb.update_table(TableName=table, DeletionProtectionEnabled=True)
    assert error_of(ddb.delete_table, TableName=table) == (
        "ValidationException",
        "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.")
    ddb.update_table(TableName=table, DeletionProtectionEnabled=False)
    ddb.delete_table(TableName=table)
    assert error_of(ddb.update_table, TableName=table, BillingMode="PAY_PER_REQUEST")[0] == "ResourceNotFoundException"


def test_time_to_live_removes_expired_items(ddb):
    table = simple_table(ddb)
    assert ddb.describe_time_to_live(TableName=table)["TimeToLiveDescription"] == {"TimeToLiveStatus": "DISABLED"}
    answer = ddb.update_time_to_live(TableName=table, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"})
    assert answer["TimeToLiveSpecification"] == {"Enabled": True, "AttributeName": "expires"}
    assert ddb.describe_time_to_live(TableName=table)["TimeToLiveDescription"] == {
        "TimeToLiveStatus": "ENABLED", "AttributeName": "expires"}
    assert error_of(ddb.update_time_to_live, TableName=table,
                    TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"}) == (
        "ValidationException", "TimeToLive is already enabled")
    now = int(time.time())
    ddb.put_item(TableName=table, Item={"pk": {"S": "old"}, "expires": {"N": str(now - 10)}})
    ddb.put_item(TableName=table, Item={"pk": {"S": "future"}, "expires": {"N": str(now + 3600)}})
    ddb.put_item(TableName=table, Item={"pk": {"S": "text"}, "expires": {"S": str(now - 10)}})
    ddb.put_item(TableName=table, Item={"pk": {"S": "none"}})
    deadline = time.time() + 10
    while time.time() < deadline:
        if "Item" not in ddb.get_item(TableName=table, Key={"pk": {"S": "old"}}):
            break
        time.sleep(0.2)
    keys = sorted(i["pk"]["S"] for i in ddb.scan(TableName=table)["Items"])
    assert keys == ["future", "none", "text"]
    ddb.update_time_to_live(TableName=table, TimeToLiveSpecification={"Enabled": False, "AttributeName": "expires"})
    assert ddb.describe_time_to_live(TableName=table)["TimeToLiveDescription"]["TimeToLiveStatus"] == "DISABLED"


def test_tags(ddb):
    table = simple_table(ddb)
    arn = ddb.describe_table(TableName=table)["Table"]["TableArn"]
    ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "a", "Value": "1"}, {"Key": "b", "Value": "2"}])
    ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "a", "Value": "3"}])
    assert ddb.list_tags_of_resource(ResourceArn=arn)["Tags"] == [{"Key": "a", "Value": "3"}, {"Key": "b", "Value": "2"}]
    ddb.untag_resource(ResourceArn=arn, TagKeys=["a", "missing"])
    assert ddb.list_tags_of_resource(ResourceArn=arn)["Tags"] == [{"Key": "b", "Value": "2"}]
    missing = arn.replace(table, "no-such-table")
    assert error_of(ddb.list_tags_of_resource, ResourceArn=missing)[0] == "ResourceNotFoundException"


def test_limits_and_endpoints(ddb, stratus):
    limits = ddb.describe_limits()
    assert limits["TableMaxReadCapacityUnits"] == 40000 and limits["AccountMaxWriteCapacityUnits"] == 80000
    endpoints = ddb.describe_endpoints()["Endpoints"]
    assert endpoints[0]["CachePeriodInMinutes"] == 1440
    assert endpoints[0]["Address"] == stratus.endpoint.split("//", 1)[1]


def test_kinesis_streaming_destinations_read_as_none(ddb, stratus):
    table = simple_table(ddb)
    answer = ddb.describe_kinesis_streaming_destination(TableName=table)
    assert answer["TableName"] == table and answer["KinesisDataStreamDestinations"] == []
    assert error_of(ddb.describe_kinesis_streaming_destination, TableName=name("missing"))[0] == "ResourceNotFoundException"
    done = stratus.cli("dynamodb", "describe-kinesis-streaming-destination", "--table-name", table)
    assert done.returncode == 0, done.stderr
    code, _ = error_of(ddb.enable_kinesis_streaming_destination, TableName=table,
                       StreamArn="arn:aws:kinesis:us-east-1:000000000000:stream/s")
    assert code == "NotImplemented"


def test_reset_forgets_tables(fresh_stratus):
    server = fresh_stratus()
    ddb = server.client("dynamodb")
    simple_table(ddb, "before-reset")
    ddb.put_item(TableName="before-reset", Item={"pk": {"S": "x"}})
    status, _, _ = server.raw("POST", "/_stratus/reset")
    assert status == 200
    assert ddb.list_tables()["TableNames"] == []
    assert error_of(ddb.get_item, TableName="before-reset", Key={"pk": {"S": "x"}})[0] == "ResourceNotFoundException"
    simple_table(ddb, "before-reset")
    assert "Item" not in ddb.get_item(TableName="before-reset", Key={"pk": {"S": "x"}})


def test_binary_keys_order_bytewise(ddb):
    table = name("bin")
    ddb.create_table(TableName=table, BillingMode="PAY_PER_REQUEST",
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "B"},
                                           {"AttributeName": "sk", "AttributeType": "B"}])
    for sk in [b"\xff", b"\x00\x01", b"\x00", b"ab", b"a"]:
        ddb.put_item(TableName=table, Item={"pk": {"B": b"\x01"}, "sk": {"B": sk}})
    items = ddb.query(TableName=table, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"B": b"\x01"}})
    assert [i["sk"]["B"] for i in items["Items"]] == [b"\x00", b"\x00\x01", b"a", b"ab", b"\xff"]
    prefixed = ddb.query(TableName=table, KeyConditionExpression="pk = :p AND begins_with(sk, :s)",
                         ExpressionAttributeValues={":p": {"B": b"\x01"}, ":s": {"B": b"a"}})
    assert [i["sk"]["B"] for i in prefixed["Items"]] == [b"a", b"ab"]
    assert ddb.get_item(TableName=table, Key={"pk": {"B": b"\x01"}, "sk": {"B": b"\xff"}})["Item"]["sk"] == {"B": b"\xff"}
