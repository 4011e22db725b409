// DirectAnswerHandler: answers short, self-contained requests on the connection's event loop, without Hummingbird's
// per-connection task.
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes
import StratusAWSCore
import StratusStoreSQLite
import StratusWire

/// Answers the requests a ``DirectAnswerRoute`` takes (small, complete bodies, answers that never wait long) straight
/// from the channel pipeline; every other request passes on to Hummingbird unchanged.
///
/// Hummingbird reads a connection's requests in a task of its own, off the event loop, and writes the answer back
/// through an async writer: each request crosses between the loop and Swift concurrency's threads several times.
/// Here a taken request is collected on the loop, answered by a task that prefers the loop's executor (it leaves the
/// loop only for the work that runs elsewhere, such as a group commit), and written back from the loop.
///
/// Guarantees:
/// - Answers leave in the order the requests arrived, whichever path took them: a taken request waits until
///   Hummingbird has written the end of every answer it owes, and nothing after a taken request is passed on or
///   taken before its answer is written. Held requests stop the channel from reading more.
/// - A graceful shutdown's quiesce event reaches Hummingbird (which closes idle connections) only once no taken
///   request is being collected or answered, so no answer is cut off.
/// - Every answer carries `Content-Length` and `Date`, as Hummingbird's do. Answers are flushed once the loop has run
///   the jobs already queued, so the answers one pass of the loop makes leave together (answering and flushing each
///   in turn cost GetItem a fifth of its throughput on two cores shared with the client).
final class DirectAnswerHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum State {
        /// Between requests.
        case idle
        /// The current request was passed on; its remaining parts follow it.
        case passing
        /// The current request is taken; its body is being collected.
        case collecting(HTTPRequest, ByteBuffer)
        /// The current request is taken and complete; its answer is being made.
        case answering
    }

    private let route: DirectAnswerRoute
    private var state = State.idle
    /// Answers Hummingbird owes: request heads passed on whose answer's end has not been written yet.
    private var answersOwed = 0
    /// Parts that arrived while they could not be handled yet, in arrival order.
    private var held = CircularBuffer<HTTPRequestPart>()
    /// A `read` asked for while parts were held, done once they are all handled.
    private var readPending = false
    /// A quiesce event that arrived while a taken request was in progress.
    private var quiescePending: Any?
    private var isRemoved = false
    private var dateHeader: (second: Int, text: String)?

    init(route: DirectAnswerRoute) {
        self.route = route
    }

    func handlerAdded(context: ChannelHandlerContext) {
        // Added with Hummingbird's handlers after the HTTP types conversion; the marker goes before it.
        HTTP10ConnectionCloseMarker.insertBeforeCodec(in: context.pipeline.syncOperations)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        isRemoved = true
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        if !held.isEmpty || !handle(part, context: context) {
            held.append(part)
        }
    }

    func read(context: ChannelHandlerContext) {
        if held.isEmpty {
            context.read()
        } else {
            readPending = true
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let ended: Bool
        if case .end = unwrapOutboundIn(data) { ended = true } else { ended = false }
        context.write(data, promise: promise)
        if ended, answersOwed > 0 {
            answersOwed -= 1
            if answersOwed == 0 { handleHeld(context: context) }
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent, isTakenRequestInProgress {
            quiescePending = event
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    private var isTakenRequestInProgress: Bool {
        switch state {
        case .collecting, .answering: true
        case .idle, .passing: false
        }
    }

    /// Handles `part` now if it can be, and says whether it was.
    private func handle(_ part: HTTPRequestPart, context: ChannelHandlerContext) -> Bool {
        switch (state, part) {
        case (.idle, .head(let head)):
            if let length = route.takenBodyLength(head) {
                guard answersOwed == 0 else { return false }
                // Reserve the announced length, up to 64 KiB (the buffer grows past that as parts arrive).
                state = .collecting(head, context.channel.allocator.buffer(capacity: min(length, 1 << 16)))
            } else {
                answersOwed += 1
                state = .passing
                context.fireChannelRead(wrapInboundOut(part))
            }
        case (.passing, .end):
            state = .idle
            context.fireChannelRead(wrapInboundOut(part))
        case (.passing, _):
            context.fireChannelRead(wrapInboundOut(part))
        case (.collecting(let head, var body), .body(var chunk)):
            state = .answering  // drop the state's reference so `body` grows in place
            body.writeBuffer(&chunk)
            state = .collecting(head, body)
        case (.collecting(let head, let body), .end):
            state = .answering
            answer(head, body: body, context: context)
        case (.answering, _):
            return false
        case (.idle, .body), (.idle, .end), (.collecting, .head):
            // The HTTP decoder never produces these; pass them on so Hummingbird reports the broken exchange.
            context.fireChannelRead(wrapInboundOut(part))
        }
        return true
    }

    /// Handles held parts in order until one has to wait again; resumes reading once none are left.
    private func handleHeld(context: ChannelHandlerContext) {
        guard !held.isEmpty else { return }
        while let part = held.first {
            guard handle(part, context: context) else { break }
            held.removeFirst()
        }
        // Hummingbird's async channel hands over what it read at the end of a read burst.
        context.fireChannelReadComplete()
        if held.isEmpty, readPending {
            readPending = false
            context.read()
        }
    }

    private func answer(_ head: HTTPRequest, body: ByteBuffer, context: ChannelHandlerContext) {
        let eventLoop = context.eventLoop
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: eventLoop)
        let route = route
        let executor = EventLoopTaskExecutor.current()
        Task(executorPreference: executor) {
            let answer = await GroupCommitWriter.$host.withValue(executor) { await route.answer(head, body) }
            if eventLoop.inEventLoop {
                bound.value.handler.write(answer, context: bound.value.context)
            } else {
                eventLoop.execute { bound.value.handler.write(answer, context: bound.value.context) }
            }
        }
    }

    private func write(_ answer: WireResponse, context: ChannelHandlerContext) {
        state = .idle
        // A connection that closed meanwhile has left the pipeline: nothing to write or pass on.
        guard !isRemoved else { return }
        var head = answer.head
        head.headerFields[.contentLength] = String(answer.body.count)
        head.headerFields[.date] = currentDate()
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if !answer.body.isEmpty {
            context.write(wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: answer.body))), promise: nil)
        }
        if quiescePending == nil {
            context.write(wrapOutboundOut(.end(nil)), promise: nil)
            flushSoon(context: context)
        } else {
            // The quiesce event may close the connection at once, which drops unflushed writes.
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        }
        if let event = quiescePending {
            quiescePending = nil
            context.fireUserInboundEventTriggered(event)
        }
        handleHeld(context: context)
    }

    private var isFlushScheduled = false

    /// Flushes once the loop has run the jobs already queued, so answers made in one pass leave together.
    private func flushSoon(context: ChannelHandlerContext) {
        guard !isFlushScheduled else { return }
        isFlushScheduled = true
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        context.eventLoop.execute {
            let (handler, context) = bound.value
            handler.isFlushScheduled = false
            if !handler.isRemoved { context.flush() }
        }
    }

    /// The `Date` header's text, made at most once a second per connection.
    private func currentDate() -> String {
        let now = route.now()
        let second = Int(now.timeIntervalSince1970.rounded(.down))
        if let dateHeader, dateHeader.second == second { return dateHeader.text }
        let text = HTTPDate.text(now)
        dateHeader = (second, text)
        return text
    }
}
