import OrderedCollections

/// `$string` / `JSON.stringify` as jsonata-js uses them: numbers rounded to 15 significant digits and printed
/// like JavaScript, functions as `""`, optional two-space pretty printing.
enum Stringify {
    /// `fn.string(value, pretty)` for a defined value; D3001 for non-finite numbers.
    static func string(_ value: Value, pretty: Bool) throws -> String {
        switch value {
        case .string(let s): return s
        case .function: return ""
        case .number(let n) where !n.isFinite:
            throw JSONataError(code: "D3001", message: "Attempting to invoke string function on Infinity or NaN",
                               value: JSNumber.string(n))
        default:
            var output = ""
            var top = value
            if case .array(let array) = value, array.outerWrapper, let first = array.items.first { top = first }
            try write(top, into: &output, pretty: pretty, indent: 0)
            return output
        }
    }

    static func write(_ value: Value, into output: inout String, pretty: Bool, indent: Int) throws {
        switch value {
        case .null: output += "null"
        case .bool(let b): output += b ? "true" : "false"
        case .number(let n):
            if n.isNaN {
                output += "null"
            } else if !n.isFinite {
                throw JSONataError(code: "D1001", message: "Number out of range: \(JSNumber.string(n))", value: JSNumber.string(n))
            } else if n.rounded(.towardZero) == n {
                output += JSNumber.string(n)  // integers print exactly (the later jsonata-js fix)
            } else {
                output += JSNumber.string(JSNumber.roundedTo15Digits(n))
            }
        case .string(let s): quote(s, into: &output)
        case .function: output += "\"\""
        case .array(let array):
            if array.items.isEmpty { output += "[]"; return }
            output += "["
            for (index, item) in array.items.enumerated() {
                if index > 0 { output += "," }
                if pretty { newline(&output, indent + 1) }
                try write(item, into: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { newline(&output, indent) }
            output += "]"
        case .object(let object):
            if object.members.isEmpty { output += "{}"; return }
            output += "{"
            var first = true
            for (key, member) in object.members {
                if !first { output += "," }
                first = false
                if pretty { newline(&output, indent + 1) }
                quote(key, into: &output)
                output += pretty ? ": " : ":"
                try write(member, into: &output, pretty: pretty, indent: indent + 1)
            }
            if pretty { newline(&output, indent) }
            output += "}"
        }
    }

    private static func newline(_ output: inout String, _ level: Int) {
        output += "\n"
        output += String(repeating: "  ", count: level)
    }

    /// JSON string quoting as `JSON.stringify` does it.
    static func quote(_ text: String, into output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
