// S3PostForm: the fields and the file of an S3 browser-based upload (POST Object, multipart/form-data).
import Foundation

/// The parts of a `multipart/form-data` body as S3's `POST` upload reads them: the form fields in order (names as
/// sent; S3 compares them case-insensitively), then the one file.
///
/// Guarantees: pure. Parts are split at `--<boundary>` lines (CRLF or LF line ends); a part's name and file name come
/// from its `Content-Disposition`; the part named `file` is the upload (its bytes exactly as sent) and nothing after
/// it is read, as S3 ignores fields after the file.
package struct S3PostForm: Sendable, Equatable {
    /// The form fields before the file, in order.
    package var fields: [(name: String, value: String)]
    /// The file part's file name (`filename=`), empty when none was given.
    package var fileName: String?
    /// The file part's own `Content-Type`, if it had one.
    package var fileContentType: String?
    /// The file's bytes, nil when the form had no `file` part.
    package var file: Data?

    package static func == (lhs: S3PostForm, rhs: S3PostForm) -> Bool {
        lhs.fields.map { [$0.name, $0.value] } == rhs.fields.map { [$0.name, $0.value] } && lhs.fileName == rhs.fileName
            && lhs.fileContentType == rhs.fileContentType && lhs.file == rhs.file
    }

    /// The value of the first field named `name` (any case).
    package func field(_ name: String) -> String? {
        let wanted = name.lowercased()
        return fields.first { $0.name.lowercased() == wanted }?.value
    }

    /// The `boundary` parameter of a `multipart/form-data` content type, nil for another type.
    package static func boundary(ofContentType contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for parameter in parts.dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// Parses `body`; nil when it is not a multipart body with `boundary`.
    package init?(body: [UInt8], boundary: String) {
        let delimiter = Array("--\(boundary)".utf8)
        var positions: [Int] = []
        var index = 0
        while let found = Self.find(delimiter, in: body, from: index) {
            positions.append(found)
            index = found + delimiter.count
        }
        guard positions.count >= 2 else { return nil }
        fields = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            var part = Array(body[(start + delimiter.count)..<end])
            // The line break after the delimiter, and the one before the next.
            if part.starts(with: [13, 10]) { part.removeFirst(2) } else if part.first == 10 { part.removeFirst() }
            if part.suffix(2) == [13, 10] { part.removeLast(2) } else if part.last == 10 { part.removeLast() }
            guard let (headers, content) = Self.split(part) else { return nil }
            guard let disposition = headers["content-disposition"], let name = Self.parameter("name", of: disposition) else {
                continue
            }
            if name.lowercased() == "file" {
                fileName = Self.parameter("filename", of: disposition) ?? ""
                fileContentType = headers["content-type"]
                file = Data(content)
                break
            }
            fields.append((name, String(decoding: content, as: UTF8.self)))
        }
    }

    /// A part's headers (lower-cased names) and content.
    private static func split(_ part: [UInt8]) -> ([String: String], [UInt8])? {
        var headers: [String: String] = [:]
        var index = 0
        while index < part.count {
            var end = index
            while end < part.count, part[end] != 10 { end += 1 }
            var line = Array(part[index..<end])
            if line.last == 13 { line.removeLast() }
            index = end + 1
            if line.isEmpty { return (headers, index <= part.count ? Array(part[min(index, part.count)...]) : []) }
            let text = String(decoding: line, as: UTF8.self)
            guard let colon = text.firstIndex(of: ":") else { return nil }
            headers[text[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] =
                text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// A `name="value"` parameter of a header value.
    private static func parameter(_ name: String, of header: String) -> String? {
        for item in header.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let pair = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
