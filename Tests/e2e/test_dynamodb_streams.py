"""DynamoDB Streams with boto3 and the AWS CLI: tables with a StreamSpecification, ListStreams, DescribeStream,
GetShardIterator (TRIM_HORIZON, LATEST, AT_ and AFTER_SEQUENCE_NUMBER) and GetRecords; the records every kind of write
makes (or doesn't), the four view types, disabling and re-enabling a stream, deleting its table, and the errors."""
import json
import uuid
from datetime import datetime, timedelta, timezone

import botocore.exceptions
import pytest

REGION = "us-east-1"
KEY_SCHEMA = [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]


@pytest.fixture
def ddb(stratus):
    return stratus.client("dynamodb")


@pytest.fixture
def streams(stratus):
    return stratus.client("dynamodbstreams")


def name(prefix="streams"):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def create_table(ddb, table, view_type="NEW_AND_OLD_IMAGES"):
    """A pk (S) + sk (N) table; with a stream of `view_type` unless that is None. Returns DescribeTable's Table."""
    extra = {"StreamSpecification": {"StreamEnabled": True, "StreamViewType": view_type}} if view_type else {}
    ddb.create_table(TableName=table, KeySchema=KEY_SCHEMA, BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "sk", "AttributeType": "N"}], **extra)
    wait_active(ddb, table)
    return ddb.describe_table(TableName=table)["Table"]


def wait_active(ddb, table):
    ddb.get_waiter("table_exists").wait(TableName=table, WaiterConfig={"Delay": 1, "MaxAttempts": 10})


def delete_table(ddb, table):
    ddb.delete_table(TableName=table)
    ddb.get_waiter("table_not_exists").wait(TableName=table, WaiterConfig={"Delay": 1, "MaxAttempts": 10})


def stream_arn(ddb, table):
    return ddb.describe_table(TableName=table)["Table"]["LatestStreamArn"]


def key(pk, sk=1):
    return {"pk": {"S": pk}, "sk": {"N": str(sk)}}


def item(pk, sk=1, **attributes):
    return {**key(pk, sk), **{k: {"S": v} for k, v in attributes.items()}}


def only_shard(streams, arn):
    shards = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]
    assert len(shards) == 1, shards
    return shards[0]


def iterator(streams, arn, kind="TRIM_HORIZON", **kwargs):
    shard_id = only_shard(streams, arn)["ShardId"]
    answer = streams.get_shard_iterator(StreamArn=arn, ShardId=shard_id, ShardIteratorType=kind, **kwargs)
    assert isinstance(answer["ShardIterator"], str) and answer["ShardIterator"]
    return answer["ShardIterator"]


def drain(streams, shard_iterator, limit=None, pages=50):
    """Every record from `shard_iterator` on of an open shard: reads until a page comes back empty (an open shard
    always gives a NextShardIterator). Returns (records, the iterator after them)."""
    records = []
    for _ in range(pages):
        page = streams.get_records(ShardIterator=shard_iterator, **({"Limit": limit} if limit else {}))
        assert "NextShardIterator" in page, page  # the shard is open
        shard_iterator = page["NextShardIterator"]
        if not page["Records"]:
            return records, shard_iterator
        records += page["Records"]
    raise AssertionError(f"more than {pages} pages")


def drain_closed(streams, shard_iterator, pages=50):
    """Every record from `shard_iterator` on of a closed shard: reads until a page comes without NextShardIterator."""
    records = []
    for _ in range(pages):
        page = streams.get_records(ShardIterator=shard_iterator)
        records += page["Records"]
        if "NextShardIterator" not in page:
            return records
        shard_iterator = page["NextShardIterator"]
    raise AssertionError(f"a closed shard still gave a NextShardIterator after {pages} pages")


def read_all(streams, arn):
    return drain(streams, iterator(streams, arn))[0]


def events(records):
    """[(eventName, pk, sk)] of `records`."""
    return [(r["eventName"], r["dynamodb"]["Keys"]["pk"]["S"], r["dynamodb"]["Keys"]["sk"]["N"]) for r in records]


