"""DynamoDB point-in-time recovery with boto3 and the AWS CLI: UpdateContinuousBackups, DescribeContinuousBackups and
RestoreTableToPointInTime (any moment since enabling, the latest, overrides, errors, restarts)."""
import json
import time
import uuid
from datetime import datetime, timedelta, timezone

import botocore.exceptions
import pytest
from sqs_support import restart


@pytest.fixture
def ddb(stratus):
    return stratus.client("dynamodb")


def name(prefix="pitr"):
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def create_table(ddb, table):
    ddb.create_table(
        TableName=table,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"},
                              {"AttributeName": "g", "AttributeType": "S"}],
        GlobalSecondaryIndexes=[{"IndexName": "by-g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                 "Projection": {"ProjectionType": "ALL"}}],
        BillingMode="PAY_PER_REQUEST")


def enable(ddb, table, **specification):
    return ddb.update_continuous_backups(TableName=table, PointInTimeRecoverySpecification={
        "PointInTimeRecoveryEnabled": True, **specification})["ContinuousBackupsDescription"]


def values(ddb, table):
    """{sk: v} of every item of `table`."""
    return {i["sk"]["N"]: i["v"]["S"] for i in ddb.scan(TableName=table, ConsistentRead=True)["Items"]}


def moment():
    """A whole-second timestamp (boto3 sends timestamps in whole seconds) after every write so far and before every
    write after this returns."""
    boundary = int(time.time()) + 1
    time.sleep(boundary + 0.1 - time.time())
    return datetime.fromtimestamp(boundary, timezone.utc)


def error_of(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


def test_restores_rebuild_any_moment_since_recovery_was_enabled(ddb):
    table = name()
    create_table(ddb, table)
    ddb.put_item(TableName=table, Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"S": "one"}, "g": {"S": "x"}})
    disabled = ddb.describe_continuous_backups(TableName=table)["ContinuousBackupsDescription"]
    assert disabled == {"ContinuousBackupsStatus": "ENABLED",
                        "PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": "DISABLED"}}
    before_enabling = datetime.now(timezone.utc) - timedelta(seconds=1)
    enabled = enable(ddb, table)["PointInTimeRecoveryDescription"]
    assert enabled["PointInTimeRecoveryStatus"] == "ENABLED" and enabled["RecoveryPeriodInDays"] == 35
    assert enabled["EarliestRestorableDateTime"] <= enabled["LatestRestorableDateTime"]

    first = moment()
    ddb.update_item(TableName=table, Key={"pk": {"S": "a"}, "sk": {"N": "1"}}, UpdateExpression="SET v = :v",
                    ExpressionAttributeValues={":v": {"S": "one, changed"}})
    ddb.put_item(TableName=table, Item={"pk": {"S": "a"}, "sk": {"N": "2"}, "v": {"S": "two"}, "g": {"S": "x"}})
    second = moment()
    ddb.delete_item(TableName=table, Key={"pk": {"S": "a"}, "sk": {"N": "1"}})
    ddb.transact_write_items(TransactItems=[{"Put": {"TableName": table, "Item": {
        "pk": {"S": "a"}, "sk": {"N": "3"}, "v": {"S": "three"}}}}])

    for when, expected in [(first, {"1": "one"}), (second, {"1": "one, changed", "2": "two"})]:
        target = name("restored")
        answer = ddb.restore_table_to_point_in_time(SourceTableName=table, TargetTableName=target, RestoreDateTime=when)
        description = answer["TableDescription"]
        assert description["TableStatus"] == "CREATING" and description["RestoreSummary"]["RestoreInProgress"] is True
        assert description["RestoreSummary"]["SourceTableArn"].endswith(f":table/{table}")
        assert "SourceBackupArn" not in description["RestoreSummary"]
        assert values(ddb, target) == expected
        assert ddb.describe_table(TableName=target)["Table"]["TableStatus"] == "ACTIVE"
    latest = name("latest")
    arn = ddb.describe_table(TableName=table)["Table"]["TableArn"]
    ddb.restore_table_to_point_in_time(SourceTableArn=arn, TargetTableName=latest, UseLatestRestorableTime=True)
    assert values(ddb, latest) == {"2": "two", "3": "three"}
    by_g = ddb.query(TableName=latest, IndexName="by-g", KeyConditionExpression="g = :g",
                     ExpressionAttributeValues={":g": {"S": "x"}})
    assert [i["sk"]["N"] for i in by_g["Items"]] == ["2"]

    code, message = error_of(ddb.restore_table_to_point_in_time, SourceTableName=table, TargetTableName=name(),
                             RestoreDateTime=before_enabling)
    assert code == "InvalidRestoreTimeException" and "EarliestRestorableDateTime" in message
    code, _ = error_of(ddb.restore_table_to_point_in_time, SourceTableName=table, TargetTableName=latest,
                       UseLatestRestorableTime=True)
    assert code == "TableAlreadyExistsException"


