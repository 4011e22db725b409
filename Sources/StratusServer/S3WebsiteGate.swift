import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import StratusS3

/// S3 website endpoints beside the AWS APIs: a request whose host is `<bucket>.s3-website-<region>.<anything>` or
/// `<bucket>.s3-website.<region>.<anything>` (for example `http://my-site.s3-website-us-east-1.localhost:4566/`) is
/// answered by the bucket's website configuration, whatever its path.
///
/// Guarantees: only hosts of that form are touched; answers are S3's website answers (``S3Service/websiteAnswer``).
struct S3WebsiteGate: Sendable {
    let s3: S3Service

    /// The bucket of a website endpoint host, else nil.
    static func bucket(ofHost host: String?) -> String? {
        // Every request passes here: hosts without ".s3-website" are turned away without allocating.
        guard let host, containsMarker(host.utf8) else { return nil }
        let name = host.lowercased().split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        guard let marker = name.range(of: ".s3-website") else { return nil }
        let rest = name[marker.upperBound...]
        guard let separator = rest.first, separator == "-" || separator == ".", rest.count > 1 else { return nil }
        let bucket = String(name[..<marker.lowerBound])
        return bucket.isEmpty ? nil : bucket
    }

    private static let marker = Array(".s3-website".utf8)

    /// Whether `bytes` contain ".s3-website" (ASCII letters in any case).
    private static func containsMarker(_ bytes: String.UTF8View) -> Bool {
        guard bytes.count > marker.count else { return false }
        var matched = 0
        for byte in bytes {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if lower == marker[matched] {
                matched += 1
                if matched == marker.count { return true }
            } else {
                matched = lower == marker[0] ? 1 : 0
            }
        }
        return false
    }

    /// The website's answer to `request` for `bucket`.
    func respond(to request: Request, bucket: String, host: String, requestID: String) async -> Response {
        let answer = await s3.websiteAnswer(
            bucket: bucket, method: request.method.rawValue, path: request.uri.path, scheme: request.head.scheme ?? "http",
            host: host, requestID: requestID)
        var fields = HTTPFields()
        for header in answer.headers {
            if let name = HTTPField.Name(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
        }
        fields[.init("x-amz-request-id")!] = requestID
        return Response(status: .init(code: answer.status), headers: fields,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
