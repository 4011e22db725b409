// RuntimeAPIHandler: the SwiftNIO handler that routes Runtime API requests to the broker.

import NIOCore
import NIOHTTP1

/// Reads one request at a time and answers it from the broker.
final class RuntimeAPIHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let broker: RuntimeAPIBroker
    private let maximumBodySize: Int
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var bodySize = 0
    /// The `/next` this connection is waiting on, withdrawn from the broker if the connection closes first.
    private var parkedNext: EventLoopPromise<RuntimeAPIResponse>?

    init(broker: RuntimeAPIBroker, maximumBodySize: Int) {
        self.broker = broker
        self.maximumBodySize = maximumBodySize
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let parkedNext {
            self.parkedNext = nil
            broker.withdraw(parkedNext)
        }
        context.fireChannelInactive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
            bodySize = 0
        case .body(var buffer):
            bodySize += buffer.readableBytes
            if bodySize <= maximumBodySize, let bytes = buffer.readBytes(length: buffer.readableBytes) {
                body.append(contentsOf: bytes)
            } else {
                body = []
            }
        case .end:
            guard let head else { return }
            self.head = nil
            let requestBody = body
            body = []
            respond(context: context, head: head, body: requestBody, size: bodySize)
        }
    }

    private func respond(context: ChannelHandlerContext, head: HTTPRequestHead, body: [UInt8], size: Int) {
        let promise = context.eventLoop.makePromise(of: RuntimeAPIResponse.self)
        route(head: head, body: body, size: size, promise: promise)
        let keepAlive = head.isKeepAlive
        let version = head.version
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        promise.futureResult.assumeIsolated().whenComplete { result in
            let context = loopBound.value
            switch result {
            case .success(let response):
                let written = Self.write(response, version: version, keepAlive: keepAlive, context: context, handler: self)
                // An invocation handed to a connection that is already gone goes back to the queue.
                if response.status == 200, let requestID = response.headers.first(where: {
                    $0.0 == "Lambda-Runtime-Aws-Request-Id"
                })?.1 {
                    let broker = self.broker
                    written.whenFailure { _ in broker.undelivered(requestID: requestID) }
                }
            case .failure:
                context.close(promise: nil)
            }
        }
    }

    private func route(head: HTTPRequestHead, body: [UInt8], size: Int,
                       promise: EventLoopPromise<RuntimeAPIResponse>) {
        let path = head.uri.split(separator: "?", maxSplits: 1).first.map(String.init) ?? head.uri
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count >= 3, parts[0] == "2018-06-01", parts[1] == "runtime" else {
            promise.succeed(.error(status: 404, type: "NotFound", message: "Not Found"))
            return
        }
        let errorType = head.headers.first(name: "Lambda-Runtime-Function-Error-Type")
        switch Array(parts.dropFirst(2)) {
        case ["invocation", "next"]:
            guard head.method == .GET else { return promise.succeed(Self.methodNotAllowed) }
            parkedNext = promise
            promise.futureResult.assumeIsolated().whenComplete { _ in self.parkedNext = nil }
            broker.next(promise)
        case let rest where rest.count == 3 && rest[0] == "invocation" && rest[2] == "response":
            guard head.method == .POST else { return promise.succeed(Self.methodNotAllowed) }
            promise.succeed(broker.response(requestID: rest[1], body: body, size: size))
        case let rest where rest.count == 3 && rest[0] == "invocation" && rest[2] == "error":
            guard head.method == .POST else { return promise.succeed(Self.methodNotAllowed) }
            promise.succeed(broker.error(requestID: rest[1], errorType: errorType, body: body))
        case ["init", "error"]:
            guard head.method == .POST else { return promise.succeed(Self.methodNotAllowed) }
            promise.succeed(broker.initError(errorType: errorType, body: body))
        default:
            promise.succeed(.error(status: 404, type: "NotFound", message: "Not Found"))
        }
    }

    private static let methodNotAllowed = RuntimeAPIResponse.error(
        status: 405, type: "MethodNotAllowed", message: "Method Not Allowed")

    /// Writes `response`; the future fails when it could not be written (the connection is gone).
    private static func write(_ response: RuntimeAPIResponse, version: HTTPVersion, keepAlive: Bool,
                              context: ChannelHandlerContext, handler: RuntimeAPIHandler) -> EventLoopFuture<Void> {
        var headers = HTTPHeaders()
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        if !keepAlive { headers.replaceOrAdd(name: "Connection", value: "close") }
        let head = HTTPResponseHead(
            version: version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(handler.wrapOutboundOut(.head(head)), promise: nil)
        if !response.body.isEmpty {
            var buffer = context.channel.allocator.buffer(capacity: response.body.count)
            buffer.writeBytes(response.body)
            context.write(handler.wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        let done = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(handler.wrapOutboundOut(.end(nil)), promise: done)
        if !keepAlive {
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            done.futureResult.assumeIsolated().whenComplete { _ in loopBound.value.close(promise: nil) }
        }
        return done.futureResult
    }
}
