import Hummingbird
import HTTPTypes
import NIOCore
import StratusAWSCore
import StratusServiceKit
import StratusWire

/// The one HTTP responder of the server: admin endpoints by path, everything else to the AWS wire gateway.
///
/// It reads the whole body (up to the configured ceiling), hands swift-http-types values to ``WireGateway``,
/// and copies the answer back. It never throws: every failure becomes an HTTP response.
struct StratusResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let gateway: WireGateway
    /// Routes requests whose body was too large to read, so the error is written in their protocol.
    let router: ServiceRouter
    let admin: AdminEndpoints
    let clock: any WallClock
    let requestIDs: any RequestIDGenerator
    let maxRequestBodyBytes: Int

    func respond(to request: Request, context: Context) async throws -> Response {
        if AdminEndpoints.handles(path: request.uri.path) {
            return Self.response(from: await admin.respond(method: request.method, path: request.uri.path,
                                                                query: request.uri.query))
        }
        var request = request
        let requestID = requestIDs.next()
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: maxRequestBodyBytes)
        } catch {
            return Self.response(from: tooLarge(WireRequest(head: request.head), requestID: requestID))
        }
        let wireRequest = WireRequest(head: request.head, body: Array(body.readableBytesView))
        let now = clock.now()
        // Stay on this connection's event loop across the awaits inside (group commit, WAL sync).
        guard let executor = EventLoopTaskExecutor.current() else {
            return Self.response(from: await gateway.handle(wireRequest, requestID: requestID, now: now))
        }
        let answer = await withTaskExecutorPreference(executor) {
            await gateway.handle(wireRequest, requestID: requestID, now: now)
        }
        return Self.response(from: answer)
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
