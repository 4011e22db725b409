/// S3's naming rules for general purpose buckets.
package enum S3BucketName {
    /// Whether `name` is a valid bucket name: 3 to 63 characters of lowercase letters, digits, dots and hyphens,
    /// starting and ending with a letter or digit, no two adjacent dots, not an IPv4 address, and none of the
    /// prefixes and suffixes S3 reserves.
    package static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count) else { return false }
        func isLetterOrDigit(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) }
        guard bytes.allSatisfy({ isLetterOrDigit($0) || $0 == 0x2E || $0 == 0x2D }),
              let first = bytes.first, let last = bytes.last, isLetterOrDigit(first), isLetterOrDigit(last),
              !name.contains("..")
        else { return false }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count == 4, labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) { return false }
        for prefix in reservedPrefixes where name.hasPrefix(prefix) { return false }
        for suffix in reservedSuffixes where name.hasSuffix(suffix) { return false }
        return true
    }

    private static let reservedPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"]
    private static let reservedSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]
}
