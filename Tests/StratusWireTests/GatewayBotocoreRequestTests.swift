import Foundation
import HTTPTypes
import OrderedCollections
import StratusAPIDynamoDB
import StratusAPIEventBridge
import StratusAPISNS
import StratusAPISQS
import StratusServiceKit
import Synchronization
import Testing
@testable import StratusWire

/// Request bodies exactly as botocore 1.43's serializers write them (captured once with `botocore.serialize`),
/// decoded through the gateway: what a boto3 client sends must reach the handler as the model value.
@Suite struct GatewayBotocoreRequestTests {
    private func decode(
        _ schema: ServiceSchema, headers: [(String, String)], body: String, path: String = "/"
    ) async -> (operation: String, input: AWSValue)? {
        let captured = Mutex<(String, AWSValue)?>(nil)
        let handler = RPCRecordingHandler(schema: schema) { operation, input, _ in
            captured.withLock { $0 = (operation.name, input) }
            return .emptyObject
        }
        let gateway = WireGateway(handlers: [handler], configuration: WireConfiguration(validatedServices: []))
        let response = await gateway.handle(
            RPCTestSupport.request(path: path, headers: headers, body: body), requestID: "r", now: Date(timeIntervalSince1970: 0))
        guard let (operation, input) = captured.withLock({ $0 }) else {
            Issue.record("handler not called: \(response.head.status.code) \(RPCTestSupport.text(response))")
            return nil
        }
        return (operation, RPCTestSupport.canonical(input))
    }

    private let form = [("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")]

    @Test func snsPublishWithMessageAttributes() async {
        let decoded = await decode(
            .sns, headers: form,
            body: "Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3At&Message=hi+%26+bye"
                + "&MessageAttributes.entry.1.Name=color&MessageAttributes.entry.1.Value.DataType=String"
                + "&MessageAttributes.entry.1.Value.StringValue=red&MessageAttributes.entry.2.Name=bin"
                + "&MessageAttributes.entry.2.Value.DataType=Binary&MessageAttributes.entry.2.Value.BinaryValue=AAE%3D")
        #expect(decoded?.operation == "Publish")
        #expect(
            decoded?.input
                == RPCTestSupport.canonical([
                    "TopicArn": "arn:aws:sns:us-east-1:000000000000:t", "Message": "hi & bye",
                    "MessageAttributes": [
                        "color": ["DataType": "String", "StringValue": "red"],
                        "bin": ["DataType": "Binary", "BinaryValue": .blob(Data([0, 1]))],
                    ],
                ]))
    }

    @Test func snsSubscribeTagResourceAndPublishBatch() async {
        let subscribe = await decode(
            .sns, headers: form,
            body: "Action=Subscribe&Version=2010-03-31&TopicArn=arn%3At&Protocol=sqs&Endpoint=arn%3Aq"
                + "&Attributes.entry.1.key=RawMessageDelivery&Attributes.entry.1.value=true&ReturnSubscriptionArn=true")
        #expect(
            subscribe?.input
                == RPCTestSupport.canonical([
                    "TopicArn": "arn:t", "Protocol": "sqs", "Endpoint": "arn:q", "Attributes": ["RawMessageDelivery": "true"],
                    "ReturnSubscriptionArn": true,
                ]))
        let tag = await decode(
            .sns, headers: form,
            body: "Action=TagResource&Version=2010-03-31&ResourceArn=arn%3At&Tags.member.1.Key=k&Tags.member.1.Value=v")
        #expect(tag?.input == RPCTestSupport.canonical(["ResourceArn": "arn:t", "Tags": [["Key": "k", "Value": "v"]]]))
        let batch = await decode(
            .sns, headers: form,
            body: "Action=PublishBatch&Version=2010-03-31&TopicArn=arn%3At&PublishBatchRequestEntries.member.1.Id=1"
                + "&PublishBatchRequestEntries.member.1.Message=m1"
                + "&PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Name=a"
                + "&PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Value.DataType=Number"
                + "&PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Value.StringValue=1")
        #expect(
            batch?.input
                == RPCTestSupport.canonical([
                    "TopicArn": "arn:t",
                    "PublishBatchRequestEntries": [
                        ["Id": "1", "Message": "m1", "MessageAttributes": ["a": ["DataType": "Number", "StringValue": "1"]]]
                    ],
                ]))
    }

    @Test func dynamoDBPutItem() async {
        let decoded = await decode(
            .dynamoDB,
            headers: [("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", "DynamoDB_20120810.PutItem")],
            body: ##"{"TableName": "t", "Item": {"pk": {"S": "a"}, "n": {"N": "1"}, "b": {"B": "eHl6"}, "l": {"L": [{"NULL": true}, {"BOOL": false}]}, "m": {"M": {"x": {"SS": ["a", "b"]}}}}}"##)
        #expect(decoded?.operation == "PutItem")
        #expect(
            decoded?.input
                == RPCTestSupport.canonical([
                    "TableName": "t",
                    "Item": [
                        "pk": ["S": "a"], "n": ["N": "1"], "b": ["B": .blob(Data("xyz".utf8))],
                        "l": ["L": [["NULL": true], ["BOOL": false]]], "m": ["M": ["x": ["SS": ["a", "b"]]]],
                    ],
                ]))
    }

    @Test func sqsJSONAndEventBridgeTimestamps() async {
        let send = await decode(
            .sqs, headers: [("Content-Type", "application/x-amz-json-1.0"), ("X-Amz-Target", "AmazonSQS.SendMessage")],
            body: ##"{"QueueUrl": "http://localhost:4566/000000000000/q", "MessageBody": "x", "MessageAttributes": {"a": {"DataType": "String", "StringValue": "v"}}}"##)
        #expect(
            send?.input
                == RPCTestSupport.canonical([
                    "QueueUrl": "http://localhost:4566/000000000000/q", "MessageBody": "x",
                    "MessageAttributes": ["a": ["DataType": "String", "StringValue": "v"]],
                ]))
        let events = await decode(
            .eventBridge, headers: [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "AWSEvents.PutEvents")],
            body: #"{"Entries": [{"Source": "s", "DetailType": "d", "Detail": "{}", "Time": 1704067200}]}"#)
        #expect(
            events?.input
                == RPCTestSupport.canonical([
                    "Entries": [
                        [
                            "Source": "s", "DetailType": "d", "Detail": "{}",
                            "Time": .timestamp(Date(timeIntervalSince1970: 1_704_067_200)),
                        ]
                    ]
                ]))
    }
}
