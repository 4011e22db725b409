import OrderedCollections

/// Writes ``JSONValue``s as UTF-8 JSON text.
///
/// Compact output has no whitespace; pretty output indents by two spaces and writes `"name": value`.
/// Strings escape `"`, `\` and control characters (`\b \f \n \r \t`, `\u00XX` for the rest); `/` and non-ASCII
/// characters are written as they are.
struct JSONSerializer {
    var output: [UInt8] = []
    let pretty: Bool
    let sortKeys: Bool

    init(pretty: Bool, sortKeys: Bool) {
        self.pretty = pretty
        self.sortKeys = sortKeys
        output.reserveCapacity(256)
    }

    mutating func write(_ value: JSONValue, indent: Int = 0) {
        switch value {
        case .null:
            appendASCII("null")
        case .bool(let flag):
            appendASCII(flag ? "true" : "false")
        case .number(let number):
            writeNumber(number)
        case .string(let text):
            writeString(text)
        case .array(let elements):
            if elements.isEmpty {
                appendASCII("[]")
                return
            }
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(indent: indent + 1)
                write(element, indent: indent + 1)
            }
            newline(indent: indent)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                appendASCII("{}")
                return
            }
            output.append(UInt8(ascii: "{"))
            var first = true
            func writeMember(_ key: String, _ member: JSONValue, into serializer: inout JSONSerializer) {
                if !first { serializer.output.append(UInt8(ascii: ",")) }
                first = false
                serializer.newline(indent: indent + 1)
                serializer.writeString(key)
                serializer.output.append(UInt8(ascii: ":"))
                if serializer.pretty { serializer.output.append(UInt8(ascii: " ")) }
                serializer.write(member, indent: indent + 1)
            }
            if sortKeys {
                let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                for key in keys { writeMember(key, members[key]!, into: &self) }
            } else {
                for (key, member) in members { writeMember(key, member, into: &self) }
            }
            newline(indent: indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    private mutating func newline(indent: Int) {
        guard pretty else { return }
        output.append(UInt8(ascii: "\n"))
        for _ in 0..<(indent * 2) { output.append(UInt8(ascii: " ")) }
    }

    private mutating func appendASCII(_ text: StaticString) {
        text.withUTF8Buffer { output.append(contentsOf: $0) }
    }

    private mutating func writeNumber(_ number: JSONNumber) {
        if case .integer(let value) = number.storage {
            writeInteger(value)
        } else {
            output.append(contentsOf: number.text.utf8)
        }
    }

    private mutating func writeInteger(_ value: Int64) {
        if value >= 0 && value < 10 {
            output.append(UInt8(ascii: "0") + UInt8(value))
        } else {
            output.append(contentsOf: String(value).utf8)
        }
    }

    mutating func writeString(_ text: String) {
        Self.appendString(text, to: &output)
    }

    /// Appends `text` as a JSON string literal to `output` (the escaping the type's documentation describes).
    static func appendString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for position in 0..<bytes.count {
                let byte = bytes[position]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < position {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                }
                runStart = position + 1
                output.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
                case 0x08: output.append(UInt8(ascii: "b"))
                case 0x0C: output.append(UInt8(ascii: "f"))
                case 0x0A: output.append(UInt8(ascii: "n"))
                case 0x0D: output.append(UInt8(ascii: "r"))
                case 0x09: output.append(UInt8(ascii: "t"))
                default:
                    let hexDigits: StaticString = "0123456789abcdef"
                    output.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    hexDigits.withUTF8Buffer { hex in
                        output.append(hex[Int(byte >> 4)])
                        output.append(hex[Int(byte & 0xF)])
                    }
                }
            }
            if runStart < bytes.count {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
