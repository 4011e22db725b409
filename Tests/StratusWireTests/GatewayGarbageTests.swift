import Foundation
import HTTPTypes
import StratusAPIDynamoDB
import StratusAPILambda
import StratusAPIS3
import StratusAPISNS
import StratusAPISQS
import StratusServiceKit
import Testing
@testable import StratusWire
import StratusTesting

/// Garbage in, an answer out: the gateway never traps or hangs, and every answer carries the request id.
@Suite struct GatewayGarbageTests {

    @Test func randomRequestsAlwaysGetAnAnswer() async {
        let schemas: [ServiceSchema] = [.sqs, .sns, .dynamoDB, .lambda, .s3]
        let handlers = schemas.map { schema in
            RPCRecordingHandler(schema: schema) { _, _, _ in .emptyObject } as any AWSServiceHandler
        }
        let gateway = WireGateway(handlers: handlers, configuration: WireConfiguration())
        var random = SplitMix64(state: 42)
        let fragments = [
            "Action=", "SendMessage", "&", "=", ".member.", ".1", "%", "%zz", "{", "}", "\"", "[", "]", ":", ",", "null",
            "Attribute", ".entry.", "QueueUrl", "<", ">", "\u{0}", "é", "😀", "9999999999999999999999", "-1e999", "true",
        ]
        let contentTypes = [
            "application/x-amz-json-1.0", "application/x-amz-json-1.1", "application/x-www-form-urlencoded", "text/plain",
            "application/json", "",
        ]
        let targets = ["AmazonSQS.SendMessage", "DynamoDB_20120810.PutItem", "AmazonSQS.", ".", "", "x.y.z"]
        let paths = ["/", "/000000000000/q", "/2015-03-31/functions/f/invocations", "/bucket/key", "/%", "//", "/?Action=x"]
        for _ in 0..<500 {
            var body = ""
            for _ in 0..<Int(random.next() % 12) { body += random.pick(fragments) }
            var headers: [(String, String)] = []
            let contentType = random.pick(contentTypes)
            if !contentType.isEmpty { headers.append(("Content-Type", contentType)) }
            if random.next() % 2 == 0 { headers.append(("X-Amz-Target", random.pick(targets))) }
            if random.next() % 4 == 0 { headers.append(("Content-Encoding", random.pick(["gzip", "aws-chunked", "br"]))) }
            if random.next() % 4 == 0 { headers.append(("Authorization", "AWS4-HMAC-SHA256 Credential=" + body)) }
            let method = random.pick([HTTPRequest.Method.get, .post, .put, .delete, .head])
            let request = RPCTestSupport.request(method: method, path: random.pick(paths), headers: headers, body: body)
            let response = await gateway.handle(request, requestID: "rid", now: Date(timeIntervalSince1970: 0))
            #expect(response.header("x-amzn-RequestId") == "rid")
            #expect((200..<600).contains(response.head.status.code))
        }
    }
}

/// Input the gateway does not validate but the typed handler cannot hold is answered as AWS's validation error.
@Suite struct GatewayConversionFailureTests {
    @Test func aMissingMemberNamesItsPathInLowerCamelCase() {
        let missing = AWSValueConversionError(code: .missingMember, message: "missing member \"Name\"", path: ["Entries", "[2]", "Name"])
        let query = WireGateway.validationFailure(missing, wireProtocol: .query)
        #expect(query.code.code == "ValidationError" && query.code.httpStatus == 400)
        #expect(query.message == "1 validation error detected: Value null at 'entries[2].name' failed to satisfy constraint: Member must not be null")
        let json = WireGateway.validationFailure(missing, wireProtocol: .json)
        #expect(json.code.code == "ValidationException")
    }

    @Test func aValueOfTheWrongKindSaysWhatWasExpected() {
        let mismatch = AWSValueConversionError(code: .typeMismatch, message: "expected string, found list", path: ["Tags", "[0]", "Key"])
        #expect(WireGateway.validationFailure(mismatch, wireProtocol: .query).message
            == "1 validation error detected: Value at 'tags[0].key' failed to satisfy constraint: expected string, found list")
    }
}
