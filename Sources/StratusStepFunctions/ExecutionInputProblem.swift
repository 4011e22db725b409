// ExecutionInputProblem: why an execution input is not JSON, in the words AWS answers with.

/// Describes the first error in a text that is not JSON as AWS's Step Functions does in `InvalidExecutionInput`
/// (`Invalid State Machine Execution Input: '<reason>'`): the wording of the Jackson parser it uses, without the
/// location Jackson appends.
///
/// Guarantees: the reasons recorded from AWS are reproduced exactly (an empty input → `Invalid execution input.`; a bare
/// word → `Unrecognized token '<word>': was expecting (JSON String, …)`; a character where an object member name belongs
/// → `Unexpected character (''' (code 39)): was expecting double-quote to start field name`). Other reasons follow
/// Jackson's message templates for the same kind of error but are not checked against AWS. `reason(for:)` answers `nil`
/// for a text whose first value is well formed (e.g. JSON followed by more text): callers keep their own description.
enum ExecutionInputProblem {
    /// The value kinds Jackson lists when it meets something that starts none of them.
    static let validValues = "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')"

    /// Jackson's reason why `text` is not JSON, or `nil` when its first value is well formed.
    static func reason(for text: String) -> String? {
        // AWS refuses an input with no content before parsing it (recorded for "").
        if text.unicodeScalars.allSatisfy({ [" ", "\t", "\r", "\n"].contains($0) }) { return "Invalid execution input." }
        var scanner = Scanner(scalars: Array(text.unicodeScalars))
        do {
            try scanner.value()
            try scanner.skipSpace()
            if scanner.lastWasNumber, scanner.index == scanner.numberEnd, let next = scanner.current {
                throw Problem.unexpected(next, "Expected space separating root-level values")
            }
            return nil
        } catch let problem as Problem {
            return problem.message
        } catch {
            return nil
        }
    }

    /// One error, worded as Jackson words it.
    struct Problem: Error {
        var message: String

        /// `Unexpected character (<c>): <comment>`.
        static func unexpected(_ scalar: Unicode.Scalar, _ comment: String) -> Problem {
            Problem(message: "Unexpected character (\(describe(scalar))): \(comment)")
        }

        /// `Unexpected character (<c>) in numeric value: <comment>`.
        static func unexpectedInNumber(_ scalar: Unicode.Scalar?, _ comment: String) -> Problem {
            guard let scalar else { return Problem(message: "Unexpected end-of-input in a Number value") }
            return Problem(message: "Unexpected character (\(describe(scalar))) in numeric value: \(comment)")
        }

        /// Jackson's description of a character: `'x' (code 120)`, `(CTRL-CHAR, code 1)`, `'€' (code 8364 / 0x20ac)`.
        static func describe(_ scalar: Unicode.Scalar) -> String {
            let code = scalar.value
            if code < 0x20 || (0x7F...0x9F).contains(code) { return "(CTRL-CHAR, code \(code))" }
            if code > 255 { return "'\(Character(scalar))' (code \(code) / 0x\(String(code, radix: 16)))" }
            return "'\(Character(scalar))' (code \(code))"
        }
    }

    /// A recursive-descent pass over the text that stops at the first error.
    struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0
        /// The open arrays (`true`) and objects (`false`), innermost last.
        var containers: [Bool] = []
        /// Whether the last value read was a number, and where it ended.
        var lastWasNumber = false
        var numberEnd = 0

        var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        /// Skips the white space Jackson allows between tokens; other control characters are an error.
        mutating func skipSpace() throws {
            while let scalar = current {
                if [" ", "\t", "\r", "\n"].contains(scalar) {
                    index += 1
                } else if scalar.value < 0x20 {
                    throw Problem(message: "Illegal character (\(Problem.describe(scalar))): only regular white space "
                        + "(\\r, \\n, \\t) is allowed between tokens")
                } else {
                    return
                }
            }
        }

        /// The end of input inside the innermost container.
        func endOfInput() -> Problem {
            guard let isArray = containers.last else { return Problem(message: "Invalid execution input.") }
            return Problem(message: "Unexpected end-of-input: expected close marker for \(isArray ? "Array" : "Object")")
        }

