"""Step Functions' AWS SDK integrations (`arn:aws:states:::aws-sdk:<service>:<action>`) on the services Stratus runs —
DynamoDB, SQS, Lambda and Step Functions itself — through boto3: any API operation, the plain response as the result, and the AWS SDK's
error names (`DynamoDb.…`, `Sqs.…`, `Lambda.…`) and causes."""
import json

from sfn_support import ROLE, unique, wait_for


def run(sfn, definition: dict, payload: dict | None = None) -> dict:
    arn = sfn.create_state_machine(name=unique("sdk-wf"), roleArn=ROLE,
                                   definition=json.dumps(definition))["stateMachineArn"]
    started = sfn.start_execution(stateMachineArn=arn, input=json.dumps(payload or {}))
    return wait_for(sfn, started["executionArn"], timeout=20)


def task(resource: str, parameters: dict, **more) -> dict:
    return {"Type": "Task", "Resource": f"arn:aws:states:::aws-sdk:{resource}", "Parameters": parameters, **more}


def test_dynamodb_operations_the_optimized_integration_lacks(stratus):
    ddb, sfn = stratus.client("dynamodb"), stratus.client("stepfunctions")
    table = unique("sdk-ddb")
    ddb.create_table(TableName=table, BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "sk", "AttributeType": "N"}],
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}])
    definition = {"StartAt": "Write", "States": {
        "Write": task("dynamodb:batchWriteItem", {"RequestItems": {table: [
            {"PutRequest": {"Item": {"pk": {"S": "order-1"}, "sk": {"N": str(n)}, "qty": {"N": str(n * 10)}}}}
            for n in (1, 2, 3)]}}, ResultPath="$.write", Next="Query"),
        "Query": task("dynamodb:query", {
            "TableName": table, "KeyConditionExpression": "pk = :pk AND sk >= :from",
            "ExpressionAttributeValues": {":pk": {"S": "order-1"}, ":from": {"N": "2"}}, "ScanIndexForward": False},
            ResultPath="$.query", Next="Put"),
        "Put": task("dynamodb:putItem", {"TableName": table, "Item": {"pk": {"S": "order-1"}, "sk": {"N": "1"}}},
                    ResultPath="$.put", Next="Describe"),
        "Describe": task("dynamodb:describeTable", {"TableName": table},
                         ResultSelector={"status.$": "$.Table.TableStatus", "count.$": "$.Table.ItemCount"},
                         ResultPath="$.table", End=True),
    }}
    done = run(sfn, definition)
    assert done["status"] == "SUCCEEDED", done
    output = json.loads(done["output"])
    assert output["write"] == {"UnprocessedItems": {}}
    # The response as the API writes it: no SdkHttpMetadata (that is the optimized integrations' shape).
    assert output["query"] == {"Count": 2, "ScannedCount": 2, "Items": [
        {"pk": {"S": "order-1"}, "sk": {"N": "3"}, "qty": {"N": "30"}},
        {"pk": {"S": "order-1"}, "sk": {"N": "2"}, "qty": {"N": "20"}}]}
    assert output["put"] == {}
    assert output["table"] == {"status": "ACTIVE", "count": 3}
    history = sfn.get_execution_history(executionArn=done["executionArn"], maxResults=1000)["events"]
    scheduled = [e["taskScheduledEventDetails"] for e in history if e["type"] == "TaskScheduled"]
    assert [(d["resourceType"], d["resource"]) for d in scheduled] == [
        ("aws-sdk:dynamodb", "batchWriteItem"), ("aws-sdk:dynamodb", "query"), ("aws-sdk:dynamodb", "putItem"),
        ("aws-sdk:dynamodb", "describeTable")]


def test_dynamodb_errors_carry_the_sdk_names(stratus):
    ddb, sfn = stratus.client("dynamodb"), stratus.client("stepfunctions")
    table = unique("sdk-ddb")
    ddb.create_table(TableName=table, BillingMode="PAY_PER_REQUEST",
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}])
    definition = {"StartAt": "Put", "States": {
        "Put": task("dynamodb:putItem", {"TableName": table, "Item": {"id": {"S": "1"}},
                                        "ConditionExpression": "attribute_exists(id)"},
                    Catch=[{"ErrorEquals": ["DynamoDb.ConditionalCheckFailedException"], "ResultPath": "$.caught",
                            "Next": "Missing"}], End=True),
        "Missing": task("dynamodb:getItem", {"TableName": unique("missing"), "Key": {"id": {"S": "1"}}},
                        Catch=[{"ErrorEquals": ["DynamoDb.ResourceNotFoundException"], "ResultPath": "$.missing",
                                "Next": "Invalid"}], End=True),
        "Invalid": task("dynamodb:putItem", {"TableName": table, "Item.$": "$.nothing"}, End=True),
    }}
    done = run(sfn, definition, {"nothing": None})
    assert done["status"] == "FAILED", done
    # ValidationException has no exception class of its own in the SDK.
    assert done["error"] == "DynamoDb.DynamoDbException"
    assert done["cause"].startswith("1 validation error detected: Value null at 'item' failed to satisfy constraint: "
                                    "Member must not be null (Service: DynamoDb, Status Code: 400, Request ID: ")
    assert done["cause"].endswith(") (SDK Attempt Count: 1)")
    history = sfn.get_execution_history(executionArn=done["executionArn"], maxResults=1000)["events"]
    failures = [e["taskFailedEventDetails"] for e in history if e["type"] == "TaskFailed"]
    assert [f["error"] for f in failures] == [
        "DynamoDb.ConditionalCheckFailedException", "DynamoDb.ResourceNotFoundException", "DynamoDb.DynamoDbException"]
    assert failures[0]["cause"].startswith("The conditional request failed (Service: DynamoDb, Status Code: 400, ")
    assert failures[1]["cause"].startswith("Requested resource not found (Service: DynamoDb, Status Code: 400, ")


