import Foundation

/// One page of a bucket listing: the objects and common prefixes in key order, and where the page stopped.
struct S3ListingPage: Sendable {
    /// Where a listing resumes: after a key, or after every key under a common prefix.
    enum Position: Sendable, Equatable {
        case key(String)
        case commonPrefix(String)

        /// The continuation token of this position (opaque to clients).
        var token: String {
            switch self {
            case .key(let key): return Self.encode("k" + key)
            case .commonPrefix(let prefix): return Self.encode("p" + prefix)
            }
        }

        /// The position a token names, nil for a token Stratus did not write.
        init?(token: String) {
            guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
                  let kind = text.first else { return nil }
            switch kind {
            case "k": self = .key(String(text.dropFirst()))
            case "p": self = .commonPrefix(String(text.dropFirst()))
            default: return nil
            }
        }

        /// The entry text (key or prefix), as `NextMarker` shows it.
        var text: String {
            switch self {
            case .key(let key): return key
            case .commonPrefix(let prefix): return prefix
            }
        }

        private static func encode(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
    }

    var objects: [S3ObjectRecord] = []
    var commonPrefixes: [String] = []
    var isTruncated = false
    /// The last entry of the page.
    var last: Position?

    /// Entries on the page.
    var count: Int { objects.count + commonPrefixes.count }
}
