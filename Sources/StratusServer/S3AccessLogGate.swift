// S3AccessLogGate: turns answered S3 requests into server access log records for buckets with logging on.
import Foundation
import HTTPTypes
import StratusS3
import StratusServiceKit
import StratusSigV4
import StratusWire

/// Records every answered request to an S3 bucket whose server access logging is on (`PutBucketLogging`), as S3's
/// access logs describe it, for the ``S3AccessLogRecorder`` to deliver: the operation (`REST.GET.OBJECT`, …), status and
/// error code, sizes, times, requester and signature, request id. `DeleteObjects` also gets a `BATCH.DELETE.OBJECT`
/// record per key it names, and a copy a `REST.COPY.OBJECT_GET` record in its source bucket's log.
///
/// Guarantees: a request to a bucket without logging costs one bucket lookup and records nothing; the log objects the
/// recorder writes are not requests and are never recorded.
struct S3AccessLogGate: Sendable {
    let cors: S3CORSGate
    let recorder: S3AccessLogRecorder
    /// The account of requests whose access key is not an account id.
    let defaultAccountID: String

    /// Records `request`, answered with `answer`, if its bucket logs requests. `operation` overrides the routed
    /// operation's log name (browser-based uploads, which have no model operation, are `REST.POST.OBJECT`).
    func record(_ request: WireRequest, answer: WireResponse, requestID: String, receivedAt: Date, elapsed: Duration,
                remoteIP: String?, operation: String? = nil) async {
        guard let target = cors.target(of: request),
              let destination = try? await cors.s3.accessLogging(of: target.bucket)
        else { return }
        let method = request.head.method.rawValue
        let name: String
        if let operation {
            name = operation
        } else if case .success(let route) = cors.router.route(request) {
            name = S3AccessLogOperation.name(of: route.operation.name, method: method)
        } else {
            name = "REST.\(method).\(target.key == nil ? "BUCKET" : "OBJECT")"
        }
        var record = baseRecord(request, answer: answer, destination: destination, requestID: requestID,
                                receivedAt: receivedAt, elapsed: elapsed, remoteIP: remoteIP, operation: name)
        record.key = target.key
        record.requestURI = "\(method) \(request.head.path ?? "/") HTTP/1.1"
        record.bytesSent = method == "HEAD" ? 0 : answer.body.count
        record.objectSize = Self.objectSize(operation: name, request: request, answer: answer)
        if name == "REST.COPY.OBJECT", record.status < 300, let key = target.key {
            // A copy's answer does not say how large the new object is.
            record.objectSize = try? await cors.s3.store.object(bucket: target.bucket, key: key)?.size
        }
        record.versionID = Self.queryValue("versionId", in: request)
        var records = [record]
        if name == "REST.POST.MULTI_OBJECT_DELETE", record.status < 300 {
            for key in Self.deletedKeys(in: request.body) {
                var deletion = baseRecord(request, answer: answer, destination: destination, requestID: requestID,
                                          receivedAt: receivedAt, elapsed: elapsed, remoteIP: remoteIP,
                                          operation: "BATCH.DELETE.OBJECT")
                deletion.key = key
                deletion.status = 204
                records.append(deletion)
            }
        }
        await recorder.record(records, for: destination)
        if name == "REST.COPY.OBJECT" || name == "REST.COPY.PART", let source = Self.copySource(of: request),
           let sourceDestination = try? await cors.s3.accessLogging(of: source.bucket) {
            var read = baseRecord(request, answer: answer, destination: sourceDestination, requestID: requestID,
                                  receivedAt: receivedAt, elapsed: elapsed, remoteIP: remoteIP,
                                  operation: name == "REST.COPY.OBJECT" ? "REST.COPY.OBJECT_GET" : "REST.COPY.PART_GET")
            read.key = source.key
            read.versionID = source.versionID
            await recorder.record([read], for: sourceDestination)
        }
    }

