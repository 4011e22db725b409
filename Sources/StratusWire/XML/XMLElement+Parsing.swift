extension XMLElement {
    /// Parses a whole document and returns its root element.
    ///
    /// Skips the XML declaration, comments, processing instructions and a DOCTYPE without an internal subset
    /// declaring entities (any `<!ENTITY` is rejected, so no external or expanding entities: no XXE). Resolves the
    /// five predefined entities and numeric character references, unwraps CDATA, normalizes CR LF and lone CR in
    /// raw text to LF (as XML 1.0 requires), keeps namespace prefixes as written. Whitespace-only text between
    /// elements is kept as `.text` nodes; callers that do not care use ``XMLElement/elements``.
    /// - Throws: ``XMLParseError`` naming the problem, its line and column.
    package static func parse(_ bytes: [UInt8]) throws(XMLParseError) -> XMLElement {
        var reader = XMLReader(bytes: bytes)
        return try reader.document()
    }

    /// Parses a document given as text (see ``parse(_:)-swift.type.method``).
    package static func parse(_ text: String) throws(XMLParseError) -> XMLElement {
        try parse(Array(text.utf8))
    }
}

/// A cursor over the bytes of one document.
private struct XMLReader {
    let bytes: [UInt8]
    var index = 0
    var depth = 0
    static let maximumDepth = 512

