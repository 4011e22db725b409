import Foundation
import HTTPTypes
import NIOCore
import StratusWire

/// Which requests ``DirectAnswerHandler`` takes, and how they are answered.
struct DirectAnswerRoute: Sendable {
    /// The body length of a request with this head if the handler takes it (its `Content-Length`, 0 without a body),
    /// `nil` if it passes it on. Only requests whose answer needs the whole body and never waits long may be taken:
    /// a taken request is answered outside Hummingbird's connection task (and its graceful-shutdown handlers), and
    /// its body is collected in memory.
    let takenBodyLength: @Sendable (HTTPRequest) -> Int?
    /// The answer to a taken request with its whole body.
    let answer: @Sendable (HTTPRequest, ByteBuffer) async -> WireResponse
    /// Now, for the `Date` header.
    let now: @Sendable () -> Date
}
