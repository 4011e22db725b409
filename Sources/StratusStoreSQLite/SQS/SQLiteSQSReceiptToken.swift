// SQLiteSQSReceiptToken: receipt tokens that carry the row of the message they were issued for.

/// The receipt tokens the SQLite SQS store hands out: `<row id>:<token from the claim request>`.
///
/// Guarantees: a token made by ``make(rowID:token:)`` yields its row id again through ``rowID(of:)``, so deletes
/// and visibility changes find the message by its primary key instead of an index on message ids (which every
/// send would have to maintain). The row id only locates: every lookup still requires the queue, the message id
/// and the whole stored token to match, so a token that was altered, is stale, or names a row since reused
/// matches nothing. Tokens issued before this format (plain UUIDs) have no row id; the store then looks the
/// message up by queue and message id.
package enum SQLiteSQSReceiptToken {
    /// The stored token for a receipt of row `rowID` made from the claim's `token`.
    package static func make(rowID: Int64, token: String) -> String {
        "\(rowID):\(token)"
    }

    /// The row id a token made by ``make(rowID:token:)`` carries; nil for other text (older tokens included).
    package static func rowID(of token: String) -> Int64? {
        var value: Int64 = 0
        var digits = 0
        for byte in token.utf8 {
            if byte == UInt8(ascii: ":") {
                return digits > 0 ? value : nil
            }
            // At most 18 digits: always fits an Int64 (row ids are positive and far smaller).
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9"), digits < 18 else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            digits += 1
        }
        return nil
    }
}
