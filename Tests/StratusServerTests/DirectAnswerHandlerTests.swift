import Foundation
import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import StratusWire
import Testing

@testable import StratusServer

/// The handler that answers requests on the event loop keeps HTTP/1's order with the requests it passes on to
/// Hummingbird, holds reads and the quiesce event while it must, and writes complete answers.
@Suite struct DirectAnswerHandlerTests {
    /// A channel with the handler in front of a stand-in for Hummingbird; requests to paths under `/direct` are taken
    /// and answered with `direct <path> <body>` once `gate` lets them.
    struct Fixture {
        let channel = NIOAsyncTestingChannel()
        let reads = ReadCounter()
        let hummingbird = HummingbirdStandIn()
        let gate = AnswerGate()

        init() async throws {
            let gate = gate
            let route = DirectAnswerRoute(
                takenBodyLength: { head in
                    (head.path?.hasPrefix("/direct") ?? false) ? head.headerFields[.contentLength].flatMap { Int($0) } ?? 0 : nil
                },
                answer: { head, body in
                    await gate.pass()
                    var response = HTTPResponse(status: .ok)
                    response.headerFields[.contentType] = "text/plain"
                    return WireResponse(head: response, body: Array("direct \(head.path ?? "") \(String(buffer: body))".utf8))
                },
                now: { Date(timeIntervalSince1970: 1_795_000_000) })
            let (channel, reads, hummingbird) = (channel, reads, hummingbird)
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandlers([reads, DirectAnswerHandler(route: route), hummingbird])
            }.get()
        }

