"""Step Functions' optimized DynamoDB integrations (dynamodb:putItem, getItem, updateItem, deleteItem) through boto3:
a workflow that puts, gets, updates with a condition, catches ConditionalCheckFailed, and deletes; AWS's result
shapes and error names."""
import json

from sfn_support import ROLE, unique, wait_for


def table(ddb) -> str:
    name = unique("sfn-ddb")
    ddb.create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
    return name


def run(sfn, definition: dict, payload: dict) -> dict:
    arn = sfn.create_state_machine(name=unique("ddb-wf"), roleArn=ROLE,
                                   definition=json.dumps(definition))["stateMachineArn"]
    started = sfn.start_execution(stateMachineArn=arn, input=json.dumps(payload))
    return wait_for(sfn, started["executionArn"], timeout=20)


WORKFLOW = {
    "StartAt": "Put",
    "States": {
        "Put": {
            "Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
            "Parameters": {"TableName.$": "$.table",
                           "Item": {"id": {"S.$": "$.id"}, "stock": {"N": "2"}, "name": {"S": "widget"}}},
            "ResultPath": "$.put", "Next": "Get",
        },
        "Get": {
            "Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
            "Parameters": {"TableName.$": "$.table", "Key": {"id": {"S.$": "$.id"}}, "ConsistentRead": True},
            "ResultSelector": {"stock.$": "$.Item.stock.N", "name.$": "$.Item.name.S"},
            "ResultPath": "$.got", "Next": "Take",
        },
        "Take": {
            "Type": "Task", "Resource": "arn:aws:states:::dynamodb:updateItem",
            "Parameters": {
                "TableName.$": "$.table", "Key": {"id": {"S.$": "$.id"}},
                "UpdateExpression": "SET stock = stock - :one",
                "ConditionExpression": "stock >= :one",
                "ExpressionAttributeValues": {":one": {"N": "1"}},
                "ReturnValues": "UPDATED_NEW",
            },
            "ResultSelector": {"stock.$": "$.Attributes.stock.N"},
            "ResultPath": "$.take",
            "Catch": [{"ErrorEquals": ["DynamoDB.ConditionalCheckFailedException"], "ResultPath": "$.soldOut",
                       "Next": "Delete"}],
            "Next": "Take",
        },
        "Delete": {
            "Type": "Task", "Resource": "arn:aws:states:::dynamodb:deleteItem",
            "Parameters": {"TableName.$": "$.table", "Key": {"id": {"S.$": "$.id"}}, "ReturnValues": "ALL_OLD"},
            "ResultSelector": {"old.$": "$.Attributes"},
            "ResultPath": "$.deleted", "End": True,
        },
    },
}


def test_put_get_conditional_update_catch_delete(stratus):
    ddb, sfn = stratus.client("dynamodb"), stratus.client("stepfunctions")
    name = table(ddb)
    done = run(sfn, WORKFLOW, {"table": name, "id": "item-1"})
    assert done["status"] == "SUCCEEDED", done
    output = json.loads(done["output"])
    # PutItem answers no attributes: only the metadata Step Functions adds.
    assert set(output["put"]) == {"SdkHttpMetadata", "SdkResponseMetadata"}
    metadata = output["put"]["SdkHttpMetadata"]
    assert metadata["HttpStatusCode"] == 200
    assert metadata["HttpHeaders"]["Content-Length"] == "2"
    assert metadata["HttpHeaders"]["Content-Type"] == "application/x-amz-json-1.0"
    assert metadata["AllHttpHeaders"]["x-amzn-RequestId"] == [output["put"]["SdkResponseMetadata"]["RequestId"]]
    assert output["got"] == {"stock": "2", "name": "widget"}
    # Two successful takes (2 → 1 → 0), then the condition fails and the Catch routes to Delete.
    assert output["take"] == {"stock": "0"}
    assert output["soldOut"]["Error"] == "DynamoDB.ConditionalCheckFailedException"
    assert "The conditional request failed" in output["soldOut"]["Cause"]
    assert "Error Code: ConditionalCheckFailedException" in output["soldOut"]["Cause"]
    assert output["deleted"]["old"] == {"id": {"S": "item-1"}, "stock": {"N": "0"}, "name": {"S": "widget"}}
    assert "Item" not in ddb.get_item(TableName=name, Key={"id": {"S": "item-1"}}, ConsistentRead=True)
    history = sfn.get_execution_history(executionArn=done["executionArn"], maxResults=1000)["events"]
    scheduled = [e["taskScheduledEventDetails"] for e in history if e["type"] == "TaskScheduled"]
    assert [(d["resourceType"], d["resource"]) for d in scheduled] == [
        ("dynamodb", "putItem"), ("dynamodb", "getItem"), ("dynamodb", "updateItem"), ("dynamodb", "updateItem"),
        ("dynamodb", "updateItem"), ("dynamodb", "deleteItem")]


