"""DynamoDB `ReturnItemCollectionMetrics` with boto3 (client and resource APIs) and the AWS CLI: the item collections of
tables with local secondary indexes are reported for PutItem, UpdateItem, DeleteItem, BatchWriteItem and
TransactWriteItems when asked with SIZE, and never for tables without local indexes."""
import json
import uuid

import boto3
import botocore.exceptions
import pytest


@pytest.fixture
def ddb(stratus):
    return stratus.client("dynamodb")


def create(ddb, local_index=True):
    name = f"collections-{uuid.uuid4().hex[:10]}"
    arguments = dict(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"},
                              {"AttributeName": "score", "AttributeType": "N"}],
        BillingMode="PAY_PER_REQUEST")
    index = {"IndexName": "by-score", "Projection": {"ProjectionType": "KEYS_ONLY"}}
    if local_index:
        arguments["LocalSecondaryIndexes"] = [{**index, "KeySchema": [
            {"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "score", "KeyType": "RANGE"}]}]
    else:
        arguments["GlobalSecondaryIndexes"] = [{**index, "KeySchema": [{"AttributeName": "score", "KeyType": "HASH"}]}]
    ddb.create_table(**arguments)
    return name


def metrics(pk):
    return {"ItemCollectionKey": {"pk": {"S": pk}}, "SizeEstimateRangeGB": [0.0, 1.0]}


def item(pk, sk, score=None):
    value = {"pk": {"S": pk}, "sk": {"N": str(sk)}, "text": {"S": "some text"}}
    if score is not None:
        value["score"] = {"N": str(score)}
    return value


def test_single_item_writes_report_their_collection(ddb):
    table = create(ddb)
    put = ddb.put_item(TableName=table, Item=item("a", 1, score=3), ReturnItemCollectionMetrics="SIZE")
    assert put["ItemCollectionMetrics"] == metrics("a")
    update = ddb.update_item(TableName=table, Key={"pk": {"S": "a"}, "sk": {"N": "1"}}, UpdateExpression="SET score = :r",
                             ExpressionAttributeValues={":r": {"N": "4"}}, ReturnValues="UPDATED_NEW",
                             ReturnItemCollectionMetrics="SIZE")
    assert update["ItemCollectionMetrics"] == metrics("a") and update["Attributes"] == {"score": {"N": "4"}}
    deleted = ddb.delete_item(TableName=table, Key={"pk": {"S": "a"}, "sk": {"N": "1"}}, ReturnValues="ALL_OLD",
                              ReturnItemCollectionMetrics="SIZE")
    assert deleted["ItemCollectionMetrics"] == metrics("a") and deleted["Attributes"]["score"] == {"N": "4"}
    # NONE, or no parameter at all, reports nothing.
    assert "ItemCollectionMetrics" not in ddb.put_item(TableName=table, Item=item("a", 2), ReturnItemCollectionMetrics="NONE")
    assert "ItemCollectionMetrics" not in ddb.put_item(TableName=table, Item=item("a", 3))


def test_tables_without_local_indexes_have_no_item_collections(ddb):
    table = create(ddb, local_index=False)
    assert "ItemCollectionMetrics" not in ddb.put_item(
        TableName=table, Item=item("a", 1, score=3), ReturnItemCollectionMetrics="SIZE")
    answer = ddb.batch_write_item(RequestItems={table: [{"PutRequest": {"Item": item("b", 1)}}]},
                                  ReturnItemCollectionMetrics="SIZE")
    assert "ItemCollectionMetrics" not in answer or answer["ItemCollectionMetrics"] == {}


def test_batches_and_transactions_report_each_written_collection_once(ddb):
    table, plain = create(ddb), create(ddb, local_index=False)
    ddb.put_item(TableName=table, Item=item("c", 1))
    batch = ddb.batch_write_item(RequestItems={
        table: [{"PutRequest": {"Item": item("b", 1, score=1)}}, {"PutRequest": {"Item": item("a", 1)}},
                {"DeleteRequest": {"Key": {"pk": {"S": "b"}, "sk": {"N": "2"}}}}],
        plain: [{"PutRequest": {"Item": item("a", 1)}}]}, ReturnItemCollectionMetrics="SIZE")
    assert batch["ItemCollectionMetrics"] == {table: [metrics("b"), metrics("a")]}
    assert batch["UnprocessedItems"] == {}
    transaction = ddb.transact_write_items(TransactItems=[
        {"ConditionCheck": {"TableName": table, "Key": {"pk": {"S": "c"}, "sk": {"N": "1"}},
                            "ConditionExpression": "attribute_exists(pk)"}},
        {"Put": {"TableName": table, "Item": item("d", 1, score=2)}},
        {"Delete": {"TableName": table, "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}}},
        {"Update": {"TableName": table, "Key": {"pk": {"S": "d"}, "sk": {"N": "2"}}, "UpdateExpression": "SET score = :r",
                    "ExpressionAttributeValues": {":r": {"N": "5"}}}},
        {"Put": {"TableName": plain, "Item": item("e", 1)}}], ReturnItemCollectionMetrics="SIZE")
    # The condition check's collection ("c") was only read.
    assert transaction["ItemCollectionMetrics"] == {table: [metrics("d"), metrics("a")]}
    quiet = ddb.transact_write_items(TransactItems=[{"Put": {"TableName": table, "Item": item("f", 1)}}])
    assert "ItemCollectionMetrics" not in quiet


def test_an_unknown_value_is_rejected_and_writes_nothing(ddb):
    table = create(ddb)
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        ddb.put_item(TableName=table, Item=item("a", 1), ReturnItemCollectionMetrics="ALL")
    error = caught.value.response["Error"]
    assert error["Code"] == "ValidationException"
    assert error["Message"] == ("1 validation error detected: Value 'ALL' at 'returnItemCollectionMetrics' failed to "
                                "satisfy constraint: Member must satisfy enum value set: [SIZE, NONE]")
    assert "Item" not in ddb.get_item(TableName=table, Key={"pk": {"S": "a"}, "sk": {"N": "1"}})


def test_resource_api_and_cli(stratus, ddb):
    table = create(ddb)
    resource = boto3.resource("dynamodb", endpoint_url=stratus.endpoint, region_name="us-east-1",
                              aws_access_key_id="test", aws_secret_access_key="test")
    answer = resource.Table(table).put_item(Item={"pk": "r", "sk": 1, "score": 2}, ReturnItemCollectionMetrics="SIZE")
    assert answer["ItemCollectionMetrics"] == {"ItemCollectionKey": {"pk": "r"}, "SizeEstimateRangeGB": [0, 1]}
    result = stratus.cli("dynamodb", "put-item", "--table-name", table, "--item", json.dumps(item("q", 1, score=1)),
                         "--return-item-collection-metrics", "SIZE")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["ItemCollectionMetrics"] == metrics("q")