    /// The fields every record of one request shares.
    private func baseRecord(_ request: WireRequest, answer: WireResponse, destination: S3AccessLogDestination,
                            requestID: String, receivedAt: Date, elapsed: Duration, remoteIP: String?,
                            operation: String) -> S3AccessLogRecord {
        var record = S3AccessLogRecord(
            bucket: destination.bucket, bucketOwner: S3Service.canonicalUserID(accountID: destination.accountID),
            time: receivedAt, requestID: requestID, operation: operation, status: answer.head.status.code)
        record.remoteIP = remoteIP
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        record.totalMilliseconds = milliseconds
        record.turnAroundMilliseconds = milliseconds
        record.errorCode = answer.head.status.code >= 300 ? Self.errorCode(in: answer.body) : nil
        record.referer = request.header(.referer)
        record.userAgent = request.header(.userAgent)
        record.hostHeader = request.header("Host") ?? request.head.authority
        record.hostID = answer.head.headerFields[HTTPField.Name("x-amz-id-2")!]
        let signature = Self.signature(of: request)
        record.signatureVersion = signature?.version
        record.authenticationType = signature?.type
        if signature != nil, let credential = WireCredentialScope.credential(of: request) {
            let accessKey = credential.accessKeyID
            let account = accessKey.count == 12 && accessKey.allSatisfy(\.isNumber) ? accessKey : defaultAccountID
            record.requester = "arn:aws:iam::\(account):root"
        }
        return record
    }

    /// How the request was signed: (`SigV4`/`SigV2`, `AuthHeader`/`QueryString`), nil for an anonymous request.
    private static func signature(of request: WireRequest) -> (version: String, type: String)? {
        if let authorization = request.header(.authorization) {
            return (authorization.hasPrefix("AWS4-") ? "SigV4" : "SigV2", "AuthHeader")
        }
        let query = request.rawQuery
        if query.contains("X-Amz-Signature=") { return ("SigV4", "QueryString") }
        if query.contains("Signature="), query.contains("AWSAccessKeyId=") { return ("SigV2", "QueryString") }
        return nil
    }

    /// The size of the object a successful object read or write moved.
    private static func objectSize(operation: String, request: WireRequest, answer: WireResponse) -> Int? {
        guard answer.head.status.code < 300 else { return nil }
        switch operation {
        case "REST.PUT.OBJECT", "REST.PUT.PART":
            return request.header("x-amz-decoded-content-length").flatMap { Int($0) } ?? request.body.count
        case "REST.GET.OBJECT", "REST.HEAD.OBJECT":
            if let range = answer.head.headerFields[.contentRange], let slash = range.lastIndex(of: "/") {
                return Int(range[range.index(after: slash)...])
            }
            return answer.head.headerFields[.contentLength].flatMap { Int($0) } ?? answer.body.count
        default:
            return nil
        }
    }

    /// The `<Code>` of an S3 error document.
    private static func errorCode(in body: [UInt8]) -> String? {
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
        guard let open = text.range(of: "<Code>"), let close = text.range(of: "</Code>", range: open.upperBound..<text.endIndex)
        else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }

    /// The keys a `DeleteObjects` document names, unescaped.
    private static func deletedKeys(in body: [UInt8]) -> [String] {
        var keys: [String] = []
        var rest = Substring(String(decoding: body, as: UTF8.self))
        while let open = rest.range(of: "<Key>"), let close = rest.range(of: "</Key>", range: open.upperBound..<rest.endIndex) {
            keys.append(S3Service.unescaped(String(rest[open.upperBound..<close.lowerBound])))
            rest = rest[close.upperBound...]
        }
        return keys
    }

    /// The bucket, key and version of a copy's `x-amz-copy-source` (`[/]bucket/key[?versionId=…]`, URL-encoded).
    private static func copySource(of request: WireRequest) -> (bucket: String, key: String, versionID: String?)? {
        guard var source = request.header("x-amz-copy-source") else { return nil }
        var versionID: String?
        if let mark = source.range(of: "?versionId=") {
            versionID = String(source[mark.upperBound...])
            source = String(source[..<mark.lowerBound])
        }
        let trimmed = source.hasPrefix("/") ? String(source.dropFirst()) : source
        guard let slash = trimmed.firstIndex(of: "/") else { return nil }
        return (RESTPercentEncoding.decode(String(trimmed[..<slash])),
                RESTPercentEncoding.decode(String(trimmed[trimmed.index(after: slash)...])), versionID)
    }

    /// A query parameter's decoded value.
    private static func queryValue(_ name: String, in request: WireRequest) -> String? {
        RESTPercentEncoding.parseQuery(request.rawQuery).first { $0.0 == name }?.1
    }
}
