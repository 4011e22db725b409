"""DynamoDB durability: acknowledged writes survive `kill -9`, and a transaction is never half applied.

Each test runs its own durable server (`fresh_stratus`, a temporary data directory) and crashes it with SIGKILL
while writers are busy, then restarts on the same data directory and checks what it finds.
"""
import threading

import botocore.exceptions
import pytest

from sqs_support import restart

WRITERS = 4
KILL_AFTER = 300


def create_table(ddb, name):
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "g", "AttributeType": "S"}],
                     GlobalSecondaryIndexes=[{"IndexName": "by-g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                              "Projection": {"ProjectionType": "KEYS_ONLY"}}])


def scan_all(ddb, table, **kwargs):
    return [item for page in ddb.get_paginator("scan").paginate(TableName=table, **kwargs) for item in page["Items"]]


@pytest.mark.parametrize("durability", ["full", "process"])
def test_acknowledged_puts_and_transactions_survive_kill_9(fresh_stratus, durability):
    mode = ("--durability", durability)
    server = fresh_stratus(*mode)
    ddb = server.client("dynamodb")
    create_table(ddb, "durable")
    acknowledged_puts: set[str] = set()
    acknowledged_transactions: set[int] = set()
    lock = threading.Lock()
    enough = threading.Event()

    def writer(index: int):
        client = server.client("dynamodb")
        try:
            for i in range(index, 100_000, WRITERS):
                if i % 2 == 0:
                    client.put_item(TableName="durable", Item={"pk": {"S": f"put-{i}"}, "g": {"S": "puts"}})
                    with lock:
                        acknowledged_puts.add(f"put-{i}")
                else:
                    # Three items that exist together or not at all.
                    client.transact_write_items(TransactItems=[
                        {"Put": {"TableName": "durable", "Item": {"pk": {"S": f"tx-{i}-{part}"}, "g": {"S": f"tx-{i}"}},
                                 "ConditionExpression": "attribute_not_exists(pk)"}}
                        for part in range(3)])
                    with lock:
                        acknowledged_transactions.add(i)
                with lock:
                    if len(acknowledged_puts) + len(acknowledged_transactions) >= KILL_AFTER:
                        enough.set()
        except (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError):
            pass  # the server died under us: this write was not acknowledged

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for thread in threads:
        thread.start()
    assert enough.wait(60), "the writers did not get far enough"
    server = restart(fresh_stratus, server, *mode)
    for thread in threads:
        thread.join(30)
    ddb = server.client("dynamodb")
    items = scan_all(ddb, "durable")
    keys = {item["pk"]["S"] for item in items}
    assert acknowledged_puts <= keys, f"lost acknowledged puts: {sorted(acknowledged_puts - keys)[:5]}"
    transactions: dict[str, int] = {}
    for key in keys:
        if key.startswith("tx-"):
            group = key.rsplit("-", 1)[0]
            transactions[group] = transactions.get(group, 0) + 1
    assert all(count == 3 for count in transactions.values()), "a transaction was half applied"
    assert {f"tx-{i}" for i in acknowledged_transactions} <= set(transactions)
    # The index was written in the same transactions as the items.
    index_keys = {item["pk"]["S"] for item in scan_all(ddb, "durable", IndexName="by-g")}
    assert index_keys == keys
    assert ddb.describe_table(TableName="durable")["Table"]["ItemCount"] == len(keys)


def test_tables_settings_and_tokens_survive_restart(fresh_stratus):
    server = fresh_stratus()
    ddb = server.client("dynamodb")
    create_table(ddb, "settings")
    arn = ddb.describe_table(TableName="settings")["Table"]["TableArn"]
    ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "k", "Value": "v"}])
    ddb.update_time_to_live(TableName="settings", TimeToLiveSpecification={"Enabled": True, "AttributeName": "ttl"})
    request = [{"Update": {"TableName": "settings", "Key": {"pk": {"S": "c"}}, "UpdateExpression": "ADD n :one",
                           "ExpressionAttributeValues": {":one": {"N": "1"}}}}]
    ddb.transact_write_items(TransactItems=request, ClientRequestToken="token-1")
    server = restart(fresh_stratus, server)
    ddb = server.client("dynamodb")
    assert ddb.list_tags_of_resource(ResourceArn=arn)["Tags"] == [{"Key": "k", "Value": "v"}]
    assert ddb.describe_time_to_live(TableName="settings")["TimeToLiveDescription"]["AttributeName"] == "ttl"
    ddb.transact_write_items(TransactItems=request, ClientRequestToken="token-1")  # replay: not applied again
    assert ddb.get_item(TableName="settings", Key={"pk": {"S": "c"}})["Item"]["n"] == {"N": "1"}
