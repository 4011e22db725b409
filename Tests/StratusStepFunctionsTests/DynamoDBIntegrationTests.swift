import Foundation
import OrderedCollections
import StratusAPIStepFunctions
import StratusJSON
import StratusServiceKit
import StratusStepFunctions
import StratusStoreSQLite
import StratusTesting
import Synchronization
import Testing

/// A DynamoDB stand-in: records the operations and requests it gets; a `PutItem` whose item has `fail` answers
/// `ConditionalCheckFailedException`, a `GetItem` answers a fixed item, the rest answer `{}`.
final class RecordingDynamoDB: ServiceInvoker {
    let calls = Mutex<[(String, AWSValue)]>([])
    static let conditionalCheckFailed = AWSErrorCode("ConditionalCheckFailedException", httpStatus: 400, senderFault: true)

    func invoke(service: String, operation: String, input: AWSValue, context: RequestContext) async throws -> AWSValue {
        calls.withLock { $0.append((operation, input)) }
        if operation == "PutItem", input[member: "Item"]?[member: "fail"] != nil {
            throw AWSServiceError(Self.conditionalCheckFailed, "The conditional request failed")
        }
        if operation == "GetItem" {
            return ["Item": ["id": ["S": "k"], "data": ["B": .blob(Data([0, 1]))]]]
        }
        return .emptyObject
    }
}

@Suite struct DynamoDBIntegrationTests {
    let context = StepFunctionsFixture.context

    @Test func resourcesOfTheOptimizedIntegration() {
        #expect(StepFunctionsIntegrations.kind(of: "arn:aws:states:::dynamodb:getItem") == .dynamoDB(operation: "GetItem"))
        #expect(StepFunctionsIntegrations.kind(of: "arn:aws:states:::dynamodb:putItem") == .dynamoDB(operation: "PutItem"))
        #expect(StepFunctionsIntegrations.kind(of: "arn:aws:states:::dynamodb:updateItem") == .dynamoDB(operation: "UpdateItem"))
        #expect(StepFunctionsIntegrations.kind(of: "arn:aws:states:::dynamodb:deleteItem") == .dynamoDB(operation: "DeleteItem"))
        #expect(StepFunctionsIntegrations.kind(of: "arn:aws-us-gov:states:::dynamodb:getItem") == .dynamoDB(operation: "GetItem"))
        #expect(StepFunctionsIntegrations.kind(of: "arn:aws:states:::dynamodb:query") == nil)
        #expect(StepFunctionsIntegrations.kind(of: "arn:aws:states:::dynamodb:putItem.sync") == nil)
        #expect(StepFunctionsIntegrations.kind(of: "arn:aws:states:::dynamodb:putItem.waitForTaskToken") == nil)
    }