def test_get_item_result_shape(stratus):
    ddb, sfn = stratus.client("dynamodb"), stratus.client("stepfunctions")
    name = table(ddb)
    ddb.put_item(TableName=name, Item={"id": {"S": "k"}, "tags": {"SS": ["a", "b"]}, "blob": {"B": b"\x00\x01"}})
    done = run(sfn, {"StartAt": "Get", "States": {"Get": {
        "Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
        "Parameters": {"TableName": name, "Key": {"id": {"S": "k"}}}, "End": True}}}, {})
    assert done["status"] == "SUCCEEDED", done
    output = json.loads(done["output"])
    assert output["Item"]["id"] == {"S": "k"}
    assert sorted(output["Item"]["tags"]["SS"]) == ["a", "b"]
    assert output["Item"]["blob"] == {"B": "AAE="}
    headers = output["SdkHttpMetadata"]["HttpHeaders"]
    body = json.dumps({"Item": output["Item"]}, separators=(",", ":"))
    assert headers["Content-Length"] == str(len(body.encode()))
    # GetItem's request id header is lower-case, as AWS sends it.
    assert "x-amzn-requestid" in headers


def test_missing_table_and_missing_item_parameter(stratus):
    sfn = stratus.client("stepfunctions")
    done = run(sfn, {"StartAt": "Put", "States": {"Put": {
        "Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
        "Parameters": {"TableName": unique("missing"), "Item": {"id": {"S": "1"}}}, "End": True}}}, {})
    assert done["status"] == "FAILED"
    assert done["error"] == "DynamoDB.ResourceNotFoundException"
    assert done["cause"].startswith("Requested resource not found")
    assert "(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ResourceNotFoundException;" in done["cause"]
    done = run(sfn, {"StartAt": "Put", "States": {"Put": {
        "Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
        "Parameters": {"TableName": "whatever", "Item.$": "$.nothing"}, "End": True}}}, {"nothing": None})
    assert done["status"] == "FAILED"
    # ValidationException has no exception class of its own in the AWS SDK Step Functions uses.
    assert done["error"] == "DynamoDB.AmazonDynamoDBException"
    assert done["cause"].startswith(
        "1 validation error detected: Value null at 'item' failed to satisfy constraint: Member must not be null")


def test_unknown_parameter_fails_the_task(stratus):
    ddb, sfn = stratus.client("dynamodb"), stratus.client("stepfunctions")
    name = table(ddb)
    done = run(sfn, {"StartAt": "Get", "States": {"Get": {
        "Type": "Task", "Resource": "arn:aws:states:::dynamodb:getItem",
        "Parameters": {"TableName": name, "Key": {"id": {"S": "1"}}, "Bogus": 1}, "End": True}}}, {})
    assert done["status"] == "FAILED"
    assert done["error"] == "States.Runtime"
    assert "Bogus" in done["cause"]
