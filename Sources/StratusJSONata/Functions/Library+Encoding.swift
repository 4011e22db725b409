import OrderedCollections

extension Library {
    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Node's `Buffer.from(str, 'binary').toString('base64')`: each UTF-16 unit truncated to a byte.
    static func base64Encode(_ text: String) -> String {
        let bytes = text.utf16.map { UInt8(truncatingIfNeeded: $0) }
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = bytes[index]
            let b1: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
            let b2: UInt8? = index + 2 < bytes.count ? bytes[index + 2] : nil
            output.append(base64Alphabet[Int(b0 >> 2)])
            output.append(base64Alphabet[Int((b0 & 0x03) << 4 | (b1 ?? 0) >> 4)])
            output.append(b1 == nil ? UInt8(ascii: "=") : base64Alphabet[Int(((b1 ?? 0) & 0x0F) << 2 | (b2 ?? 0) >> 6)])
            output.append(b2 == nil ? UInt8(ascii: "=") : base64Alphabet[Int((b2 ?? 0) & 0x3F)])
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Node's `Buffer(str, 'base64').toString('binary')`: lenient decoding, each byte becomes U+0000–U+00FF.
    static func base64Decode(_ text: String) -> String {
        var values: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(byte - 65)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(byte - 71)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(byte + 4)
            case UInt8(ascii: "+"), UInt8(ascii: "-"): values.append(62)
            case UInt8(ascii: "/"), UInt8(ascii: "_"): values.append(63)
            case UInt8(ascii: "="): break
            default: continue
            }
            if byte == UInt8(ascii: "=") { break }
        }
        var result = String.UnicodeScalarView()
        var index = 0
        while index + 1 < values.count {
            let v0 = values[index], v1 = values[index + 1]
            result.append(Unicode.Scalar(v0 << 2 | v1 >> 4))
            if index + 2 < values.count {
                let v2 = values[index + 2]
                result.append(Unicode.Scalar((v1 & 0x0F) << 4 | v2 >> 2))
                if index + 3 < values.count {
                    result.append(Unicode.Scalar((v2 & 0x03) << 6 | values[index + 3]))
                }
            }
            index += 4
        }
        return String(result)
    }

    private static let uriUnreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()".utf8)
    private static let uriReserved = Set(";/?:@&=+$,#".utf8)

    /// ECMAScript `encodeURIComponent` / `encodeURI` .
    static func encodeURI(_ text: String, component: Bool, functionName: String) throws -> String {
        var output = ""
        let hex = Array("0123456789ABCDEF")
        for scalar in text.unicodeScalars {
            if scalar.value < 0x80 {
                let byte = UInt8(scalar.value)
                if uriUnreserved.contains(byte) || (!component && uriReserved.contains(byte)) {
                    output.unicodeScalars.append(scalar)
                    continue
                }
            }
            for byte in String(scalar).utf8 {
                output.append("%")
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            }
        }
        return output
    }

    /// ECMAScript `decodeURIComponent` / `decodeURI`: D3140 for malformed escapes.
    static func decodeURI(_ text: String, component: Bool, functionName: String) throws -> String {
        let malformed = JSONataError(code: "D3140", message: "Malformed URL passed to $\(functionName)(): \"\(text)\"",
                                     value: text)
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        func hexByte(_ at: Int) -> UInt8? {
            guard at + 2 < scalars.count, scalars[at] == "%",
                  let high = Int(String(scalars[at + 1]), radix: 16),
                  let low = Int(String(scalars[at + 2]), radix: 16) else { return nil }
            return UInt8(high * 16 + low)
        }
        while index < scalars.count {
            let scalar = scalars[index]
            guard scalar == "%" else {
                output.append(scalar)
                index += 1
                continue
            }
            guard index + 2 < scalars.count, let first = hexByte(index) else { throw malformed }
            let start = index
            index += 3
            if first < 0x80 {
                if !component && uriReserved.contains(first) {
                    output.append(contentsOf: scalars[start..<index])
                } else {
                    output.append(Unicode.Scalar(first))
                }
                continue
            }
            let length: Int
            switch first {
            case 0xC0...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF7: length = 4
            default: throw malformed
            }
            var bytes = [first]
            for _ in 1..<length {
                guard index + 2 < scalars.count, let next = hexByte(index), next & 0xC0 == 0x80 else { throw malformed }
                bytes.append(next)
                index += 3
            }
            var decoder = UTF8()
            var iterator = bytes.makeIterator()
            guard case .scalarValue(let decoded) = decoder.decode(&iterator) else { throw malformed }
            output.append(decoded)
        }
        return String(output)
    }

    static let encodingFunctions: [NativeFunction] = [
        NativeFunction("base64encode", "<s-:s>", arity: 1) { args, _ in
            string(args, 0).map { .string(base64Encode($0)) }
        },
        NativeFunction("base64decode", "<s-:s>", arity: 1) { args, _ in
            string(args, 0).map { .string(base64Decode($0)) }
        },
        NativeFunction("encodeUrlComponent", "<s-:s>", arity: 1) { args, _ in
            guard let text = string(args, 0) else { return nil }
            return .string(try encodeURI(text, component: true, functionName: "encodeUrlComponent"))
        },
        NativeFunction("encodeUrl", "<s-:s>", arity: 1) { args, _ in
            guard let text = string(args, 0) else { return nil }
            return .string(try encodeURI(text, component: false, functionName: "encodeUrl"))
        },
        NativeFunction("decodeUrlComponent", "<s-:s>", arity: 1) { args, _ in
            guard let text = string(args, 0) else { return nil }
            return .string(try decodeURI(text, component: true, functionName: "decodeUrlComponent"))
        },
        NativeFunction("decodeUrl", "<s-:s>", arity: 1) { args, _ in
            guard let text = string(args, 0) else { return nil }
            return .string(try decodeURI(text, component: false, functionName: "decodeUrl"))
        },
    ]
}
