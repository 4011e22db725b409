import Foundation

/// Splitting and joining list-valued HTTP headers the way the REST protocols write them.
///
/// Items are separated by commas; an item that contains a comma or a double quote is written in double quotes
/// with `\"` and `\\` escapes, and read back unquoted. IMF-fixdate timestamps contain a comma themselves, so a
/// list of them is split after every second comma.
package enum RESTHeaderList {
    /// Splits `value` into trimmed, unquoted items. An empty header gives no items.
    package static func split(_ value: String) -> [String] {
        var items: [String] = []
        var current = ""
        var inQuotes = false
        var wasQuoted = false
        var iterator = value.makeIterator()
        while let character = iterator.next() {
            if inQuotes {
                if character == "\\" {
                    if let escaped = iterator.next() { current.append(escaped) }
                } else if character == "\"" {
                    inQuotes = false
                } else {
                    current.append(character)
                }
            } else if character == "\"" && current.allSatisfy(\.isWhitespace) {
                current = ""
                inQuotes = true
                wasQuoted = true
            } else if character == "," {
                items.append(wasQuoted ? current : trim(current))
                current = ""
                wasQuoted = false
            } else if !(wasQuoted && character.isWhitespace) {
                current.append(character)
            }
        }
        if !current.isEmpty || wasQuoted || !items.isEmpty { items.append(wasQuoted ? current : trim(current)) }
        return items
    }

    /// Splits a list of IMF-fixdate timestamps (`Mon, 16 Dec 2019 23:48:18 GMT, Tue, …`).
    package static func splitHTTPDates(_ value: String) -> [String] {
        let pieces = value.split(separator: ",", omittingEmptySubsequences: false).map { trim(String($0)) }
        var items: [String] = []
        var index = 0
        while index < pieces.count {
            if index + 1 < pieces.count {
                items.append(pieces[index] + ", " + pieces[index + 1])
            } else {
                items.append(pieces[index])
            }
            index += 2
        }
        return items
    }

    /// Joins items with `, `, quoting any item that holds a comma or a double quote.
    package static func join(_ items: [String], quoting: Bool = true) -> String {
        items.map { item in
            guard quoting, item.contains(",") || item.contains("\"") else { return item }
            let escaped = item.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(escaped)\""
        }.joined(separator: ", ")
    }

    private static func trim(_ text: String) -> String {
        var slice = Substring(text)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
