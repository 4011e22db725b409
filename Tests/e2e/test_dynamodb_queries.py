"""DynamoDB Query and Scan with boto3: key conditions on tables, GSIs and LSIs, sort order, paging with Limit and
the 1 MB rule, filters after the limit, Select, projections, parallel scans and the error cases."""
import uuid

import boto3
import botocore.exceptions
import pytest
from boto3.dynamodb.conditions import Attr, Key


@pytest.fixture
def ddb(stratus):
    return stratus.client("dynamodb")


def error_of(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


@pytest.fixture
def table(ddb):
    """pk S / sk N, an LSI on `rank` (N, KEYS_ONLY) and a GSI on `kind` (S) + `when` (S), INCLUDE `label`."""
    name = f"query-{uuid.uuid4().hex[:10]}"
    ddb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[
            {"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"},
            {"AttributeName": "rank", "AttributeType": "N"}, {"AttributeName": "kind", "AttributeType": "S"},
            {"AttributeName": "when", "AttributeType": "S"}],
        LocalSecondaryIndexes=[{"IndexName": "by-rank", "KeySchema": [
            {"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "rank", "KeyType": "RANGE"}],
            "Projection": {"ProjectionType": "KEYS_ONLY"}}],
        GlobalSecondaryIndexes=[{"IndexName": "by-kind", "KeySchema": [
            {"AttributeName": "kind", "KeyType": "HASH"}, {"AttributeName": "when", "KeyType": "RANGE"}],
            "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["label"]}}],
        BillingMode="PAY_PER_REQUEST")
    for sk in [-10, -1.5, 0, 2, 10, 100, 1e20]:
        item = {"pk": {"S": "p"}, "sk": {"N": repr(sk) if isinstance(sk, float) else str(sk)},
                "rank": {"N": str(-int(sk) if abs(sk) < 1e6 else 0)}, "label": {"S": f"L{sk}"}, "other": {"S": "o"}}
        if sk >= 0:
            item["kind"] = {"S": "even" if int(sk) % 2 == 0 else "odd"}
            item["when"] = {"S": f"2024-{int(sk) % 12 + 1:02d}"}
        ddb.put_item(TableName=name, Item=item)
    ddb.put_item(TableName=name, Item={"pk": {"S": "q"}, "sk": {"N": "1"}, "name": {"S": "apple"}})
    ddb.put_item(TableName=name, Item={"pk": {"S": "q"}, "sk": {"N": "2"}, "name": {"S": "apricot"}})
    ddb.put_item(TableName=name, Item={"pk": {"S": "q"}, "sk": {"N": "3"}, "name": {"S": "banana"}})
    return name


def sks(items):
    return [float(i["sk"]["N"]) for i in items]


def query(ddb, table, condition, values, **kwargs):
    return ddb.query(TableName=table, KeyConditionExpression=condition, ExpressionAttributeValues=values, **kwargs)


def test_sort_key_operators_in_numeric_order(ddb, table):
    p = {":p": {"S": "p"}}
    assert sks(query(ddb, table, "pk = :p", p)["Items"]) == [-10, -1.5, 0, 2, 10, 100, 1e20]
    assert sks(query(ddb, table, "pk = :p", p, ScanIndexForward=False)["Items"]) == [1e20, 100, 10, 2, 0, -1.5, -10]
    assert sks(query(ddb, table, "pk = :p AND sk < :v", {**p, ":v": {"N": "0"}})["Items"]) == [-10, -1.5]
    assert sks(query(ddb, table, "pk = :p AND sk <= :v", {**p, ":v": {"N": "0"}})["Items"]) == [-10, -1.5, 0]
    assert sks(query(ddb, table, "pk = :p AND sk > :v", {**p, ":v": {"N": "10"}})["Items"]) == [100, 1e20]
    assert sks(query(ddb, table, "pk = :p AND sk >= :v", {**p, ":v": {"N": "10"}})["Items"]) == [10, 100, 1e20]
    assert sks(query(ddb, table, "pk = :p AND sk = :v", {**p, ":v": {"N": "2.0"}})["Items"]) == [2]
    assert sks(query(ddb, table, "pk = :p AND sk BETWEEN :a AND :b",
                     {**p, ":a": {"N": "-2"}, ":b": {"N": "10"}})["Items"]) == [-1.5, 0, 2, 10]


def test_begins_with_and_filter(ddb, stratus, table):
    resource = boto3.resource("dynamodb", endpoint_url=stratus.endpoint, region_name="us-east-1",
                              aws_access_key_id="test", aws_secret_access_key="test")
    t = resource.Table(table)
    got = t.query(KeyConditionExpression=Key("pk").eq("q") & Key("sk").gte(2), FilterExpression=Attr("name").begins_with("ap"))
    assert [i["name"] for i in got["Items"]] == ["apricot"]
    assert got["Count"] == 1 and got["ScannedCount"] == 2
    # The filter applies after the limit: one item read, none returned, a LastEvaluatedKey to go on from.
    page = t.query(KeyConditionExpression=Key("pk").eq("q"), FilterExpression=Attr("name").eq("banana"), Limit=1)
    assert page["Items"] == [] and page["ScannedCount"] == 1 and page["LastEvaluatedKey"] == {"pk": "q", "sk": 1}
    assert error_of(ddb.query, TableName=table, KeyConditionExpression="pk = :p AND begins_with(sk, :s)",
                    ExpressionAttributeValues={":p": {"S": "q"}, ":s": {"N": "1"}})[0] == "ValidationException"
    assert error_of(ddb.query, TableName=table, KeyConditionExpression="pk = :p", FilterExpression="sk > :s",
                    ExpressionAttributeValues={":p": {"S": "q"}, ":s": {"N": "1"}}) == (
        "ValidationException", "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk")


def test_paging_with_limit_and_exclusive_start_key(ddb, table):
    p = {":p": {"S": "p"}}
    seen, start, pages = [], None, 0
    while True:
        kwargs = {"Limit": 3}
        if start:
            kwargs["ExclusiveStartKey"] = start
        page = query(ddb, table, "pk = :p", p, **kwargs)
        pages += 1
        seen += sks(page["Items"])
        start = page.get("LastEvaluatedKey")
        if not start:
            break
    assert seen == [-10, -1.5, 0, 2, 10, 100, 1e20] and pages == 3
    paginated = [i for page in ddb.get_paginator("query").paginate(
        TableName=table, KeyConditionExpression="pk = :p", ExpressionAttributeValues=p, ScanIndexForward=False,
        PaginationConfig={"PageSize": 2}) for i in page["Items"]]
    assert sks(paginated) == [1e20, 100, 10, 2, 0, -1.5, -10]


def test_one_megabyte_pages(ddb):
    name = f"big-{uuid.uuid4().hex[:8]}"
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "sk", "AttributeType": "N"}])
    blob = "x" * (300 * 1024)
    for i in range(8):
        ddb.put_item(TableName=name, Item={"pk": {"S": "p"}, "sk": {"N": str(i)}, "blob": {"S": blob}})
    first = ddb.query(TableName=name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}},
                      Select="COUNT")
    assert first["Count"] == 4 and first["LastEvaluatedKey"] == {"pk": {"S": "p"}, "sk": {"N": "3"}}
    rest = ddb.query(TableName=name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "p"}},
                     Select="COUNT", ExclusiveStartKey=first["LastEvaluatedKey"])
    assert rest["Count"] == 4
    scanned = ddb.scan(TableName=name, Select="COUNT")
    assert scanned["Count"] == 4 and "LastEvaluatedKey" in scanned


