/// JavaScript string operations (`indexOf`, `lastIndexOf`, `substring`, `slice`) over arrays of Unicode scalars,
/// so ported jsonata-js code can keep its index arithmetic. Indices count scalars (JavaScript counts UTF-16
/// units; the two agree for the Basic Multilingual Plane).
extension Array where Element == Unicode.Scalar {
    /// The scalars of `text`.
    init(scalarsOf text: String) { self = Array(text.unicodeScalars) }

    /// The scalars as a String.
    var asString: String {
        var result = ""
        result.unicodeScalars.append(contentsOf: self)
        return result
    }

    /// JavaScript `indexOf(needle, from)`: first index at or after `from`, or -1.
    func indexOf(_ needle: [Unicode.Scalar], from: Int = 0) -> Int {
        let start = Swift.max(0, from)
        if needle.isEmpty { return Swift.min(start, count) }
        guard needle.count <= count else { return -1 }
        var index = start
        while index + needle.count <= count {
            if self[index] == needle[0] && Array(self[index..<(index + needle.count)]) == needle { return index }
            index += 1
        }
        return -1
    }

    /// JavaScript `lastIndexOf(needle)`: last index, or -1.
    func lastIndexOf(_ needle: [Unicode.Scalar]) -> Int {
        if needle.isEmpty { return count }
        guard needle.count <= count else { return -1 }
        var index = count - needle.count
        while index >= 0 {
            if Array(self[index..<(index + needle.count)]) == needle { return index }
            index -= 1
        }
        return -1
    }

    /// JavaScript `substring(start, end)`: bounds clamped to 0…count and swapped if reversed.
    func substring(_ start: Int, _ end: Int? = nil) -> [Unicode.Scalar] {
        var low = Swift.min(Swift.max(start, 0), count)
        var high = Swift.min(Swift.max(end ?? count, 0), count)
        if low > high { swap(&low, &high) }
        return Array(self[low..<high])
    }

    /// JavaScript `slice(start, end)`: negative bounds count from the end.
    func slice(_ start: Int, _ end: Int? = nil) -> [Unicode.Scalar] {
        func resolve(_ value: Int) -> Int {
            value < 0 ? Swift.max(count + value, 0) : Swift.min(value, count)
        }
        let low = resolve(start)
        let high = resolve(end ?? count)
        return low < high ? Array(self[low..<high]) : []
    }

    /// Whether the single scalar at `index` equals `other` as a whole string (JavaScript `charAt(i) === s`).
    func character(at index: Int, equals other: [Unicode.Scalar]) -> Bool {
        guard index >= 0 && index < count else { return other.isEmpty }
        return other.count == 1 && other[0] == self[index]
    }
}
