"""DynamoDB items with boto3: Put/Get/Update/Delete with conditions, ReturnValues, ReturnValuesOnConditionCheckFailure,
key and size rules, expression checks, legacy parameters and consumed capacity."""
import uuid
from decimal import Decimal

import botocore.exceptions
import pytest


@pytest.fixture
def ddb(stratus):
    return stratus.client("dynamodb")


@pytest.fixture
def table(ddb):
    name = f"items-{uuid.uuid4().hex[:10]}"
    ddb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"},
                              {"AttributeName": "g", "AttributeType": "S"}],
        GlobalSecondaryIndexes=[{"IndexName": "by-g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                 "Projection": {"ProjectionType": "ALL"}}],
        BillingMode="PAY_PER_REQUEST")
    return name


def error_of(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


def key(pk="a", sk="1"):
    return {"pk": {"S": pk}, "sk": {"N": sk}}


def test_put_get_delete_all_types(ddb, table):
    item = {**key(), "s": {"S": "text"}, "n": {"N": "12345678901234567890123456789012345678"}, "b": {"B": b"\x00\x01"},
            "ss": {"SS": ["x", "y"]}, "ns": {"NS": ["1", "2.5"]}, "bs": {"BS": [b"a", b"b"]},
            "m": {"M": {"inner": {"L": [{"N": "1"}, {"NULL": True}, {"BOOL": False}]}}}, "t": {"BOOL": True}}
    assert "Attributes" not in ddb.put_item(TableName=table, Item=item)
    got = ddb.get_item(TableName=table, Key=key(), ConsistentRead=True)["Item"]
    assert got["n"] == {"N": "12345678901234567890123456789012345678"}
    assert got["m"] == item["m"] and got["b"] == item["b"] and set(got["ns"]["NS"]) == {"1", "2.5"}
    old = ddb.put_item(TableName=table, Item={**key(), "s": {"S": "new"}}, ReturnValues="ALL_OLD")["Attributes"]
    assert old["s"] == {"S": "text"}
    assert ddb.get_item(TableName=table, Key=key())["Item"] == {**key(), "s": {"S": "new"}}
    deleted = ddb.delete_item(TableName=table, Key=key(), ReturnValues="ALL_OLD")["Attributes"]
    assert deleted["s"] == {"S": "new"}
    assert "Item" not in ddb.get_item(TableName=table, Key=key())
    assert "Attributes" not in ddb.delete_item(TableName=table, Key=key(), ReturnValues="ALL_OLD")


def test_numbers_are_exact_and_canonical(ddb, table):
    ddb.put_item(TableName=table, Item={**key(sk="1.50"), "v": {"N": "0.1"}})
    ddb.update_item(TableName=table, Key=key(sk="1.5"), UpdateExpression="SET v = v + :x",
                    ExpressionAttributeValues={":x": {"N": "0.2"}})
    assert ddb.get_item(TableName=table, Key=key(sk="1.5"))["Item"]["v"] == {"N": "0.3"}
    assert error_of(ddb.put_item, TableName=table, Item={**key(), "v": {"N": "1e126"}})[0] == "ValidationException"
    assert error_of(ddb.put_item, TableName=table, Item={**key(), "v": {"N": "abc"}}) == (
        "ValidationException", "The parameter cannot be converted to a numeric value: abc")


def test_conditions_and_return_values_on_failure(ddb, table):
    ddb.put_item(TableName=table, Item={**key(), "count": {"N": "1"}}, ConditionExpression="attribute_not_exists(pk)")
    with pytest.raises(ddb.exceptions.ConditionalCheckFailedException) as caught:
        ddb.put_item(TableName=table, Item=key(), ConditionExpression="attribute_not_exists(pk)",
                     ReturnValuesOnConditionCheckFailure="ALL_OLD")
    assert caught.value.response["Error"]["Message"] == "The conditional request failed"
    assert caught.value.response["Item"] == {**key(), "count": {"N": "1"}}
    with pytest.raises(ddb.exceptions.ConditionalCheckFailedException) as caught:
        ddb.delete_item(TableName=table, Key=key(), ConditionExpression="#c > :v",
                        ExpressionAttributeNames={"#c": "count"}, ExpressionAttributeValues={":v": {"N": "5"}})
    assert "Item" not in caught.value.response
    ddb.delete_item(TableName=table, Key=key(), ConditionExpression="#c < :v",
                    ExpressionAttributeNames={"#c": "count"}, ExpressionAttributeValues={":v": {"N": "5"}})
    assert "Item" not in ddb.get_item(TableName=table, Key=key())


def test_update_item_expressions_and_return_values(ddb, table):
    first = ddb.update_item(
        TableName=table, Key=key(), UpdateExpression="SET #n = :n, tags = :t, nums = list_append(if_not_exists(nums, :e), :l)",
        ExpressionAttributeNames={"#n": "name"},
        ExpressionAttributeValues={":n": {"S": "x"}, ":t": {"SS": ["a"]}, ":e": {"L": []}, ":l": {"L": [{"N": "1"}]}},
        ReturnValues="ALL_NEW")["Attributes"]
    assert first == {**key(), "name": {"S": "x"}, "tags": {"SS": ["a"]}, "nums": {"L": [{"N": "1"}]}}
    updated_old = ddb.update_item(
        TableName=table, Key=key(), UpdateExpression="SET #n = :n ADD tags :t, visits :one REMOVE nums[0]",
        ExpressionAttributeNames={"#n": "name"},
        ExpressionAttributeValues={":n": {"S": "y"}, ":t": {"SS": ["b"]}, ":one": {"N": "1"}},
        ReturnValues="UPDATED_OLD")["Attributes"]
    assert updated_old == {"name": {"S": "x"}, "tags": {"SS": ["a"]}, "nums": {"L": [{"N": "1"}]}}
    updated_new = ddb.update_item(
        TableName=table, Key=key(), UpdateExpression="DELETE tags :t SET visits = visits + :one",
        ExpressionAttributeValues={":t": {"SS": ["a"]}, ":one": {"N": "1"}}, ReturnValues="UPDATED_NEW")["Attributes"]
    assert updated_new == {"tags": {"SS": ["b"]}, "visits": {"N": "2"}}
    all_old = ddb.update_item(TableName=table, Key=key(), UpdateExpression="REMOVE visits",
                              ReturnValues="ALL_OLD")["Attributes"]
    assert all_old["visits"] == {"N": "2"}
    assert error_of(ddb.update_item, TableName=table, Key=key(), UpdateExpression="SET pk = :v",
                    ExpressionAttributeValues={":v": {"S": "z"}}) == (
        "ValidationException",
        "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key")
    created = ddb.update_item(TableName=table, Key=key("new"), UpdateExpression="SET a = :a",
                              ExpressionAttributeValues={":a": {"N": "1"}}, ReturnValues="ALL_NEW")["Attributes"]
    assert created == {**key("new"), "a": {"N": "1"}}
    with pytest.raises(ddb.exceptions.ConditionalCheckFailedException):
        ddb.update_item(TableName=table, Key=key("absent"), UpdateExpression="SET a = :a",
                        ConditionExpression="attribute_exists(pk)", ExpressionAttributeValues={":a": {"N": "1"}})
    assert "Item" not in ddb.get_item(TableName=table, Key=key("absent"))
    # An update that only removes attributes does not create the item.
    ddb.update_item(TableName=table, Key=key("ghost"), UpdateExpression="REMOVE a")
    assert "Item" not in ddb.get_item(TableName=table, Key=key("ghost"))


def test_projection_expressions(ddb, table):
    ddb.put_item(TableName=table, Item={**key(), "a": {"M": {"b": {"S": "x"}, "c": {"S": "y"}}},
                                        "l": {"L": [{"S": "0"}, {"S": "1"}, {"S": "2"}]}, "z": {"S": "z"}})
    got = ddb.get_item(TableName=table, Key=key(), ProjectionExpression="a.b, l[2], #z",
                       ExpressionAttributeNames={"#z": "z"})["Item"]
    assert got == {"a": {"M": {"b": {"S": "x"}}}, "l": {"L": [{"S": "2"}]}, "z": {"S": "z"}}
    assert ddb.get_item(TableName=table, Key=key(), AttributesToGet=["z"])["Item"] == {"z": {"S": "z"}}


def test_key_rules(ddb, table):
    assert error_of(ddb.get_item, TableName=table, Key={"pk": {"S": "a"}}) == (
        "ValidationException", "The provided key element does not match the schema")
    assert error_of(ddb.get_item, TableName=table, Key={"pk": {"S": "a"}, "sk": {"S": "1"}}) == (
        "ValidationException", "The provided key element does not match the schema")
    assert error_of(ddb.put_item, TableName=table, Item={"pk": {"S": "a"}}) == (
        "ValidationException", "One or more parameter values were invalid: Missing the key sk in the item")
    assert error_of(ddb.put_item, TableName=table, Item={"pk": {"N": "1"}, "sk": {"N": "1"}}) == (
        "ValidationException", "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N")
    assert error_of(ddb.put_item, TableName=table, Item={"pk": {"S": ""}, "sk": {"N": "1"}}) == (
        "ValidationException",
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an "
        "empty string value. Key: pk")
    assert error_of(ddb.put_item, TableName=table, Item={**key(), "g": {"N": "1"}}) == (
        "ValidationException",
        "One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N IndexName: by-g")
    assert error_of(ddb.put_item, TableName=table, Item={"pk": {"S": "x" * 2049}, "sk": {"N": "1"}}) == (
        "ValidationException",
        "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes")
    ddb.put_item(TableName=table, Item={"pk": {"S": "x" * 2048}, "sk": {"N": "1"}})
    assert error_of(ddb.put_item, TableName=table, Item=key() | {"big": {"S": "x" * (400 * 1024)}}) == (
        "ValidationException", "Item size has exceeded the maximum allowed size")
    assert error_of(ddb.get_item, TableName="no-such-table", Key=key()) == (
        "ResourceNotFoundException", "Requested resource not found")


def test_value_rules(ddb, table):
    assert error_of(ddb.put_item, TableName=table, Item={**key(), "e": {}}) == (
        "ValidationException",
        "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
    assert error_of(ddb.put_item, TableName=table, Item={**key(), "s": {"SS": []}})[0] == "ValidationException"
    assert error_of(ddb.put_item, TableName=table, Item={**key(), "s": {"SS": ["a", "a"]}}) == (
        "ValidationException", "One or more parameter values were invalid: Input collection [a, a] contains duplicates.")


def test_expression_attribute_checks(ddb, table):
    assert error_of(ddb.put_item, TableName=table, Item=key(), ConditionExpression="attribute_not_exists(pk)",
                    ExpressionAttributeValues={":unused": {"S": "x"}}) == (
        "ValidationException", "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}")
    assert error_of(ddb.put_item, TableName=table, Item=key(), ConditionExpression="attribute_not_exists(#p)",
                    ExpressionAttributeNames={"#p": "pk", "#q": "x"}) == (
        "ValidationException", "Value provided in ExpressionAttributeNames unused in expressions: keys: {#q}")
    assert error_of(ddb.put_item, TableName=table, Item=key(), ExpressionAttributeValues={":v": {"S": "x"}}) == (
        "ValidationException", "ExpressionAttributeValues can only be specified when using expressions")
    code, message = error_of(ddb.put_item, TableName=table, Item=key(), ConditionExpression="a = :missing")
    assert code == "ValidationException" and ":missing" in message
    code, message = error_of(ddb.put_item, TableName=table, Item=key(), ConditionExpression="name = :v",
                             ExpressionAttributeValues={":v": {"S": "x"}})
    assert message.startswith("Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name")
    assert error_of(ddb.put_item, TableName=table, Item=key(), ConditionExpression="attribute_exists(pk)",
                    Expected={"pk": {"Exists": False}}) == (
        "ValidationException",
        "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: "
        "{Expected} Expression parameters: {ConditionExpression}")
    assert error_of(ddb.put_item, TableName=table, Item=key(), ReturnValues="ALL_NEW") == (
        "ValidationException", "ReturnValues can only be ALL_OLD or NONE")


def test_legacy_expected_and_attribute_updates(ddb, table):
    ddb.put_item(TableName=table, Item={**key(), "v": {"N": "1"}}, Expected={"pk": {"Exists": False}})
    with pytest.raises(ddb.exceptions.ConditionalCheckFailedException):
        ddb.put_item(TableName=table, Item=key(), Expected={"pk": {"Exists": False}})
    ddb.update_item(TableName=table, Key=key(), AttributeUpdates={
        "v": {"Action": "ADD", "Value": {"N": "2"}}, "w": {"Action": "PUT", "Value": {"S": "x"}}},
        Expected={"v": {"ComparisonOperator": "EQ", "AttributeValueList": [{"N": "1"}]}})
    assert ddb.get_item(TableName=table, Key=key())["Item"] == {**key(), "v": {"N": "3"}, "w": {"S": "x"}}
    ddb.update_item(TableName=table, Key=key(), AttributeUpdates={"w": {"Action": "DELETE"}})
    assert "w" not in ddb.get_item(TableName=table, Key=key())["Item"]


def test_consumed_capacity(ddb, table):
    answer = ddb.put_item(TableName=table, Item={**key(), "data": {"S": "x" * 1500}}, ReturnConsumedCapacity="TOTAL")
    assert answer["ConsumedCapacity"]["TableName"] == table
    assert answer["ConsumedCapacity"]["CapacityUnits"] == 2.0
    answer = ddb.put_item(TableName=table, Item={**key(), "g": {"S": "x"}}, ReturnConsumedCapacity="INDEXES")
    consumed = answer["ConsumedCapacity"]
    assert consumed["Table"]["CapacityUnits"] == 2.0  # the larger of the old and new item
    assert consumed["GlobalSecondaryIndexes"]["by-g"]["CapacityUnits"] == 1.0
    assert consumed["CapacityUnits"] == 3.0
    read = ddb.get_item(TableName=table, Key=key(), ReturnConsumedCapacity="TOTAL")["ConsumedCapacity"]
    assert read["CapacityUnits"] == 0.5
    read = ddb.get_item(TableName=table, Key=key(), ConsistentRead=True, ReturnConsumedCapacity="TOTAL")
    assert read["ConsumedCapacity"]["CapacityUnits"] == 1.0
    assert "ConsumedCapacity" not in ddb.get_item(TableName=table, Key=key())


def test_resource_api_with_conditions(stratus, table):
    import boto3
    from boto3.dynamodb.conditions import Attr
    resource = boto3.resource("dynamodb", endpoint_url=stratus.endpoint, region_name="us-east-1",
                              aws_access_key_id="test", aws_secret_access_key="test")
    t = resource.Table(table)
    t.put_item(Item={"pk": "r", "sk": 1, "price": Decimal("9.99"), "tags": {"a", "b"}, "doc": {"x": [1, "two"]}})
    assert t.get_item(Key={"pk": "r", "sk": 1})["Item"] == {
        "pk": "r", "sk": Decimal(1), "price": Decimal("9.99"), "tags": {"a", "b"}, "doc": {"x": [Decimal(1), "two"]}}
    t.update_item(Key={"pk": "r", "sk": 1}, UpdateExpression="SET price = price - :d",
                  ConditionExpression=Attr("price").gt(5) & Attr("tags").contains("a"),
                  ExpressionAttributeValues={":d": Decimal("0.99")})
    assert t.get_item(Key={"pk": "r", "sk": 1})["Item"]["price"] == Decimal("9")
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        t.delete_item(Key={"pk": "r", "sk": 1}, ConditionExpression=Attr("price").lt(1) | Attr("missing").exists())
    assert caught.value.response["Error"]["Code"] == "ConditionalCheckFailedException"
    t.delete_item(Key={"pk": "r", "sk": 1}, ConditionExpression=Attr("doc.x[1]").eq("two"))
    assert "Item" not in t.get_item(Key={"pk": "r", "sk": 1})


def test_table_names_no_table_can_have_are_validation_errors(stratus, ddb):
    # DynamoDB checks a name's length and characters before looking the table up (an ARN is looked up as it is).
    unchecked = stratus.client("dynamodb", parameter_validation=False)
    assert error_of(unchecked.put_item, TableName="/bad", Item=key()) == (
        "ValidationException", "1 validation error detected: Value '/bad' at 'tableName' failed to satisfy constraint: "
        "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
    assert error_of(unchecked.get_item, TableName="ab", Key=key()) == (
        "ValidationException", "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: "
        "Member must have length greater than or equal to 3")
    assert error_of(ddb.get_item, TableName="not-there", Key=key()) == (
        "ResourceNotFoundException", "Requested resource not found")