    @Test func parametersFollowTheModel() throws {
        let input = try JSONValue.parse(#"""
            {"TableName":"t","Item":{"id":{"S":"k"},"n":{"N":"1.5"},"b":{"B":"AAE="},"ok":{"BOOL":true},
             "none":{"NULL":true},"l":{"L":[{"S":"x"}]},"m":{"M":{"a":{"NS":["1","2"]}}}},
             "ConditionExpression":"attribute_not_exists(id)","ReturnValues":"ALL_OLD","Expected":null}
            """#)
        let request = try StepFunctionsIntegrations.dynamoDBRequest(input, operation: "PutItem")
        let item = try #require(request[member: "Item"])
        #expect(item[member: "b"] == ["B": .blob(Data([0, 1]))])
        #expect(item[member: "n"] == ["N": "1.5"])
        #expect(item[member: "ok"] == ["BOOL": true])
        #expect(item[member: "m"]?[member: "M"]?[member: "a"] == ["NS": ["1", "2"]])
        #expect(request[member: "ReturnValues"] == "ALL_OLD")
        // A null member is absent, as the AWS SDK treats it.
        #expect(request[member: "Expected"] == nil)
    }

    @Test func badParametersFailBeforeAnyCall() throws {
        let unknown = try JSONValue.parse(#"{"TableName":"t","Key":{"id":{"S":"k"}},"Bogus":1}"#)
        #expect(throws: StepFunctionsIntegrations.ParameterProblem.self) {
            try StepFunctionsIntegrations.dynamoDBRequest(unknown, operation: "GetItem")
        }
        let numberNotString = try JSONValue.parse(#"{"TableName":"t","Key":{"id":{"N":5}}}"#)
        #expect(throws: StepFunctionsIntegrations.ParameterProblem.self) {
            try StepFunctionsIntegrations.dynamoDBRequest(numberNotString, operation: "GetItem")
        }
        let badBase64 = try JSONValue.parse(#"{"TableName":"t","Key":{"id":{"B":"not base64!"}}}"#)
        #expect(throws: StepFunctionsIntegrations.ParameterProblem.self) {
            try StepFunctionsIntegrations.dynamoDBRequest(badBase64, operation: "GetItem")
        }
        let missing = try JSONValue.parse(#"{"TableName":"t","Item":null}"#)
        do {
            _ = try StepFunctionsIntegrations.dynamoDBRequest(missing, operation: "PutItem")
            Issue.record("a missing Item was accepted")
        } catch let error as AWSServiceError {
            #expect(error.code.code == "ValidationException")
            #expect(error.message == "1 validation error detected: Value null at 'item' failed to satisfy constraint: "
                    + "Member must not be null")
        }
        let both = try JSONValue.parse("{}")
        do {
            _ = try StepFunctionsIntegrations.dynamoDBRequest(both, operation: "UpdateItem")
            Issue.record("missing TableName and Key were accepted")
        } catch let error as AWSServiceError {
            #expect(error.message?.hasPrefix("2 validation errors detected: Value null at 'tableName'") == true)
        }
    }

    @Test func resultMetadataIsComputedFromTheBody() throws {
        #expect(StepFunctionsIntegrations.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(StepFunctionsIntegrations.httpDate(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(StepFunctionsIntegrations.httpDate(Date(timeIntervalSince1970: 1_764_158_130)) == "Wed, 26 Nov 2025 11:55:30 GMT")
        let body = try JSONValue.parse(#"{"Attributes":{"S":{"S":"HelloWorldUpdated"}}}"#)
        let output = StepFunctionsIntegrations.dynamoDBOutput(body, operation: "UpdateItem", requestID: "r-1",
                                                              date: Date(timeIntervalSince1970: 0))
        // The recorded AWS answer of this body has Content-Length 46.
        #expect(output["SdkHttpMetadata"]?["HttpHeaders"]?["Content-Length"] == "46")
        #expect(output["SdkHttpMetadata"]?["AllHttpHeaders"]?["x-amzn-RequestId"] == ["r-1"])
        #expect(output["SdkHttpMetadata"]?["HttpHeaders"]?["x-amz-crc32"]
                == .string(String(StepFunctionsIntegrations.crc32(body.serialized()))))
        #expect(output["SdkResponseMetadata"] == ["RequestId": "r-1"])
        #expect(output["Attributes"] == body["Attributes"])
        let get = StepFunctionsIntegrations.dynamoDBOutput(.object([:]), operation: "GetItem", requestID: "r-2",
                                                           date: Date(timeIntervalSince1970: 0))
        #expect(get["SdkHttpMetadata"]?["HttpHeaders"]?["x-amzn-requestid"] == "r-2")
        #expect(get["SdkHttpMetadata"]?["HttpHeaders"]?["Content-Length"] == "2")
    }

    @Test func errorsAreNamedAsTheSDKNamesThem() {
        let conditional = StepFunctionsIntegrations.dynamoDBFailure(
            AWSServiceError(RecordingDynamoDB.conditionalCheckFailed, "The conditional request failed"), requestID: "r")
        guard case .failed(let error, let cause) = conditional else { Issue.record("not a failure"); return }
        #expect(error == "DynamoDB.ConditionalCheckFailedException")
        #expect(cause == "The conditional request failed (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: "
                + "ConditionalCheckFailedException; Request ID: r; Proxy: null)")
        let validation = StepFunctionsIntegrations.dynamoDBFailure(.validation("bad"), requestID: "r")
        guard case .failed(let name, _) = validation else { Issue.record("not a failure"); return }
        #expect(name == "DynamoDB.AmazonDynamoDBException")
    }

    @Test func aWorkflowCallsDynamoDBAndCatchesItsErrors() async throws {
        let clock = ManualClock()
        let dynamoDB = RecordingDynamoDB()
        let store = SQLiteStepFunctionsStore(database: try SQLiteDatabase.inMemory(name: "stepfunctions"))
        let runner = StepFunctionsRunner(
            clock: clock, automaticTimers: false, integrations: StepFunctionsIntegrations(invoker: dynamoDB))
        let service = StepFunctionsService(store: store, clock: clock, ids: CountingIDs(), runner: runner)
        let definition = #"""
            {"StartAt":"Get","States":{
              "Get":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:getItem",
                     "Parameters":{"TableName":"t","Key":{"id":{"S.$":"$.id"}}},"ResultPath":"$.got","Next":"Put"},
              "Put":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem",
                     "Parameters":{"TableName":"t","Item":{"id":{"S.$":"$.id"},"fail":{"BOOL":true}}},
                     "Catch":[{"ErrorEquals":["DynamoDB.ConditionalCheckFailedException"],"ResultPath":"$.error",
                               "Next":"Done"}],"End":true},
              "Done":{"Type":"Pass","End":true}}}
            """#
        let machine = try await service.createStateMachine(
            .init(name: "ddb", definition: definition, roleArn: StepFunctionsFixture.role), context: context
        ).stateMachineArn
        let arn = try await service.startExecution(.init(stateMachineArn: machine, input: #"{"id":"k"}"#), context: context)
            .executionArn
        var described = try await service.describeExecution(.init(executionArn: arn), context: context)
        for _ in 0..<1000 where described.status == .running {
            try await Task.sleep(for: .milliseconds(2))
            described = try await service.describeExecution(.init(executionArn: arn), context: context)
        }
        #expect(described.status == .succeeded)
        let output = try JSONValue.parse(described.output ?? "null")
        #expect(output["got"]?["Item"] == ["id": ["S": "k"], "data": ["B": "AAE="]])
        #expect(output["error"]?["Error"] == "DynamoDB.ConditionalCheckFailedException")
        let operations = dynamoDB.calls.withLock { $0.map(\.0) }
        #expect(operations == ["GetItem", "PutItem"])
        #expect(dynamoDB.calls.withLock { $0.first?.1[member: "Key"] } == ["id": ["S": "k"]])
    }
}