def all_streams(streams, **kwargs):
    """Every stream ListStreams returns, following LastEvaluatedStreamArn."""
    found, start = [], {}
    for _ in range(1000):
        page = streams.list_streams(**kwargs, **start)
        found += page["Streams"]
        if "LastEvaluatedStreamArn" not in page:
            return found
        start = {"ExclusiveStartStreamArn": page["LastEvaluatedStreamArn"]}
    raise AssertionError("ListStreams never stopped")


def error_of(call, **kwargs):
    """(Error.Code, Error.Message) of a call that must fail with HTTP 400 and a message."""
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    response = caught.value.response
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400, response
    assert response["Error"]["Message"], response
    return response["Error"]["Code"], response["Error"]["Message"]


def check_record(record, name, view_type, keys, started):
    """The fields every record carries, whatever its images."""
    assert record["eventName"] == name
    assert isinstance(record["eventID"], str) and record["eventID"]
    assert record["eventVersion"] == "1.1"
    assert record["eventSource"] == "aws:dynamodb"
    assert record["awsRegion"] == REGION
    change = record["dynamodb"]
    assert change["Keys"] == keys
    assert change["StreamViewType"] == view_type
    assert isinstance(change["SizeBytes"], int) and change["SizeBytes"] > 0
    sequence = change["SequenceNumber"]
    assert isinstance(sequence, str) and sequence.isdigit() and len(sequence) >= 21, sequence
    when = change["ApproximateCreationDateTime"]
    assert isinstance(when, datetime)
    assert started - timedelta(seconds=2) <= when <= datetime.now(timezone.utc) + timedelta(seconds=2), when


def sequence_numbers(records):
    return [int(r["dynamodb"]["SequenceNumber"]) for r in records]


def assert_increasing(records):
    numbers = sequence_numbers(records)
    assert all(a < b for a, b in zip(numbers, numbers[1:])), numbers


# Streams, ListStreams and DescribeStream ---------------------------------------------------------------------

