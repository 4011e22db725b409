"""The console's DynamoDB API (`/_stratus/console/api/dynamodb`) against the built binary: boto3 creates tables (a GSI,
an LSI, a stream, TTL) and items (numbers, maps, lists, sets, binary), and the console answers what boto3's
describe_table, describe_time_to_live, scan and query see; bad parameters, methods and paths are refused."""
import base64
import datetime
import json
import urllib.parse

import pytest
from sfn_support import unique

API = "/_stratus/console/api/dynamodb"


@pytest.fixture
def ddb(stratus):
    return stratus.client("dynamodb")


def api(stratus, path: str, method: str = "GET"):
    return stratus.json(method, API + path)


def q(value: str) -> str:
    return urllib.parse.quote(value, safe="")


def plain(value):
    """A boto3 answer as the AWS JSON protocol writes it: datetimes as epoch seconds (ms), bytes as base64."""
    if isinstance(value, dict):
        return {key: plain(member) for key, member in value.items() if key != "ResponseMetadata"}
    if isinstance(value, list):
        return [plain(element) for element in value]
    if isinstance(value, datetime.datetime):
        return round(value.timestamp(), 3)
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode()
    return value


def rounded(table: dict) -> dict:
    """A console table with its epoch-second dates rounded as plain() rounds boto3's."""
    return {key: round(value, 3) if key == "CreationDateTime" else value for key, value in table.items()}


