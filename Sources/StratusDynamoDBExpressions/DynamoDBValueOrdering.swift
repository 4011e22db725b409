// DynamoDB's order of scalar values: numbers numerically, strings and binary byte-wise.

/// The order DynamoDB uses for comparisons and sort keys.
package enum DynamoDBValueOrdering {
    /// -1, 0 or 1 for two values of the same orderable type (S, N, B); nil for different types or types with no
    /// order (sets, maps, lists, booleans, null).
    ///
    /// Guarantees: strings compare by their UTF-8 bytes (not by Unicode collation), binary by bytes, numbers exactly.
    package static func compare(_ left: DynamoDBValue, _ right: DynamoDBValue) -> Int? {
        switch (left, right) {
        case let (.number(a), .number(b)):
            return DynamoDBNumber.compare(a, b)
        case let (.string(a), .string(b)):
            return compareBytes(Array(a.utf8), Array(b.utf8))
        case let (.binary(a), .binary(b)):
            return compareBytes(a, b)
        default:
            return nil
        }
    }

    /// Lexicographic (memcmp) order of byte strings: -1, 0 or 1.
    package static func compareBytes(_ left: [UInt8], _ right: [UInt8]) -> Int {
        for (a, b) in zip(left, right) where a != b {
            return a < b ? -1 : 1
        }
        if left.count == right.count { return 0 }
        return left.count < right.count ? -1 : 1
    }
}
