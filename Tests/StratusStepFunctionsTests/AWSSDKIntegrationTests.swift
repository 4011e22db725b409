import Foundation
import OrderedCollections
import StratusAPIDynamoDB
import StratusAPIStepFunctions
import StratusJSON
import StratusServiceKit
import StratusStepFunctions
import Testing

@Suite struct AWSSDKIntegrationTests {
    @Test func resourcesNameAnOperationOfAServiceStratusRuns() {
        func kind(_ resource: String) -> StepFunctionsIntegrations.Kind? { StepFunctionsIntegrations.kind(of: resource) }
        #expect(kind("arn:aws:states:::aws-sdk:dynamodb:query") == .awsSDK(service: "dynamodb", operation: "Query", waitsForTaskToken: false))
        #expect(kind("arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken")
            == .awsSDK(service: "sqs", operation: "SendMessage", waitsForTaskToken: true))
        #expect(kind("arn:aws:states:::aws-sdk:lambda:getFunction") == .awsSDK(service: "lambda", operation: "GetFunction", waitsForTaskToken: false))
        #expect(kind("arn:aws:states:::aws-sdk:sfn:startExecution") == .awsSDK(service: "sfn", operation: "StartExecution", waitsForTaskToken: false))
        #expect(kind("arn:aws:states:::aws-sdk:dynamodb:noSuchAction") == nil)
        #expect(kind("arn:aws:states:::aws-sdk:dynamodb:Query") == nil)  // actions start in lower case
        #expect(kind("arn:aws:states:::aws-sdk:dynamodb:query.sync") == nil)
        #expect(kind("arn:aws:states:::aws-sdk:s3:getObject") == .awsSDK(service: "s3", operation: "GetObject", waitsForTaskToken: false))
        // A Distributed Map's S3 access.
        #expect(kind("arn:aws:states:::s3:getObject") == .mapItemReader(listsObjects: false))
        #expect(kind("arn:aws:states:::s3:listObjectsV2") == .mapItemReader(listsObjects: true))
        #expect(kind("arn:aws:states:::s3:putObject") == .mapResultWriter)
        #expect(kind("arn:aws:states:::s3:deleteObject") == nil)
    }

    @Test func resultsUseTheSDKsCapitalizedFieldNamesButKeepMapKeys() throws {
        let started: AWSValue = ["executionArn": "arn:x", "startDate": .timestamp(Date(timeIntervalSince1970: 2))]
        let output = try #require(ServiceSchema.stepFunctions.operation(named: "StartExecution")?.output?.shape)
        #expect(StepFunctionsIntegrations.sdkResult(started, shape: output, schema: .stepFunctions)
            == .object(["ExecutionArn": "arn:x", "StartDate": .number(JSONNumber(2))]))
        let item: AWSValue = ["Item": ["lowerKey": ["S": "v"], "list": ["L": [["M": ["inner": ["N": "1"]]]]]]]
        let getItem = try #require(ServiceSchema.dynamoDB.operation(named: "GetItem")?.output?.shape)
        #expect(StepFunctionsIntegrations.sdkResult(item, shape: getItem, schema: .dynamoDB) == item.jsonValue)
    }

    @Test func errorsAreNamedAndDescribedAsTheSDKv2Does() throws {
        let dynamoDB = try #require(StepFunctionsIntegrations.awsSDKServices["dynamodb"])
        let missing = StepFunctionsIntegrations.awsSDKFailure(
            AWSServiceError(DynamoDBErrors.resourceNotFoundException, "Requested resource not found"), service: dynamoDB,
            requestID: "r-1")
        guard case .failed(let error, let cause) = missing else { Issue.record("not a failure"); return }
        #expect(error == "DynamoDb.ResourceNotFoundException")
        #expect(cause == "Requested resource not found (Service: DynamoDb, Status Code: 400, Request ID: r-1) (SDK Attempt Count: 1)")
        guard case .failed(let validation, _) = StepFunctionsIntegrations.awsSDKFailure(
            .validation("bad"), service: dynamoDB, requestID: "r") else { Issue.record("not a failure"); return }
        #expect(validation == "DynamoDb.DynamoDbException")
        let sfn = try #require(StepFunctionsIntegrations.awsSDKServices["sfn"])
        guard case .failed(let token, _) = StepFunctionsIntegrations.awsSDKFailure(
            AWSServiceError(StepFunctionsErrors.invalidToken, "Invalid Token: 'x'"), service: sfn, requestID: "r")
        else { Issue.record("not a failure"); return }
        #expect(token == "Sfn.InvalidTokenException")
    }
}