        func send(_ path: String, body: String = "") async throws {
            var head = HTTPRequest(method: .post, scheme: nil, authority: "localhost", path: path)
            head.headerFields[.contentLength] = String(body.utf8.count)
            try await channel.writeInbound(HTTPRequestPart.head(head))
            if !body.isEmpty { try await channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: body))) }
            try await channel.writeInbound(HTTPRequestPart.end(nil))
        }

        /// The next answer written, as its status line's code, headers and body.
        func nextAnswer() async throws -> (head: HTTPResponse, body: String) {
            guard case .head(let head) = try await channel.waitForOutboundWrite(as: HTTPResponsePart.self) else {
                throw Failure("the answer did not start with a head")
            }
            var body = ""
            while true {
                switch try await channel.waitForOutboundWrite(as: HTTPResponsePart.self) {
                case .body(let buffer): body += String(buffer: buffer)
                case .end: return (head, body)
                case .head: throw Failure("a second head inside one answer")
                }
            }
        }

        func onLoop<T: Sendable>(_ body: @escaping @Sendable () -> T) async throws -> T {
            try await channel.eventLoop.submit(body).get()
        }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    @Test func takenRequestsAreAnsweredWithLengthAndDateAndNotPassedOn() async throws {
        let fixture = try await Fixture()
        await fixture.gate.open()
        try await fixture.send("/direct/a", body: "{\"x\":1}")
        let answer = try await fixture.nextAnswer()
        #expect(answer.head.status == .ok)
        #expect(answer.body == "direct /direct/a {\"x\":1}")
        #expect(answer.head.headerFields[.contentLength] == String(answer.body.utf8.count))
        #expect(answer.head.headerFields[.date] == "Wed, 18 Nov 2026 11:06:40 GMT")
        #expect(answer.head.headerFields[.contentType] == "text/plain")
        #expect(try await fixture.onLoop { fixture.hummingbird.parts.isEmpty })
    }

    @Test func otherRequestsPassOnUnchanged() async throws {
        let fixture = try await Fixture()
        try await fixture.send("/other", body: "abc")
        let parts = try await fixture.onLoop { fixture.hummingbird.parts }
        #expect(parts.count == 3)
        #expect(parts.first.flatMap { if case .head(let head) = $0 { head.path } else { nil } } == "/other")
    }

    @Test func aRequestAfterATakenOneWaitsForItsAnswer() async throws {
        let fixture = try await Fixture()
        try await fixture.send("/direct/first")
        try await fixture.send("/other")
        #expect(try await fixture.onLoop { fixture.hummingbird.parts.isEmpty })
        // Held parts stop the channel from reading.
        try await fixture.onLoop { fixture.channel.pipeline.read() }
        #expect(try await fixture.onLoop { fixture.reads.count } == 0)

        await fixture.gate.open()
        #expect(try await fixture.nextAnswer().body == "direct /direct/first ")
        await fixture.channel.testingEventLoop.run()
        let parts = try await fixture.onLoop { fixture.hummingbird.parts }
        #expect(parts.count == 2)
        #expect(try await fixture.onLoop { fixture.hummingbird.readCompletes } >= 1)
        #expect(try await fixture.onLoop { fixture.reads.count } == 1)
    }

    @Test func aTakenRequestWaitsUntilHummingbirdHasAnsweredTheOnesBefore() async throws {
        let fixture = try await Fixture()
        await fixture.gate.open()
        try await fixture.send("/other/one")
        try await fixture.send("/direct/two")
        try await fixture.send("/other/three")
        await fixture.channel.testingEventLoop.run()
        #expect(try await fixture.channel.readOutbound(as: HTTPResponsePart.self) == nil)
        #expect(try await fixture.onLoop { fixture.hummingbird.parts.count } == 2)

        try await fixture.onLoop { fixture.hummingbird.answer("hummingbird one") }
        #expect(try await fixture.nextAnswer().body == "hummingbird one")
        #expect(try await fixture.nextAnswer().body == "direct /direct/two ")
        await fixture.channel.testingEventLoop.run()
        let paths = try await fixture.onLoop {
            fixture.hummingbird.parts.compactMap { if case .head(let head) = $0 { head.path } else { nil } }
        }
        #expect(paths == ["/other/one", "/other/three"])
    }

    @Test func anAnswerForAClosedConnectionIsDropped() async throws {
        let fixture = try await Fixture()
        try await fixture.send("/direct/abandoned")
        try await fixture.onLoop { fixture.channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent()) }
        try await fixture.channel.close()
        await fixture.gate.open()
        // Let the answer's task finish and hop back to the loop.
        for _ in 0..<20 {
            await fixture.channel.testingEventLoop.run()
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(try await fixture.channel.readOutbound(as: HTTPResponsePart.self) == nil)
        #expect(try await fixture.onLoop { fixture.hummingbird.quiesceEvents } == 0)
    }

    @Test func quiescingWaitsForTheAnswerInProgress() async throws {
        let fixture = try await Fixture()
        try await fixture.send("/direct/slow")
        try await fixture.onLoop { fixture.channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent()) }
        #expect(try await fixture.onLoop { fixture.hummingbird.quiesceEvents } == 0)

        await fixture.gate.open()
        _ = try await fixture.nextAnswer()
        await fixture.channel.testingEventLoop.run()
        #expect(try await fixture.onLoop { fixture.hummingbird.quiesceEvents } == 1)

        // With nothing in progress, the event passes at once.
        try await fixture.onLoop { fixture.channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent()) }
        #expect(try await fixture.onLoop { fixture.hummingbird.quiesceEvents } == 2)
    }
}

/// Counts `read` calls that reach the front of the pipeline.
final class ReadCounter: ChannelOutboundHandler, @unchecked Sendable {
    typealias OutboundIn = Any
    var count = 0

    func read(context: ChannelHandlerContext) {
        count += 1
        context.read()
    }
}

/// Records what reaches Hummingbird's place in the pipeline and writes answers as Hummingbird would.
final class HummingbirdStandIn: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart
    var parts: [HTTPRequestPart] = []
    var readCompletes = 0
    var quiesceEvents = 0
    private var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func channelRead(context: ChannelHandlerContext, data: NIOAny) { parts.append(unwrapInboundIn(data)) }
    func channelReadComplete(context: ChannelHandlerContext) { readCompletes += 1 }
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent { quiesceEvents += 1 }
    }

    func answer(_ text: String) {
        guard let context else { return }
        context.write(wrapOutboundOut(.head(HTTPResponse(status: .ok))), promise: nil)
        context.write(wrapOutboundOut(.body(ByteBuffer(string: text))), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    }
}

/// Holds taken requests' answers until opened.
actor AnswerGate {
    private var isOpen = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func pass() async {
        if isOpen { return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func open() {
        isOpen = true
        for continuation in waiting { continuation.resume() }
        waiting = []
    }
}
