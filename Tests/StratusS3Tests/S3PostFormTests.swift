import Foundation
import StratusS3
import StratusServiceKit
import Testing

/// Browser-based upload forms: multipart parsing and S3's policy rules.
@Suite struct S3PostFormTests {
    static func body(_ fields: [(String, String)], file: String?, boundary: String = "b0undary") -> [UInt8] {
        var text = fields.map { "--\(boundary)\r\nContent-Disposition: form-data; name=\"\($0.0)\"\r\n\r\n\($0.1)\r\n" }.joined()
        if let file {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n\(file)\r\n"
        }
        text += "--\(boundary)--\r\n"
        return Array(text.utf8)
    }

    static func policy(_ conditions: String, expiration: String = "2030-01-01T00:00:00.000Z") -> String {
        Data("{\"expiration\": \"\(expiration)\", \"conditions\": [\(conditions)]}".utf8).base64EncodedString()
    }

    @Test func formsSplitIntoFieldsAndTheFile() throws {
        #expect(S3PostForm.boundary(ofContentType: "multipart/form-data; boundary=\"xyz\"") == "xyz")
        #expect(S3PostForm.boundary(ofContentType: "application/json") == nil)
        let form = try #require(S3PostForm(body: Self.body([("key", "k/${filename}"), ("X-Amz-Meta-A", "1")], file: "line1\r\nline2"),
                                           boundary: "b0undary"))
        #expect(form.field("KEY") == "k/${filename}" && form.field("x-amz-meta-a") == "1")
        #expect(form.fileName == "a.txt" && form.fileContentType == "text/plain" && form.file == Data("line1\r\nline2".utf8))
        let noFile = try #require(S3PostForm(body: Self.body([("key", "k")], file: nil), boundary: "b0undary"))
        #expect(noFile.file == nil)
        #expect(S3PostForm(body: Array("not multipart".utf8), boundary: "b0undary") == nil)
    }

    @Test func policiesCheckConditionsSizesExtraFieldsAndExpiry() throws {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let form = try #require(S3PostForm(body: Self.body([("key", "up/a"), ("Content-Type", "image/png, image/gif")], file: "12345"),
                                           boundary: "b0undary"))
        func refusal(_ policy: String, size: Int = 5) -> String? {
            do {
                try S3PostPolicy(base64: policy).check(form, bucket: "b", fileSize: size, now: now)
                return nil
            } catch let error as AWSServiceError {
                return "\(error.code.code): \(error.message ?? "")"
            } catch {
                return "\(error)"
            }
        }
        let allowed = #"{"bucket": "b"}, ["starts-with", "$key", "up/"], ["starts-with", "$Content-Type", "image/"], ["content-length-range", 1, 10]"#
        #expect(refusal(Self.policy(allowed)) == nil)
        #expect(refusal(Self.policy(allowed), size: 11) == "EntityTooLarge: Your proposed upload exceeds the maximum allowed size")
        #expect(refusal(Self.policy(allowed), size: 0) == "EntityTooSmall: Your proposed upload is smaller than the minimum allowed size")
        #expect(refusal(Self.policy(#"["eq", "$key", "other"], ["starts-with", "$Content-Type", ""]"#))
            == #"AccessDenied: Invalid according to Policy: Policy Condition failed: ["eq", "$key", "other"]"#)
        #expect(refusal(Self.policy(#"{"key": "up/a"}"#)) == "AccessDenied: Invalid according to Policy: Extra input fields: Content-Type")
        #expect(refusal(Self.policy(allowed, expiration: "2020-01-01T00:00:00Z"))
            == "AccessDenied: Invalid according to Policy: Policy expired.")
        #expect(refusal("not base64 json")?.hasPrefix("InvalidPolicyDocument") == true)
    }
}
