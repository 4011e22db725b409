import Foundation
import HTTPTypes
import OrderedCollections
import StratusProtocolTestServices
import StratusServiceKit
import Testing

@testable import StratusWire

@Suite struct RESTXMLCodecTests {
    let service = ProtocolTestServices.all["aws.protocoltests.restxml#RestXml"]

    @Test func wrapsErrorsInErrorResponse() throws {
        let service = try #require(service)
        let error = AWSServiceError(
            AWSErrorCode("ComplexError", httpStatus: 403), "Hi",
            fields: ["Header": "h", "TopLevel": "top", "Nested": ["Foo": "bar"], "Extra": "x"])
        let response = RESTXMLCodec().encodeError(error, operation: nil, service: service, requestID: "req-1")
        #expect(response.head.status.code == 403)
        #expect(response.header("X-Header") == "h")
        #expect(response.header("x-amzn-RequestId") == "req-1")
        #expect(response.header("x-amz-request-id") == nil)
        let root = try XMLElement.parse(response.body)
        #expect(root.name == "ErrorResponse")
        #expect(root.elements.map(\.name) == ["Error", "RequestId"])
        let body = try #require(root.child(named: "Error"))
        #expect(body.elements.map(\.name) == ["Type", "Code", "Message", "TopLevel", "Nested", "Extra"])
        #expect(body.child(named: "Type")?.text == "Sender")
        #expect(body.child(named: "Nested")?.child(named: "Foo")?.text == "bar")
        #expect(root.child(named: "RequestId")?.text == "req-1")

        let fault = RESTXMLCodec().encodeError(AWSServiceError(.internalFailure, "boom"), operation: nil, service: nil, requestID: "r")
        #expect(fault.head.status.code == 500)
        #expect(try XMLElement.parse(fault.body).child(named: "Error")?.child(named: "Type")?.text == "Receiver")
    }

    @Test func rejectsMalformedBodiesAsSerializationErrors() throws {
        let service = try #require(service)
        let operation = try #require(service.operation(named: "XmlLists"))
        let request = HTTPFieldsBuilder().request(method: .put, path: "/XmlLists", body: Array("<XmlListsRequest><".utf8))
        #expect {
            try RESTXMLCodec().decodeRequest(request, operation: operation, service: service)
        } throws: { error in
            (error as? AWSServiceError)?.code.code == "SerializationException"
        }
        let wrongType = HTTPFieldsBuilder().request(
            method: .put, path: "/XmlLists", body: Array("<XmlListsRequest><integerList><member>x</member></integerList></XmlListsRequest>".utf8))
        #expect {
            try RESTXMLCodec().decodeRequest(wrongType, operation: operation, service: service)
        } throws: { error in
            (error as? AWSServiceError)?.code.httpStatus == 400
        }
    }
}
