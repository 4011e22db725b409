import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

/// What a browser-based upload answers.
package struct S3PostAnswer: Sendable {
    /// 200, 201, 204 or 303.
    package var status: Int
    /// `ETag`, `Location`, `x-amz-version-id`.
    package var headers: [(String, String)]
    /// The `PostResponse` document of a 201, else empty.
    package var body: Data
}

/// Browser-based uploads (`POST /<bucket>` with a `multipart/form-data` form, what `generate_presigned_post` is for):
/// the form's `policy` checked (``S3PostPolicy``), then the file stored as `PutObject` stores it, with the form's
/// `Content-Type`, `Cache-Control`, `Content-Disposition`, `Content-Encoding`, `Expires`, `x-amz-meta-*`, `acl`,
/// `x-amz-storage-class`, `x-amz-website-redirect-location` and `tagging`, and `${filename}` in `key` replaced by the
/// file's name; the `s3:ObjectCreated:Post` notification; the answer `success_action_redirect` or
/// `success_action_status` asks for (204 by default).
extension S3Service {
    /// The upload of `form` to `bucket`, addressed at `host` (for the answer's `Location`). `verifySignature` checks
    /// the form's signature when the server verifies them (it throws S3's error to refuse).
    package func postObject(bucket name: String, form: S3PostForm, host: String, context: RequestContext,
                            verifySignature: (S3PostForm) throws -> Void = { _ in }) async throws -> S3PostAnswer {
        let bucket = try await existingBucket(name)
        guard let file = form.file else {
            throw S3Failure.invalidArgument("POST requires exactly one file upload per request.", name: "file", value: "0")
        }
        guard let keyField = form.field("key") else {
            throw S3Failure.invalidArgument(
                "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.",
                name: "key", value: "")
        }
        if let policy = form.field("policy") {
            try verifySignature(form)
            try S3PostPolicy(base64: policy).check(form, bucket: bucket.name, fileSize: file.count, now: clock.now())
        }
        let key = keyField.replacingOccurrences(of: "${filename}", with: form.fileName ?? "")
        var input = S3.PutObjectRequest(body: file, bucket: bucket.name, key: key)
        input.contentType = form.field("Content-Type")
        input.cacheControl = form.field("Cache-Control")
        input.contentDisposition = form.field("Content-Disposition")
        input.contentEncoding = form.field("Content-Encoding")
        input.expires = form.field("Expires")
        input.websiteRedirectLocation = form.field("x-amz-website-redirect-location")
        input.acl = form.field("acl").map { S3.ObjectCannedACL(rawValue: $0) }
        input.storageClass = form.field("x-amz-storage-class").map { S3.StorageClass(rawValue: $0) }
        input.tagging = try form.field("tagging").map(Self.taggingQuery)
        var metadata: [String: String] = [:]
        for (field, value) in form.fields where field.lowercased().hasPrefix("x-amz-meta-") {
            metadata[String(field.dropFirst("x-amz-meta-".count))] = value
        }
        input.metadata = metadata.isEmpty ? nil : metadata
        let stored = try await putObject(input, context: context, event: "ObjectCreated:Post")
        let eTag = stored.eTag ?? ""
        let location = "http://\(host)/\(bucket.name)/\(Self.pathEncoded(key))"
        var headers: [(String, String)] = [("ETag", eTag), ("Location", location)]
        if let version = stored.versionId { headers.append(("x-amz-version-id", version)) }
        if let redirect = form.field("success_action_redirect") ?? form.field("redirect"), !redirect.isEmpty {
            let query = [("bucket", bucket.name), ("key", key), ("etag", eTag)]
                .map { "\($0.0)=\(Self.queryEncoded($0.1))" }.joined(separator: "&")
            headers[1] = ("Location", redirect + (redirect.contains("?") ? "&" : "?") + query)
            return S3PostAnswer(status: 303, headers: headers, body: Data())
        }
        switch form.field("success_action_status") {
        case "200":
            return S3PostAnswer(status: 200, headers: headers, body: Data())
        case "201":
            let document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PostResponse><Location>\(Self.escaped(location))</Location>"
                + "<Bucket>\(Self.escaped(bucket.name))</Bucket><Key>\(Self.escaped(key))</Key><ETag>\(Self.escaped(eTag))</ETag></PostResponse>"
            return S3PostAnswer(status: 201, headers: headers + [("Content-Type", "application/xml")], body: Data(document.utf8))
        default:
            return S3PostAnswer(status: 204, headers: headers, body: Data())
        }
    }

    /// The `x-amz-tagging` query form of a POST form's `tagging` field (a `<Tagging><TagSet><Tag>…` document).
    static func taggingQuery(_ document: String) throws -> String {
        var pairs: [String] = []
        var rest = Substring(document)
        while let tagStart = rest.range(of: "<Tag>"), let tagEnd = rest.range(of: "</Tag>", range: tagStart.upperBound..<rest.endIndex) {
            let tag = rest[tagStart.upperBound..<tagEnd.lowerBound]
            func element(_ name: String) -> String? {
                guard let open = tag.range(of: "<\(name)>"), let close = tag.range(of: "</\(name)>", range: open.upperBound..<tag.endIndex)
                else { return nil }
                return String(tag[open.upperBound..<close.lowerBound])
            }
            guard let key = element("Key") else { throw S3Failure.malformedXML() }
            pairs.append("\(queryEncoded(unescaped(key)))=\(queryEncoded(unescaped(element("Value") ?? "")))")
            rest = rest[tagEnd.upperBound...]
        }
        return pairs.joined(separator: "&")
    }

    private static func queryEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")) ?? text
    }

}