    init(bytes: [UInt8]) {
        // Skip a UTF-8 byte order mark.
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    func error(_ message: String, at position: Int? = nil) -> XMLParseError {
        let offset = min(position ?? index, bytes.count)
        var line = 1
        var column = 1
        for byte in bytes[..<offset] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return XMLParseError(message: message, offset: offset, line: line, column: column)
    }

    var atEnd: Bool { index >= bytes.count }

    func peek(_ literal: String) -> Bool {
        let utf8 = Array(literal.utf8)
        guard index + utf8.count <= bytes.count else { return false }
        return bytes[index..<(index + utf8.count)].elementsEqual(utf8)
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    mutating func skipSpace() {
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
    }

    /// Advances past the next occurrence of `terminator`; throws when the input ends first.
    mutating func skip(past terminator: String, what: String) throws(XMLParseError) -> Range<Int> {
        let start = index
        let utf8 = Array(terminator.utf8)
        while index + utf8.count <= bytes.count {
            if bytes[index] == utf8[0], bytes[index..<(index + utf8.count)].elementsEqual(utf8) {
                let range = start..<index
                index += utf8.count
                return range
            }
            index += 1
        }
        throw error("unterminated \(what)", at: start)
    }

    mutating func document() throws(XMLParseError) -> XMLElement {
        try misc(allowDoctype: true)
        guard !atEnd, bytes[index] == UInt8(ascii: "<") else {
            throw error(atEnd ? "no root element" : "text before the root element")
        }
        let root = try element()
        try misc(allowDoctype: false)
        guard atEnd else { throw error("content after the root element") }
        return root
    }

    /// Skips whitespace, comments, processing instructions, the XML declaration and (once) a DOCTYPE.
    mutating func misc(allowDoctype: Bool) throws(XMLParseError) {
        var doctypeAllowed = allowDoctype
        while true {
            skipSpace()
            if peek("<?") {
                index += 2
                _ = try skip(past: "?>", what: "processing instruction")
            } else if peek("<!--") {
                try comment()
            } else if peek("<!DOCTYPE") {
                guard doctypeAllowed else { throw error("DOCTYPE not allowed here") }
                doctypeAllowed = false
                try doctype()
            } else {
                return
            }
        }
    }

    mutating func comment() throws(XMLParseError) {
        index += 4
        _ = try skip(past: "-->", what: "comment")
    }

    mutating func doctype() throws(XMLParseError) {
        let start = index
        index += 9
        var inSubset = false
        while index < bytes.count {
            let byte = bytes[index]
            if peek("<!ENTITY") { throw error("entity declarations are not allowed") }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                let quote = byte
                index += 1
                while index < bytes.count, bytes[index] != quote { index += 1 }
            } else if byte == UInt8(ascii: "[") {
                inSubset = true
            } else if byte == UInt8(ascii: "]") {
                inSubset = false
            } else if byte == UInt8(ascii: ">"), !inSubset {
                index += 1
                return
            }
            index += 1
        }
        throw error("unterminated DOCTYPE", at: start)
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "-"),
            UInt8(ascii: "."):
            return true
        default:
            return byte >= 0x80
        }
    }

    mutating func name(_ what: String) throws(XMLParseError) -> String {
        let start = index
        while index < bytes.count, Self.isNameByte(bytes[index]) { index += 1 }
        guard index > start else { throw error("expected \(what)") }
        let first = bytes[start]
        if first == UInt8(ascii: "-") || first == UInt8(ascii: ".")
            || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
        {
            throw error("\(what) cannot start with '\(Character(Unicode.Scalar(first)))'", at: start)
        }
        return try string(start..<index)
    }

    func string(_ range: Range<Int>) throws(XMLParseError) -> String {
        guard let text = String(validating: bytes[range], as: UTF8.self) else {
            throw error("invalid UTF-8", at: range.lowerBound)
        }
        return text
    }

    mutating func element() throws(XMLParseError) -> XMLElement {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw error("elements nested deeper than \(Self.maximumDepth)") }
        let openAt = index
        index += 1  // "<"
        var element = XMLElement(name: try name("element name"))
        while true {
            let hadSpace = index < bytes.count && Self.isSpace(bytes[index])
            skipSpace()
            guard !atEnd else { throw error("unterminated start tag <\(element.name)>", at: openAt) }
            if peek("/>") {
                index += 2
                return element
            }
            if bytes[index] == UInt8(ascii: ">") {
                index += 1
                break
            }
            guard hadSpace else { throw error("expected whitespace, '>' or '/>' in <\(element.name)>") }
            let attributeName = try name("attribute name")
            skipSpace()
            guard !atEnd, bytes[index] == UInt8(ascii: "=") else {
                throw error("expected '=' after attribute \(attributeName)")
            }
            index += 1
            skipSpace()
            guard !atEnd, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                throw error("expected a quoted value for attribute \(attributeName)")
            }
            let quote = bytes[index]
            index += 1
            let value = try characterData(until: quote, inAttribute: true)
            index += 1  // closing quote
            if element.attributes.contains(where: { $0.name == attributeName }) {
                throw error("duplicate attribute \(attributeName)")
            }
            element.attributes.append((attributeName, value))
        }
        try content(of: &element)
        return element
    }

    mutating func content(of element: inout XMLElement) throws(XMLParseError) {
        var pendingText = ""
        func flush(_ pendingText: inout String, _ element: inout XMLElement) {
            if !pendingText.isEmpty {
                element.children.append(.text(pendingText))
                pendingText = ""
            }
        }
        while true {
            guard !atEnd else { throw error("missing end tag </\(element.name)>") }
            if bytes[index] != UInt8(ascii: "<") {
                pendingText += try characterData(until: UInt8(ascii: "<"), inAttribute: false)
                continue
            }
            if peek("</") {
                let closeAt = index
                index += 2
                let closing = try name("end tag name")
                skipSpace()
                guard !atEnd, bytes[index] == UInt8(ascii: ">") else { throw error("expected '>' in end tag") }
                index += 1
                guard closing == element.name else {
                    throw error("end tag </\(closing)> does not match <\(element.name)>", at: closeAt)
                }
                flush(&pendingText, &element)
                return
            }
            if peek("<![CDATA[") {
                index += 9
                let range = try skip(past: "]]>", what: "CDATA section")
                pendingText += try string(range)
            } else if peek("<!--") {
                try comment()
            } else if peek("<?") {
                index += 2
                _ = try skip(past: "?>", what: "processing instruction")
            } else if peek("<!") {
                throw error("unexpected markup declaration inside <\(element.name)>")
            } else {
                flush(&pendingText, &element)
                element.children.append(.element(try self.element()))
            }
        }
    }

    /// Reads text up to (not including) `terminator`, resolving references and normalizing line ends.
    mutating func characterData(until terminator: UInt8, inAttribute: Bool) throws(XMLParseError) -> String {
        var output: [UInt8] = []
        while true {
            guard index < bytes.count else {
                throw error(inAttribute ? "unterminated attribute value" : "unexpected end of input")
            }
            let byte = bytes[index]
            if byte == terminator { break }
            switch byte {
            case UInt8(ascii: "&"):
                try reference(into: &output)
            case UInt8(ascii: "<") where inAttribute:
                throw error("'<' is not allowed in an attribute value")
            case 0x0D:
                // Line-end normalization: CR LF and lone CR become LF (attribute values: a space).
                index += 1
                if index < bytes.count, bytes[index] == 0x0A { index += 1 }
                output.append(inAttribute ? 0x20 : 0x0A)
            case 0x0A where inAttribute, 0x09 where inAttribute:
                index += 1
                output.append(0x20)
            default:
                output.append(byte)
                index += 1
            }
        }
        guard let text = String(validating: output, as: UTF8.self) else { throw error("invalid UTF-8") }
        return text
    }

    mutating func reference(into output: inout [UInt8]) throws(XMLParseError) {
        let start = index
        index += 1
        guard let semicolon = bytes[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
            throw error("'&' must start an entity or character reference", at: start)
        }
        let body = try string(index..<semicolon)
        index = semicolon + 1
        let scalar: Unicode.Scalar?
        switch body {
        case "lt": scalar = "<"
        case "gt": scalar = ">"
        case "amp": scalar = "&"
        case "quot": scalar = "\""
        case "apos": scalar = "'"
        default:
            if body.hasPrefix("#x") || body.hasPrefix("#X") {
                scalar = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
            } else if body.hasPrefix("#") {
                scalar = UInt32(body.dropFirst(1), radix: 10).flatMap(Unicode.Scalar.init)
            } else {
                throw error("unknown entity &\(body);", at: start)
            }
        }
        guard let scalar, scalar.value != 0 else { throw error("invalid character reference &\(body);", at: start) }
        output.append(contentsOf: Array(String(Character(scalar)).utf8))
    }
}
