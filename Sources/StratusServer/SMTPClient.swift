import Foundation
import NIOCore
import NIOPosix

/// Sends one plain-text email to an SMTP server (RFC 5321, no TLS, no authentication: a local sink or relay).
///
/// Guarantees: `send` returns only after the server accepted the message (`250` after the data); any other reply
/// throws ``SMTPClient/Failure`` with the server's reply, and the connection is closed either way. Lines of the body
/// are sent with CRLF endings and dot-stuffed; header values are single lines (CR and LF removed), and a subject
/// that is not ASCII is encoded as an RFC 2047 UTF-8 word.
struct SMTPClient: Sendable {
    /// A reply of the server other than the one expected, or a connection that ended early.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let host: String
    let port: Int
    /// The name announced in `EHLO`.
    var clientName = "stratus.localhost"

    /// Sends `body` from `from` to `to`. `from` may be a display form (`Name <address>`); the envelope uses the address.
    func send(from: String, to: String, subject: String, body: String, date: Date) async throws {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.seconds(10))
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let message = Self.message(from: from, to: to, subject: subject, body: body, date: date)
        let envelopeFrom = Self.address(in: from)
        try await channel.executeThenClose { inbound, outbound in
            var replies = ReplyReader(iterator: inbound.makeAsyncIterator())
            try await replies.expect(220)
            try await outbound.write(ByteBuffer(string: "EHLO \(clientName)\r\n"))
            try await replies.expect(250)
            try await outbound.write(ByteBuffer(string: "MAIL FROM:<\(envelopeFrom)>\r\n"))
            try await replies.expect(250)
            try await outbound.write(ByteBuffer(string: "RCPT TO:<\(to)>\r\n"))
            try await replies.expect(250, 251)
            try await outbound.write(ByteBuffer(string: "DATA\r\n"))
            try await replies.expect(354)
            try await outbound.write(ByteBuffer(string: message + ".\r\n"))
            try await replies.expect(250)
            try await outbound.write(ByteBuffer(string: "QUIT\r\n"))
            _ = try? await replies.next()
        }
    }

    /// The message as sent after `DATA` (headers, blank line, dot-stuffed body, each line ending in CRLF).
    static func message(from: String, to: String, subject: String, body: String, date: Date) -> String {
        func oneLine(_ text: String) -> String { text.filter { $0 != "\r" && $0 != "\n" } }
        let encodedSubject = subject.allSatisfy(\.isASCII)
            ? oneLine(subject) : "=?UTF-8?B?\(Data(oneLine(subject).utf8).base64EncodedString())?="
        var text = "From: \(oneLine(from))\r\nTo: \(oneLine(to))\r\nSubject: \(encodedSubject)\r\n"
        text += "Date: \(dateFormatter.string(from: date))\r\nMIME-Version: 1.0\r\n"
        text += "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        let lines = body.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            text += (line.hasPrefix(".") ? "." : "") + line + "\r\n"
        }
        return text
    }

    /// The address of `Name <address>`, or the text itself.
    static func address(in text: String) -> String {
        guard let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close else { return text }
        return String(text[text.index(after: open)..<close])
    }

    private static let dateFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter
    }()

    /// Reads SMTP replies (a reply is lines `NNN-text` ending with a line `NNN text`) from the inbound bytes.
    private struct ReplyReader {
        var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        var pending = ""

        mutating func line() async throws -> String {
            while true {
                if let end = pending.range(of: "\r\n") ?? pending.range(of: "\n") {
                    let line = String(pending[..<end.lowerBound])
                    pending.removeSubrange(..<end.upperBound)
                    return line
                }
                guard let buffer = try await iterator.next() else {
                    throw Failure(description: "the SMTP server closed the connection")
                }
                pending += String(buffer: buffer)
            }
        }

        /// The code and text of the next complete reply.
        mutating func next() async throws -> (code: Int, text: String) {
            var text = ""
            while true {
                let line = try await line()
                text += line + "\n"
                let characters = Array(line)
                guard characters.count >= 3, let code = Int(String(characters[0..<3])) else {
                    throw Failure(description: "the SMTP server answered '\(line)'")
                }
                if characters.count == 3 || characters[3] != "-" { return (code, text) }
            }
        }

        mutating func expect(_ codes: Int...) async throws {
            let reply = try await next()
            guard codes.contains(reply.code) else {
                throw Failure(description: "the SMTP server answered \(reply.text.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
        }
    }
}
