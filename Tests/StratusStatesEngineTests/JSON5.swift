import OrderedCollections
import StratusJSON

/// Reads the JSON5 subset the recorded templates use (comments, trailing commas) by rewriting it to JSON.
enum JSON5 {
    static func parse(_ text: String) throws -> JSONValue {
        var output: [UInt8] = []
        let bytes = Array(text.utf8)
        output.reserveCapacity(bytes.count)
        var index = 0
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                output.append(byte)
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    output.append(bytes[index + 1])
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "\"") { inString = false }
                index += 1
                continue
            }
            if byte == UInt8(ascii: "\"") {
                inString = true
                output.append(byte)
                index += 1
            } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                index += 2
                while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) { index += 1 }
                index += 2
            } else if byte == UInt8(ascii: ",") {
                var look = index + 1
                while look < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[look]) { look += 1 }
                if look < bytes.count, bytes[look] == UInt8(ascii: "}") || bytes[look] == UInt8(ascii: "]") {
                    index += 1
                } else if look + 1 < bytes.count, bytes[look] == UInt8(ascii: "/") {
                    // a comment follows the comma: keep scanning after it
                    output.append(byte)
                    index += 1
                } else {
                    output.append(byte)
                    index += 1
                }
            } else {
                output.append(byte)
                index += 1
            }
        }
        // A second pass removes commas left before a closer once comments are gone.
        let cleaned = String(decoding: output, as: UTF8.self)
        if cleaned.utf8.contains(UInt8(ascii: ",")) {
            var again: [UInt8] = []
            let source = Array(cleaned.utf8)
            var i = 0
            var quoted = false
            while i < source.count {
                let b = source[i]
                if quoted {
                    again.append(b)
                    if b == UInt8(ascii: "\\"), i + 1 < source.count { again.append(source[i + 1]); i += 2; continue }
                    if b == UInt8(ascii: "\"") { quoted = false }
                    i += 1
                    continue
                }
                if b == UInt8(ascii: "\"") { quoted = true }
                if b == UInt8(ascii: ",") {
                    var look = i + 1
                    while look < source.count, [0x20, 0x0A, 0x0D, 0x09].contains(source[look]) { look += 1 }
                    if look < source.count, source[look] == UInt8(ascii: "}") || source[look] == UInt8(ascii: "]") { i += 1; continue }
                }
                again.append(b)
                i += 1
            }
            return try JSONValue.parse(again)
        }
        return try JSONValue.parse(output)
    }
}
