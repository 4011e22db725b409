import Foundation
import StratusAPISQS
import StratusSQS
import StratusAWSCore
import Testing

@Suite struct SQSPureRulesTests {
    @Test func bodyDigestIsMD5OfUTF8() {
        #expect(SQSMessageDigest.md5Hex(of: "hello") == "5d41402abc4b2a76b9719d911017c592")
    }

    @Test func attributeDigestFollowsAWSBinaryEncoding() {
        // Reference value computed with AWS's published algorithm (length-prefixed name, type, transport byte, value).
        let attributes: [String: SQS.MessageAttributeValue] = [
            "b": SQS.MessageAttributeValue(binaryValue: Data([1, 2]), dataType: "Binary"),
            "a": SQS.MessageAttributeValue(stringValue: "x", dataType: "String"),
        ]
        let encoded = SQSMessageDigest.encode(attributes)
        #expect(SQSMessageDigest.md5Hex(encoded) == "3e9b4c785db2deb306cf4009ae214dab")
        let decoded = SQSMessageDigest.decode(encoded)
        #expect(decoded.map(\.name) == ["a", "b"])
        #expect(decoded[0].value == attributes["a"])
        #expect(decoded[1].value == attributes["b"])
    }

    @Test func queueURLsAreReadByPath() {
        for url in [
            "http://localhost:4566/000000000000/orders", "https://sqs.eu-west-1.amazonaws.com/000000000000/orders",
            "https://eu-west-1.queue.amazonaws.com/000000000000/orders", "/000000000000/orders",
        ] {
            #expect(SQSQueueAddress(url: url) == SQSQueueAddress(accountID: "000000000000", name: "orders"), "\(url)")
        }
        #expect(SQSQueueAddress(url: "orders") == nil)
        #expect(SQSQueueAddress(url: "http://localhost:4566/orders") == nil)
        #expect(SQSQueueAddress.parse(arn: "arn:aws:sqs:us-east-1:123456789012:q")?.address.accountID == "123456789012")
        #expect(SQSQueueAddress.parse(arn: "arn:aws:sns:us-east-1:123456789012:q") == nil)
    }

    @Test func receiptHandlesRoundTripAndRejectGarbage() {
        let handle = SQSReceiptHandle(messageID: "m", token: "t")
        #expect(SQSReceiptHandle(handle.text) == handle)
        #expect(SQSReceiptHandle("not-a-handle") == nil)
        #expect(SQSReceiptHandle(Data("other m t".utf8).base64EncodedString()) == nil)
    }

    @Test func receiptHandlesSplitOnSpacesOnly() {
        func decode(_ text: String) -> SQSReceiptHandle? { SQSReceiptHandle(Data(text.utf8).base64EncodedString()) }
        #expect(decode("sqs1 4f2a-77 tok_en") == SQSReceiptHandle(messageID: "4f2a-77", token: "tok_en"))
        for refused in ["sqs1 m", "sqs1 m t x", "sqs1  t", "sqs1 m ", " sqs1 m t", "sqs1\tm t", "SQS1 m t"] {
            #expect(decode(refused) == nil, "\(refused)")
        }
        // Non-ASCII text is split by characters: a space followed by a combining mark is one character, no separator.
        #expect(decode("sqs1 é t") == SQSReceiptHandle(messageID: "é", token: "t"))
        #expect(decode("sqs1 m \u{301}t") == nil)
        #expect(SQSReceiptHandle(Data([0x73, 0x71, 0x73, 0x31, 0x20, 0xFF, 0x20, 0x74]).base64EncodedString()) == nil)
    }

    @Test func messageCharactersFollowTheXMLSet() {
        #expect(SQSMessageRules.hasValidCharacters("tab\there\nok\r 😀 \u{E000}"))
        #expect(!SQSMessageRules.hasValidCharacters("nul\u{0}"))
        #expect(!SQSMessageRules.hasValidCharacters("\u{FFFE}"))
        #expect(!SQSMessageRules.hasValidCharacters("\u{1F}"))
    }

    @Test func attributeValuesAreNormalized() throws {
        #expect(try SQSQueueAttributes.normalize("VisibilityTimeout", value: "007", isFIFO: false, creating: true) == "7")
        #expect(throws: (any Error).self) {
            try SQSQueueAttributes.normalize("VisibilityTimeout", value: "43201", isFIFO: false, creating: true)
        }
        #expect(throws: (any Error).self) {
            try SQSQueueAttributes.normalize("ContentBasedDeduplication", value: "true", isFIFO: false, creating: true)
        }
        let redrive = try SQSQueueAttributes.normalize(
            "RedrivePolicy", value: #"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":"3"}"#,
            isFIFO: false, creating: false)
        #expect(redrive == #"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":3}"#)
        #expect(throws: (any Error).self) {
            try SQSQueueAttributes.normalize(
                "RedrivePolicy", value: #"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":0}"#,
                isFIFO: false, creating: false)
        }
    }

    @Test func attributeNamePatterns() {
        #expect(SQSService.matches("anything", ["All"]))
        #expect(SQSService.matches("anything", [".*"]))
        #expect(SQSService.matches("order.id", ["order.*"]))
        #expect(!SQSService.matches("orders", ["order.*"]))
        #expect(SQSService.matches("x", ["y", "x"]))
    }
}
