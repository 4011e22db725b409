import Foundation
import Testing

@testable import CodeGen

@Suite struct NamingTests {
    @Test(arguments: [
        ("QueueUrl", "queueUrl"), ("SSEKMSKeyId", "ssekmsKeyId"), ("ACL", "acl"), ("ETag", "eTag"),
        ("MD5OfMessageBody", "md5OfMessageBody"), ("STANDARD_IA", "standardIa"),
        ("s3:ObjectCreated:Put", "s3ObjectCreatedPut"), ("python3.12", "python312"), ("1Day", "_1Day"),
        ("x-amz-meta", "xAmzMeta"), ("", "value"),
    ])
    func lowerCamel(input: String, expected: String) {
        #expect(Naming.lowerCamel(input) == expected)
    }

    @Test func escapesAndUniquesNames() {
        #expect(Naming.escaped("default") == "`default`")
        #expect(Naming.escaped("queueUrl") == "queueUrl")
        #expect(Naming.uniqued(["a", "a", "self", "rawValue", "a"]) == ["a", "a_2", "self_", "rawValue_", "a_3"])
        #expect(Naming.typeName("Type") == "Type_")
        #expect(Naming.typeName("Error") == "Error")
        #expect(Naming.upperCamel("Unbound-restJson1") == "UnboundRestJson1")
    }
}

@Suite struct OverlayTests {
    private func json(_ text: String) throws -> JSON { try JSONParser.parse(Data(text.utf8)) }

    @Test func mergesAtAPathKeepingOrder() throws {
        let model = try json(#"{"shapes": {"Gone": {"type": "structure", "members": {"a": 1, "b": 2}}}}"#)
        let overlay = try json(
            #"{"entries": [{"path": ["shapes", "Gone"], "merge": {"error": {"code": "X"}, "members": {"a": null, "c": 3}}, "reason": "r"}]}"#)
        let result = try Overlay.apply(overlay: overlay, to: model, file: "t.json")
        #expect(result.text == #"{"shapes":{"Gone":{"type":"structure","members":{"b":2,"c":3},"error":{"code":"X"}}}}"#)
    }

    @Test func refusesEntriesWithoutReasonOrTarget() throws {
        let model = try json(#"{"shapes": {}}"#)
        let noReason = try json(#"{"entries": [{"path": ["shapes"], "merge": {}}]}"#)
        #expect(throws: ModelError.self) { try Overlay.apply(overlay: noReason, to: model, file: "t") }
        let missing = try json(#"{"entries": [{"path": ["shapes", "Nope"], "merge": {"a": 1}, "reason": "r"}]}"#)
        #expect(throws: ModelError.self) { try Overlay.apply(overlay: missing, to: model, file: "t") }
        let created = try json(#"{"entries": [{"path": ["shapes", "New"], "merge": {"a": 1}, "reason": "r", "create": true}]}"#)
        #expect(try Overlay.apply(overlay: created, to: model, file: "t").text == #"{"shapes":{"New":{"a":1}}}"#)
    }
}
