import Foundation

/// A receipt handle: the message id and the token of one receive, base64-encoded.
///
/// Guarantees: a handle names exactly one receive of one message; a later receive of the same message gets a
/// new token, so older handles go stale. Text that does not decode is not a receipt handle.
package struct SQSReceiptHandle: Sendable, Equatable {
    /// The message id.
    package var messageID: String
    /// The receive's token.
    package var token: String

    /// A handle.
    package init(messageID: String, token: String) {
        self.messageID = messageID
        self.token = token
    }

    /// Decodes a handle; nil when `text` is not one this service issued.
    package init?(_ text: String) {
        guard text.utf8.count <= 1024, let data = Data(base64Encoded: text) else { return nil }
        // Handles this service issues are ASCII: split their bytes (in ASCII every space is a whole character, so
        // this is the same split as the character-wise one below, without grapheme breaking).
        if data.allSatisfy({ $0 < 0x80 }) {
            let parts = data.split(separator: 0x20, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].elementsEqual("sqs1".utf8), !parts[1].isEmpty, !parts[2].isEmpty else {
                return nil
            }
            self.init(
                messageID: String(decoding: parts[1], as: UTF8.self), token: String(decoding: parts[2], as: UTF8.self))
            return
        }
        guard let decoded = String(data: data, encoding: .utf8) else { return nil }
        let parts = decoded.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "sqs1", !parts[1].isEmpty, !parts[2].isEmpty else { return nil }
        self.init(messageID: String(parts[1]), token: String(parts[2]))
    }

    /// The handle as the client sees it.
    package var text: String { Data("sqs1 \(messageID) \(token)".utf8).base64EncodedString() }
}
