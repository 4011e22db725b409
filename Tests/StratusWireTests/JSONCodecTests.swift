import HTTPTypes
import OrderedCollections
import Foundation
import StratusJSON
import StratusServiceKit
import Testing
@testable import StratusWire

@Suite struct JSONCodecTests {
    let service = RPCTestSupport.echoService
    let codec = AWSJSONCodec(version: .v1_1)

    @Test func decodesEveryKindFollowingTheSchema() throws {
        let body = #"""
            {"Name":"abc","Count":3,"Ratio":"NaN","Flag":true,"Data":"aGk=","When":1398796238.5,
             "WhenISO":"2014-04-29T18:30:38Z","Tags":{"a":"b","n":null},"Items":["x",null,"y"],"Mode":"FAST",
             "Doc":{"k":[1,2.5,null]},"Unknown":42}
            """#
        let request = RPCTestSupport.request(headers: [("Content-Type", "application/x-amz-json-1.1")], body: body)
        let input = try codec.decodeRequest(request, operation: service.operation(named: "Echo")!, service: service)
        guard case .object(let members) = input else { Issue.record("not an object"); return }
        #expect(members["Name"] == "abc")
        #expect(members["Count"] == .integer(3))
        if case .double(let ratio)? = members["Ratio"] { #expect(ratio.isNaN) } else { Issue.record("Ratio") }
        #expect(members["Flag"] == true)
        #expect(members["Data"] == .blob(Data("hi".utf8)))
        #expect(members["When"] == .timestamp(Date(timeIntervalSince1970: 1398796238.5)))
        #expect(members["WhenISO"] == .timestamp(Date(timeIntervalSince1970: 1398796238)))
        #expect(members["Tags"] == ["a": "b"])
        #expect(members["Items"] == ["x", "y"])
        #expect(members["Doc"] == ["k": [1, 2.5, .null]])
        #expect(members["Unknown"] == nil)
    }

    @Test func emptyBodyIsTheEmptyInput() throws {
        let request = RPCTestSupport.request(headers: [("Content-Type", "application/x-amz-json-1.1")])
        let input = try codec.decodeRequest(request, operation: service.operation(named: "Echo")!, service: service)
        #expect(input == .emptyObject)
    }

    @Test(arguments: [#"{"Count":"3"}"#, #"{"Name":5}"#, #"{"Data":"***"}"#, "[1]", "{", #"{"Items":{}}"#])
    func wrongJSONIsASerializationException(body: String) {
        let request = RPCTestSupport.request(headers: [("Content-Type", "application/x-amz-json-1.1")], body: body)
        #expect {
            _ = try codec.decodeRequest(request, operation: service.operation(named: "Echo")!, service: service)
        } throws: { error in
            (error as? AWSServiceError)?.code == .serialization
        }
    }

    @Test func formBodyIsRejected() {
        let request = RPCTestSupport.request(
            headers: [("Content-Type", "application/x-www-form-urlencoded")], body: "Action=Echo")
        #expect(throws: AWSServiceError.self) {
            _ = try codec.decodeRequest(request, operation: service.operation(named: "Echo")!, service: service)
        }
    }

    @Test func encodesOutputOmittingAbsentMembers() throws {
        let response = try codec.encodeResponse(
            ["Name": "abc", "When": .timestamp(Date(timeIntervalSince1970: 1.25))],
            operation: service.operation(named: "Echo")!, service: service, requestID: "rid")
        #expect(response.head.status.code == 200)
        #expect(response.header("Content-Type") == "application/x-amz-json-1.1")
        #expect(response.header("x-amzn-RequestId") == "rid")
        let json = try JSONValue.parse(response.body)
        #expect(json == ["Name": "abc", "When": 1.25])
    }

    @Test func errorsCarryTypeMessageFieldsAndQueryErrorHeader() throws {
        let error = AWSServiceError(
            AWSErrorCode("ThingNotFound", httpStatus: 404, queryCode: "Thing.NotFound"), "gone", fields: ["Thing": "t1"])
        let response = AWSJSONCodec(version: .v1_0, errorTypeNamespace: "com.example")
            .encodeError(error, operation: nil, service: service, requestID: "rid")
        #expect(response.head.status.code == 404)
        #expect(response.header("Content-Type") == "application/x-amz-json-1.0")
        #expect(response.header("x-amzn-query-error") == "Thing.NotFound;Sender")
        #expect(try JSONValue.parse(response.body) == ["__type": "com.example#ThingNotFound", "message": "gone", "Thing": "t1"])
    }

    @Test func serverFaultsSayReceiver() {
        let response = codec.encodeError(
            AWSServiceError(.internalFailure, "x"), operation: nil, service: service, requestID: "r")
        #expect(response.header("x-amzn-query-error") == "InternalFailure;Receiver")
        #expect(response.head.status.code == 500)
    }
}