def test_table_with_a_stream_has_a_latest_stream_that_list_streams_lists(ddb, streams):
    table, plain = name(), name("plain")
    described = create_table(ddb, table, "NEW_IMAGE")
    create_table(ddb, plain, None)
    arn, label = described["LatestStreamArn"], described["LatestStreamLabel"]
    assert arn == f"{described['TableArn']}/stream/{label}"
    assert described["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}
    plain_description = ddb.describe_table(TableName=plain)["Table"]
    assert "LatestStreamArn" not in plain_description and "LatestStreamLabel" not in plain_description

    entry = {"StreamArn": arn, "TableName": table, "StreamLabel": label}
    assert streams.list_streams(TableName=table)["Streams"] == [entry]
    assert "LastEvaluatedStreamArn" not in streams.list_streams(TableName=table)
    assert streams.list_streams(TableName=plain)["Streams"] == []
    everything = all_streams(streams)
    assert entry in everything
    assert all(s["TableName"] != plain for s in everything)
    # Writes to the table without a stream leave no trace anywhere.
    ddb.put_item(TableName=plain, Item=item("a", v="x"))
    assert streams.list_streams(TableName=plain)["Streams"] == []
    delete_table(ddb, table)
    delete_table(ddb, plain)


def test_list_streams_pages_with_limit_and_exclusive_start_stream_arn(ddb, streams):
    tables = [name("paged") for _ in range(3)]
    arns = [create_table(ddb, t, "KEYS_ONLY")["LatestStreamArn"] for t in tables]
    whole = all_streams(streams, Limit=100)
    one_by_one, start = [], {}
    for _ in range(len(whole) + 2):
        page = streams.list_streams(Limit=1, **start)
        assert len(page["Streams"]) <= 1
        one_by_one += page["Streams"]
        if "LastEvaluatedStreamArn" not in page:
            break
        assert page["Streams"] and page["LastEvaluatedStreamArn"] == page["Streams"][-1]["StreamArn"]
        start = {"ExclusiveStartStreamArn": page["LastEvaluatedStreamArn"]}
    else:
        raise AssertionError("ListStreams with Limit=1 never stopped")
    assert one_by_one == whole
    listed = [s["StreamArn"] for s in one_by_one]
    assert len(listed) == len(set(listed))
    assert set(arns) <= set(listed)
    pairs = {(s["StreamArn"], s["TableName"]) for s in one_by_one}
    assert {(a, t) for a, t in zip(arns, tables)} <= pairs

    two = streams.list_streams(Limit=2)
    assert len(two["Streams"]) == 2 and two["LastEvaluatedStreamArn"] == two["Streams"][1]["StreamArn"]
    assert two["Streams"] == whole[:2]
    rest = streams.list_streams(Limit=100, ExclusiveStartStreamArn=two["LastEvaluatedStreamArn"])["Streams"]
    assert rest == whole[2:2 + len(rest)] and len(rest) == min(100, len(whole) - 2)
    for t in tables:
        delete_table(ddb, t)


def test_describe_stream_reports_the_table_and_one_open_shard(ddb, streams):
    table = name()
    started = datetime.now(timezone.utc)
    described = create_table(ddb, table, "NEW_IMAGE")
    arn = described["LatestStreamArn"]
    stream = streams.describe_stream(StreamArn=arn)["StreamDescription"]
    assert stream["StreamArn"] == arn
    assert stream["StreamLabel"] == described["LatestStreamLabel"]
    assert stream["StreamStatus"] == "ENABLED"
    assert stream["StreamViewType"] == "NEW_IMAGE"
    assert stream["TableName"] == table
    assert stream["KeySchema"] == KEY_SCHEMA
    created = stream["CreationRequestDateTime"]
    assert isinstance(created, datetime)
    assert started - timedelta(seconds=2) <= created <= datetime.now(timezone.utc) + timedelta(seconds=2), created
    assert len(stream["Shards"]) == 1
    shard = stream["Shards"][0]
    assert shard["ShardId"].startswith("shardId-")
    starting = shard["SequenceNumberRange"]["StartingSequenceNumber"]
    assert isinstance(starting, str) and starting.isdigit() and len(starting) >= 21, starting
    assert "EndingSequenceNumber" not in shard["SequenceNumberRange"]

    ddb.put_item(TableName=table, Item=item("a", v="one"))
    again = only_shard(streams, arn)
    assert again["ShardId"] == shard["ShardId"]
    assert "EndingSequenceNumber" not in again["SequenceNumberRange"]
    first = read_all(streams, arn)[0]
    assert int(first["dynamodb"]["SequenceNumber"]) >= int(again["SequenceNumberRange"]["StartingSequenceNumber"])
    delete_table(ddb, table)


# Records -----------------------------------------------------------------------------------------------------

def test_records_follow_the_writes_in_order_with_new_and_old_images(ddb, streams):
    table = name()
    started = datetime.now(timezone.utc)
    arn = create_table(ddb, table, "NEW_AND_OLD_IMAGES")["LatestStreamArn"]
    ddb.put_item(TableName=table, Item=item("a", v="one"))
    ddb.put_item(TableName=table, Item=item("a", v="two", w="extra"))
    ddb.update_item(TableName=table, Key=key("b", 2), UpdateExpression="SET v = :v",
                    ExpressionAttributeValues={":v": {"S": "bee"}})
    ddb.update_item(TableName=table, Key=key("a"), UpdateExpression="SET v = :v REMOVE w",
                    ExpressionAttributeValues={":v": {"S": "three"}})
    ddb.delete_item(TableName=table, Key=key("a"))

    records = read_all(streams, arn)
    assert events(records) == [("INSERT", "a", "1"), ("MODIFY", "a", "1"), ("INSERT", "b", "2"),
                               ("MODIFY", "a", "1"), ("REMOVE", "a", "1")]
    expected = [
        ("INSERT", key("a"), None, item("a", v="one")),
        ("MODIFY", key("a"), item("a", v="one"), item("a", v="two", w="extra")),
        ("INSERT", key("b", 2), None, item("b", 2, v="bee")),
        ("MODIFY", key("a"), item("a", v="two", w="extra"), item("a", v="three")),
        ("REMOVE", key("a"), item("a", v="three"), None),
    ]
    for record, (event, keys, old, new) in zip(records, expected):
        check_record(record, event, "NEW_AND_OLD_IMAGES", keys, started)
        assert record["dynamodb"].get("OldImage") == old, record
        assert record["dynamodb"].get("NewImage") == new, record
    assert_increasing(records)
    assert len({r["eventID"] for r in records}) == len(records)
    delete_table(ddb, table)


@pytest.mark.parametrize("view_type, images", [
    # The images (Old, New) each view type gives for INSERT, MODIFY and REMOVE.
    ("KEYS_ONLY", [(False, False), (False, False), (False, False)]),
    ("NEW_IMAGE", [(False, True), (False, True), (False, False)]),
    ("OLD_IMAGE", [(False, False), (True, False), (True, False)]),
    ("NEW_AND_OLD_IMAGES", [(False, True), (True, True), (True, False)]),
])
def test_the_view_type_chooses_the_images(ddb, streams, view_type, images):
    table = name("view")
    started = datetime.now(timezone.utc)
    described = create_table(ddb, table, view_type)
    arn = described["LatestStreamArn"]
    assert described["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": view_type}
    assert streams.describe_stream(StreamArn=arn)["StreamDescription"]["StreamViewType"] == view_type
    first, second = item("k", 7, v="first", n="1"), item("k", 7, v="second")
    ddb.put_item(TableName=table, Item=first)
    ddb.put_item(TableName=table, Item=second)
    ddb.delete_item(TableName=table, Key=key("k", 7))

    records = read_all(streams, arn)
    assert [r["eventName"] for r in records] == ["INSERT", "MODIFY", "REMOVE"]
    olds, news = [None, first, second], [first, second, None]
    for record, (has_old, has_new), old, new in zip(records, images, olds, news):
        check_record(record, record["eventName"], view_type, key("k", 7), started)
        assert record["dynamodb"].get("OldImage") == (old if has_old else None), record
        assert record["dynamodb"].get("NewImage") == (new if has_new else None), record
    assert_increasing(records)
    delete_table(ddb, table)


def test_writes_that_change_nothing_make_no_records(ddb, streams):
    table = name("noop")
    arn = create_table(ddb, table, "NEW_AND_OLD_IMAGES")["LatestStreamArn"]
    ddb.put_item(TableName=table, Item=item("a", v="one"))
    ddb.put_item(TableName=table, Item=item("a", v="one"))  # identical: no record
    ddb.delete_item(TableName=table, Key=key("missing"))  # nothing to delete: no record
    with pytest.raises(ddb.exceptions.ConditionalCheckFailedException):
        ddb.put_item(TableName=table, Item=item("a", v="other"), ConditionExpression="attribute_not_exists(pk)")
    with pytest.raises(ddb.exceptions.ConditionalCheckFailedException):
        ddb.update_item(TableName=table, Key=key("a"), UpdateExpression="SET v = :v", ConditionExpression="v = :old",
                        ExpressionAttributeValues={":v": {"S": "other"}, ":old": {"S": "not this"}})
    with pytest.raises(ddb.exceptions.ConditionalCheckFailedException):
        ddb.delete_item(TableName=table, Key=key("a"), ConditionExpression="attribute_not_exists(v)")
    with pytest.raises(ddb.exceptions.ConditionalCheckFailedException):
        ddb.update_item(TableName=table, Key=key("new"), UpdateExpression="SET v = :v",
                        ConditionExpression="attribute_exists(pk)", ExpressionAttributeValues={":v": {"S": "x"}})
    ddb.put_item(TableName=table, Item=item("z", v="last"))

    records = read_all(streams, arn)
    assert events(records) == [("INSERT", "a", "1"), ("INSERT", "z", "1")]
    assert records[0]["dynamodb"]["NewImage"] == item("a", v="one")
    assert records[1]["dynamodb"]["NewImage"] == item("z", v="last")
    assert ddb.get_item(TableName=table, Key=key("a"))["Item"] == item("a", v="one")
    delete_table(ddb, table)


def test_batch_writes_and_transactions_make_one_record_per_changed_item(ddb, streams):
    table = name("batch")
    arn = create_table(ddb, table, "NEW_AND_OLD_IMAGES")["LatestStreamArn"]
    ddb.put_item(TableName=table, Item=item("old", v="gone soon"))
    ddb.put_item(TableName=table, Item=item("kept", v="before"))
    ddb.batch_write_item(RequestItems={table: [
        {"PutRequest": {"Item": item("b1", v="1")}},
        {"PutRequest": {"Item": item("b2", v="2")}},
        {"PutRequest": {"Item": item("kept", v="after")}},
        {"DeleteRequest": {"Key": key("old")}},
    ]})
    records = read_all(streams, arn)
    assert events(records[:2]) == [("INSERT", "old", "1"), ("INSERT", "kept", "1")]
    batch = records[2:]
    assert sorted(events(batch)) == sorted([("INSERT", "b1", "1"), ("INSERT", "b2", "1"), ("MODIFY", "kept", "1"),
                                            ("REMOVE", "old", "1")])
    by_key = {r["dynamodb"]["Keys"]["pk"]["S"]: r["dynamodb"] for r in batch}
    assert by_key["kept"]["OldImage"] == item("kept", v="before")
    assert by_key["kept"]["NewImage"] == item("kept", v="after")
    assert by_key["old"]["OldImage"] == item("old", v="gone soon") and "NewImage" not in by_key["old"]
    assert by_key["b1"]["NewImage"] == item("b1", v="1") and "OldImage" not in by_key["b1"]
    assert_increasing(records)
    after_batch = len(records)

    ddb.transact_write_items(TransactItems=[
        {"Put": {"TableName": table, "Item": item("t1", v="new")}},
        {"Update": {"TableName": table, "Key": key("b1"), "UpdateExpression": "SET v = :v",
                    "ExpressionAttributeValues": {":v": {"S": "changed"}}}},
        {"Delete": {"Key": key("b2"), "TableName": table}},
        {"ConditionCheck": {"TableName": table, "Key": key("kept"), "ConditionExpression": "attribute_exists(pk)"}},
    ])
    with pytest.raises(ddb.exceptions.TransactionCanceledException):
        ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": table, "Item": item("never", v="x")}},
            {"Delete": {"TableName": table, "Key": key("kept"), "ConditionExpression": "v = :v",
                        "ExpressionAttributeValues": {":v": {"S": "not this"}}}},
        ])
    records = read_all(streams, arn)
    transaction = records[after_batch:]
    assert sorted(events(transaction)) == sorted([("INSERT", "t1", "1"), ("MODIFY", "b1", "1"), ("REMOVE", "b2", "1")])
    by_key = {r["dynamodb"]["Keys"]["pk"]["S"]: r["dynamodb"] for r in transaction}
    assert by_key["b1"]["OldImage"] == item("b1", v="1") and by_key["b1"]["NewImage"] == item("b1", v="changed")
    assert by_key["b2"]["OldImage"] == item("b2", v="2") and "NewImage" not in by_key["b2"]
    assert_increasing(records)
    delete_table(ddb, table)


