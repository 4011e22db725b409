import OrderedCollections

extension Library {
    /// jsonata-js `round`: half-to-even at `precision` decimal places, shifting via the decimal text.
    static func round(_ value: Double, _ precision: Double?) -> Double {
        func shift(_ number: Double, _ places: Double) -> Double {
            let text = JSNumber.string(number)
            let parts = text.split(separator: "e", maxSplits: 1)
            let exponent = (parts.count > 1 ? Double(parts[1]) ?? 0 : 0) + places
            return Double(String(parts[0]) + "e" + JSNumber.string(exponent)) ?? .nan
        }
        let usePrecision = precision.map { $0 != 0 && !$0.isNaN } ?? false
        var argument = value
        if usePrecision { argument = shift(argument, precision!) }
        var result = (argument + 0.5).rounded(.down)
        if argument.magnitude >= 4_503_599_627_370_496 { result = argument }  // already integral
        let difference = result - argument
        if difference.magnitude == 0.5 && result.truncatingRemainder(dividingBy: 2).magnitude == 1 { result -= 1 }
        if usePrecision { result = shift(result, -precision!) }
        if result == 0 { result = 0 }
        return result
    }

    /// JavaScript `Number.prototype.toString(radix)` for an integral value.
    static func integerString(_ value: Double, radix: Int) -> String {
        if value.magnitude < 9.2e18 { return String(Int64(value), radix: radix) }
        var digits: [Character] = []
        var remaining = value.magnitude
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        while remaining >= 1 {
            let digit = remaining.truncatingRemainder(dividingBy: Double(radix))
            digits.append(alphabet[Int(digit)])
            remaining = ((remaining - digit) / Double(radix)).rounded(.down)
        }
        return (value < 0 ? "-" : "") + String(digits.reversed())
    }

    /// `$number` text rules: JSON-like decimal syntax, or `0x`/`0o`/`0b` integers.
    static func parseNumber(_ text: String) -> Double? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func digits() -> Int {
            let start = index
            while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
            return index - start
        }
        if index < scalars.count && scalars[index] == "-" { index += 1 }
        var valid = digits() > 0
        if valid && index < scalars.count && scalars[index] == "." {
            index += 1
            valid = digits() > 0
        }
        if valid && index < scalars.count && (scalars[index] == "e" || scalars[index] == "E") {
            index += 1
            if index < scalars.count && (scalars[index] == "+" || scalars[index] == "-") { index += 1 }
            valid = digits() > 0
        }
        if valid && index == scalars.count, let value = Double(text), value.isFinite { return value }
        if scalars.count > 2, scalars[0] == "0" {
            let radix: Int
            switch scalars[1] {
            case "x", "X": radix = 16
            case "o", "O": radix = 8
            case "b", "B": radix = 2
            default: return nil
            }
            var value = 0.0
            for scalar in scalars[2...] {
                guard let digit = Int(String(scalar), radix: radix) else { return nil }
                value = value * Double(radix) + Double(digit)
            }
            return value
        }
        return nil
    }

    static let numericFunctions: [NativeFunction] = [
        NativeFunction("number", "<(nsb)-:n>", arity: 1) { args, _ in
            switch argument(args, 0) {
            case nil: return nil
            case .number(let n)?: return .number(n)
            case .bool(let b)?: return .number(b ? 1 : 0)
            case .string(let s)?:
                if let value = parseNumber(s) { return .number(value) }
                throw JSONataError(code: "D3030", message: "Unable to cast value to a number: \(describe(.string(s)))",
                                   value: describe(.string(s)))
            case let value?:
                throw JSONataError(code: "D3030", message: "Unable to cast value to a number: \(describe(value))",
                                   value: describe(value))
            }
        },
        NativeFunction("abs", "<n-:n>", arity: 1) { args, _ in
            number(args, 0).map { .number($0.magnitude) }
        },
        NativeFunction("floor", "<n-:n>", arity: 1) { args, _ in
            number(args, 0).map { .number($0.rounded(.down)) }
        },
        NativeFunction("ceil", "<n-:n>", arity: 1) { args, _ in
            number(args, 0).map { .number($0.rounded(.up) == 0 ? 0 : $0.rounded(.up)) }
        },
        NativeFunction("round", "<n-n?:n>", arity: 2) { args, _ in
            guard let value = number(args, 0) else { return nil }
            return .number(round(value, number(args, 1)))
        },
        NativeFunction("sqrt", "<n-:n>", arity: 1) { args, _ in
            guard let value = number(args, 0) else { return nil }
            if value < 0 {
                throw JSONataError(code: "D3060", message: "The sqrt function cannot be applied to a negative number: \(JSNumber.string(value))",
                                   value: JSNumber.string(value))
            }
            return .number(value.squareRoot())
        },
        NativeFunction("power", "<n-n:n>", arity: 2) { args, _ in
            guard let base = number(args, 0) else { return nil }
            let exponent = number(args, 1) ?? .nan
            let result = JSNumber.power(base, exponent)
            if !result.isFinite {
                throw JSONataError(code: "D3061", message: "The power function has resulted in a value that cannot be represented as a JSON number: base=\(JSNumber.string(base)), exponent=\(JSNumber.string(exponent))",
                                   value: JSNumber.string(base))
            }
            return .number(result)
        },
        NativeFunction("formatBase", "<n-n?:s>", arity: 2) { args, _ in
            guard let value = number(args, 0) else { return nil }
            let rounded = round(value, nil)
            let radix = number(args, 1).map { round($0, nil) } ?? 10
            if radix < 2 || radix > 36 {
                throw JSONataError(code: "D3100", message: "The radix of the formatBase function must be between 2 and 36.  It was given \(JSNumber.string(radix))",
                                   value: JSNumber.string(radix))
            }
            return .string(integerString(rounded, radix: Int(radix)))
        },
    ]
}
