import Foundation
import HTTPTypes
import OrderedCollections
import StratusAPILambda
import StratusJSON
import StratusServiceKit
import Testing

@testable import StratusWire

@Suite struct RESTJSONCodecTests {
    let service = ServiceSchema.lambda
    let codec = RESTJSONCodec()

    func operation(_ name: String) throws -> OperationSchema {
        try #require(service.operation(named: name))
    }

    @Test func decodesInvokeWithLabelsHeadersQueryAndBlobPayload() throws {
        var fields = HTTPFieldsBuilder()
        fields.add("X-Amz-Invocation-Type", "Event")
        fields.add("X-Amz-Log-Type", "Tail")
        let request = fields.request(
            method: .post, path: "/2015-03-31/functions/my%3Afn/invocations?Qualifier=prod", body: Array("{\"a\":1}".utf8))
        let input = try codec.decodeRequest(request, operation: try operation("Invoke"), service: service)
        #expect(input[member: "FunctionName"] == "my:fn")
        #expect(input[member: "InvocationType"] == "Event")
        #expect(input[member: "LogType"] == "Tail")
        #expect(input[member: "Qualifier"] == "prod")
        #expect(input[member: "Payload"] == .blob(Data("{\"a\":1}".utf8)))
        // Members come in model order.
        #expect(input.objectValue?.keys.first == "FunctionName")
    }

    @Test func encodesInvokeResponseStatusHeadersAndRawPayload() throws {
        let output: AWSValue = [
            "StatusCode": 202, "FunctionError": "Unhandled", "ExecutedVersion": "$LATEST", "Payload": .blob(Data("ok".utf8)),
        ]
        let response = try codec.encodeResponse(output, operation: try operation("Invoke"), service: service, requestID: "r-1")
        #expect(response.head.status.code == 202)
        #expect(response.header("X-Amz-Function-Error") == "Unhandled")
        #expect(response.header("X-Amz-Executed-Version") == "$LATEST")
        #expect(response.header("x-amzn-RequestId") == "r-1")
        #expect(response.body == Array("ok".utf8))
    }

    @Test func decodesJSONBodiesWithNestedShapes() throws {
        var fields = HTTPFieldsBuilder()
        fields.add("Content-Type", "application/json")
        let body = """
            {"FunctionName":"f","Runtime":"python3.12","Role":"arn:aws:iam::000000000000:role/r","Handler":"h.main",
             "Code":{"ZipFile":"UEsDBA=="},"Timeout":30,"Environment":{"Variables":{"A":"1"}},"Tags":{"t":"v"},"Unknown":true}
            """
        let request = fields.request(method: .post, path: "/2015-03-31/functions", body: Array(body.utf8))
        let input = try codec.decodeRequest(request, operation: try operation("CreateFunction"), service: service)
        #expect(input[member: "FunctionName"] == "f")
        #expect(input[member: "Timeout"] == 30)
        #expect(input[member: "Code"] == ["ZipFile": .blob(Data([0x50, 0x4B, 0x03, 0x04]))])
        #expect(input[member: "Environment"] == ["Variables": ["A": "1"]])
        #expect(input[member: "Unknown"] == nil)
    }

    @Test func rejectsMalformedRequests() throws {
        let create = try operation("CreateFunction")
        func failure(_ body: String, contentType: String? = "application/json", accept: String? = nil) -> AWSServiceError? {
            var fields = HTTPFieldsBuilder()
            if let contentType { fields.add("Content-Type", contentType) }
            if let accept { fields.add("Accept", accept) }
            let request = fields.request(method: .post, path: "/2015-03-31/functions", body: Array(body.utf8))
            do {
                _ = try codec.decodeRequest(request, operation: create, service: service)
                return nil
            } catch {
                return error as? AWSServiceError
            }
        }
        #expect(failure("{\"FunctionName\":")?.code.code == "SerializationException")
        #expect(failure("[1]")?.code.code == "SerializationException")
        #expect(failure("{\"Timeout\":\"30\"}")?.code.code == "SerializationException")
        #expect(failure("{\"Timeout\":3000000000}")?.code.code == "SerializationException")
        #expect(failure("{\"Timeout\":1.5}")?.code.code == "SerializationException")
        #expect(failure("{\"Code\":{\"ZipFile\":\"not base64!\"}}")?.code.code == "SerializationException")
        #expect(failure("{}", contentType: "application/xml")?.code.httpStatus == 415)
        #expect(failure("{}", contentType: nil)?.code.httpStatus == 415)
        #expect(failure("{}", accept: "application/xml")?.code.httpStatus == 406)
        #expect(failure("{}", accept: "application/xml, */*;q=0.1") == nil)
        #expect(failure("{}", contentType: "application/json; charset=utf-8") == nil)
        #expect(failure("") == nil)

        // A label that does not parse as its type (VersionNumber is a long).
        let layer = try operation("GetLayerVersion")
        let good = HTTPFieldsBuilder().request(method: .get, path: "/2018-10-31/layers/l/versions/7")
        #expect(try codec.decodeRequest(good, operation: layer, service: service)[member: "VersionNumber"] == 7)
        let bad = HTTPFieldsBuilder().request(method: .get, path: "/2018-10-31/layers/l/versions/seven")
        #expect {
            try codec.decodeRequest(bad, operation: layer, service: service)
        } throws: { error in
            (error as? AWSServiceError)?.code.code == "SerializationException"
        }
    }

    @Test func encodesJSONResponsesWithTimestampsAndBlobs() throws {
        let operation = try operation("GetAccountSettings")
        let output: AWSValue = ["AccountLimit": ["TotalCodeSize": 100, "CodeSizeZipped": 5], "AccountUsage": ["FunctionCount": 2]]
        let response = try codec.encodeResponse(output, operation: operation, service: service, requestID: "r")
        #expect(response.head.status.code == 200)
        #expect(response.header("Content-Type") == "application/json")
        let json = try JSONValue.parse(response.body)
        #expect(json["AccountLimit"]?["TotalCodeSize"]?.int64Value == 100)
        #expect(json["AccountUsage"]?["FunctionCount"]?.int64Value == 2)
    }

    @Test func encodesErrorsWithTypeHeaderAndModeledMessageKey() throws {
        let error = AWSServiceError(
            AWSErrorCode("ResourceNotFoundException", httpStatus: 404), "Function not found: f", fields: ["Type": "User"])
        let response = codec.encodeError(error, operation: nil, service: service, requestID: "r")
        #expect(response.head.status.code == 404)
        #expect(response.header("x-amzn-errortype") == "ResourceNotFoundException")
        #expect(response.header("x-amzn-RequestId") == "r")
        let json = try JSONValue.parse(response.body)
        #expect(json["Message"] == "Function not found: f")
        #expect(json["Type"] == "User")

        let unknown = codec.encodeError(AWSServiceError(.serialization, "bad"), operation: nil, service: nil, requestID: "r")
        #expect(unknown.head.status.code == 400)
        #expect(unknown.header("x-amzn-errortype") == "SerializationException")
        #expect(try JSONValue.parse(unknown.body)["message"] == "bad")
    }
}