def test_partiql_statements_make_records(ddb, streams):
    table = name("partiql")
    arn = create_table(ddb, table, "NEW_AND_OLD_IMAGES")["LatestStreamArn"]
    ddb.execute_statement(Statement=f"INSERT INTO \"{table}\" VALUE {{'pk': 'p', 'sk': 1, 'v': 'one'}}")
    ddb.execute_statement(Statement=f"UPDATE \"{table}\" SET v = 'two' WHERE pk = 'p' AND sk = 1")
    ddb.execute_statement(Statement=f"DELETE FROM \"{table}\" WHERE pk = 'p' AND sk = 1")
    ddb.execute_statement(Statement=f"DELETE FROM \"{table}\" WHERE pk = 'p' AND sk = 1")  # already gone: no record

    records = read_all(streams, arn)
    assert events(records) == [("INSERT", "p", "1"), ("MODIFY", "p", "1"), ("REMOVE", "p", "1")]
    assert records[0]["dynamodb"]["NewImage"] == item("p", v="one") and "OldImage" not in records[0]["dynamodb"]
    assert records[1]["dynamodb"]["OldImage"] == item("p", v="one")
    assert records[1]["dynamodb"]["NewImage"] == item("p", v="two")
    assert records[2]["dynamodb"]["OldImage"] == item("p", v="two") and "NewImage" not in records[2]["dynamodb"]
    assert_increasing(records)
    delete_table(ddb, table)