def create_table(ddb, name: str) -> None:
    ddb.create_table(
        TableName=name, BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"},
                              {"AttributeName": "owner", "AttributeType": "S"},
                              {"AttributeName": "rank", "AttributeType": "N"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        GlobalSecondaryIndexes=[{"IndexName": "by-owner", "KeySchema": [{"AttributeName": "owner", "KeyType": "HASH"}],
                                 "Projection": {"ProjectionType": "ALL"}}],
        LocalSecondaryIndexes=[{"IndexName": "by-rank", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                                                      {"AttributeName": "rank", "KeyType": "RANGE"}],
                                "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["note"]}}],
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.2, "MaxAttempts": 50})


RICH_ITEM = {
    "pk": {"S": "a"}, "sk": {"N": "1"}, "owner": {"S": "ann"}, "rank": {"N": "-12.5"},
    "price": {"N": "1234567890.123456789"}, "flag": {"BOOL": False}, "nothing": {"NULL": True},
    "data": {"B": b"\x00\x01\xfe\xff"}, "tags": {"SS": ["red", "blue"]}, "scores": {"NS": ["3", "1.5"]},
    "blobs": {"BS": [b"\x01", b"\x02\x03"]},
    "profile": {"M": {"age": {"N": "42"}, "langs": {"L": [{"S": "swift"}, {"N": "6"}]}, "none": {"NULL": True}}},
}


def test_tables_and_table_answer_what_describe_table_sees(stratus, ddb):
    name = unique("console-ddb")
    create_table(ddb, name)
    ddb.update_time_to_live(TableName=name, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"})
    ddb.put_item(TableName=name, Item=RICH_ITEM)

    status, headers, listed = api(stratus, "/tables")
    assert status == 200 and headers["content-type"] == "application/json"
    assert listed["truncated"] is False
    names = [table["TableName"] for table in listed["tables"]]
    every = [table for page in ddb.get_paginator("list_tables").paginate() for table in page["TableNames"]]
    assert names == every  # every table, in ListTables order
    described = plain(ddb.describe_table(TableName=name)["Table"])
    mine = next(table for table in listed["tables"] if table["TableName"] == name)
    assert rounded(mine) == described
    assert mine["ItemCount"] == 1
    assert mine["GlobalSecondaryIndexes"][0]["IndexName"] == "by-owner"
    assert mine["LocalSecondaryIndexes"][0]["Projection"] == {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["note"]}

    status, _, one = api(stratus, f"/table?name={q(name)}")
    assert status == 200
    assert rounded(one["table"]) == described
    assert one["table"]["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
    assert one["timeToLive"] == plain(ddb.describe_time_to_live(TableName=name)["TimeToLiveDescription"])
    assert one["timeToLive"] == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires"}


def test_items_are_the_scan_as_the_wire_writes_it(stratus, ddb):
    name = unique("console-ddb")
    create_table(ddb, name)
    ddb.put_item(TableName=name, Item=RICH_ITEM)
    ddb.put_item(TableName=name, Item={"pk": {"S": "b"}, "sk": {"N": "2"}, "note": {"S": "plain"}})

    status, _, page = api(stratus, f"/items?table={q(name)}")
    assert status == 200
    scanned = ddb.scan(TableName=name)
    assert page["items"] == plain(scanned["Items"])
    assert page["count"] == scanned["Count"] == 2
    assert page["scannedCount"] == scanned["ScannedCount"] == 2
    assert "lastEvaluatedKey" not in page
    rich = next(item for item in page["items"] if item["pk"] == {"S": "a"})
    assert rich["data"] == {"B": base64.b64encode(b"\x00\x01\xfe\xff").decode()}
    assert rich["price"] == {"N": "1234567890.123456789"}
    assert sorted(rich["tags"]["SS"]) == ["blue", "red"]
    assert rich["profile"]["M"]["langs"] == {"L": [{"S": "swift"}, {"N": "6"}]}

    status, _, index = api(stratus, f"/items?table={q(name)}&index=by-owner")
    assert status == 200
    assert index["items"] == plain(ddb.scan(TableName=name, IndexName="by-owner")["Items"])
    assert [item["pk"] for item in index["items"]] == [{"S": "a"}]


def test_pages_follow_last_evaluated_key_like_boto3(stratus, ddb):
    name = unique("console-ddb")
    create_table(ddb, name)
    for number in range(7):
        ddb.put_item(TableName=name, Item={"pk": {"S": f"p{number % 3}"}, "sk": {"N": str(number)}})

    console_pages, start = [], None
    while True:
        path = f"/items?table={q(name)}&limit=3" + (f"&start={q(json.dumps(start))}" if start else "")
        status, _, page = api(stratus, path)
        assert status == 200
        console_pages.append(page)
        start = page.get("lastEvaluatedKey")
        if not start or len(console_pages) > 5:
            break

    boto_pages, kwargs = [], {}
    while True:
        answer = ddb.scan(TableName=name, Limit=3, **kwargs)
        boto_pages.append(answer)
        if "LastEvaluatedKey" not in answer:
            break
        kwargs = {"ExclusiveStartKey": answer["LastEvaluatedKey"]}

    assert [page["items"] for page in console_pages] == [plain(answer["Items"]) for answer in boto_pages]
    assert [page.get("lastEvaluatedKey") for page in console_pages] == \
        [plain(answer.get("LastEvaluatedKey")) for answer in boto_pages]
    assert sum(page["count"] for page in console_pages) == 7


def test_partition_queries_the_key_typed_as_the_table_declares(stratus, ddb):
    name = unique("console-ddb")
    create_table(ddb, name)
    for number in range(4):
        ddb.put_item(TableName=name, Item={"pk": {"S": "same"}, "sk": {"N": str(number)}, "owner": {"S": f"o{number}"}})
    ddb.put_item(TableName=name, Item={"pk": {"S": "other"}, "sk": {"N": "9"}})

    status, _, page = api(stratus, f"/items?table={q(name)}&partition=same")
    assert status == 200
    queried = ddb.query(TableName=name, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "same"}})
    assert page["items"] == plain(queried["Items"])
    assert [item["sk"]["N"] for item in page["items"]] == ["0", "1", "2", "3"]

    status, _, index = api(stratus, f"/items?table={q(name)}&index=by-owner&partition=o2")
    assert status == 200
    assert [item["sk"] for item in index["items"]] == [{"N": "2"}]


def test_errors_are_refused_as_the_service_or_the_console_says(stratus, ddb):
    name = unique("console-ddb")
    create_table(ddb, name)
    status, _, missing = api(stratus, f"/table?name={q(unique('missing'))}")
    assert status == 400 and missing["error"] == "ResourceNotFoundException"
    status, _, missing_items = api(stratus, f"/items?table={q(unique('missing'))}")
    assert status == 400 and missing_items["error"] == "ResourceNotFoundException"

    for limit in ("0", "1001", "x"):
        status, _, body = api(stratus, f"/items?table={q(name)}&limit={limit}")
        assert status == 400 and body["error"] == "ValidationException" and "limit" in body["message"]
    for start in ("nope", "{}", '{"pk": {"Q": "a"}}'):
        status, _, body = api(stratus, f"/items?table={q(name)}&start={q(start)}")
        assert status == 400 and body["error"] == "ValidationException" and "start" in body["message"]

    for path in ("/tables", f"/table?name={q(name)}", f"/items?table={q(name)}"):
        status, headers, body = api(stratus, path, method="POST")
        assert status == 405 and headers["allow"] == "GET" and body["error"] == "MethodNotAllowed"
    status, _, body = api(stratus, "/nothing")
    assert status == 404 and body["error"] == "NotFound"
