import Hummingbird
import HTTPTypes
import NIOCore
import StratusAWSCore
import StratusConsole
import StratusJSON
import StratusServiceKit
import StratusWire

/// The one HTTP responder of the server: the console and the admin endpoints by path, everything else to the AWS
/// wire gateway.
///
/// It reads the whole body (up to the configured ceiling), hands swift-http-types values to ``WireGateway``,
/// and copies the answer back. It never throws: every failure becomes an HTTP response.
struct StratusResponder: HTTPResponder {
    typealias Context = StratusRequestContext

    let gateway: WireGateway
    /// Routes requests whose body was too large to read, so the error is written in their protocol.
    let router: ServiceRouter
    let admin: AdminEndpoints
    /// The web console at `/_stratus/console`.
    let console: ConsoleEndpoints
    let clock: any WallClock
    let requestIDs: any RequestIDGenerator
    let maxRequestBodyBytes: Int
    /// CORS preflights and headers for S3 (nil: no S3 service).
    var s3CORS: S3CORSGate? = nil
    /// Function URLs (nil: no Lambda service).
    var lambdaURLs: LambdaURLGate? = nil
    /// S3 website endpoints (nil: no S3 service).
    var s3Websites: S3WebsiteGate? = nil
    /// Browser-based uploads to S3 (nil: no S3 service).
    var s3Posts: S3PostUploadGate? = nil
    /// S3 server access logs (nil: no S3 service).
    var s3AccessLogs: S3AccessLogGate? = nil
    /// The account and region a request without credentials acts in (browser-based uploads).
    var defaultAccount: (accountID: String, region: String) = ("000000000000", "us-east-1")

    /// The largest body the console reads (a `StartExecution` input is at most 256 KiB).
    static let maxConsoleBodyBytes = 1 << 20

    func respond(to request: Request, context: Context) async throws -> Response {
        if let lambdaURLs, let host = request.head.authority,
           let urlID = LambdaURLGate.urlID(ofHost: host) {
            var request = request
            let requestID = requestIDs.next()
            guard let body = try? await request.collectBody(upTo: maxRequestBodyBytes) else {
                return Self.response(from: AdminEndpoints.json(413, ["Message": "Request Entity Too Large"]))
            }
            return await lambdaURLs.respond(to: request, body: body, urlID: urlID, host: host, requestID: requestID)
        }
        if let s3Websites, let host = request.head.authority, let bucket = S3WebsiteGate.bucket(ofHost: host) {
            return await s3Websites.respond(to: request, bucket: bucket, host: host, requestID: requestIDs.next())
        }
        if ConsoleEndpoints.handles(path: request.uri.path) {
            return await respondFromConsole(to: request)
        }
        if AdminEndpoints.handles(path: request.uri.path) {
            return Self.response(from: await admin.respond(method: request.method, path: request.uri.path,
                                                                query: request.uri.query))
        }
        var request = request
        let requestID = requestIDs.next()
        let receivedAt = clock.now()
        let started = ContinuousClock.now
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxRequestBodyBytes)
        } catch {
            return Self.response(from: tooLarge(WireRequest(head: request.head), requestID: requestID))
        }
        let wireRequest = WireRequest(head: request.head, body: Array(body.readableBytesView))
        if request.method == .options, let s3CORS, let preflight = await s3CORS.preflight(wireRequest, requestID: requestID) {
            return Self.response(from: preflight)
        }
        if request.method == .post, let s3Posts {
            if var posted = await s3Posts.upload(wireRequest, requestID: requestID, account: defaultAccount, now: clock.now()) {
                if let s3CORS, request.headers[.origin] != nil { await s3CORS.decorate(&posted, for: wireRequest) }
                await s3AccessLogs?.record(wireRequest, answer: posted, requestID: requestID, receivedAt: receivedAt,
                                           elapsed: ContinuousClock.now - started,
                                           remoteIP: context.remoteAddress?.ipAddress, operation: "REST.POST.OBJECT")
                return Self.response(from: posted)
            }
        }
        var answer = await answer(to: wireRequest, requestID: requestID)
        if let s3CORS, request.headers[.origin] != nil { await s3CORS.decorate(&answer, for: wireRequest) }
        await s3AccessLogs?.record(wireRequest, answer: answer, requestID: requestID, receivedAt: receivedAt,
                                   elapsed: ContinuousClock.now - started, remoteIP: context.remoteAddress?.ipAddress)
        return Self.response(from: answer)
    }

    /// The wire gateway's answer to `wireRequest`.
    private func answer(to wireRequest: WireRequest, requestID: String) async -> WireResponse {
        let now = clock.now()
        // Stay on this connection's event loop across the awaits inside (group commit, WAL sync).
        guard let executor = EventLoopTaskExecutor.current() else {
            return await gateway.handle(wireRequest, requestID: requestID, now: now)
        }
        return await withTaskExecutorPreference(executor) {
            await gateway.handle(wireRequest, requestID: requestID, now: now)
        }
    }

    /// Reads the body and lets the console answer.
    private func respondFromConsole(to request: Request) async -> Response {
        var request = request
        guard let body = try? await request.collectBody(upTo: Self.maxConsoleBodyBytes) else {
            return Self.response(from: AdminEndpoints.json(413, ["error": "The request body is too large for the console."]))
        }
        let answer = await console.respond(to: ConsoleRequest(
            method: request.method, path: request.uri.path, query: request.uri.query,
            authority: request.head.authority, headerFields: request.headers, body: Array(body.readableBytesView)))
        return Response(status: answer.status, headers: answer.headerFields,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// The answer to a body larger than the server reads at all, in the protocol of the request.
    private func tooLarge(_ request: WireRequest, requestID: String) -> WireResponse {
        let error = AWSServiceError(
            .requestEntityTooLarge, "The request body exceeds the \(maxRequestBodyBytes) bytes Stratus reads.")
        switch router.route(request) {
        case .success(let route):
            return gateway.codec(for: route.wireProtocol, service: route.service)
                .encodeError(error, operation: route.operation, service: route.service, requestID: requestID)
        case .failure(let failure):
            return gateway.codec(for: failure.wireProtocol, service: failure.service)
                .encodeError(error, operation: nil, service: failure.service, requestID: requestID)
        }
    }

    private static func response(from wire: WireResponse) -> Response {
        Response(
            status: wire.head.status,
            headers: wire.head.headerFields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: wire.body))
        )
    }
}
