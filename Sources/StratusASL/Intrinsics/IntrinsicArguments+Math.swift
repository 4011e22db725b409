import Crypto
import StratusJSON

extension IntrinsicArguments {
    /// `States.MathAdd(a, b)`: the integer sum of both numbers rounded half up; inputs and sum in the 32-bit range.
    func mathAdd() throws(StatesError) -> JSONValue {
        let sum = try roundedInt32(0) + roundedInt32(1)
        guard Int32(exactly: sum) != nil else {
            throw failure("the sum \(sum) is outside the 32-bit integer range [-2147483648, 2147483647]")
        }
        return .number(JSONNumber(sum))
    }

    /// `States.MathRandom(start, end[, seed])`: an integer in `start..<end` (bounds rounded half up, 32-bit).
    /// With a seed the value is repeatable (``JavaRandom``); without, it comes from the environment's source.
    func mathRandom(environment: IntrinsicEnvironment) throws(StatesError) -> JSONValue {
        let start = try roundedInt32(0), end = try roundedInt32(1)
        guard start < end else { throw failure("the start (\(start)) must be less than the end (\(end))") }
        let bound = end - start
        if values.count == 3 {
            let seed = try roundedInt32(2)
            guard let javaBound = Int32(exactly: bound) else {
                throw failure("the range \(start)..<\(end) is too wide for a seeded random number")
            }
            var generator = JavaRandom(seed: seed)
            return .number(JSONNumber(start + Int64(generator.nextInt(bound: javaBound))))
        }
        let draw = environment.randomSource() % UInt64(bound)
        return .number(JSONNumber(start + Int64(draw)))
    }

    /// `States.Hash(data, algorithm)`: the lower-case hex digest of the data's UTF-8 (a string as it is, any other
    /// value as its compact JSON text, ≤ 10,000 characters) with `MD5`, `SHA-1`, `SHA-256`, `SHA-384` or `SHA-512`.
    func hash() throws(StatesError) -> JSONValue {
        let data: String
        if case .string(let text) = values[0] { data = text } else { data = values[0].serializedString() }
        try checkLength(data, 0)
        let algorithm = try string(1)
        let bytes = Array(data.utf8)
        let digest: [UInt8]
        switch algorithm {
        case "MD5": digest = Array(Insecure.MD5.hash(data: bytes))
        case "SHA-1": digest = Array(Insecure.SHA1.hash(data: bytes))
        case "SHA-256": digest = Array(SHA256.hash(data: bytes))
        case "SHA-384": digest = Array(SHA384.hash(data: bytes))
        case "SHA-512": digest = Array(SHA512.hash(data: bytes))
        default:
            throw failure("the hash algorithm '\(algorithm)' is not supported; use MD5, SHA-1, SHA-256, SHA-384 or SHA-512")
        }
        let hexDigits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(digest.count * 2)
        for byte in digest {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return .string(String(decoding: hex, as: UTF8.self))
    }
}
