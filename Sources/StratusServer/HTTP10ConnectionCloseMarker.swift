// HTTP10ConnectionCloseMarker: makes an HTTP/1.0 request's implicit "close the connection after the answer" explicit.
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1

/// Adds `Connection: close` to the head of an HTTP/1.0 request that did not ask for keep-alive, before the head is
/// converted to Swift HTTP Types (which have no HTTP version): an HTTP/1.0 connection without `Connection:
/// keep-alive` ends with its first answer (RFC 9112 §9.3), and the converted request says so the way an HTTP/1.1
/// request does. Hummingbird closes the connection after answering a request with `Connection: close`, and the
/// direct answer route leaves such requests to Hummingbird.
///
/// Guarantees: only heads of HTTP/1.0 requests that are not keep-alive change; every other part passes on
/// untouched. Sits right before `HTTP1ToHTTPServerCodec` (``insertBeforeCodec(in:)``).
final class HTTP10ConnectionCloseMarker: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(var head) = unwrapInboundIn(data), head.version == .http1_0, !head.isKeepAlive {
            head.headers.replaceOrAdd(name: "connection", value: "close")
            context.fireChannelRead(wrapInboundOut(.head(head)))
            return
        }
        context.fireChannelRead(data)
    }

    /// Puts a marker right before the pipeline's `HTTP1ToHTTPServerCodec`; does nothing if the pipeline has none.
    /// Called on the channel's event loop while the handlers after the codec are added.
    static func insertBeforeCodec(in pipeline: ChannelPipeline.SynchronousOperations) {
        guard let codec = try? pipeline.handler(type: HTTP1ToHTTPServerCodec.self) else { return }
        try? pipeline.addHandler(HTTP10ConnectionCloseMarker(), position: .before(codec))
    }
}
