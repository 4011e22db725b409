// StratusServerClient: AWS JSON 1.0 calls to a running Stratus server, for the CLI's server verbs.
import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import OrderedCollections
import StratusJSON
import StratusSigV4

/// Calls operations of an AWS JSON 1.0 service (Step Functions) on a running server, and reads Stratus' own
/// JSON endpoints (``getAdmin(_:query:timeout:)``).
///
/// Guarantees: one POST to `/` per call with `X-Amz-Target: <targetPrefix>.<operation>`; SigV4-signed when
/// credentials are given (so `stratus serve --auth verify` accepts it), unsigned otherwise (the server's default
/// account and region). A 2xx answer returns its JSON body; any other answer throws ``ServiceError`` with AWS's
/// `__type` code and message; a server that cannot be reached throws ``UnreachableError``.
struct StratusServerClient: Sendable {
    /// An error answer of the service.
    struct ServiceError: Error, CustomStringConvertible {
        var status: Int
        var code: String
        var message: String
        var description: String { "\(code): \(message)" }
    }

    /// The server could not be reached at all.
    struct UnreachableError: Error, CustomStringConvertible {
        var endpoint: String
        var reason: String
        var description: String { "Cannot reach Stratus at \(endpoint) (\(reason)); is `stratus serve` running there?" }
    }

    /// Access key, secret and region to sign with.
    struct Credentials: Sendable {
        var accessKeyID: String
        var secretAccessKey: String
        var sessionToken: String?
        var region: String
    }

    let endpoint: URL
    let targetPrefix: String
    let signingName: String
    let credentials: Credentials?

    /// The credentials the AWS CLI would use from the environment (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
    /// `AWS_SESSION_TOKEN`, `AWS_REGION` or `AWS_DEFAULT_REGION`), if both keys are set.
    static func environmentCredentials(_ environment: [String: String]) -> Credentials? {
        guard let key = environment["AWS_ACCESS_KEY_ID"], !key.isEmpty,
              let secret = environment["AWS_SECRET_ACCESS_KEY"], !secret.isEmpty else { return nil }
        let region = environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] ?? "us-east-1"
        return Credentials(accessKeyID: key, secretAccessKey: secret, sessionToken: environment["AWS_SESSION_TOKEN"],
                           region: region)
    }

    /// Calls `operation` with `body` and returns the answer's JSON (`{}` for an empty body).
    func call(_ operation: String, _ body: JSONValue) async throws -> JSONValue {
        let payload = body.serialized()
        var request = URLRequest(url: endpoint)
        request.httpMethod = "POST"
        request.httpBody = Data(payload)
        request.timeoutInterval = 120
        var headers: [(String, String)] = [
            ("content-type", "application/x-amz-json-1.0"),
            ("host", Self.hostHeader(endpoint)),
            ("x-amz-target", "\(targetPrefix).\(operation)"),
        ]
        if let credentials {
            let signer = SigV4Signer(
                accessKeyID: credentials.accessKeyID, secretAccessKey: credentials.secretAccessKey,
                sessionToken: credentials.sessionToken, region: credentials.region, service: signingName)
            let hash = SHA256.hash(data: payload).map { String(format: "%02x", $0) }.joined()
            let signed = try signer.sign(method: "POST", rawPath: "/", rawQuery: "", headers: headers,
                                         payloadHash: hash, date: Date())
            headers += signed.headersToAdd
        }
        for (name, value) in headers where name != "host" { request.setValue(value, forHTTPHeaderField: name) }
        let (status, value, data) = try await exchange(request)
        guard (200..<300).contains(status) else {
            throw Self.serviceError(status: status, body: value, text: String(decoding: data, as: UTF8.self))
        }
        return value
    }

    /// Sends `request`; the answer's status, its body as JSON (`{}` when empty, `null` when not JSON) and its bytes.
    /// A server that cannot be reached throws ``UnreachableError``.
    private func exchange(_ request: URLRequest) async throws -> (status: Int, json: JSONValue, data: Data) {
        let data: Data
        let response: URLResponse
        do {
            (data, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw UnreachableError(endpoint: endpoint.absoluteString, reason: error.localizedDescription)
        }
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let json = data.isEmpty ? JSONValue.object([:]) : ((try? JSONValue.parse(Array(data))) ?? .null)
        return (status, json, data)
    }

    /// GETs one of Stratus' own JSON endpoints (`/_stratus/…`, unsigned) with `query` and returns the answer's
    /// JSON. A non-2xx answer throws ``ServiceError`` with the body's `code` and `error` (Stratus' admin error
    /// shape); a server that cannot be reached throws ``UnreachableError``.
    func getAdmin(_ path: String, query: [(String, String)], timeout: TimeInterval = 120) async throws -> JSONValue {
        guard var components = URLComponents(url: endpoint, resolvingAgainstBaseURL: false) else {
            throw UnreachableError(endpoint: endpoint.absoluteString, reason: "not a URL")
        }
        components.path = path
        components.queryItems = query.map { URLQueryItem(name: $0.0, value: $0.1) }
        // URLComponents leaves `+` alone, which the server would read as a space.
        components.percentEncodedQuery = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        guard let url = components.url else { throw UnreachableError(endpoint: endpoint.absoluteString, reason: "not a URL") }
        var request = URLRequest(url: url)
        request.httpMethod = "GET"
        request.timeoutInterval = timeout
        let (status, value, data) = try await exchange(request)
        guard (200..<300).contains(status) else {
            guard case .object(let members) = value, case .string(let message)? = members["error"] else {
                throw ServiceError(status: status, code: "HTTP \(status)", message: String(decoding: data, as: UTF8.self))
            }
            var code = "HTTP \(status)"
            if case .string(let text)? = members["code"] { code = text }
            throw ServiceError(status: status, code: code, message: message)
        }
        return value
    }

    /// `host[:port]` as a client sends it in the `Host` header.
    static func hostHeader(_ url: URL) -> String {
        let host = url.host ?? "localhost"
        return url.port.map { "\(host):\($0)" } ?? host
    }

    /// The error of a non-2xx answer: `__type` without its namespace (`…#Code`) and `message`/`Message`.
    static func serviceError(status: Int, body: JSONValue, text: String) -> ServiceError {
        guard case .object(let members) = body else {
            return ServiceError(status: status, code: "HTTP \(status)", message: text)
        }
        var code = "HTTP \(status)"
        if case .string(let type)? = members["__type"] { code = String(type.split(separator: "#").last ?? Substring(type)) }
        var message = ""
        if case .string(let text)? = members["message"] ?? members["Message"] { message = text }
        return ServiceError(status: status, code: code, message: message)
    }
}
