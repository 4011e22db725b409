import HTTPTypes
import Hummingbird
import NIOCore
import StratusAWSCore
import StratusLambda
import StratusSigV4

/// Function URLs beside the AWS APIs: a request whose host is `<url-id>.lambda-url.<region>.<anything>` (for
/// example `http://<url-id>.lambda-url.us-east-1.localhost:4566/`, as `CreateFunctionUrlConfig` answers) goes to
/// the function that owns that URL, whatever its path.
///
/// Guarantees: only hosts of that form are touched; the body is read up to the server's ceiling; with SigV4
/// verification on, an `AWS_IAM` URL takes only requests whose signature the verifier accepts.
struct LambdaURLGate: Sendable {
    let lambda: LambdaService
    /// The server's SigV4 verifier (nil: authentication off, an `AWS_IAM` URL only needs a signature).
    var verifier: SigV4Verifier? = nil
    /// The time signatures are checked against.
    var clock: any WallClock = SystemWallClock()

    /// The URL id of a function URL host (32 lowercase letters and digits before `.lambda-url.`), else nil.
    static func urlID(ofHost host: String?) -> String? {
        // Every request passes here: most hosts are turned away by their length and 33rd byte, without allocating.
        guard let host, host.utf8.count > 44, host.utf8.dropFirst(32).first == UInt8(ascii: ".") else { return nil }
        let labels = host.lowercased().split(separator: ".", maxSplits: 3)
        guard labels.count >= 3, labels[1] == "lambda-url", labels[0].count == 32,
              labels[0].allSatisfy({ ($0.isLetter && $0.isASCII) || $0.isNumber })
        else { return nil }
        return String(labels[0])
    }

    /// The function's answer to `request` (with `body`, already read) at URL `urlID`.
    func respond(to request: Request, body: ByteBuffer, urlID: String, host: String, requestID: String) async -> Response {
        let target = request.head.path ?? "/"
        let (path, query) = target.firstIndex(of: "?").map { (String(target[..<$0]), String(target[target.index(after: $0)...])) }
            ?? (target, "")
        let lambdaRequest = LambdaURLRequest(
            method: request.method.rawValue, rawPath: path, rawQuery: query,
            headers: request.headers.map { (name: $0.name.rawName, value: $0.value) },
            body: Array(body.readableBytesView))
        let answer = await lambda.invokeURL(urlID, host: host, request: lambdaRequest, requestID: requestID,
                                            verify: verifier.map { verifier in
            let now = clock.now()
            return { request in
                var headers = request.headers.map { ($0.name, $0.value) }
                if !headers.contains(where: { $0.0.lowercased() == "host" }) { headers.append(("host", host)) }
                let result = verifier.verify(method: request.method, rawPath: request.rawPath, rawQuery: request.rawQuery,
                                             headers: headers, body: request.body, now: now)
                if case .valid = result { return true }
                return false
            }
        })
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { fields.append(HTTPField(name: field, value: value)) }
        }
        return Response(status: .init(code: answer.status), headers: fields,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
