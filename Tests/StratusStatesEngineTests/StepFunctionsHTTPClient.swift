import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OrderedCollections
import StratusJSON

/// A minimal Step Functions client over AWS JSON 1.0 (`X-Amz-Target: AWSStepFunctions.<Operation>`), for tests
/// against a running server.
///
/// Guarantees: `call` answers the decoded JSON body of a 2xx answer and throws `APIError` (HTTP status, `__type`,
/// message) otherwise. Requests carry a well-formed SigV4 `Authorization` header whose signature is not real
/// (Stratus parses the credential scope and, by default, does not verify); its access key id `accessKeyID`, when
/// 12 digits, selects that account.
struct StepFunctionsHTTPClient: Sendable {
    struct APIError: Error, CustomStringConvertible {
        var status: Int
        var type: String
        var message: String
        var description: String { "\(status) \(type): \(message)" }
    }

    var endpoint: URL
    var accessKeyID: String
    var region: String = "us-east-1"
    var session: URLSession

    init(endpoint: URL, accessKeyID: String, region: String = "us-east-1") {
        self.endpoint = endpoint
        self.accessKeyID = accessKeyID
        self.region = region
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 16
        configuration.timeoutIntervalForRequest = 60
        session = URLSession(configuration: configuration)
    }

    /// Calls `operation` with `body`; the answer's JSON.
    func call(_ operation: String, _ body: JSONValue) async throws -> JSONValue {
        var request = URLRequest(url: endpoint)
        request.httpMethod = "POST"
        request.httpBody = Data(body.serializedString().utf8)
        request.setValue("application/x-amz-json-1.0", forHTTPHeaderField: "Content-Type")
        request.setValue("AWSStepFunctions.\(operation)", forHTTPHeaderField: "X-Amz-Target")
        request.setValue("20240101T000000Z", forHTTPHeaderField: "X-Amz-Date")
        request.setValue("AWS4-HMAC-SHA256 Credential=\(accessKeyID)/20240101/\(region)/states/aws4_request, "
                         + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + String(repeating: "0", count: 64),
                         forHTTPHeaderField: "Authorization")
        let (data, response) = try await session.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let text = String(decoding: data, as: UTF8.self)
        let value = text.isEmpty ? JSONValue.object([:]) : try JSONValue.parse(text)
        guard (200..<300).contains(status) else {
            let type = value["__type"]?.stringValue ?? "?"
            let message = value["message"]?.stringValue ?? value["Message"]?.stringValue ?? text
            throw APIError(status: status, type: String(type.split(separator: "#").last ?? Substring(type)), message: message)
        }
        return value
    }
}
