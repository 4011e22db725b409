"""DynamoDB PartiQL with boto3 and the AWS CLI: ExecuteStatement (SELECT as Query or Scan, INSERT, UPDATE, DELETE,
parameters and literals, functions, paging with NextToken, ORDER BY, indexes), BatchExecuteStatement and
ExecuteTransaction, and their errors."""
import json
import uuid

import botocore.exceptions
import pytest

MALFORMED = "Statement wasn't well formed, can't be processed: "


@pytest.fixture
def ddb(stratus):
    return stratus.client("dynamodb")


def make_table(ddb, index=False):
    name = f"pql-{uuid.uuid4().hex[:10]}"
    extra = {}
    definitions = [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}]
    if index:
        definitions.append({"AttributeName": "colour", "AttributeType": "S"})
        extra["GlobalSecondaryIndexes"] = [{
            "IndexName": "by-colour", "KeySchema": [{"AttributeName": "colour", "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "ALL"}}]
    ddb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST", AttributeDefinitions=definitions,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}], **extra)
    return name


@pytest.fixture
def table(ddb):
    return make_table(ddb)


def error_of(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


def run(ddb, statement, *parameters, **kwargs):
    if parameters:
        kwargs["Parameters"] = list(parameters)
    return ddb.execute_statement(Statement=statement, **kwargs)


def test_insert_select_update_delete(ddb, table):
    run(ddb, f"INSERT INTO \"{table}\" VALUE {{'pk': 'a', 'sk': 1, 'tags': <<'x', 'y'>>, 'doc': {{'n': [1, 2]}}}}")
    run(ddb, f"INSERT INTO \"{table}\" VALUE {{'pk': ?, 'sk': ?, 'v': ?}}", {"S": "a"}, {"N": "2"}, {"S": "two"})
    assert error_of(ddb.execute_statement, Statement=f"INSERT INTO \"{table}\" VALUE {{'pk': 'a', 'sk': 1}}") == (
        "DuplicateItemException", "Duplicate primary key exists in table")
    got = run(ddb, f"SELECT * FROM \"{table}\" WHERE pk = ? AND sk = 1", {"S": "a"})
    assert got["Items"] == [{"pk": {"S": "a"}, "sk": {"N": "1"}, "tags": {"SS": ["x", "y"]},
                             "doc": {"M": {"n": {"L": [{"N": "1"}, {"N": "2"}]}}}}]
    projected = run(ddb, f"SELECT v, doc.n[1] FROM \"{table}\" WHERE pk = 'a'")
    assert projected["Items"] == [{"doc": {"M": {"n": {"L": [{"N": "2"}]}}}}, {"v": {"S": "two"}}]
    updated = run(ddb, f"UPDATE \"{table}\" SET v = ?, counter = 1 REMOVE tags WHERE pk = 'a' AND sk = 1 RETURNING ALL NEW *",
                  {"S": "one"})
    assert updated["Items"] == [{"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"S": "one"}, "counter": {"N": "1"},
                                 "doc": {"M": {"n": {"L": [{"N": "1"}, {"N": "2"}]}}}}]
    run(ddb, f"UPDATE \"{table}\" SET counter = counter + 5 WHERE pk = 'a' AND sk = 1")
    assert ddb.get_item(TableName=table, Key={"pk": {"S": "a"}, "sk": {"N": "1"}})["Item"]["counter"] == {"N": "6"}
    with pytest.raises(ddb.exceptions.ConditionalCheckFailedException):
        run(ddb, f"UPDATE \"{table}\" SET v = 'x' WHERE pk = 'missing' AND sk = 1")
    assert ddb.get_item(TableName=table, Key={"pk": {"S": "missing"}, "sk": {"N": "1"}}).get("Item") is None
    with pytest.raises(ddb.exceptions.ConditionalCheckFailedException):
        run(ddb, f"DELETE FROM \"{table}\" WHERE pk = 'a' AND sk = 1 AND counter > 10")
    deleted = run(ddb, f"DELETE FROM \"{table}\" WHERE pk = 'a' AND sk = 1 RETURNING ALL OLD *")
    assert deleted["Items"][0]["counter"] == {"N": "6"}
    assert run(ddb, f"DELETE FROM \"{table}\" WHERE pk = 'a' AND sk = 1")["Items"] == []  # missing item: success
    assert error_of(ddb.execute_statement, Statement=f"DELETE FROM \"{table}\" WHERE pk = 'a'") == (
        "ValidationException", "Where clause does not contain a mandatory equality on all key attributes")


def test_update_functions_and_returning(ddb, table):
    run(ddb, f"INSERT INTO \"{table}\" VALUE {{'pk': 'u', 'sk': 1, 'l': [1], 's': <<'a', 'b'>>, 'm': {{'x': 1, 'y': 2}}, 'n': 10}}")
    old = run(ddb, f"UPDATE \"{table}\" SET l = list_append(l, [2, 3]) SET s = set_add(s, <<'c'>>) REMOVE m.x "
                   f"WHERE pk = 'u' AND sk = 1 RETURNING MODIFIED OLD *")["Items"]
    assert old == [{"l": {"L": [{"N": "1"}]}, "s": {"SS": ["a", "b"]}, "m": {"M": {"x": {"N": "1"}}}}]
    new = run(ddb, f"UPDATE \"{table}\" SET s = set_delete(s, <<'a'>>), n = n - 3 WHERE pk = 'u' AND sk = 1 "
                   f"RETURNING MODIFIED NEW *")["Items"]
    assert new[0]["n"] == {"N": "7"} and sorted(new[0]["s"]["SS"]) == ["b", "c"]
    item = ddb.get_item(TableName=table, Key={"pk": {"S": "u"}, "sk": {"N": "1"}})["Item"]
    assert item["l"] == {"L": [{"N": "1"}, {"N": "2"}, {"N": "3"}]} and item["m"] == {"M": {"y": {"N": "2"}}}
    all_old = run(ddb, f"UPDATE \"{table}\" SET n = 0 WHERE pk = 'u' AND sk = 1 AND n = 7 RETURNING ALL OLD *")["Items"]
    assert all_old[0]["n"] == {"N": "7"} and all_old[0]["pk"] == {"S": "u"}
    assert error_of(ddb.execute_statement, Statement=f"UPDATE \"{table}\" SET sk = 2 WHERE pk = 'u' AND sk = 1") == (
        "ValidationException", "One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key")
    failed = error_of(ddb.execute_statement, Statement=f"UPDATE \"{table}\" SET n = 1 WHERE pk = 'u' AND sk = 1 AND n = 99",
                      ReturnValuesOnConditionCheckFailure="ALL_OLD")
    assert failed == ("ConditionalCheckFailedException", "The conditional request failed")


def test_select_filters_scans_and_pages(ddb, table):
    for i in range(7):
        ddb.put_item(TableName=table, Item={"pk": {"S": f"p{i % 2}"}, "sk": {"N": str(i)}, "n": {"N": str(i)},
                                            "name": {"S": f"item-{i}"}, "tags": {"SS": [f"t{i}", "all"]}})
    odd = run(ddb, f"SELECT sk FROM \"{table}\" WHERE pk = 'p1' AND n >= 3")
    assert [i["sk"]["N"] for i in odd["Items"]] == ["3", "5"]
    scanned = run(ddb, f"SELECT * FROM \"{table}\" WHERE n IN [1, 2, 6] OR begins_with(pk, 'zz')")
    assert sorted(i["n"]["N"] for i in scanned["Items"]) == ["1", "2", "6"]
    missing = run(ddb, f"SELECT * FROM \"{table}\" WHERE other IS MISSING AND n < 2")
    assert len(missing["Items"]) == 2
    assert len(run(ddb, f"SELECT * FROM \"{table}\" WHERE name IS NOT MISSING")["Items"]) == 7
    functions = run(ddb, f"SELECT sk FROM \"{table}\" WHERE BEGINS_WITH(name, 'item-') AND CONTAINS(tags, 't4') "
                         f"AND attribute_type(n, 'N') AND size(name) = 6")
    assert functions["Items"] == [{"sk": {"N": "4"}}]
    between = run(ddb, f"SELECT sk FROM \"{table}\" WHERE pk = 'p0' AND sk BETWEEN 2 AND 4 AND NOT n = 3")
    assert [i["sk"]["N"] for i in between["Items"]] == ["2", "4"]
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


def test_partition_in_list_order_by_and_paging_across_partitions(ddb, table):
    for pk in ("a", "b", "c"):
        for sk in range(3):
            ddb.put_item(TableName=table, Item={"pk": {"S": pk}, "sk": {"N": str(sk)}})
    statement = f"SELECT pk, sk FROM \"{table}\" WHERE pk IN ['c', 'a'] ORDER BY sk DESC"
    got = [(i["pk"]["S"], i["sk"]["N"]) for i in run(ddb, statement)["Items"]]
    assert got == [("c", "2"), ("c", "1"), ("c", "0"), ("a", "2"), ("a", "1"), ("a", "0")]
    ordered = run(ddb, f"SELECT pk, sk FROM \"{table}\" WHERE pk = 'b' OR pk = 'a' ORDER BY pk ASC, sk ASC")["Items"]
    assert [(i["pk"]["S"], i["sk"]["N"]) for i in ordered] == [("a", "0"), ("a", "1"), ("a", "2"), ("b", "0"), ("b", "1"), ("b", "2")]
    pages, token = [], None
    while True:
        kwargs = {"Statement": statement, "Limit": 4}
        if token:
            kwargs["NextToken"] = token
        page = ddb.execute_statement(**kwargs)
        pages.append([(i["pk"]["S"], i["sk"]["N"]) for i in page["Items"]])
        token = page.get("NextToken")
        if not token:
            break
    assert [item for page in pages for item in page] == got
    assert pages[0] == got[:4]
    assert error_of(ddb.execute_statement, Statement=f"SELECT * FROM \"{table}\" ORDER BY sk") == (
        "ValidationException", "Must have WHERE clause in the statement when using ORDER BY clause.")


def test_select_on_an_index(ddb):
    table = make_table(ddb, index=True)
    for i, colour in enumerate(["red", "blue", "red"]):
        ddb.put_item(TableName=table, Item={"pk": {"S": f"k{i}"}, "sk": {"N": "0"}, "colour": {"S": colour}})
    reds = run(ddb, f"SELECT pk FROM \"{table}\".\"by-colour\" WHERE colour = 'red'")["Items"]
    assert sorted(i["pk"]["S"] for i in reds) == ["k0", "k2"]
    assert error_of(ddb.execute_statement, Statement=f"SELECT * FROM \"{table}\".\"nope\"")[0] == "ValidationException"
    assert error_of(ddb.execute_statement, Statement=f"SELECT * FROM \"{table}\".\"by-colour\" WHERE colour = 'red'",
                    ConsistentRead=True) == ("ValidationException", "Consistent reads are not supported on global secondary indexes")


def test_statement_errors(ddb, table):
    code, message = error_of(ddb.execute_statement, Statement=f"SELEKT * FROM \"{table}\"")
    assert code == "ValidationException" and message.startswith(MALFORMED)
    code, message = error_of(ddb.execute_statement, Statement=f"SELECT * FROM \"{table}\" WHERE a = 'open")
    assert code == "ValidationException" and message.startswith(MALFORMED)
    assert error_of(ddb.execute_statement, Statement=f"SELECT * FROM \"{table}\" WHERE pk = ?") == (
        "ValidationException", "Number of parameters in request and statement don't match.")
    assert error_of(ddb.execute_statement, Statement="SELECT * FROM \"no-such-table\"")[0] == "ResourceNotFoundException"
    assert error_of(ddb.execute_statement, Statement="INSERT INTO \"no-such-table\" VALUE {'pk': 'a', 'sk': 1}")[0] == (
        "ResourceNotFoundException")
    code, message = error_of(ddb.execute_statement, Statement=f"INSERT INTO \"{table}\" VALUE {{'pk': 'a'}}")
    assert code == "ValidationException" and "key" in message.lower()
    code, message = error_of(ddb.execute_statement, Statement=f"SELECT * FROM \"{table}\" WHERE pk = 'a'",
                             NextToken="not-a-token")
    assert code == "ValidationException"


def test_batch_execute_statement(ddb, table):
    ddb.put_item(TableName=table, Item={"pk": {"S": "b"}, "sk": {"N": "1"}, "v": {"S": "one"}})
    reads = ddb.batch_execute_statement(Statements=[
        {"Statement": f"SELECT v FROM \"{table}\" WHERE pk = 'b' AND sk = 1"},
        {"Statement": f"SELECT * FROM \"{table}\" WHERE pk = ? AND sk = ?", "Parameters": [{"S": "b"}, {"N": "9"}]},
        {"Statement": f"SELECT * FROM \"{table}\" WHERE pk = 'b' AND sk = 1 AND v = 'other'"},
        {"Statement": f"SELECT * FROM \"{table}\" WHERE pk = 'b'"},
        {"Statement": "SELECT * FROM \"no-such-table\" WHERE pk = 'b' AND sk = 1"},
    ])["Responses"]
    assert reads[0] == {"TableName": table, "Item": {"v": {"S": "one"}}}
    assert "Item" not in reads[1] and "Error" not in reads[1]
    assert "Item" not in reads[2] and "Error" not in reads[2]
    assert reads[3]["Error"] == {"Code": "ValidationError",
                                 "Message": "Where clause does not contain a mandatory equality on all key attributes"}
    assert reads[4]["Error"]["Code"] == "ResourceNotFound"
    writes = ddb.batch_execute_statement(Statements=[
        {"Statement": f"INSERT INTO \"{table}\" VALUE {{'pk': 'b', 'sk': 2}}"},
        {"Statement": f"INSERT INTO \"{table}\" VALUE {{'pk': 'b', 'sk': 1}}"},
        {"Statement": f"UPDATE \"{table}\" SET v = 'x' WHERE pk = 'b' AND sk = 1 AND v = 'nope'",
         "ReturnValuesOnConditionCheckFailure": "ALL_OLD"},
        {"Statement": f"UPDATE \"{table}\" SET v = 'two' WHERE pk = 'b' AND sk = 2"},
        {"Statement": "SELEKT"},
    ])["Responses"]
    assert "Error" not in writes[0] and "Error" not in writes[3]
    assert writes[1]["Error"] == {"Code": "DuplicateItem", "Message": "Duplicate primary key exists in table"}
    assert writes[2]["Error"]["Code"] == "ConditionalCheckFailed"
    assert writes[2]["Error"]["Item"]["v"] == {"S": "one"}
    assert writes[4]["Error"]["Code"] == "ValidationError" and writes[4]["Error"]["Message"].startswith(MALFORMED)
    assert ddb.get_item(TableName=table, Key={"pk": {"S": "b"}, "sk": {"N": "2"}})["Item"]["v"] == {"S": "two"}
    code, _ = error_of(ddb.batch_execute_statement, Statements=[
        {"Statement": f"SELECT v FROM \"{table}\" WHERE pk = 'b' AND sk = 1"},
        {"Statement": f"INSERT INTO \"{table}\" VALUE {{'pk': 'b', 'sk': 3}}"},
    ])
    assert code == "ValidationException"
    assert ddb.get_item(TableName=table, Key={"pk": {"S": "b"}, "sk": {"N": "3"}}).get("Item") is None
    too_many = [{"Statement": f"SELECT * FROM \"{table}\" WHERE pk = 'b' AND sk = {i}"} for i in range(26)]
    assert error_of(ddb.batch_execute_statement, Statements=too_many)[0] == "ValidationException"


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
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        ddb.execute_transaction(TransactStatements=[
            {"Statement": f"INSERT INTO \"{table}\" VALUE {{'pk': 't', 'sk': 1}}"},
            {"Statement": f"DELETE FROM \"{table}\" WHERE pk = 't' AND sk = 2"},
        ])
    reasons = caught.value.response["CancellationReasons"]
    assert reasons[0] == {"Code": "DuplicateItem", "Message": "Duplicate primary key exists in table"}
    assert reasons[1] == {"Code": "None"}
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        ddb.execute_transaction(TransactStatements=[
            {"Statement": f"EXISTS(SELECT * FROM \"{table}\" WHERE pk = 't' AND sk = 1 AND n > 100)"},
            {"Statement": f"DELETE FROM \"{table}\" WHERE pk = 't' AND sk = 2"},
        ])
    assert [r["Code"] for r in caught.value.response["CancellationReasons"]] == ["ConditionalCheckFailed", "None"]
    ddb.execute_transaction(TransactStatements=[
        {"Statement": f"EXISTS(SELECT * FROM \"{table}\" WHERE pk = 't' AND sk = 1 AND n = 10)"},
        {"Statement": f"UPDATE \"{table}\" SET n = n + 1 WHERE pk = 't' AND sk = 2"},
    ])
    read = ddb.execute_transaction(TransactStatements=[
        {"Statement": f"SELECT n FROM \"{table}\" WHERE pk = 't' AND sk = 1"},
        {"Statement": f"SELECT n FROM \"{table}\" WHERE pk = ? AND sk = ?", "Parameters": [{"S": "t"}, {"N": "2"}]},
        {"Statement": f"SELECT n FROM \"{table}\" WHERE pk = 't' AND sk = 3"},
    ])
    assert [r.get("Item") for r in read["Responses"]] == [{"n": {"N": "10"}}, {"n": {"N": "1"}}, None]
    code, _ = error_of(ddb.execute_transaction, TransactStatements=[
        {"Statement": f"SELECT n FROM \"{table}\" WHERE pk = 't' AND sk = 1"},
        {"Statement": f"UPDATE \"{table}\" SET n = 5 WHERE pk = 't' AND sk = 1"},
    ])
    assert code == "ValidationException"


def test_transaction_client_request_token(ddb, table):
    ddb.put_item(TableName=table, Item={"pk": {"S": "c"}, "sk": {"N": "1"}, "n": {"N": "0"}})
    statements = [{"Statement": f"UPDATE \"{table}\" SET n = n + 1 WHERE pk = 'c' AND sk = 1"}]
    ddb.execute_transaction(TransactStatements=statements, ClientRequestToken="token-1")
    ddb.execute_transaction(TransactStatements=statements, ClientRequestToken="token-1")
    assert ddb.get_item(TableName=table, Key={"pk": {"S": "c"}, "sk": {"N": "1"}})["Item"]["n"] == {"N": "1"}
    other = [{"Statement": f"UPDATE \"{table}\" SET n = n + 2 WHERE pk = 'c' AND sk = 1"}]
    assert error_of(ddb.execute_transaction, TransactStatements=other, ClientRequestToken="token-1")[0] == (
        "IdempotentParameterMismatchException")
    ddb.execute_transaction(TransactStatements=statements, ClientRequestToken="token-2")
    assert ddb.get_item(TableName=table, Key={"pk": {"S": "c"}, "sk": {"N": "1"}})["Item"]["n"] == {"N": "2"}


def test_aws_cli_execute_statement(stratus, ddb, table):
    done = stratus.cli("dynamodb", "execute-statement", "--statement",
                       f"INSERT INTO \"{table}\" VALUE {{'pk': 'cli', 'sk': 1, 'v': 'hello'}}")
    assert done.returncode == 0, done.stderr
    done = stratus.cli("dynamodb", "execute-statement", "--statement", f"SELECT v FROM \"{table}\" WHERE pk = ?",
                       "--parameters", json.dumps([{"S": "cli"}]))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["Items"] == [{"v": {"S": "hello"}}]
    done = stratus.cli("dynamodb", "execute-statement", "--statement",
                       f"INSERT INTO \"{table}\" VALUE {{'pk': 'cli', 'sk': 1}}")
    assert done.returncode != 0 and "DuplicateItemException" in done.stderr
    done = stratus.cli("dynamodb", "batch-execute-statement", "--statements", json.dumps([
        {"Statement": f"UPDATE \"{table}\" SET v = 'bye' WHERE pk = 'cli' AND sk = 1"}]))
    assert done.returncode == 0, done.stderr
    done = stratus.cli("dynamodb", "execute-transaction", "--transact-statements", json.dumps([
        {"Statement": f"SELECT v FROM \"{table}\" WHERE pk = 'cli' AND sk = 1"}]))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["Responses"] == [{"Item": {"v": {"S": "bye"}}}]


def test_consumed_capacity(ddb, table):
    wrote = run(ddb, f"INSERT INTO \"{table}\" VALUE {{'pk': 'cc', 'sk': 1}}", ReturnConsumedCapacity="TOTAL")
    assert wrote["ConsumedCapacity"]["TableName"] == table and wrote["ConsumedCapacity"]["CapacityUnits"] == 1.0
    read = run(ddb, f"SELECT * FROM \"{table}\" WHERE pk = 'cc'", ReturnConsumedCapacity="TOTAL", ConsistentRead=True)
    assert read["ConsumedCapacity"]["TableName"] == table and read["ConsumedCapacity"]["CapacityUnits"] == 1.0
    batch = ddb.batch_execute_statement(
        Statements=[{"Statement": f"UPDATE \"{table}\" SET v = 1 WHERE pk = 'cc' AND sk = 1"},
                    {"Statement": f"INSERT INTO \"{table}\" VALUE {{'pk': 'cc', 'sk': 2}}"}],
        ReturnConsumedCapacity="TOTAL")
    assert [(c["TableName"], c["CapacityUnits"]) for c in batch["ConsumedCapacity"]] == [(table, 2.0)]
    transaction = ddb.execute_transaction(
        TransactStatements=[{"Statement": f"DELETE FROM \"{table}\" WHERE pk = 'cc' AND sk = 2"}],
        ReturnConsumedCapacity="TOTAL")
    assert transaction["ConsumedCapacity"][0]["TableName"] == table
    assert transaction["ConsumedCapacity"][0]["CapacityUnits"] == 2.0
