import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers `Expect: 100-continue` with an interim `100 Continue`, so clients that wait for it before sending the
/// body (botocore does for S3 uploads, up to a second) send it at once.
///
/// Guarantees: the request itself passes through unchanged; the interim response is written before any part of
/// the final response. Sits after HTTP/1 decoding in the channel pipeline (Hummingbird's additional handlers); inbound
/// only, so responses do not pass through it.
final class ContinueExpectationHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let request) = unwrapInboundIn(data),
           let expectation = request.headerFields[.expect], expectation.lowercased() == "100-continue" {
            context.writeAndFlush(wrapOutboundOut(.head(HTTPResponse(status: .continue))), promise: nil)
        }
        context.fireChannelRead(data)
    }
}
