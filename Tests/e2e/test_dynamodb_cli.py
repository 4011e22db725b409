"""DynamoDB through the AWS CLI: tables, waiters, items, queries, scans, batches, transactions, TTL, tags and errors."""
import json
import uuid


def run(stratus, *args):
    result = stratus.cli("dynamodb", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout) if result.stdout.strip() else None


def test_cli_round_trip(stratus):
    table = f"cli-{uuid.uuid4().hex[:8]}"
    created = run(stratus, "create-table", "--table-name", table,
                  "--attribute-definitions", "AttributeName=pk,AttributeType=S", "AttributeName=sk,AttributeType=N",
                  "--key-schema", "AttributeName=pk,KeyType=HASH", "AttributeName=sk,KeyType=RANGE",
                  "--billing-mode", "PAY_PER_REQUEST")
    assert created["TableDescription"]["TableStatus"] == "CREATING"
    run(stratus, "wait", "table-exists", "--table-name", table)
    assert table in run(stratus, "list-tables")["TableNames"]
    for sk in range(5):
        run(stratus, "put-item", "--table-name", table,
            "--item", json.dumps({"pk": {"S": "a"}, "sk": {"N": str(sk)}, "v": {"S": f"value {sk}"}}))
    got = run(stratus, "get-item", "--table-name", table, "--key", json.dumps({"pk": {"S": "a"}, "sk": {"N": "3"}}))
    assert got["Item"]["v"] == {"S": "value 3"}
    updated = run(stratus, "update-item", "--table-name", table, "--key", json.dumps({"pk": {"S": "a"}, "sk": {"N": "3"}}),
                  "--update-expression", "SET v = :v", "--expression-attribute-values", json.dumps({":v": {"S": "new"}}),
                  "--return-values", "UPDATED_NEW")
    assert updated["Attributes"] == {"v": {"S": "new"}}
    queried = run(stratus, "query", "--table-name", table, "--key-condition-expression", "pk = :p AND sk > :s",
                  "--expression-attribute-values", json.dumps({":p": {"S": "a"}, ":s": {"N": "1"}}),
                  "--no-scan-index-forward")
    assert [i["sk"]["N"] for i in queried["Items"]] == ["4", "3", "2"]
    # The CLI follows LastEvaluatedKey itself: a page size of 2 still returns everything.
    scanned = run(stratus, "scan", "--table-name", table, "--page-size", "2")
    assert scanned["Count"] == 5
    run(stratus, "batch-write-item", "--request-items", json.dumps({table: [
        {"DeleteRequest": {"Key": {"pk": {"S": "a"}, "sk": {"N": "0"}}}}]}))
    run(stratus, "transact-write-items", "--transact-items", json.dumps([
        {"Put": {"TableName": table, "Item": {"pk": {"S": "b"}, "sk": {"N": "1"}}}}]))
    batch = run(stratus, "batch-get-item", "--request-items", json.dumps({table: {"Keys": [
        {"pk": {"S": "a"}, "sk": {"N": "0"}}, {"pk": {"S": "b"}, "sk": {"N": "1"}}]}}))
    assert batch["Responses"][table] == [{"pk": {"S": "b"}, "sk": {"N": "1"}}]
    run(stratus, "update-time-to-live", "--table-name", table, "--time-to-live-specification", "Enabled=true,AttributeName=exp")
    assert run(stratus, "describe-time-to-live", "--table-name", table)["TimeToLiveDescription"]["TimeToLiveStatus"] == "ENABLED"
    arn = run(stratus, "describe-table", "--table-name", table)["Table"]["TableArn"]
    run(stratus, "tag-resource", "--resource-arn", arn, "--tags", "Key=env,Value=test")
    assert run(stratus, "list-tags-of-resource", "--resource-arn", arn)["Tags"] == [{"Key": "env", "Value": "test"}]
    failed = stratus.cli("dynamodb", "put-item", "--table-name", table, "--item", json.dumps({"pk": {"S": "b"}, "sk": {"N": "1"}}),
                         "--condition-expression", "attribute_not_exists(pk)")
    assert failed.returncode != 0 and "ConditionalCheckFailedException" in failed.stderr
    missing = stratus.cli("dynamodb", "describe-table", "--table-name", "no-such-table")
    assert missing.returncode != 0 and "ResourceNotFoundException" in missing.stderr
    run(stratus, "delete-table", "--table-name", table)
    run(stratus, "wait", "table-not-exists", "--table-name", table)
    assert run(stratus, "describe-limits")["AccountMaxReadCapacityUnits"] == 80000