def test_local_and_global_indexes(ddb, table):
    by_rank = query(ddb, table, "pk = :p AND #r > :r", {":p": {"S": "p"}, ":r": {"N": "-11"}}, IndexName="by-rank",
                    ExpressionAttributeNames={"#r": "rank"})
    assert [int(i["rank"]["N"]) for i in by_rank["Items"]] == [-10, -2, 0, 0, 1, 10]
    assert set(by_rank["Items"][0]) == {"pk", "sk", "rank"}  # KEYS_ONLY
    full = query(ddb, table, "pk = :p", {":p": {"S": "p"}}, IndexName="by-rank", Select="ALL_ATTRIBUTES", Limit=1)
    assert "other" in full["Items"][0]
    assert set(full["LastEvaluatedKey"]) == {"pk", "sk", "rank"}
    # A local index fetches attributes outside its projection from the table; a global index cannot.
    fetched = query(ddb, table, "pk = :p", {":p": {"S": "p"}}, IndexName="by-rank", ProjectionExpression="label", Limit=1)
    assert set(fetched["Items"][0]) == {"label"}
    even = query(ddb, table, "kind = :k AND #w BETWEEN :a AND :b",
                 {":k": {"S": "even"}, ":a": {"S": "2024-01"}, ":b": {"S": "2024-12"}}, IndexName="by-kind",
                 ExpressionAttributeNames={"#w": "when"})
    assert [i["when"]["S"] for i in even["Items"]] == ["2024-01", "2024-03", "2024-05", "2024-05", "2024-11"]
    assert set(even["Items"][0]) == {"pk", "sk", "kind", "when", "label"}  # INCLUDE label, not `other`
    only_projected = query(ddb, table, "kind = :k", {":k": {"S": "even"}}, IndexName="by-kind",
                           ProjectionExpression="label, #o", ExpressionAttributeNames={"#o": "other"})
    assert all(set(i) == {"label"} for i in only_projected["Items"])
    assert error_of(ddb.query, TableName=table, IndexName="by-kind", KeyConditionExpression="kind = :k",
                    ExpressionAttributeValues={":k": {"S": "even"}}, ConsistentRead=True) == (
        "ValidationException", "Consistent reads are not supported on global secondary indexes")
    assert error_of(ddb.query, TableName=table, IndexName="by-kind", KeyConditionExpression="kind = :k",
                    ExpressionAttributeValues={":k": {"S": "even"}}, Select="ALL_ATTRIBUTES")[0] == "ValidationException"
    index_scan = ddb.scan(TableName=table, IndexName="by-kind")
    assert index_scan["Count"] == 5  # only items that have both index keys