        mutating func value() throws {
            try skipSpace()
            guard let scalar = current else { throw endOfInput() }
            lastWasNumber = false
            switch scalar {
            case "{": try object()
            case "[": try array()
            case "\"": try string()
            case "-", "0"..."9": try number()
            default:
                guard Self.isIdentifierPart(scalar) else {
                    throw Problem.unexpected(scalar, "expected a valid value \(ExecutionInputProblem.validValues)")
                }
                let start = index
                while let next = current, Self.isIdentifierPart(next) { index += 1 }
                let token = String(String.UnicodeScalarView(scalars[start..<index]))
                guard ["null", "true", "false"].contains(token) else {
                    throw Problem(message: "Unrecognized token '\(token)': was expecting \(ExecutionInputProblem.validValues)")
                }
            }
        }

        mutating func object() throws {
            index += 1
            containers.append(false)
            try skipSpace()
            if current == "}" { index += 1; containers.removeLast(); return }
            while true {
                try skipSpace()
                guard let scalar = current else { throw endOfInput() }
                guard scalar == "\"" else { throw Problem.unexpected(scalar, "was expecting double-quote to start field name") }
                try string()
                try skipSpace()
                guard let colon = current else { throw endOfInput() }
                guard colon == ":" else {
                    throw Problem.unexpected(colon, "was expecting a colon to separate field name and value")
                }
                index += 1
                try value()
                try skipSpace()
                guard let separator = current else { throw endOfInput() }
                index += 1
                if separator == "," { continue }
                if separator == "}" { containers.removeLast(); return }
                throw Problem.unexpected(separator, "was expecting comma to separate Object entries")
            }
        }

        mutating func array() throws {
            index += 1
            containers.append(true)
            try skipSpace()
            if current == "]" { index += 1; containers.removeLast(); return }
            while true {
                try value()
                try skipSpace()
                guard let separator = current else { throw endOfInput() }
                index += 1
                if separator == "," { continue }
                if separator == "]" { containers.removeLast(); return }
                throw Problem.unexpected(separator, "was expecting comma to separate Array entries")
            }
        }

        mutating func string() throws {
            index += 1
            let unterminated = Problem(message: "Unexpected end-of-input: was expecting closing quote for a string value")
            while let scalar = current {
                index += 1
                switch scalar {
                case "\"": return
                case "\\":
                    guard let escaped = current else { throw unterminated }
                    index += 1
                    if escaped == "u" {
                        for _ in 0..<4 {
                            guard let digit = current else { throw unterminated }
                            guard digit.properties.isASCIIHexDigit else {
                                throw Problem.unexpected(digit, "expected a hex-digit for character escape sequence")
                            }
                            index += 1
                        }
                    } else if !["\"", "\\", "/", "b", "f", "n", "r", "t"].contains(escaped) {
                        throw Problem(message: "Unrecognized character escape \(Problem.describe(escaped))")
                    }
                default:
                    if scalar.value < 0x20 {
                        throw Problem(message: "Illegal unquoted character (\(Problem.describe(scalar))): has to be "
                            + "escaped using backslash to be included in string value")
                    }
                }
            }
            throw unterminated
        }

        mutating func number() throws {
            if current == "-" {
                index += 1
                guard let first = current, ("0"..."9").contains(first) else {
                    throw Problem.unexpectedInNumber(current, "expected digit (0-9) to follow minus sign, for valid numeric value")
                }
            }
            if current == "0" {
                index += 1
                if let next = current, ("0"..."9").contains(next) {
                    throw Problem(message: "Invalid numeric value: Leading zeroes not allowed")
                }
            } else {
                digits()
            }
            if current == "." {
                index += 1
                guard digits() > 0 else { throw Problem.unexpectedInNumber(current, "Decimal point not followed by a digit") }
            }
            if current == "e" || current == "E" {
                index += 1
                if current == "+" || current == "-" { index += 1 }
                guard digits() > 0 else {
                    throw Problem.unexpectedInNumber(current, "Exponent indicator not followed by a digit")
                }
            }
            lastWasNumber = true
            numberEnd = index
        }

        /// Skips decimal digits; answers how many.
        @discardableResult mutating func digits() -> Int {
            let start = index
            while let scalar = current, ("0"..."9").contains(scalar) { index += 1 }
            return index - start
        }

        /// The characters Jackson gathers into an unrecognized token (Java identifier parts).
        static func isIdentifierPart(_ scalar: Unicode.Scalar) -> Bool {
            scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "_" || scalar == "$"
        }
    }
}
