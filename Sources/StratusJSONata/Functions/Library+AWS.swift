import OrderedCollections

import Crypto
import StratusJSON

extension Library {
    /// Floors AWS-mode integer arguments (AWS's added functions accept non-integers by flooring).
    private static func integer(_ args: [Value?], _ index: Int) -> Double? {
        number(args, index).map { $0.rounded(.down) }
    }

    static func hexString<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        let hex = Array("0123456789abcdef")
        var text = ""
        for byte in digest {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return text
    }

    /// A deterministic double in [0, 1) from a seed (SplitMix64 of the seed's bits).
    static func seededRandom(_ seed: Double) -> Double {
        var state = seed.bitPattern &+ 0x9E37_79B9_7F4A_7C15
        state = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
        state = (state ^ (state >> 27)) &* 0x94D0_49BB_1331_11EB
        state ^= state >> 31
        return Double(state >> 11) / Double(UInt64(1) << 53)
    }

    /// A version-4 UUID from the evaluation's random source.
    static func uuid(_ context: NativeContext) -> String {
        if let make = context.evaluator.options.makeUUID { return make() }
        var bytes: [UInt8] = []
        for _ in 0..<16 { bytes.append(UInt8(context.evaluator.nextRandom() * 256)) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = hexString(bytes)
        let characters = Array(hex)
        return String(characters[0..<8]) + "-" + String(characters[8..<12]) + "-" + String(characters[12..<16]) + "-"
            + String(characters[16..<20]) + "-" + String(characters[20..<32])
    }

    static let awsAdditions: [NativeFunction] = [
        NativeFunction("partition", "<an:a>", arity: 2) { args, _ in
            guard let values = array(args, 0) else { return nil }
            guard let size = integer(args, 1), size >= 1 else {
                throw JSONataError(code: "D3201", message: "The chunk size of $partition must be a positive integer",
                                   value: number(args, 1).map(JSNumber.string))
            }
            var result: [Value] = []
            var start = 0
            let chunk = size > Double(values.count) ? Swift.max(values.count, 1) : Int(size)
            while start < values.count {
                let end = Swift.min(start + chunk, values.count)
                result.append(.array(ArrayValue(Array(values.items[start..<end]))))
                start = end
            }
            return .array(ArrayValue(result))
        },
        NativeFunction("range", "<nnn?:a>", arity: 3) { args, _ in
            guard let start = integer(args, 0), let end = integer(args, 1) else { return nil }
            let step = integer(args, 2) ?? 1
            if step == 0 {
                throw JSONataError(code: "D3202", message: "The step of $range must not be zero", value: "0")
            }
            let count = ((end - start) / step).rounded(.down) + 1
            if count > 1e7 {
                throw JSONataError(code: "D2014", message: "The size of the sequence allocated by $range must not exceed 1e7",
                                   value: JSNumber.string(count))
            }
            var result: [Value] = []
            if count > 0 {
                result.reserveCapacity(Int(count))
                for index in 0..<Int(count) { result.append(.number(start + Double(index) * step)) }
            }
            // A sequence, as AWS answers: a one-number range is that number (recorded: $range(1, 9, 9) is 1);
            // an empty range stays an empty array.
            return .array(result.isEmpty ? ArrayValue(result) : ArrayValue.sequence(result))
        },
        NativeFunction("hash", "<ss:s>", arity: 2) { args, _ in
            guard let text = string(args, 0) else { return nil }
            let data = Array(text.utf8)
            switch string(args, 1) {
            case "MD5": return .string(hexString(Insecure.MD5.hash(data: data)))
            case "SHA-1": return .string(hexString(Insecure.SHA1.hash(data: data)))
            case "SHA-256": return .string(hexString(SHA256.hash(data: data)))
            case "SHA-384": return .string(hexString(SHA384.hash(data: data)))
            case "SHA-512": return .string(hexString(SHA512.hash(data: data)))
            default:
                throw JSONataError(code: "D3203", message: "$hash algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512",
                                   value: string(args, 1))
            }
        },
        NativeFunction("random", "<n?:n>", arity: 1) { args, context in
            if let seed = number(args, 0) { return .number(seededRandom(seed.rounded(.down))) }
            return .number(context.evaluator.nextRandom())
        },
        NativeFunction("uuid", "<:s>", arity: 0) { _, context in
            .string(uuid(context))
        },
        NativeFunction("parse", "<s-:x>", arity: 1) { args, _ in
            guard let text = string(args, 0) else { return nil }
            do {
                return Value(json: try JSONValue.parse(text))
            } catch {
                throw JSONataError(code: "D3204", message: "$parse: the argument is not valid JSON text: \(error)", value: text)
            }
        },
    ]
}
