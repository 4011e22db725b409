import Foundation
import HTTPTypes
import NIOCore
import StratusWire

/// Which requests ``DirectAnswerHandler`` takes, and how they are answered.
struct DirectAnswerRoute: Sendable {
    /// Whether the request with this head is taken. Only requests whose answer needs the whole body and never waits
    /// long may be: a taken request is answered outside Hummingbird's connection task (and its graceful-shutdown
    /// handlers), and its body is collected in memory.
    let takes: @Sendable (HTTPRequest) -> Bool
    /// The answer to a taken request with its whole body.
    let answer: @Sendable (HTTPRequest, ByteBuffer) async -> WireResponse
    /// Now, for the `Date` header.
    let now: @Sendable () -> Date

    /// The capacity to reserve for a taken request's body: its `Content-Length`, up to 64 KiB (the buffer grows past
    /// that as parts arrive).
    func expectedBodySize(_ head: HTTPRequest) -> Int {
        min(head.headerFields[.contentLength].flatMap { Int($0) } ?? 0, 1 << 16)
    }
}