def test_sqs_and_lambda_through_the_sdk_integration(stratus):
    sqs, sfn = stratus.client("sqs"), stratus.client("stepfunctions")
    url = sqs.create_queue(QueueName=unique("sdk-q"))["QueueUrl"]
    definition = {"StartAt": "Send", "States": {
        "Send": task("sqs:sendMessage", {"QueueUrl": url, "MessageBody.$": "$.body"}, ResultPath="$.sent",
                     Next="Receive"),
        "Receive": task("sqs:receiveMessage", {"QueueUrl": url, "MaxNumberOfMessages": 1, "WaitTimeSeconds": 1},
                        ResultSelector={"body.$": "$.Messages[0].Body"}, ResultPath="$.received", Next="Function"),
        "Function": task("lambda:getFunction", {"FunctionName": unique("no-such-function")},
                         Catch=[{"ErrorEquals": ["Lambda.ResourceNotFoundException"], "ResultPath": "$.lambda",
                                 "Next": "Gone"}], End=True),
        "Gone": task("sqs:getQueueAttributes", {"QueueUrl": url + "-gone"}, End=True),
    }}
    done = run(sfn, definition, {"body": "hello"})
    assert done["status"] == "FAILED", done
    history = sfn.get_execution_history(executionArn=done["executionArn"], maxResults=1000)["events"]
    succeeded = [json.loads(e["taskSucceededEventDetails"]["output"]) for e in history if e["type"] == "TaskSucceeded"]
    assert set(succeeded[0]) == {"MD5OfMessageBody", "MessageId"}
    assert succeeded[1]["Messages"][0]["Body"] == "hello"
    failures = [e["taskFailedEventDetails"] for e in history if e["type"] == "TaskFailed"]
    assert failures[0]["error"] == "Lambda.ResourceNotFoundException"
    assert "(Service: Lambda, Status Code: 404, Request ID: " in failures[0]["cause"]
    assert done["error"] == "Sqs.QueueDoesNotExistException"
    assert "(Service: Sqs, Status Code: 400, Request ID: " in done["cause"]


def test_step_functions_calls_itself(stratus):
    sfn = stratus.client("stepfunctions")
    child = sfn.create_state_machine(name=unique("sdk-child"), roleArn=ROLE, definition=json.dumps(
        {"StartAt": "Done", "States": {"Done": {"Type": "Pass", "Result": {"ok": True}, "End": True}}}))["stateMachineArn"]
    definition = {"StartAt": "Start", "States": {
        "Start": task("sfn:startExecution", {"StateMachineArn": child, "Input": "{\"from\": \"parent\"}"},
                      ResultPath="$.started", Next="Wait"),
        "Wait": {"Type": "Wait", "Seconds": 1, "Next": "Describe"},
        "Describe": task("sfn:describeExecution", {"ExecutionArn.$": "$.started.ExecutionArn"},
                         ResultSelector={"status.$": "$.Status", "output.$": "$.Output"}, ResultPath="$.child",
                         Next="Token"),
        "Token": task("sfn:sendTaskSuccess", {"TaskToken": "NoSuchTaskToken", "Output": "{}"}, End=True),
    }}
    done = run(sfn, definition)
    assert done["status"] == "FAILED", done
    assert done["error"] == "Sfn.InvalidTokenException", done
    assert done["cause"].startswith("Invalid Token: 'Invalid token' (Service: Sfn, Status Code: 400, Request ID: ")
    history = sfn.get_execution_history(executionArn=done["executionArn"], maxResults=1000)["events"]
    outputs = [json.loads(e["taskSucceededEventDetails"]["output"]) for e in history if e["type"] == "TaskSucceeded"]
    assert set(outputs[0]) == {"ExecutionArn", "StartDate"}
    assert outputs[0]["ExecutionArn"].startswith(child.replace(":stateMachine:", ":execution:"))
    child_input = sfn.describe_execution(executionArn=outputs[0]["ExecutionArn"])["input"]
    assert json.loads(child_input) == {"from": "parent"}
    # Step Functions' own model writes members in lowerCamelCase; the SDK's result capitalizes them.
    assert outputs[1]["Status"] == "SUCCEEDED" and outputs[1]["Output"] == "{\"ok\":true}"
    assert outputs[1]["InputDetails"] == {"Included": True}
