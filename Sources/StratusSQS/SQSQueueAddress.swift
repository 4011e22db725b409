import StratusServiceKit

/// Queue URLs and ARNs: how SQS names a queue on the wire.
///
/// Output URLs are `<scheme>://<Host>/<account>/<name>` (the endpoint the client talks to). Input URLs are read
/// by their path only, so `http://localhost:4566/<account>/<name>`,
/// `https://sqs.<region>.amazonaws.com/<account>/<name>` and `https://<region>.queue.amazonaws.com/<account>/<name>`
/// all name the same queue.
package struct SQSQueueAddress: Sendable, Equatable {
    /// The owning account (12 digits).
    package var accountID: String
    /// The queue name.
    package var name: String

    /// An address.
    package init(accountID: String, name: String) {
        self.accountID = accountID
        self.name = name
    }

    /// Reads a queue URL; nil when its path is not `/<12-digit account>/<name>`.
    package init?(url: String) {
        let bytes = Array(url.utf8)
        var start = 0
        // Skip `scheme://authority` when present.
        if let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon + 2 < bytes.count,
            bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/")
        {
            guard let slash = bytes[(colon + 3)...].firstIndex(of: UInt8(ascii: "/")) else { return nil }
            start = slash
        }
        var end = bytes.count
        if let stop = bytes[start...].firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            end = stop
        }
        while end > start, bytes[end - 1] == UInt8(ascii: "/") { end -= 1 }
        guard let nameSlash = bytes[start..<end].lastIndex(of: UInt8(ascii: "/")) else { return nil }
        var accountEnd = nameSlash
        while accountEnd > start, bytes[accountEnd - 1] == UInt8(ascii: "/") { accountEnd -= 1 }
        guard let accountSlash = bytes[start..<accountEnd].lastIndex(of: UInt8(ascii: "/")) else { return nil }
        let account = String(decoding: bytes[(accountSlash + 1)..<accountEnd], as: UTF8.self)
        let name = String(decoding: bytes[(nameSlash + 1)..<end], as: UTF8.self)
        guard SQSQueueAddress.isAccountID(account), !name.isEmpty else { return nil }
        self.init(accountID: account, name: name)
    }

    /// Reads `arn:aws:sqs:<region>:<account>:<name>`; nil for anything else.
    package static func parse(arn: String) -> (region: String, address: SQSQueueAddress)? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "sqs", !parts[3].isEmpty,
            isAccountID(parts[4]), !parts[5].isEmpty
        else { return nil }
        return (String(parts[3]), SQSQueueAddress(accountID: String(parts[4]), name: String(parts[5])))
    }

    /// The URL of queue `name` of `accountID` as the client of `context` addresses the server.
    package static func url(accountID: String, name: String, context: RequestContext) -> String {
        "\(context.endpointURL)/\(accountID)/\(name)"
    }

    private static func isAccountID(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}
