"""DynamoDB on-demand backups with boto3 and the AWS CLI: CreateBackup, DescribeBackup, ListBackups, DeleteBackup and
RestoreTableFromBackup (snapshots, overrides, paging, errors, restarts). Point-in-time recovery:
test_dynamodb_point_in_time_recovery.py."""
import json
import re
import uuid
from datetime import datetime, timedelta, timezone

import botocore.exceptions
import pytest
from sqs_support import restart


@pytest.fixture
def ddb(stratus):
    return stratus.client("dynamodb")


def name(prefix="backup"):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def create_table(ddb, table, billing="PAY_PER_REQUEST"):
    arguments = dict(
        TableName=table,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"},
                              {"AttributeName": "g", "AttributeType": "S"}, {"AttributeName": "score", "AttributeType": "N"}],
        GlobalSecondaryIndexes=[{"IndexName": "by-g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                 "Projection": {"ProjectionType": "ALL"}}],
        LocalSecondaryIndexes=[{"IndexName": "by-score", "KeySchema": [
            {"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "score", "KeyType": "RANGE"}],
            "Projection": {"ProjectionType": "KEYS_ONLY"}}],
        BillingMode=billing)
    if billing == "PROVISIONED":
        arguments["ProvisionedThroughput"] = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 3}
        arguments["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"] = {"ReadCapacityUnits": 2, "WriteCapacityUnits": 1}
    ddb.create_table(**arguments)


def item(pk, sk, g=None, score=None):
    value = {"pk": {"S": pk}, "sk": {"N": str(sk)}, "data": {"S": f"{pk}/{sk}"}}
    if g is not None:
        value["g"] = {"S": g}
    if score is not None:
        value["score"] = {"N": str(score)}
    return value


def scan_all(ddb, table, **kwargs):
    items, start = [], None
    while True:
        page = ddb.scan(TableName=table, **kwargs, **({"ExclusiveStartKey": start} if start else {}))
        items += page["Items"]
        start = page.get("LastEvaluatedKey")
        if not start:
            return items


def error_of(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


def test_a_backup_is_a_snapshot_that_restores_items_and_indexes(ddb):
    source, target = name("source"), name("restored")
    create_table(ddb, source)
    snapshot = [item("a", i, g="x" if i % 2 else "y", score=10 - i) for i in range(6)] + [item("b", 1)]
    for value in snapshot:
        ddb.put_item(TableName=source, Item=value)
    arn = ddb.describe_table(TableName=source)["Table"]["TableArn"]
    ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": "team", "Value": "core"}])
    ddb.update_time_to_live(TableName=source, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"})

    created = ddb.create_backup(TableName=source, BackupName="nightly_1.0")["BackupDetails"]
    assert re.fullmatch(rf"{re.escape(arn)}/backup/\d{{14}}-[0-9a-f]{{8}}", created["BackupArn"])
    assert created["BackupName"] == "nightly_1.0" and created["BackupType"] == "USER"
    assert created["BackupStatus"] == "CREATING" and created["BackupSizeBytes"] > 0
    # Later writes do not reach the backup.
    ddb.put_item(TableName=source, Item=item("c", 1, g="x", score=1))
    ddb.delete_item(TableName=source, Key={"pk": {"S": "a"}, "sk": {"N": "0"}})

    described = ddb.describe_backup(BackupArn=created["BackupArn"])["BackupDescription"]
    assert described["BackupDetails"]["BackupStatus"] == "AVAILABLE"
    assert described["BackupDetails"]["BackupCreationDateTime"] == created["BackupCreationDateTime"]
    details = described["SourceTableDetails"]
    assert details["TableName"] == source and details["TableArn"] == arn and details["ItemCount"] == len(snapshot)
    assert details["BillingMode"] == "PAY_PER_REQUEST" and details["TableSizeBytes"] == created["BackupSizeBytes"]
    features = described["SourceTableFeatureDetails"]
    assert [index["IndexName"] for index in features["GlobalSecondaryIndexes"]] == ["by-g"]
    assert [index["IndexName"] for index in features["LocalSecondaryIndexes"]] == ["by-score"]
    assert features["TimeToLiveDescription"] == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires"}

    restored = ddb.restore_table_from_backup(TargetTableName=target, BackupArn=created["BackupArn"])["TableDescription"]
    assert restored["TableName"] == target and restored["TableStatus"] == "CREATING"
    assert restored["RestoreSummary"]["SourceBackupArn"] == created["BackupArn"]
    assert restored["RestoreSummary"]["SourceTableArn"] == arn and restored["RestoreSummary"]["RestoreInProgress"] is True
    ddb.get_waiter("table_exists").wait(TableName=target, WaiterConfig={"Delay": 1, "MaxAttempts": 5})
    table = ddb.describe_table(TableName=target)["Table"]
    assert table["TableStatus"] == "ACTIVE" and table["RestoreSummary"]["RestoreInProgress"] is False
    assert table["ItemCount"] == len(snapshot) and table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    restored_items = {json.dumps(i, sort_keys=True) for i in scan_all(ddb, target)}
    assert restored_items == {json.dumps(i, sort_keys=True) for i in snapshot}
    by_g = ddb.query(TableName=target, IndexName="by-g", KeyConditionExpression="g = :g",
                     ExpressionAttributeValues={":g": {"S": "x"}})
    assert sorted(i["sk"]["N"] for i in by_g["Items"]) == ["1", "3", "5"]
    by_score = ddb.query(TableName=target, IndexName="by-score", KeyConditionExpression="pk = :p AND score < :s",
                         ExpressionAttributeValues={":p": {"S": "a"}, ":s": {"N": "7"}})
    assert [i["score"]["N"] for i in by_score["Items"]] == ["5", "6"]
    # Like DynamoDB, a restore does not bring back tags or TTL settings.
    assert ddb.list_tags_of_resource(ResourceArn=table["TableArn"])["Tags"] == []
    assert ddb.describe_time_to_live(TableName=target)["TimeToLiveDescription"]["TimeToLiveStatus"] == "DISABLED"


def test_restore_overrides_billing_and_indexes(ddb):
    source, target = name("source"), name("restored")
    create_table(ddb, source, billing="PROVISIONED")
    ddb.put_item(TableName=source, Item=item("a", 1, g="x", score=3))
    backup = ddb.create_backup(TableName=source, BackupName="before-change")["BackupDetails"]["BackupArn"]
    assert ddb.describe_backup(BackupArn=backup)["BackupDescription"]["SourceTableDetails"]["ProvisionedThroughput"] == {
        "ReadCapacityUnits": 5, "WriteCapacityUnits": 3}
    ddb.restore_table_from_backup(TargetTableName=target, BackupArn=backup, BillingModeOverride="PAY_PER_REQUEST",
                                  GlobalSecondaryIndexOverride=[], LocalSecondaryIndexOverride=[])
    table = ddb.describe_table(TableName=target)["Table"]
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert "GlobalSecondaryIndexes" not in table and "LocalSecondaryIndexes" not in table
    assert sorted(d["AttributeName"] for d in table["AttributeDefinitions"]) == ["pk", "sk"]
    assert ddb.get_item(TableName=target, Key={"pk": {"S": "a"}, "sk": {"N": "1"}})["Item"]["score"] == {"N": "3"}
    plain = name("restored")
    ddb.restore_table_from_backup(TargetTableName=plain, BackupArn=backup)
    table = ddb.describe_table(TableName=plain)["Table"]
    assert table["ProvisionedThroughput"]["ReadCapacityUnits"] == 5
    assert table["GlobalSecondaryIndexes"][0]["ProvisionedThroughput"]["ReadCapacityUnits"] == 2


def test_list_backups_filters_and_pages(ddb):
    first, second = name("listed"), name("listed")
    create_table(ddb, first)
    create_table(ddb, second)
    before = datetime.now(timezone.utc) - timedelta(seconds=5)
    arns = [ddb.create_backup(TableName=first, BackupName=f"first-{i}")["BackupDetails"]["BackupArn"] for i in range(3)]
    table_arn = ddb.describe_table(TableName=second)["Table"]["TableArn"]
    other = ddb.create_backup(TableName=table_arn, BackupName="second-0")["BackupDetails"]["BackupArn"]

    listed = ddb.list_backups(TableName=first)["BackupSummaries"]
    assert [b["BackupArn"] for b in listed] == arns
    assert listed[0]["TableName"] == first and listed[0]["BackupStatus"] == "AVAILABLE" and listed[0]["BackupType"] == "USER"
    assert [b["BackupArn"] for b in ddb.list_backups(TableName=table_arn)["BackupSummaries"]] == [other]
    everything = [b["BackupArn"] for b in ddb.list_backups(BackupType="ALL")["BackupSummaries"]]
    assert set(arns + [other]) <= set(everything)
    assert ddb.list_backups(TableName=first, BackupType="SYSTEM")["BackupSummaries"] == []
    assert ddb.list_backups(TableName=first, TimeRangeUpperBound=before)["BackupSummaries"] == []
    assert len(ddb.list_backups(TableName=first, TimeRangeLowerBound=before)["BackupSummaries"]) == 3

    page = ddb.list_backups(TableName=first, Limit=2)
    assert [b["BackupArn"] for b in page["BackupSummaries"]] == arns[:2] and page["LastEvaluatedBackupArn"] == arns[1]
    rest = ddb.list_backups(TableName=first, Limit=2, ExclusiveStartBackupArn=page["LastEvaluatedBackupArn"])
    assert [b["BackupArn"] for b in rest["BackupSummaries"]] == arns[2:] and "LastEvaluatedBackupArn" not in rest
    paginated = [b["BackupArn"] for p in ddb.get_paginator("list_backups").paginate(TableName=first, PaginationConfig={"PageSize": 1})
                 for b in p["BackupSummaries"]]
    assert paginated == arns


def test_backups_outlive_their_table_until_deleted(ddb):
    table = name("doomed")
    create_table(ddb, table)
    ddb.put_item(TableName=table, Item=item("a", 1))
    backup = ddb.create_backup(TableName=table, BackupName="keep")["BackupDetails"]["BackupArn"]
    ddb.delete_table(TableName=table)
    assert ddb.describe_backup(BackupArn=backup)["BackupDescription"]["SourceTableDetails"]["TableName"] == table
    ddb.restore_table_from_backup(TargetTableName=table, BackupArn=backup)
    assert ddb.get_item(TableName=table, Key={"pk": {"S": "a"}, "sk": {"N": "1"}})["Item"] == item("a", 1)
    deleted = ddb.delete_backup(BackupArn=backup)["BackupDescription"]
    assert deleted["BackupDetails"]["BackupStatus"] == "DELETED" and deleted["SourceTableDetails"]["ItemCount"] == 1
    assert error_of(ddb.describe_backup, BackupArn=backup) == ("BackupNotFoundException", f"Backup not found: {backup}")
    assert error_of(ddb.delete_backup, BackupArn=backup) == ("BackupNotFoundException", f"Backup not found: {backup}")
    assert backup not in [b["BackupArn"] for b in ddb.list_backups(BackupType="ALL")["BackupSummaries"]]


def test_backup_errors_change_nothing(stratus, ddb):
    table = name("errors")
    create_table(ddb, table)
    missing = name("missing")
    assert error_of(ddb.create_backup, TableName=missing, BackupName="b1x") == (
        "TableNotFoundException", f"Table not found: {missing}")
    unchecked = stratus.client("dynamodb", parameter_validation=False)  # let the server see what boto3 would refuse
    assert error_of(unchecked.create_backup, TableName=table, BackupName="no") == (
        "ValidationException", "1 validation error detected: Value 'no' at 'backupName' failed to satisfy constraint: "
        "Member must have length greater than or equal to 3")
    code, message = error_of(ddb.create_backup, TableName=table, BackupName="not allowed!")
    assert code == "ValidationException" and "Member must satisfy regular expression pattern" in message
    assert ddb.list_backups(TableName=table)["BackupSummaries"] == []
    backup = ddb.create_backup(TableName=table, BackupName="good")["BackupDetails"]["BackupArn"]
    assert error_of(ddb.restore_table_from_backup, TargetTableName=table, BackupArn=backup) == (
        "TableAlreadyExistsException", f"Table already exists: {table}")
    unknown = backup[:-8] + "00000000"
    assert error_of(ddb.restore_table_from_backup, TargetTableName=name(), BackupArn=unknown) == (
        "BackupNotFoundException", f"Backup not found: {unknown}")
    code, _ = error_of(ddb.list_backups, ExclusiveStartBackupArn=unknown)
    assert code == "ValidationException"


def test_cli_backup_and_restore(stratus, ddb):
    table, target = name("cli"), name("cli-restored")
    create_table(ddb, table)
    ddb.put_item(TableName=table, Item=item("a", 1))

    def run(*args):
        result = stratus.cli("dynamodb", *args)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    backup = run("create-backup", "--table-name", table, "--backup-name", "from-cli")["BackupDetails"]["BackupArn"]
    assert [b["BackupArn"] for b in run("list-backups", "--table-name", table)["BackupSummaries"]] == [backup]
    restored = run("restore-table-from-backup", "--target-table-name", target, "--backup-arn", backup)
    assert restored["TableDescription"]["RestoreSummary"]["SourceBackupArn"] == backup
    assert run("get-item", "--table-name", target, "--key", json.dumps({"pk": {"S": "a"}, "sk": {"N": "1"}}))["Item"] == item("a", 1)
    assert run("describe-continuous-backups", "--table-name", target)["ContinuousBackupsDescription"][
        "PointInTimeRecoveryDescription"] == {"PointInTimeRecoveryStatus": "DISABLED"}


def test_backups_survive_a_restart(fresh_stratus):
    server = fresh_stratus()
    ddb = server.client("dynamodb")
    create_table(ddb, "kept")
    for i in range(3):
        ddb.put_item(TableName="kept", Item=item("a", i, g="x"))
    backup = ddb.create_backup(TableName="kept", BackupName="durable")["BackupDetails"]["BackupArn"]
    server = restart(fresh_stratus, server)  # kill -9: the acknowledged backup must be on disk
    ddb = server.client("dynamodb")
    assert ddb.describe_backup(BackupArn=backup)["BackupDescription"]["SourceTableDetails"]["ItemCount"] == 3
    ddb.restore_table_from_backup(TargetTableName="again", BackupArn=backup)
    assert len(scan_all(ddb, "again")) == 3
    assert ddb.query(TableName="again", IndexName="by-g", KeyConditionExpression="g = :g",
                     ExpressionAttributeValues={":g": {"S": "x"}})["Count"] == 3