def test_disabling_forgets_the_history_and_errors_name_the_problem(ddb):
    table = name()
    create_table(ddb, table)
    missing = name("missing")
    assert error_of(ddb.describe_continuous_backups, TableName=missing) == (
        "TableNotFoundException", f"Table not found: {missing}")
    assert error_of(ddb.restore_table_to_point_in_time, SourceTableName=missing, TargetTableName=name(),
                    UseLatestRestorableTime=True) == ("TableNotFoundException", f"Table not found: {missing}")
    assert error_of(ddb.restore_table_to_point_in_time, SourceTableName=table, TargetTableName=name(),
                    UseLatestRestorableTime=True) == (
        "PointInTimeRecoveryUnavailableException", f"Point in time recovery is not enabled for table '{table}'")
    assert enable(ddb, table, RecoveryPeriodInDays=7)["PointInTimeRecoveryDescription"]["RecoveryPeriodInDays"] == 7
    assert enable(ddb, table, RecoveryPeriodInDays=3)["PointInTimeRecoveryDescription"]["RecoveryPeriodInDays"] == 3
    off = ddb.update_continuous_backups(TableName=table, PointInTimeRecoverySpecification={
        "PointInTimeRecoveryEnabled": False})["ContinuousBackupsDescription"]
    assert off["PointInTimeRecoveryDescription"] == {"PointInTimeRecoveryStatus": "DISABLED"}
    assert error_of(ddb.restore_table_to_point_in_time, SourceTableName=table, TargetTableName=name(),
                    UseLatestRestorableTime=True)[0] == "PointInTimeRecoveryUnavailableException"


def test_recovery_period_is_validated(stratus, ddb):
    table = name()
    create_table(ddb, table)
    unchecked = stratus.client("dynamodb", parameter_validation=False)
    assert error_of(unchecked.update_continuous_backups, TableName=table, PointInTimeRecoverySpecification={
        "PointInTimeRecoveryEnabled": True, "RecoveryPeriodInDays": 36}) == (
        "ValidationException", "1 validation error detected: Value '36' at "
        "'pointInTimeRecoverySpecification.recoveryPeriodInDays' failed to satisfy constraint: "
        "Member must have value less than or equal to 35")
    assert ddb.describe_continuous_backups(TableName=table)["ContinuousBackupsDescription"][
        "PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"] == "DISABLED"


def test_cli_point_in_time_restore(stratus, ddb):
    table, target = name("cli"), name("cli-restored")
    create_table(ddb, table)

    def run(*args):
        result = stratus.cli("dynamodb", *args)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)

    run("update-continuous-backups", "--table-name", table,
        "--point-in-time-recovery-specification", "PointInTimeRecoveryEnabled=true,RecoveryPeriodInDays=10")
    ddb.put_item(TableName=table, Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"S": "kept"}})
    described = run("describe-continuous-backups", "--table-name", table)["ContinuousBackupsDescription"]
    assert described["PointInTimeRecoveryDescription"]["RecoveryPeriodInDays"] == 10
    restored = run("restore-table-to-point-in-time", "--source-table-name", table, "--target-table-name", target,
                   "--use-latest-restorable-time")
    assert restored["TableDescription"]["TableName"] == target
    assert values(ddb, target) == {"1": "kept"}


def test_history_survives_a_crash(fresh_stratus):
    server = fresh_stratus()
    ddb = server.client("dynamodb")
    create_table(ddb, "kept")
    ddb.put_item(TableName="kept", Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"S": "before"}})
    enable(ddb, "kept")
    ddb.put_item(TableName="kept", Item={"pk": {"S": "a"}, "sk": {"N": "2"}, "v": {"S": "two"}})
    middle = moment()
    ddb.put_item(TableName="kept", Item={"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"S": "after"}})
    server = restart(fresh_stratus, server)  # kill -9
    ddb = server.client("dynamodb")
    # Writes after the restart are recorded too (the store knows a table keeps a history).
    ddb.delete_item(TableName="kept", Key={"pk": {"S": "a"}, "sk": {"N": "2"}})
    ddb.restore_table_to_point_in_time(SourceTableName="kept", TargetTableName="middle", RestoreDateTime=middle)
    assert values(ddb, "middle") == {"1": "before", "2": "two"}
    ddb.restore_table_to_point_in_time(SourceTableName="kept", TargetTableName="now", UseLatestRestorableTime=True)
    assert values(ddb, "now") == {"1": "after"}