# Shard iterators ---------------------------------------------------------------------------------------------

def test_shard_iterator_types_and_paging(ddb, streams):
    table = name("iter")
    arn = create_table(ddb, table, "KEYS_ONLY")["LatestStreamArn"]
    shard_id = only_shard(streams, arn)["ShardId"]
    empty = streams.get_records(ShardIterator=iterator(streams, arn))
    assert empty["Records"] == [] and isinstance(empty["NextShardIterator"], str)
    for i in range(1, 4):
        ddb.put_item(TableName=table, Item=item(f"k{i}", i))

    records = read_all(streams, arn)
    assert events(records) == [("INSERT", "k1", "1"), ("INSERT", "k2", "2"), ("INSERT", "k3", "3")]
    assert all("NewImage" not in r["dynamodb"] and "OldImage" not in r["dynamodb"] for r in records)
    assert_increasing(records)
    # The empty page of a fresh shard continues at the first record written after it.
    assert events(drain(streams, empty["NextShardIterator"])[0]) == events(records)

    second = records[1]["dynamodb"]["SequenceNumber"]
    at = streams.get_shard_iterator(StreamArn=arn, ShardId=shard_id, ShardIteratorType="AT_SEQUENCE_NUMBER",
                                    SequenceNumber=second)["ShardIterator"]
    assert events(drain(streams, at)[0]) == [("INSERT", "k2", "2"), ("INSERT", "k3", "3")]
    after = streams.get_shard_iterator(StreamArn=arn, ShardId=shard_id, ShardIteratorType="AFTER_SEQUENCE_NUMBER",
                                       SequenceNumber=second)["ShardIterator"]
    assert events(drain(streams, after)[0]) == [("INSERT", "k3", "3")]

    latest = iterator(streams, arn, "LATEST")
    page = streams.get_records(ShardIterator=latest)
    assert page["Records"] == [] and "NextShardIterator" in page
    ddb.put_item(TableName=table, Item=item("k4", 4))
    seen, _ = drain(streams, page["NextShardIterator"])
    assert events(seen) == [("INSERT", "k4", "4")]
    later = iterator(streams, arn, "LATEST")  # taken after k4: sees only k5
    ddb.put_item(TableName=table, Item=item("k5", 5))
    assert events(drain(streams, later)[0]) == [("INSERT", "k5", "5")]

    # Limit=1 pages through the records one by one; the page after the last is empty and still continues.
    shard_iterator, one_by_one = iterator(streams, arn), []
    for _ in range(5):
        page = streams.get_records(ShardIterator=shard_iterator, Limit=1)
        assert len(page["Records"]) == 1
        one_by_one += page["Records"]
        shard_iterator = page["NextShardIterator"]
    assert events(one_by_one) == [("INSERT", f"k{i}", str(i)) for i in range(1, 6)]
    assert one_by_one[:4] == records + seen
    assert_increasing(one_by_one)
    last = streams.get_records(ShardIterator=shard_iterator, Limit=1)
    assert last["Records"] == [] and isinstance(last["NextShardIterator"], str)
    two = streams.get_records(ShardIterator=iterator(streams, arn), Limit=2)
    assert events(two["Records"]) == [("INSERT", "k1", "1"), ("INSERT", "k2", "2")]
    assert events(drain(streams, two["NextShardIterator"], limit=2)[0]) == [
        ("INSERT", "k3", "3"), ("INSERT", "k4", "4"), ("INSERT", "k5", "5")]
    delete_table(ddb, table)


