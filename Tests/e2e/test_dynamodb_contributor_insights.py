"""DynamoDB Contributor Insights settings with boto3 and the AWS CLI: UpdateContributorInsights,
DescribeContributorInsights and ListContributorInsights on tables and global secondary indexes (kept and answered;
Stratus produces no CloudWatch rules or reports)."""
import json
import re
import uuid

import botocore.exceptions
import pytest


@pytest.fixture
def ddb(stratus):
    return stratus.client("dynamodb")


def error_of(call, **kwargs):
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        call(**kwargs)
    return caught.value.response["Error"]["Code"], caught.value.response["Error"]["Message"]


def new_table(ddb):
    table = f"insights-{uuid.uuid4().hex[:10]}"
    ddb.create_table(
        TableName=table, BillingMode="PAY_PER_REQUEST",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"},
                              {"AttributeName": "g", "AttributeType": "S"}],
        GlobalSecondaryIndexes=[{"IndexName": "by-g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                 "Projection": {"ProjectionType": "KEYS_ONLY"}}])
    return table


def test_enable_describe_and_disable_on_a_table_and_an_index(ddb):
    table = new_table(ddb)
    described = ddb.describe_contributor_insights(TableName=table)
    assert described["ContributorInsightsStatus"] == "DISABLED" and "ContributorInsightsRuleList" not in described

    answer = ddb.update_contributor_insights(TableName=table, ContributorInsightsAction="ENABLE")
    assert (answer["TableName"], answer["ContributorInsightsStatus"]) == (table, "ENABLING")
    assert answer["ContributorInsightsMode"] == "ACCESSED_AND_THROTTLED_KEYS"
    described = ddb.describe_contributor_insights(TableName=table)
    assert described["ContributorInsightsStatus"] == "ENABLED"
    assert described["ContributorInsightsMode"] == "ACCESSED_AND_THROTTLED_KEYS"
    rules = described["ContributorInsightsRuleList"]
    assert [rule.split("-")[1] for rule in rules] == ["PKC", "PKT", "SKC", "SKT"]
    assert all(re.fullmatch(rf"DynamoDBContributorInsights-[PS]K[CT]-{table}-\d{{13}}", rule) for rule in rules)
    assert "LastUpdateDateTime" in described

    # The index's setting is its own; an index without a sort key has partition-key rules only.
    assert ddb.describe_contributor_insights(TableName=table, IndexName="by-g")["ContributorInsightsStatus"] == "DISABLED"
    ddb.update_contributor_insights(TableName=table, IndexName="by-g", ContributorInsightsAction="ENABLE",
                                    ContributorInsightsMode="THROTTLED_KEYS")
    index = ddb.describe_contributor_insights(TableName=table, IndexName="by-g")
    assert index["IndexName"] == "by-g" and index["ContributorInsightsMode"] == "THROTTLED_KEYS"
    assert [rule.split("-")[1] for rule in index["ContributorInsightsRuleList"]] == ["PKT"]
    assert f"-{table}-by-g-" in index["ContributorInsightsRuleList"][0]

    answer = ddb.update_contributor_insights(TableName=table, ContributorInsightsAction="DISABLE")
    assert answer["ContributorInsightsStatus"] == "DISABLING"
    described = ddb.describe_contributor_insights(TableName=table)
    assert described["ContributorInsightsStatus"] == "DISABLED" and "ContributorInsightsRuleList" not in described
    assert ddb.describe_contributor_insights(TableName=table, IndexName="by-g")["ContributorInsightsStatus"] == "ENABLED"

    # Removing the index removes its setting: an index of the same name starts disabled.
    ddb.update_table(TableName=table, GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "by-g"}}])
    assert error_of(ddb.describe_contributor_insights, TableName=table, IndexName="by-g")[0] == "ResourceNotFoundException"
    ddb.update_table(TableName=table, AttributeDefinitions=[{"AttributeName": "g", "AttributeType": "S"}],
                     GlobalSecondaryIndexUpdates=[{"Create": {
                         "IndexName": "by-g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                         "Projection": {"ProjectionType": "KEYS_ONLY"}}}])
    assert ddb.describe_contributor_insights(TableName=table, IndexName="by-g")["ContributorInsightsStatus"] == "DISABLED"


def test_errors(ddb):
    table = new_table(ddb)
    assert error_of(ddb.update_contributor_insights, TableName="no-such-table", ContributorInsightsAction="ENABLE") == (
        "ResourceNotFoundException", "Requested resource not found: Table: no-such-table not found")
    code, message = error_of(ddb.describe_contributor_insights, TableName=table, IndexName="no-such-index")
    assert code == "ResourceNotFoundException" and "no-such-index" in message
    code, _ = error_of(ddb.update_contributor_insights, TableName=table, ContributorInsightsAction="PAUSE")
    assert code == "ValidationException"
    assert ddb.describe_contributor_insights(TableName=table)["ContributorInsightsStatus"] == "DISABLED"


def test_list_pages_through_tables_and_their_indexes(ddb):
    first, second = new_table(ddb), new_table(ddb)
    ddb.update_contributor_insights(TableName=second, ContributorInsightsAction="ENABLE")
    listed = ddb.list_contributor_insights(TableName=second)["ContributorInsightsSummaries"]
    assert listed == [
        {"TableName": second, "ContributorInsightsStatus": "ENABLED", "ContributorInsightsMode": "ACCESSED_AND_THROTTLED_KEYS"},
        {"TableName": second, "IndexName": "by-g", "ContributorInsightsStatus": "DISABLED"},
    ]
    seen, token = [], None
    while True:
        page = ddb.list_contributor_insights(MaxResults=3, **({"NextToken": token} if token else {}))
        assert len(page["ContributorInsightsSummaries"]) <= 3
        seen += [(s["TableName"], s.get("IndexName")) for s in page["ContributorInsightsSummaries"]]
        token = page.get("NextToken")
        if not token:
            break
    for table in (first, second):
        assert (table, None) in seen and (table, "by-g") in seen
    assert len(seen) == len(set(seen))


def test_cli(stratus, ddb):
    table = new_table(ddb)
    updated = stratus.cli("dynamodb", "update-contributor-insights", "--table-name", table,
                          "--contributor-insights-action", "ENABLE")
    assert updated.returncode == 0, updated.stderr
    assert json.loads(updated.stdout)["ContributorInsightsStatus"] == "ENABLING"
    described = stratus.cli("dynamodb", "describe-contributor-insights", "--table-name", table)
    assert described.returncode == 0 and json.loads(described.stdout)["ContributorInsightsStatus"] == "ENABLED"
    listed = stratus.cli("dynamodb", "list-contributor-insights", "--table-name", table)
    assert listed.returncode == 0
    assert [s["ContributorInsightsStatus"] for s in json.loads(listed.stdout)["ContributorInsightsSummaries"]] == [
        "ENABLED", "DISABLED"]
