/// Defaults Stratus assumes when a request does not say otherwise.
package enum AWSDefaults {
    /// The account of requests whose access key id is not 12 digits.
    package static let accountID = "000000000000"
    /// The region of requests that carry no signature.
    package static let region = "us-east-1"
}

/// Account ids: an access key id of exactly 12 digits selects that account.
package enum AccountID {
    /// `true` when `text` is exactly 12 ASCII digits.
    package static func isValid(_ text: some StringProtocol) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// The account an access key id selects: itself when it is 12 digits, else `fallback`.
    package static func from(accessKeyID: String?, fallback: String = AWSDefaults.accountID) -> String {
        guard let accessKeyID, isValid(accessKeyID) else { return fallback }
        return accessKeyID
    }
}