# Disabling, re-enabling and deleting -------------------------------------------------------------------------

def test_disabling_closes_the_stream_and_enabling_again_starts_a_new_one(ddb, streams):
    table = name("toggle")
    old_arn = create_table(ddb, table, "NEW_AND_OLD_IMAGES")["LatestStreamArn"]
    ddb.put_item(TableName=table, Item=item("a", v="one"))
    ddb.put_item(TableName=table, Item=item("a", v="two"))
    before = read_all(streams, old_arn)
    assert events(before) == [("INSERT", "a", "1"), ("MODIFY", "a", "1")]

    ddb.update_table(TableName=table, StreamSpecification={"StreamEnabled": False})
    wait_active(ddb, table)
    closed = streams.describe_stream(StreamArn=old_arn)["StreamDescription"]
    assert closed["StreamStatus"] == "DISABLED"
    assert closed["TableName"] == table and closed["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    assert len(closed["Shards"]) == 1
    ending = closed["Shards"][0]["SequenceNumberRange"]["EndingSequenceNumber"]
    assert isinstance(ending, str) and ending.isdigit() and len(ending) >= 21, ending
    assert int(ending) >= int(before[-1]["dynamodb"]["SequenceNumber"])
    ddb.put_item(TableName=table, Item=item("b", v="unseen"))
    ddb.delete_item(TableName=table, Key=key("a"))
    # The records written before are still there; the closed shard ends with a page without NextShardIterator.
    assert drain_closed(streams, iterator(streams, old_arn)) == before

    ddb.update_table(TableName=table, StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
    wait_active(ddb, table)
    described = ddb.describe_table(TableName=table)["Table"]
    new_arn = described["LatestStreamArn"]
    assert new_arn != old_arn and new_arn == f"{described['TableArn']}/stream/{described['LatestStreamLabel']}"
    assert described["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}
    opened = streams.describe_stream(StreamArn=new_arn)["StreamDescription"]
    assert opened["StreamStatus"] == "ENABLED" and opened["StreamViewType"] == "NEW_IMAGE"
    assert "EndingSequenceNumber" not in opened["Shards"][0]["SequenceNumberRange"]
    listed = streams.list_streams(TableName=table)["Streams"]
    assert sorted(s["StreamArn"] for s in listed) == sorted([old_arn, new_arn])
    assert all(s["TableName"] == table for s in listed)
    first = streams.list_streams(TableName=table, Limit=1)
    assert len(first["Streams"]) == 1 and first["LastEvaluatedStreamArn"] == first["Streams"][0]["StreamArn"]
    rest = streams.list_streams(TableName=table, Limit=1, ExclusiveStartStreamArn=first["LastEvaluatedStreamArn"])
    assert {first["Streams"][0]["StreamArn"], *(s["StreamArn"] for s in rest["Streams"])} == {old_arn, new_arn}

    ddb.put_item(TableName=table, Item=item("c", v="new stream"))
    fresh = read_all(streams, new_arn)
    assert events(fresh) == [("INSERT", "c", "1")]
    assert fresh[0]["dynamodb"]["NewImage"] == item("c", v="new stream")
    assert fresh[0]["dynamodb"]["StreamViewType"] == "NEW_IMAGE"
    assert drain_closed(streams, iterator(streams, old_arn)) == before  # the old stream gained nothing
    delete_table(ddb, table)


def test_a_deleted_tables_stream_stays_describable_and_readable(ddb, streams):
    table = name("deleted")
    arn = create_table(ddb, table, "NEW_IMAGE")["LatestStreamArn"]
    ddb.put_item(TableName=table, Item=item("a", v="one"))
    ddb.put_item(TableName=table, Item=item("b", v="two"))
    before = read_all(streams, arn)
    delete_table(ddb, table)

    stream = streams.describe_stream(StreamArn=arn)["StreamDescription"]
    assert stream["StreamStatus"] == "DISABLED"
    assert stream["StreamArn"] == arn and stream["TableName"] == table and stream["KeySchema"] == KEY_SCHEMA
    records = drain_closed(streams, iterator(streams, arn))
    assert records == before
    assert events(records) == [("INSERT", "a", "1"), ("INSERT", "b", "1")]


# Errors ------------------------------------------------------------------------------------------------------

def test_errors(stratus, ddb, streams):
    unknown = "arn:aws:dynamodb:us-east-1:000000000000:table/nope/stream/2020-01-01T00:00:00.000"
    code, message = error_of(streams.describe_stream, StreamArn=unknown)
    assert code == "ResourceNotFoundException" and "Requested resource not found" in message

    table = name("errors")
    arn = create_table(ddb, table, "KEYS_ONLY")["LatestStreamArn"]
    shard_id = only_shard(streams, arn)["ShardId"]
    code, message = error_of(streams.get_shard_iterator, StreamArn=arn,
                             ShardId="shardId-00000000000000000000-00000000", ShardIteratorType="TRIM_HORIZON")
    assert code == "ResourceNotFoundException"
    assert "Requested resource not found: Shard does not exist" in message
    code, _ = error_of(streams.get_shard_iterator, StreamArn=arn, ShardId=shard_id,
                       ShardIteratorType="AT_SEQUENCE_NUMBER")
    assert code == "ValidationException"
    code, _ = error_of(streams.get_records, ShardIterator="x" * 40)
    assert code == "ValidationException"

    shard_iterator = iterator(streams, arn)
    unchecked = stratus.client("dynamodbstreams", parameter_validation=False)
    assert error_of(unchecked.get_records, ShardIterator=shard_iterator, Limit=0)[0] == "ValidationException"
    assert error_of(unchecked.get_records, ShardIterator=shard_iterator, Limit=1001)[0] == "ValidationException"
    assert streams.get_records(ShardIterator=shard_iterator, Limit=1000)["Records"] == []
    delete_table(ddb, table)


# The AWS CLI -------------------------------------------------------------------------------------------------

def cli(stratus, *args):
    result = stratus.cli("dynamodbstreams", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_cli_list_streams(stratus, ddb):
    table = name("cli")
    described = create_table(ddb, table, "KEYS_ONLY")
    listed = cli(stratus, "list-streams", "--table-name", table)
    assert listed["Streams"] == [{"StreamArn": described["LatestStreamArn"], "TableName": table,
                                  "StreamLabel": described["LatestStreamLabel"]}]
    missing = stratus.cli("dynamodbstreams", "describe-stream", "--stream-arn",
                          "arn:aws:dynamodb:us-east-1:000000000000:table/nope/stream/2020-01-01T00:00:00.000")
    assert missing.returncode != 0 and "ResourceNotFoundException" in missing.stderr
    delete_table(ddb, table)


def test_cli_describe_stream_and_read_records(stratus, ddb):
    table = name("cli-read")
    arn = create_table(ddb, table, "NEW_AND_OLD_IMAGES")["LatestStreamArn"]
    ddb.put_item(TableName=table, Item=item("a", v="one"))
    ddb.update_item(TableName=table, Key=key("a"), UpdateExpression="SET v = :v",
                    ExpressionAttributeValues={":v": {"S": "two"}})
    ddb.delete_item(TableName=table, Key=key("a"))

    stream = cli(stratus, "describe-stream", "--stream-arn", arn)["StreamDescription"]
    assert stream["StreamArn"] == arn and stream["StreamStatus"] == "ENABLED" and stream["TableName"] == table
    assert stream["StreamViewType"] == "NEW_AND_OLD_IMAGES" and stream["KeySchema"] == KEY_SCHEMA
    assert len(stream["Shards"]) == 1
    shard_id = stream["Shards"][0]["ShardId"]
    shard_iterator = cli(stratus, "get-shard-iterator", "--stream-arn", arn, "--shard-id", shard_id,
                         "--shard-iterator-type", "TRIM_HORIZON")["ShardIterator"]
    page = cli(stratus, "get-records", "--shard-iterator", shard_iterator)
    records = page["Records"]
    assert events(records) == [("INSERT", "a", "1"), ("MODIFY", "a", "1"), ("REMOVE", "a", "1")]
    assert records[0]["dynamodb"]["NewImage"] == item("a", v="one")
    assert records[1]["dynamodb"]["OldImage"] == item("a", v="one")
    assert records[1]["dynamodb"]["NewImage"] == item("a", v="two")
    assert records[2]["dynamodb"]["OldImage"] == item("a", v="two")
    assert all(r["eventSource"] == "aws:dynamodb" and r["awsRegion"] == REGION for r in records)
    assert isinstance(page["NextShardIterator"], str)

    second = records[1]["dynamodb"]["SequenceNumber"]
    after = cli(stratus, "get-shard-iterator", "--stream-arn", arn, "--shard-id", shard_id,
                "--shard-iterator-type", "AFTER_SEQUENCE_NUMBER", "--sequence-number", second)["ShardIterator"]
    limited = cli(stratus, "get-records", "--shard-iterator", after, "--limit", "5")
    assert events(limited["Records"]) == [("REMOVE", "a", "1")]
    delete_table(ddb, table)
