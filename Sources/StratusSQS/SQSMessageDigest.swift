import Crypto
import Foundation
import StratusAPISQS

/// MD5 digests exactly as SQS computes them, and the binary attribute encoding they are computed over.
///
/// For message attributes AWS sorts the attributes by name and hashes, for each: the name, the data type
/// (each as a 4-byte big-endian length and UTF-8 bytes), one transport byte (1 for a string value, 2 for a
/// binary value) and the value (4-byte big-endian length and bytes). The same encoding is what the store
/// keeps, so the digest of all attributes is the MD5 of the stored bytes. System attributes use the same rule.
package enum SQSMessageDigest {
    /// The lowercase hex MD5 of `bytes`.
    package static func md5Hex<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        let digest = Insecure.MD5.hash(data: bytes)
        var text = ""
        text.reserveCapacity(32)
        for byte in digest {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return text
    }

    /// The lowercase hex MD5 of the UTF-8 bytes of `text` (`MD5OfMessageBody`).
    package static func md5Hex(of text: String) -> String {
        var copy = text
        return copy.withUTF8 { md5Hex(UnsafeRawBufferPointer($0)) }
    }

    private static let hexDigits: [Character] = Array("0123456789abcdef")

    /// The canonical encoding of `attributes` (sorted by name). Only single string or binary values are
    /// encoded; the caller validates first.
    package static func encode(_ attributes: [String: SQS.MessageAttributeValue]) -> [UInt8] {
        var bytes: [UInt8] = []
        for name in attributes.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
            guard let value = attributes[name] else { continue }
            append(name.utf8, to: &bytes)
            append(value.dataType.utf8, to: &bytes)
            if let binary = value.binaryValue, value.stringValue == nil {
                bytes.append(2)
                append(binary, to: &bytes)
            } else {
                bytes.append(1)
                append((value.stringValue ?? "").utf8, to: &bytes)
            }
        }
        return bytes
    }

    /// The canonical encoding of system attributes (same rule as user attributes).
    package static func encode(system attributes: [String: SQS.MessageSystemAttributeValue]) -> [UInt8] {
        encode(attributes.mapValues {
            SQS.MessageAttributeValue(stringValue: $0.stringValue, binaryValue: $0.binaryValue, dataType: $0.dataType)
        })
    }

    /// Decodes bytes written by ``encode(_:)`` back into attributes, in name order. Malformed bytes end the
    /// decoding (what was decoded so far is returned).
    package static func decode(_ bytes: [UInt8]) -> [(name: String, value: SQS.MessageAttributeValue)] {
        var result: [(name: String, value: SQS.MessageAttributeValue)] = []
        var position = 0
        func field() -> ArraySlice<UInt8>? {
            guard position + 4 <= bytes.count else { return nil }
            let length = Int(bytes[position]) << 24 | Int(bytes[position + 1]) << 16 | Int(bytes[position + 2]) << 8
                | Int(bytes[position + 3])
            position += 4
            guard length >= 0, position + length <= bytes.count else { return nil }
            defer { position += length }
            return bytes[position..<(position + length)]
        }
        while position < bytes.count {
            guard let name = field(), let type = field(), position < bytes.count else { break }
            let transport = bytes[position]
            position += 1
            guard let value = field() else { break }
            let dataType = String(decoding: type, as: UTF8.self)
            let attribute = transport == 2
                ? SQS.MessageAttributeValue(binaryValue: Data(value), dataType: dataType)
                : SQS.MessageAttributeValue(stringValue: String(decoding: value, as: UTF8.self), dataType: dataType)
            result.append((String(decoding: name, as: UTF8.self), attribute))
        }
        return result
    }

    /// The MD5 of the encoding of `attributes` (a subset or all of a message's attributes), or nil when empty.
    package static func md5(of attributes: [(name: String, value: SQS.MessageAttributeValue)]) -> String? {
        guard !attributes.isEmpty else { return nil }
        return md5Hex(encode(Dictionary(attributes, uniquingKeysWith: { first, _ in first })))
    }

    private static func append<Bytes: Collection<UInt8>>(_ value: Bytes, to bytes: inout [UInt8]) {
        let count = UInt32(value.count)
        bytes.append(UInt8(truncatingIfNeeded: count >> 24))
        bytes.append(UInt8(truncatingIfNeeded: count >> 16))
        bytes.append(UInt8(truncatingIfNeeded: count >> 8))
        bytes.append(UInt8(truncatingIfNeeded: count))
        bytes.append(contentsOf: value)
    }
}
