import Foundation
import HTTPTypes
import OrderedCollections
import StratusAPISQS
import StratusServiceKit
import Testing
@testable import StratusWire

@Suite struct QueryCodecTests {
    let sqs = ServiceSchema.sqs
    let codec = AWSQueryCodec(nameOverrides: SQSQueryQuirks.nameOverrides)

    private func decode(_ body: String, operation: String) throws -> AWSValue {
        let request = RPCTestSupport.request(
            path: "/000000000000/q1", headers: [("Content-Type", "application/x-www-form-urlencoded")], body: body)
        return try codec.decodeRequest(request, operation: sqs.operation(named: operation)!, service: sqs)
    }

    @Test func formDecodingHandlesEscapesAndPlus() {
        let form = AWSQueryForm("a=1+2%3D3&b&c=%zz&a=4")
        #expect(form.value("a") == "4")
        #expect(form.value("b") == "")
        #expect(form.value("c") == "%zz")
        #expect(form.pairs.first?.value == "1 2=3")
    }

    @Test func sqsSendMessageUsesLegacyQueryNames() throws {
        let input = try decode(
            "Action=SendMessage&Version=2012-11-05&QueueUrl=http%3A%2F%2Flocalhost%2F000000000000%2Fq1"
                + "&MessageBody=hello+world&DelaySeconds=5"
                + "&MessageAttribute.1.Name=color&MessageAttribute.1.Value.StringValue=red"
                + "&MessageAttribute.1.Value.DataType=String",
            operation: "SendMessage")
        #expect(input[member: "MessageBody"] == "hello world")
        #expect(input[member: "DelaySeconds"] == .integer(5))
        #expect(input[member: "QueueUrl"] == "http://localhost/000000000000/q1")
        #expect(input[member: "MessageAttributes"] == ["color": ["StringValue": "red", "DataType": "String"]])
    }

    @Test func sqsCreateQueueAttributesAndTags() throws {
        let input = try decode(
            "Action=CreateQueue&QueueName=q1&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=40"
                + "&Attribute.2.Name=DelaySeconds&Attribute.2.Value=0&Tag.1.Key=env&Tag.1.Value=dev",
            operation: "CreateQueue")
        #expect(input[member: "Attributes"] == ["VisibilityTimeout": "40", "DelaySeconds": "0"])
        #expect(input[member: "tags"] == ["env": "dev"])
        #expect(input[member: "QueueName"] == "q1")
    }

    @Test func sqsReceiveMessageListsAreFlattened() throws {
        let input = try decode(
            "Action=ReceiveMessage&AttributeName.1=All&MessageAttributeName.1=color&MaxNumberOfMessages=2",
            operation: "ReceiveMessage")
        #expect(input[member: "AttributeNames"] == ["All"])
        #expect(input[member: "MessageAttributeNames"] == ["color"])
        #expect(input[member: "MaxNumberOfMessages"] == .integer(2))
    }

    @Test func badNumbersAreInvalidParameterValue() {
        #expect {
            _ = try decode("Action=ReceiveMessage&MaxNumberOfMessages=many", operation: "ReceiveMessage")
        } throws: { error in
            (error as? AWSServiceError)?.code == .invalidParameterValue
        }
    }

    @Test func sqsReceiveMessageResponseUsesQueryElementNames() throws {
        let output: AWSValue = [
            "Messages": [
                [
                    "MessageId": "m1", "ReceiptHandle": "r1", "MD5OfBody": "x", "Body": "hi",
                    "Attributes": ["SentTimestamp": "1"],
                    "MessageAttributes": ["color": ["StringValue": "red", "DataType": "String"]],
                ]
            ]
        ]
        let response = try codec.encodeResponse(
            output, operation: sqs.operation(named: "ReceiveMessage")!, service: sqs, requestID: "rid")
        let xml = RPCTestSupport.text(response)
        #expect(response.header("Content-Type") == "text/xml")
        #expect(xml.hasPrefix(#"<ReceiveMessageResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">"#))
        #expect(xml.contains("<ReceiveMessageResult><Message><MessageId>m1</MessageId>"))
        #expect(xml.contains("<Attribute><Name>SentTimestamp</Name><Value>1</Value></Attribute>"))
        #expect(
            xml.contains(
                "<MessageAttribute><Name>color</Name><Value><StringValue>red</StringValue><DataType>String</DataType></Value></MessageAttribute>"
            ))
        #expect(xml.hasSuffix("<ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></ReceiveMessageResponse>"))
    }

    @Test func sqsListQueuesResponse() throws {
        let response = try codec.encodeResponse(
            ["QueueUrls": ["http://h/1/a", "http://h/1/b"]], operation: sqs.operation(named: "ListQueues")!,
            service: sqs, requestID: "rid")
        #expect(
            RPCTestSupport.text(response).contains(
                "<ListQueuesResult><QueueUrl>http://h/1/a</QueueUrl><QueueUrl>http://h/1/b</QueueUrl></ListQueuesResult>"))
    }

    @Test func errorsUseTheLegacyQueryCode() {
        let error = SQSQueryQuirks.withLegacyQueryCode(
            AWSServiceError(SQSErrors.queueDoesNotExist, "The specified queue does not exist."), service: sqs)
        let response = codec.encodeError(error, operation: nil, service: sqs, requestID: "rid")
        #expect(response.head.status.code == 400)
        #expect(
            RPCTestSupport.text(response)
                == "<ErrorResponse><Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code>"
                + "<Message>The specified queue does not exist.</Message></Error><RequestId>rid</RequestId></ErrorResponse>")
    }

    @Test func timestampsRoundTripISO8601() {
        let date = Date(timeIntervalSince1970: 1_422_172_800.5)
        #expect(WireTimestampText.iso8601Text(date) == "2015-01-25T08:00:00.500Z")
        #expect(WireTimestampText.parseISO8601("2015-01-25T09:00:00.5+01:00") == date)
        #expect(WireTimestampText.rfc822Text(Date(timeIntervalSince1970: 1_398_796_238)) == "Tue, 29 Apr 2014 18:30:38 GMT")
        #expect(WireTimestampText.parseRFC822("Tue, 29 Apr 2014 18:30:38 GMT") == Date(timeIntervalSince1970: 1_398_796_238))
        #expect(WireTimestampText.epochSecondsText(Date(timeIntervalSince1970: -1.5)) == "-1.5")
        #expect(WireTimestampText.parseISO8601("2015-13-01T00:00:00Z") == nil)
    }
}

@Suite struct QueryCodecNestingTests {
    @Test func hostileNestingFailsCleanly() throws {
        let service = try #require(ProtocolTestServicesLookup.awsQuery)
        let key = "Nested." + Array(repeating: "RecursiveArg", count: 2000).joined(separator: ".") + ".StringArg"
        let request = RPCTestSupport.request(
            headers: [("Content-Type", "application/x-www-form-urlencoded")], body: "Action=NestedStructures&\(key)=x")
        #expect {
            _ = try AWSQueryCodec().decodeRequest(request, operation: service.operation(named: "NestedStructures")!, service: service)
        } throws: { error in
            (error as? AWSServiceError)?.code == .invalidParameterValue
        }
    }
}
