import Foundation
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
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            guard let slash = rest.firstIndex(of: "/") else { return nil }
            rest = rest[slash...]
        }
        if let query = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<query] }
        let parts = rest.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 2 else { return nil }
        let account = String(parts[parts.count - 2])
        let name = String(parts[parts.count - 1])
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