def test_query_errors(ddb, table):
    assert error_of(ddb.query, TableName=table) == (
        "ValidationException", "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")
    assert error_of(ddb.query, TableName=table, KeyConditionExpression="sk = :s",
                    ExpressionAttributeValues={":s": {"N": "1"}}) == (
        "ValidationException", "Query condition missed key schema element: pk")
    assert error_of(ddb.query, TableName=table, KeyConditionExpression="pk = :p",
                    ExpressionAttributeValues={":p": {"N": "1"}}) == (
        "ValidationException", "One or more parameter values were invalid: Condition parameter type does not match schema type")
    assert error_of(ddb.query, TableName=table, KeyConditionExpression="pk = :p", Select="ALL_PROJECTED_ATTRIBUTES",
                    ExpressionAttributeValues={":p": {"S": "p"}}) == (
        "ValidationException", "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName")
    assert error_of(ddb.query, TableName=table, KeyConditionExpression="pk = :p",
                    ExpressionAttributeValues={":p": {"S": "p"}}, ExclusiveStartKey={"pk": {"S": "p"}}) == (
        "ValidationException", "The provided starting key is invalid: The provided key element does not match the schema")


def test_scan_segments_cover_the_table_once(ddb):
    name = f"scan-{uuid.uuid4().hex[:8]}"
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}])
    for i in range(60):
        ddb.put_item(TableName=name, Item={"pk": {"S": f"key-{i}"}, "n": {"N": str(i)}})
    keys = []
    for segment in range(4):
        start = None
        while True:
            kwargs = dict(TableName=name, TotalSegments=4, Segment=segment, Limit=7)
            if start:
                kwargs["ExclusiveStartKey"] = start
            page = ddb.scan(**kwargs)
            keys += [i["pk"]["S"] for i in page["Items"]]
            start = page.get("LastEvaluatedKey")
            if not start:
                break
    assert sorted(keys) == sorted(f"key-{i}" for i in range(60))
    filtered = ddb.scan(TableName=name, FilterExpression="n >= :v", ExpressionAttributeValues={":v": {"N": "50"}},
                        ProjectionExpression="pk")
    assert filtered["Count"] == 10 and filtered["ScannedCount"] == 60
    assert all(set(i) == {"pk"} for i in filtered["Items"])
    assert error_of(ddb.scan, TableName=name, Segment=1) == (
        "ValidationException",
        "The TotalSegments parameter is required but was not present in the request when parameter Segment is present")
    assert error_of(ddb.scan, TableName=name, Segment=4, TotalSegments=4) == (
        "ValidationException",
        "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 4 is not less "
        "than TotalSegments: 4")
    legacy = ddb.scan(TableName=name, ScanFilter={"n": {"ComparisonOperator": "LT", "AttributeValueList": [{"N": "3"}]}})
    assert legacy["Count"] == 3
    legacy_query = ddb.query(TableName=name, KeyConditions={
        "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "key-7"}]}})
    assert legacy_query["Items"][0]["n"] == {"N": "7"}


def test_query_capacity(ddb, table):
    answer = query(ddb, table, "pk = :p", {":p": {"S": "p"}}, ReturnConsumedCapacity="INDEXES", IndexName="by-rank")
    assert answer["ConsumedCapacity"]["LocalSecondaryIndexes"]["by-rank"]["CapacityUnits"] == 0.5
    consistent = query(ddb, table, "pk = :p", {":p": {"S": "p"}}, ReturnConsumedCapacity="TOTAL", ConsistentRead=True)
    assert consistent["ConsumedCapacity"]["CapacityUnits"] == 1.0
