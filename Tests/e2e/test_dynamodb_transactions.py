"""DynamoDB batches and transactions with boto3: BatchGetItem/BatchWriteItem limits and duplicates,
TransactWriteItems all-or-nothing with cancellation reasons, idempotency tokens, TransactGetItems."""
import uuid

import boto3
import botocore.exceptions
import pytest


@pytest.fixture
def ddb(stratus):
    return stratus.client("dynamodb")


def make_table(ddb, prefix="tx"):
    name = f"{prefix}-{uuid.uuid4().hex[:10]}"
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])
    return name


def error_of(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return caught.value.response


def k(value):
    return {"pk": {"S": value}}


def test_batch_write_and_get(ddb):
    a, b = make_table(ddb), make_table(ddb)
    answer = ddb.batch_write_item(RequestItems={
        a: [{"PutRequest": {"Item": {**k(f"a{i}"), "n": {"N": str(i)}}}} for i in range(20)],
        b: [{"PutRequest": {"Item": k("b0")}}],
    }, ReturnConsumedCapacity="TOTAL")
    assert answer["UnprocessedItems"] == {}
    assert sorted(c["TableName"] for c in answer["ConsumedCapacity"]) == sorted([a, b])
    ddb.batch_write_item(RequestItems={a: [{"DeleteRequest": {"Key": k("a0")}}]})
    got = ddb.batch_get_item(RequestItems={
        a: {"Keys": [k("a0"), k("a1"), k("a2")], "ProjectionExpression": "n"},
        b: {"Keys": [k("b0"), k("missing")], "ConsistentRead": True},
    })
    assert sorted(i["n"]["N"] for i in got["Responses"][a]) == ["1", "2"]
    assert got["Responses"][b] == [k("b0")]
    assert got["UnprocessedKeys"] == {}
    too_many = error_of(ddb.batch_write_item, RequestItems={a: [{"PutRequest": {"Item": k(str(i))}} for i in range(26)]})
    assert too_many["Error"]["Code"] == "ValidationException"
    duplicates = error_of(ddb.batch_write_item, RequestItems={a: [
        {"PutRequest": {"Item": k("x")}}, {"DeleteRequest": {"Key": k("x")}}]})
    assert duplicates["Error"]["Message"] == "Provided list of item keys contains duplicates"
    assert error_of(ddb.batch_get_item, RequestItems={a: {"Keys": [k("x"), k("x")]}})["Error"]["Message"] == \
        "Provided list of item keys contains duplicates"
    assert error_of(ddb.batch_get_item, RequestItems={
        a: {"Keys": [k(str(i)) for i in range(51)]}, b: {"Keys": [k(str(i)) for i in range(50)]},
    })["Error"]["Message"] == "Too many items requested for the BatchGetItem call"
    assert error_of(ddb.batch_get_item, RequestItems={"no-such-table": {"Keys": [k("x")]}})["Error"]["Code"] == \
        "ResourceNotFoundException"


def test_batch_get_unprocessed_keys_beyond_16_mb(ddb):
    table = make_table(ddb, "big")
    blob = "x" * (390 * 1024)
    for i in range(45):
        ddb.put_item(TableName=table, Item={**k(f"{i:02d}"), "blob": {"S": blob}})
    keys = [k(f"{i:02d}") for i in range(45)]
    got = ddb.batch_get_item(RequestItems={table: {"Keys": keys, "ProjectionExpression": "pk"}})
    returned = [i["pk"]["S"] for i in got["Responses"][table]]
    left = [key["pk"]["S"] for key in got["UnprocessedKeys"][table]["Keys"]]
    assert len(returned) < 45 and sorted(returned + left) == [f"{i:02d}" for i in range(45)]
    assert got["UnprocessedKeys"][table]["ProjectionExpression"] == "pk"


def test_transact_write_all_or_nothing(ddb):
    a, b = make_table(ddb), make_table(ddb)
    ddb.put_item(TableName=a, Item={**k("acct"), "balance": {"N": "100"}})
    ddb.transact_write_items(TransactItems=[
        {"Update": {"TableName": a, "Key": k("acct"), "UpdateExpression": "SET balance = balance - :v",
                    "ConditionExpression": "balance >= :v", "ExpressionAttributeValues": {":v": {"N": "30"}}}},
        {"Put": {"TableName": b, "Item": {**k("log1"), "amount": {"N": "30"}},
                 "ConditionExpression": "attribute_not_exists(pk)"}},
        {"ConditionCheck": {"TableName": a, "Key": k("audit"), "ConditionExpression": "attribute_not_exists(pk)"}},
    ])
    assert ddb.get_item(TableName=a, Key=k("acct"))["Item"]["balance"] == {"N": "70"}
    failed = error_of(ddb.transact_write_items, TransactItems=[
        {"Update": {"TableName": a, "Key": k("acct"), "UpdateExpression": "SET balance = balance - :v",
                    "ConditionExpression": "balance >= :v", "ExpressionAttributeValues": {":v": {"N": "30"}}}},
        {"Put": {"TableName": b, "Item": k("log1"), "ConditionExpression": "attribute_not_exists(pk)",
                 "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
        {"Delete": {"TableName": b, "Key": k("other")}},
    ])
    assert failed["Error"]["Code"] == "TransactionCanceledException"
    assert failed["Error"]["Message"] == (
        "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None]")
    reasons = failed["CancellationReasons"]
    assert [r["Code"] for r in reasons] == ["None", "ConditionalCheckFailed", "None"]
    assert reasons[1]["Item"] == {**k("log1"), "amount": {"N": "30"}}
    assert reasons[1]["Message"] == "The conditional request failed"
    assert ddb.get_item(TableName=a, Key=k("acct"))["Item"]["balance"] == {"N": "70"}  # nothing applied
    same_item = error_of(ddb.transact_write_items, TransactItems=[
        {"Put": {"TableName": a, "Item": k("x")}}, {"Delete": {"TableName": a, "Key": k("x")}}])
    assert same_item["Error"]["Message"] == "Transaction request cannot include multiple operations on one item"
    too_many = error_of(ddb.transact_write_items, TransactItems=[
        {"Put": {"TableName": a, "Item": k(str(i))}} for i in range(101)])
    assert too_many["Error"]["Code"] == "ValidationException"
    missing = error_of(ddb.transact_write_items, TransactItems=[{"Put": {"TableName": "no-such-table", "Item": k("x")}}])
    assert missing["Error"]["Code"] == "ResourceNotFoundException"


def test_client_request_token_idempotency(ddb):
    table = make_table(ddb)
    ddb.put_item(TableName=table, Item={**k("c"), "n": {"N": "0"}})
    request = [{"Update": {"TableName": table, "Key": k("c"), "UpdateExpression": "ADD n :one",
                           "ExpressionAttributeValues": {":one": {"N": "1"}}}}]
    token = uuid.uuid4().hex
    ddb.transact_write_items(TransactItems=request, ClientRequestToken=token)
    ddb.transact_write_items(TransactItems=request, ClientRequestToken=token)
    assert ddb.get_item(TableName=table, Key=k("c"))["Item"]["n"] == {"N": "1"}
    other = [{"Update": {"TableName": table, "Key": k("c"), "UpdateExpression": "ADD n :two",
                         "ExpressionAttributeValues": {":two": {"N": "2"}}}}]
    mismatch = error_of(ddb.transact_write_items, TransactItems=other, ClientRequestToken=token)
    assert mismatch["Error"]["Code"] == "IdempotentParameterMismatchException"
    ddb.transact_write_items(TransactItems=request)  # no token: applied again
    assert ddb.get_item(TableName=table, Key=k("c"))["Item"]["n"] == {"N": "2"}


def test_transact_get_items(ddb, stratus):
    a, b = make_table(ddb), make_table(ddb)
    ddb.put_item(TableName=a, Item={**k("1"), "x": {"S": "one"}, "y": {"S": "why"}})
    ddb.put_item(TableName=b, Item={**k("2"), "x": {"S": "two"}})
    got = ddb.transact_get_items(TransactItems=[
        {"Get": {"TableName": a, "Key": k("1"), "ProjectionExpression": "x"}},
        {"Get": {"TableName": b, "Key": k("missing")}},
        {"Get": {"TableName": b, "Key": k("2")}},
    ], ReturnConsumedCapacity="TOTAL")
    assert got["Responses"] == [{"Item": {"x": {"S": "one"}}}, {}, {"Item": {**k("2"), "x": {"S": "two"}}}]
    assert {c["TableName"]: c["CapacityUnits"] for c in got["ConsumedCapacity"]} == {a: 2.0, b: 4.0}
    resource = boto3.resource("dynamodb", endpoint_url=stratus.endpoint, region_name="us-east-1",
                              aws_access_key_id="test", aws_secret_access_key="test")
    with resource.Table(a).batch_writer() as writer:
        for i in range(30):
            writer.put_item(Item={"pk": f"bw{i}", "i": i})
    assert ddb.scan(TableName=a, Select="COUNT")["Count"] == 31
