import Foundation
import OrderedCollections
import StratusAPIDynamoDBStreams
import StratusAPILambda
import StratusJSON
import StratusServiceKit
import Testing

@testable import StratusLambda

@Suite("Lambda: DynamoDB stream event sources")
struct StreamEventSourceTests {
    static let streamArn = "arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2026-11-27T22:49:45.586"

    @Test func streamArnsParseAndOtherArnsDoNot() {
        let parsed = LambdaStreamArn(Self.streamArn)
        #expect(parsed == LambdaStreamArn(Self.streamArn))
        #expect(parsed?.tableName == "orders" && parsed?.region == "us-east-1" && parsed?.accountID == "000000000000")
        #expect(LambdaStreamArn("arn:aws:dynamodb:us-east-1:000000000000:table/orders") == nil)
        #expect(LambdaStreamArn("arn:aws:sqs:us-east-1:000000000000:queue") == nil)
        #expect(LambdaStreamArn("arn:aws:dynamodb:us-east-1:0:table/orders/stream/x") == nil)
    }

    @Test func reportedFailuresAreReadAsLambdaReadsThem() {
        let sequences = ["000000000000000000001", "000000000000000000002", "000000000000000000003"]
        func payload(_ text: String) -> [UInt8] { Array(text.utf8) }
        #expect(LambdaEventSourcePoller.reportedFailures([]) == [])
        #expect(LambdaEventSourcePoller.reportedFailures(payload("null")) == [])
        #expect(LambdaEventSourcePoller.reportedFailures(payload(#"{"batchItemFailures": []}"#)) == [])
        #expect(LambdaEventSourcePoller.reportedFailures(payload(#"{"batchItemFailures": "no"}"#)) == nil)
        #expect(LambdaEventSourcePoller.reportedFailures(payload(#"{"batchItemFailures": [{"itemIdentifier": ""}]}"#)) == nil)
        let two = payload(#"{"batchItemFailures": [{"itemIdentifier": "000000000000000000003"}, {"itemIdentifier": "000000000000000000002"}]}"#)
        #expect(LambdaEventSourcePoller.firstReportedFailure(two, sequences: sequences) == "000000000000000000002")
        let unknown = payload(#"{"batchItemFailures": [{"itemIdentifier": "000000000000000000009"}]}"#)
        #expect(LambdaEventSourcePoller.firstReportedFailure(unknown, sequences: sequences) == nil)
    }

    @Test func theEventRecordAddsItsSourceAndTheFailureRecordDescribesTheBatch() throws {
        let record = try DynamoDBStreams.Record(awsValue: .object([
            "eventID": .string("0123456789abcdef0123456789abcdef"), "eventName": .string("INSERT"),
            "dynamodb": .object([
                "ApproximateCreationDateTime": .timestamp(Date(timeIntervalSince1970: 1_700_000_000)),
                "Keys": .object(["pk": .object(["S": .string("a")])]),
                "SequenceNumber": .string("000000000000000000007"), "SizeBytes": .integer(3),
                "StreamViewType": .string("KEYS_ONLY"),
            ]),
        ]))
        let event = LambdaEventSourcePoller.streamEvent(record, sourceArn: Self.streamArn)
        #expect(event["eventSourceARN"]?.stringValue == Self.streamArn)
        #expect(event["dynamodb"]?["ApproximateCreationDateTime"] == .number(JSONNumber(1_700_000_000)))
        #expect(event["dynamodb"]?["Keys"]?["pk"]?["S"]?.stringValue == "a")

        var mapping = LambdaEventSourceMappingRecord(
            uuid: "u", accountID: "000000000000", region: "us-east-1", functionArn: "arn:aws:lambda:us-east-1:000000000000:function:f",
            eventSourceArn: Self.streamArn, batchSize: 1, maximumBatchingWindowInSeconds: 0, enabled: true, state: "Enabled",
            stateTransitionReason: "User action", functionResponseTypes: [], maximumConcurrency: nil,
            lastProcessingResult: "OK", tags: [:], lastModified: 0)
        mapping.startingPosition = "TRIM_HORIZON"
        let failure = LambdaEventSourcePoller.failureRecord(
            [record], mapping: mapping, condition: "RetryAttemptsExhausted", invokeCount: 3, outcome: nil, requestID: "r",
            shardID: "shardId-1", now: 1_700_000_001_000)
        #expect(failure["requestContext"]?["condition"]?.stringValue == "RetryAttemptsExhausted")
        #expect(failure["requestContext"]?["approximateInvokeCount"] == .number(JSONNumber(3)))
        #expect(failure["DDBStreamBatchInfo"]?["startSequenceNumber"]?.stringValue == "000000000000000000007")
        #expect(failure["DDBStreamBatchInfo"]?["approximateArrivalOfFirstRecord"]?.stringValue == "2023-11-14T22:13:20.000Z")
        #expect(failure["DDBStreamBatchInfo"]?["shardId"]?.stringValue == "shardId-1")
    }

    @Test func streamSettingsFollowLambdasRanges() throws {
        let defaults = LambdaService.StreamSettings.defaults
        #expect(throws: AWSServiceError.self) {
            _ = try LambdaService.StreamSettings.checked(defaults, retries: nil, recordAge: 59, bisect: nil, parallelization: nil, destination: nil)
        }
        #expect(throws: AWSServiceError.self) {
            _ = try LambdaService.StreamSettings.checked(defaults, retries: nil, recordAge: nil, bisect: nil, parallelization: 11, destination: nil)
        }
        #expect(throws: AWSServiceError.self) {
            _ = try LambdaService.StreamSettings.checked(
                defaults, retries: nil, recordAge: nil, bisect: nil, parallelization: nil,
                destination: Lambda.DestinationConfig(onFailure: Lambda.OnFailure(destination: "arn:aws:lambda:us-east-1:000000000000:function:f")))
        }
        let checked = try LambdaService.StreamSettings.checked(
            defaults, retries: 3, recordAge: 60, bisect: true, parallelization: 2,
            destination: Lambda.DestinationConfig(onFailure: Lambda.OnFailure(destination: "arn:aws:sqs:us-east-1:000000000000:dlq")))
        #expect(checked.maximumRetryAttempts == 3 && checked.maximumRecordAgeInSeconds == 60)
        #expect(checked.bisectBatchOnFunctionError && checked.parallelizationFactor == 2)
        #expect(checked.onFailureDestination == "arn:aws:sqs:us-east-1:000000000000:dlq")
    }
}
