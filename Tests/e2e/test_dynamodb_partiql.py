"""DynamoDB PartiQL with boto3: ExecuteStatement (SELECT/INSERT/UPDATE/DELETE with parameters and literals),
paging with NextToken, BatchExecuteStatement and ExecuteTransaction, and their errors."""
import uuid

import botocore.exceptions
import pytest


@pytest.fixture
def ddb(stratus):
    return stratus.client("dynamodb")


@pytest.fixture
def table(ddb):
    name = f"pql-{uuid.uuid4().hex[:10]}"
    ddb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}])
    return name


def error_of(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


def test_insert_select_update_delete(ddb, table):
    ddb.execute_statement(Statement=f"INSERT INTO \"{table}\" VALUE {{'pk': 'a', 'sk': 1, 'tags': <<'x', 'y'>>, 'doc': {{'n': [1, 2]}}}}")
    ddb.execute_statement(Statement=f"INSERT INTO \"{table}\" VALUE {{'pk': ?, 'sk': ?, 'v': ?}}",
                          Parameters=[{"S": "a"}, {"N": "2"}, {"S": "two"}])
    assert error_of(ddb.execute_statement, Statement=f"INSERT INTO \"{table}\" VALUE {{'pk': 'a', 'sk': 1}}") == (
        "DuplicateItemException", "Duplicate primary key exists in table")
    got = ddb.execute_statement(Statement=f"SELECT * FROM \"{table}\" WHERE pk = ? AND sk = 1", Parameters=[{"S": "a"}])
    assert got["Items"] == [{"pk": {"S": "a"}, "sk": {"N": "1"}, "tags": {"SS": ["x", "y"]},
                             "doc": {"M": {"n": {"L": [{"N": "1"}, {"N": "2"}]}}}}]
    projected = ddb.execute_statement(Statement=f"SELECT v, doc.n[1] FROM \"{table}\" WHERE pk = 'a'")
    assert projected["Items"] == [{"doc": {"M": {"n": {"L": [{"N": "2"}]}}}}, {"v": {"S": "two"}}]
    updated = ddb.execute_statement(
        Statement=f"UPDATE \"{table}\" SET v = ?, counter = 1 REMOVE tags WHERE pk = 'a' AND sk = 1 RETURNING ALL NEW *",
        Parameters=[{"S": "one"}])
    assert updated["Items"] == [{"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"S": "one"}, "counter": {"N": "1"},
                                 "doc": {"M": {"n": {"L": [{"N": "1"}, {"N": "2"}]}}}}]
    ddb.execute_statement(Statement=f"UPDATE \"{table}\" SET counter = counter + 5 WHERE pk = 'a' AND sk = 1")
    assert ddb.get_item(TableName=table, Key={"pk": {"S": "a"}, "sk": {"N": "1"}})["Item"]["counter"] == {"N": "6"}
    with pytest.raises(ddb.exceptions.ConditionalCheckFailedException):
        ddb.execute_statement(Statement=f"UPDATE \"{table}\" SET v = 'x' WHERE pk = 'missing' AND sk = 1")
    with pytest.raises(ddb.exceptions.ConditionalCheckFailedException):
        ddb.execute_statement(Statement=f"DELETE FROM \"{table}\" WHERE pk = 'a' AND sk = 1 AND counter > 10")
    deleted = ddb.execute_statement(Statement=f"DELETE FROM \"{table}\" WHERE pk = 'a' AND sk = 1 RETURNING ALL OLD *")
    assert deleted["Items"][0]["counter"] == {"N": "6"}
    ddb.execute_statement(Statement=f"DELETE FROM \"{table}\" WHERE pk = 'a' AND sk = 1")  # missing: success
    assert error_of(ddb.execute_statement, Statement=f"DELETE FROM \"{table}\" WHERE pk = 'a'") == (
        "ValidationException", "Where clause does not contain a mandatory equality on all key attributes")


def test_select_filters_scans_and_pages(ddb, table):
    for i in range(7):
        ddb.put_item(TableName=table, Item={"pk": {"S": f"p{i % 2}"}, "sk": {"N": str(i)}, "n": {"N": str(i)}})
    odd = ddb.execute_statement(Statement=f"SELECT sk FROM \"{table}\" WHERE pk = 'p1' AND n >= 3")
    assert [i["sk"]["N"] for i in odd["Items"]] == ["3", "5"]
    scanned = ddb.execute_statement(Statement=f"SELECT * FROM \"{table}\" WHERE n IN [1, 2, 6] OR begins_with(pk, 'zz')")
    assert sorted(i["n"]["N"] for i in scanned["Items"]) == ["1", "2", "6"]
    missing = ddb.execute_statement(Statement=f"SELECT * FROM \"{table}\" WHERE other IS MISSING AND n < 2")
    assert len(missing["Items"]) == 2
    seen, token = [], None
    while True:
        kwargs = {"Statement": f"SELECT * FROM \"{table}\" WHERE pk = 'p0'", "Limit": 2}
        if token:
            kwargs["NextToken"] = token
        page = ddb.execute_statement(**kwargs)
        seen += [i["sk"]["N"] for i in page["Items"]]
        token = page.get("NextToken")
        if not token:
            break
    assert seen == ["0", "2", "4", "6"]
    assert error_of(ddb.execute_statement, Statement=f"SELEKT * FROM \"{table}\"")[0] == "ValidationException"
    assert error_of(ddb.execute_statement, Statement=f"SELECT * FROM \"{table}\" WHERE pk = ?") == (
        "ValidationException", "Number of parameters in request and statement don't match.")
    assert error_of(ddb.execute_statement, Statement="SELECT * FROM \"no-such-table\"")[0] == "ResourceNotFoundException"


def test_batch_execute_statement(ddb, table):
    ddb.put_item(TableName=table, Item={"pk": {"S": "b"}, "sk": {"N": "1"}, "v": {"S": "one"}})
    answer = ddb.batch_execute_statement(Statements=[
        {"Statement": f"SELECT v FROM \"{table}\" WHERE pk = 'b' AND sk = 1"},
        {"Statement": f"INSERT INTO \"{table}\" VALUE {{'pk': 'b', 'sk': 2}}"},
        {"Statement": f"INSERT INTO \"{table}\" VALUE {{'pk': 'b', 'sk': 1}}"},
        {"Statement": f"UPDATE \"{table}\" SET v = 'x' WHERE pk = 'b' AND sk = 1 AND v = 'nope'",
         "ReturnValuesOnConditionCheckFailure": "ALL_OLD"},
    ])["Responses"]
    assert answer[0]["Item"] == {"v": {"S": "one"}} and answer[0]["TableName"] == table
    assert "Error" not in answer[1]
    assert answer[2]["Error"]["Code"] == "DuplicateItem"
    assert answer[3]["Error"]["Code"] == "ConditionalCheckFailed"
    assert answer[3]["Error"]["Item"]["v"] == {"S": "one"}


def test_execute_transaction(ddb, table):
    ddb.execute_transaction(TransactStatements=[
        {"Statement": f"INSERT INTO \"{table}\" VALUE {{'pk': 't', 'sk': 1, 'n': 10}}"},
        {"Statement": f"INSERT INTO \"{table}\" VALUE {{'pk': 't', 'sk': 2, 'n': 0}}"},
    ])
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        ddb.execute_transaction(TransactStatements=[
            {"Statement": f"UPDATE \"{table}\" SET n = n - 20 WHERE pk = 't' AND sk = 1 AND n >= 20"},
            {"Statement": f"UPDATE \"{table}\" SET n = n + 20 WHERE pk = 't' AND sk = 2"},
        ])
    assert caught.value.response["Error"]["Code"] == "TransactionCanceledException"
    assert [r["Code"] for r in caught.value.response["CancellationReasons"]] == ["ConditionalCheckFailed", "None"]
    read = ddb.execute_transaction(TransactStatements=[
        {"Statement": f"SELECT n FROM \"{table}\" WHERE pk = 't' AND sk = 1"},
        {"Statement": f"SELECT n FROM \"{table}\" WHERE pk = 't' AND sk = 2"},
    ])
    assert [r["Item"]["n"]["N"] for r in read["Responses"]] == ["10", "0"]
