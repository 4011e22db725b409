import Foundation

/// A `Range: bytes=…` request header, as S3 reads it.
///
/// S3 honours one range (`bytes=a-b`, `bytes=a-`, `bytes=-n`); a header it cannot read, or one with several ranges,
/// is ignored and the whole object is sent.
package enum S3ByteRange: Sendable, Equatable {
    /// `bytes=first-last` (last inclusive, nil when open).
    case from(first: Int, last: Int?)
    /// `bytes=-count`: the last `count` bytes.
    case suffix(count: Int)

    /// Parses a header value; nil when S3 would ignore it.
    package init?(header: String) {
        let text = header.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("bytes=") else { return nil }
        let spec = text.dropFirst("bytes=".count)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return nil }
        let start = spec[..<dash], end = spec[spec.index(after: dash)...]
        if start.isEmpty {
            guard let count = Int(end), count >= 0 else { return nil }
            self = .suffix(count: count)
            return
        }
        guard let first = Int(start), first >= 0 else { return nil }
        if end.isEmpty {
            self = .from(first: first, last: nil)
            return
        }
        guard let last = Int(end), last >= first else { return nil }
        self = .from(first: first, last: last)
    }

    /// The byte positions it selects of an object of `size` bytes, or nil when it selects none (416).
    package func positions(size: Int) -> Range<Int>? {
        switch self {
        case .from(let first, let last):
            guard first < size else { return nil }
            return first..<(min(last ?? (size - 1), size - 1) + 1)
        case .suffix(let count):
            guard count > 0, size > 0 else { return nil }
            return max(0, size - count)..<size
        }
    }
}
