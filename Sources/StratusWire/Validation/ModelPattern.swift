/// A model `pattern` compiled to a backtracking-free matcher (a Thompson NFA run as a Pike VM), so a hostile
/// value cannot make validation take exponential time (`^([0-9]+)+$` against `000…0!`).
///
/// Guarantees: whole-value matching in O(value length × pattern size); supports the regular-expression syntax
/// AWS models use: literals and escapes (`\t \n \r \f \e \uXXXX \xHH \x{H…}`, escaped punctuation; UTF-16
/// surrogate pairs written as two `\u` escapes are joined), `.`, classes with ranges and negation,
/// `\d \D \w \W \s \S`, `\p{…}`/`\P{…}` (general categories and the POSIX names), groups (`(…)`, `(?:…)`),
/// alternation, greedy/lazy/possessive `* + ? {m} {m,} {m,n}` (all matched alike: only the match matters),
/// anchors `^ $ \A \z \Z`. Anything else (back-references, look-around, class intersections) makes
/// ``init(_:)`` return `nil` so the caller can fall back.
package struct ModelPattern: Sendable {
    private enum Predicate: Sendable {
        case scalar(UInt32)
        case any
        case set(ranges: [ClosedRange<UInt32>], classes: [CharacterClass], negated: Bool)
    }

    fileprivate enum CharacterClass: Sendable {
        case digit, word, space
        case category(Set<Unicode.GeneralCategory>)
        case custom(@Sendable (Unicode.Scalar) -> Bool)
        indirect case not(CharacterClass)

        func contains(_ scalar: Unicode.Scalar) -> Bool {
            switch self {
            case .digit: return ("0"..."9").contains(scalar)
            case .word:
                return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || scalar == "_"
            case .space: return [" ", "\t", "\n", "\u{0B}", "\u{0C}", "\r"].contains(scalar)
            case .category(let categories): return categories.contains(scalar.properties.generalCategory)
            case .custom(let test): return test(scalar)
            case .not(let inner): return !inner.contains(scalar)
            }
        }
    }

    private enum Node {
        case predicate(Predicate)
        case start, end
        case concatenation([Node])
        case alternation([Node])
        indirect case repeated(Node, min: Int, max: Int?)
    }

    private enum Instruction: Sendable {
        case consume(Predicate)
        case split(Int, Int)
        case jump(Int)
        case assertStart, assertEnd
        case match
    }

    private let program: [Instruction]

    /// Compiles `pattern`; `nil` when it uses syntax outside the supported subset or is malformed.
    package init?(_ pattern: String) {
        var parser = Parser(scalars: Array(pattern.unicodeScalars))
        guard let node = parser.parseAlternation(), parser.position == parser.scalars.count else { return nil }
        var program: [Instruction] = []
        guard Self.emit(node, into: &program) else { return nil }
        program.append(.match)
        self.program = program
    }

    /// Whether the whole of `text` matches.
    package func matches(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var current: [Int] = []
        var seen = [Int](repeating: -1, count: program.count)
        addThread(0, at: 0, length: scalars.count, into: &current, seen: &seen)
        for (index, scalar) in scalars.enumerated() {
            var next: [Int] = []
            let step = index + 1
            for pc in current {
                if case .consume(let predicate) = program[pc], Self.test(predicate, scalar) {
                    addThread(pc + 1, at: step, length: scalars.count, into: &next, seen: &seen)
                }
            }
            if next.isEmpty { return false }
            current = next
        }
        return current.contains { if case .match = program[$0] { return true } else { return false } }
    }

    private func addThread(_ pc: Int, at position: Int, length: Int, into list: inout [Int], seen: inout [Int]) {
        // `seen` holds position + 1 of the last visit, so a fresh step needs no clearing.
        guard seen[pc] != position + 1 else { return }
        seen[pc] = position + 1
        switch program[pc] {
        case .jump(let target):
            addThread(target, at: position, length: length, into: &list, seen: &seen)
        case .split(let first, let second):
            addThread(first, at: position, length: length, into: &list, seen: &seen)
            addThread(second, at: position, length: length, into: &list, seen: &seen)
        case .assertStart:
            if position == 0 { addThread(pc + 1, at: position, length: length, into: &list, seen: &seen) }
        case .assertEnd:
            if position == length { addThread(pc + 1, at: position, length: length, into: &list, seen: &seen) }
        case .consume, .match:
            list.append(pc)
        }
    }

    private static func test(_ predicate: Predicate, _ scalar: Unicode.Scalar) -> Bool {
        switch predicate {
        case .scalar(let value): return scalar.value == value
        case .any: return scalar != "\n" && scalar != "\r"
        case .set(let ranges, let classes, let negated):
            let inside = ranges.contains { $0.contains(scalar.value) } || classes.contains { $0.contains(scalar) }
            return inside != negated
        }
    }

    private static let expansionLimit = 20_000

    private static func emit(_ node: Node, into program: inout [Instruction]) -> Bool {
        guard program.count < expansionLimit else { return false }
        switch node {
        case .predicate(let predicate):
            program.append(.consume(predicate))
        case .start:
            program.append(.assertStart)
        case .end:
            program.append(.assertEnd)
        case .concatenation(let parts):
            for part in parts where !emit(part, into: &program) { return false }
        case .alternation(let branches):
            var jumps: [Int] = []
            for (index, branch) in branches.enumerated() {
                if index < branches.count - 1 {
                    let split = program.count
                    program.append(.split(split + 1, -1))
                    guard emit(branch, into: &program) else { return false }
                    jumps.append(program.count)
                    program.append(.jump(-1))
                    program[split] = .split(split + 1, program.count)
                } else {
                    guard emit(branch, into: &program) else { return false }
                }
            }
            for jump in jumps { program[jump] = .jump(program.count) }
        case .repeated(let inner, let min, let max):
            for _ in 0..<min where !emit(inner, into: &program) { return false }
            if let max {
                guard max >= min else { return false }
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(program.count)
                    program.append(.split(program.count + 1, -1))
                    guard emit(inner, into: &program) else { return false }
                }
                for split in splits { program[split] = .split(split + 1, program.count) }
            } else {
                let loop = program.count
                program.append(.split(loop + 1, -1))
                guard emit(inner, into: &program) else { return false }
                program.append(.jump(loop))
                program[loop] = .split(loop + 1, program.count)
            }
        }
        return true
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var position = 0

        var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        mutating func parseAlternation() -> Node? {
            var branches: [Node] = []
            guard let first = parseConcatenation() else { return nil }
            branches.append(first)
            while peek == "|" {
                position += 1
                guard let next = parseConcatenation() else { return nil }
                branches.append(next)
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func parseConcatenation() -> Node? {
            var parts: [Node] = []
            while let scalar = peek, scalar != "|", scalar != ")" {
                guard let atom = parseAtom(), let quantified = parseQuantifiers(atom) else { return nil }
                parts.append(quantified)
            }
            return .concatenation(parts)
        }

        mutating func parseQuantifiers(_ atom: Node) -> Node? {
            var node = atom
            while let scalar = peek {
                var bounds: (Int, Int?)
                switch scalar {
                case "*": bounds = (0, nil); position += 1
                case "+": bounds = (1, nil); position += 1
                case "?": bounds = (0, 1); position += 1
                case "{":
                    guard let parsed = parseBraces() else { return nil }
                    bounds = parsed
                default: return node
                }
                if peek == "?" || peek == "+" { position += 1 }  // lazy / possessive: same match set
                node = .repeated(node, min: bounds.0, max: bounds.1)
            }
            return node
        }

        mutating func parseBraces() -> (Int, Int?)? {
            position += 1
            func number() -> Int? {
                var digits = ""
                while let scalar = peek, ("0"..."9").contains(scalar) {
                    digits.unicodeScalars.append(scalar)
                    position += 1
                }
                return digits.isEmpty ? nil : Int(digits)
            }
            guard let low = number(), low <= 1000 else { return nil }
            var high: Int? = low
            if peek == "," {
                position += 1
                high = number()
                if let value = high, value > 1000 { return nil }
            }
            guard peek == "}" else { return nil }
            position += 1
            return (low, high)
        }

        mutating func parseAtom() -> Node? {
            guard let scalar = peek else { return nil }
            position += 1
            switch scalar {
            case "(":
                if peek == "?" {
                    guard position + 1 < scalars.count, scalars[position + 1] == ":" else { return nil }
                    position += 2
                }
                guard let inner = parseAlternation(), peek == ")" else { return nil }
                position += 1
                return inner
            case "[": return parseClass()
            case ".": return .predicate(.any)
            case "^": return .start
            case "$": return .end
            case "\\":
                guard let escape = peek else { return nil }
                switch escape {
                case "A": position += 1; return .start
                case "z", "Z": position += 1; return .end
                default: break
                }
                if let named = parseClassEscape() { return .predicate(.set(ranges: [], classes: [named], negated: false)) }
                guard let value = parseScalarEscape() else { return nil }
                return .predicate(.scalar(value))
            case "*", "+", "?", "{", ")": return nil
            default: return .predicate(.scalar(scalar.value))
            }
        }

        /// `\d \D \w \W \s \S \p{…} \P{…}` after the backslash, or `nil` (position unchanged) for other escapes.
        mutating func parseClassEscape() -> CharacterClass? {
            guard let escape = peek else { return nil }
            switch escape {
            case "d": position += 1; return .digit
            case "D": position += 1; return .not(.digit)
            case "w": position += 1; return .word
            case "W": position += 1; return .not(.word)
            case "s": position += 1; return .space
            case "S": position += 1; return .not(.space)
            case "p", "P":
                let start = position
                position += 1
                var name = ""
                if peek == "{" {
                    position += 1
                    while let scalar = peek, scalar != "}" {
                        name.unicodeScalars.append(scalar)
                        position += 1
                    }
                    guard peek == "}" else { position = start; return nil }
                    position += 1
                } else if let scalar = peek {
                    name.unicodeScalars.append(scalar)
                    position += 1
                }
                guard let named = ModelPattern.namedClass(name) else { position = start; return nil }
                return escape == "P" ? .not(named) : named
            default:
                return nil
            }
        }

        /// One escaped character after the backslash (surrogate pairs joined), or `nil` for unsupported escapes.
        mutating func parseScalarEscape() -> UInt32? {
            guard let escape = peek else { return nil }
            position += 1
            switch escape {
            case "t": return 0x09
            case "n": return 0x0A
            case "r": return 0x0D
            case "f": return 0x0C
            case "e": return 0x1B
            case "a": return 0x07
            case "u":
                guard let value = hex(count: 4) else { return nil }
                if (0xD800...0xDBFF).contains(value), position + 1 < scalars.count, scalars[position] == "\\",
                    scalars[position + 1] == "u"
                {
                    let save = position
                    position += 2
                    if let low = hex(count: 4), (0xDC00...0xDFFF).contains(low) {
                        return 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    }
                    position = save
                }
                return value
            case "x":
                if peek == "{" {
                    position += 1
                    var value: UInt32 = 0
                    var digits = 0
                    while let scalar = peek, scalar != "}" {
                        guard let digit = Self.hexDigit(scalar) else { return nil }
                        value = value * 16 + digit
                        digits += 1
                        position += 1
                    }
                    guard peek == "}", digits > 0, digits <= 6 else { return nil }
                    position += 1
                    return value
                }
                return hex(count: 2)
            default:
                if escape.properties.isAlphabetic || ("0"..."9").contains(escape) { return nil }
                return escape.value
            }
        }

        mutating func hex(count: Int) -> UInt32? {
            guard position + count <= scalars.count else { return nil }
            var value: UInt32 = 0
            for scalar in scalars[position..<(position + count)] {
                guard let digit = Self.hexDigit(scalar) else { return nil }
                value = value * 16 + digit
            }
            position += count
            return value
        }

        static func hexDigit(_ scalar: Unicode.Scalar) -> UInt32? {
            switch scalar {
            case "0"..."9": return scalar.value - 48
            case "a"..."f": return scalar.value - 87
            case "A"..."F": return scalar.value - 55
            default: return nil
            }
        }

        mutating func parseClass() -> Node? {
            var negated = false
            if peek == "^" {
                negated = true
                position += 1
            }
            var ranges: [ClosedRange<UInt32>] = []
            var classes: [CharacterClass] = []
            var first = true
            while let scalar = peek, scalar != "]" || first {
                first = false
                if scalar == "[" { return nil }  // nested classes / unions
                if scalar == "&", position + 1 < scalars.count, scalars[position + 1] == "&" { return nil }
                position += 1
                let low: UInt32
                if scalar == "\\" {
                    if let named = parseClassEscape() {
                        classes.append(named)
                        continue
                    }
                    guard let value = parseScalarEscape() else { return nil }
                    low = value
                } else {
                    low = scalar.value
                }
                var high = low
                if peek == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                    position += 1
                    guard let next = peek else { return nil }
                    position += 1
                    if next == "\\" {
                        guard let value = parseScalarEscape() else { return nil }
                        high = value
                    } else {
                        high = next.value
                    }
                    guard high >= low else { return nil }
                }
                ranges.append(low...high)
            }
            guard peek == "]" else { return nil }
            position += 1
            return .predicate(.set(ranges: ranges, classes: classes, negated: negated))
        }
    }

    fileprivate static func namedClass(_ name: String) -> CharacterClass? {
        let bare = name.hasPrefix("Is") ? String(name.dropFirst(2)) : name
        switch bare {
        case "L", "Letter", "Alphabetic":
            return .category([.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter])
        case "Lu", "Uppercase": return .category([.uppercaseLetter])
        case "Ll", "Lowercase": return .category([.lowercaseLetter])
        case "Lt": return .category([.titlecaseLetter])
        case "Lm": return .category([.modifierLetter])
        case "Lo": return .category([.otherLetter])
        case "M", "Mark": return .category([.nonspacingMark, .spacingMark, .enclosingMark])
        case "N", "Number": return .category([.decimalNumber, .letterNumber, .otherNumber])
        case "Nd": return .category([.decimalNumber])
        case "P", "Punctuation":
            return .category([
                .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                .finalPunctuation, .otherPunctuation,
            ])
        case "S", "Symbol": return .category([.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol])
        case "Z", "Separator": return .category([.spaceSeparator, .lineSeparator, .paragraphSeparator])
        case "Zs": return .category([.spaceSeparator])
        case "C", "Other": return .category([.control, .format, .surrogate, .privateUse, .unassigned])
        case "Cc": return .category([.control])
        case "Alpha": return .custom { $0.isASCII && $0.properties.isAlphabetic }
        case "Digit": return .custom { ("0"..."9").contains($0) }
        case "Alnum": return .custom { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        case "Upper": return .custom { ("A"..."Z").contains($0) }
        case "Lower": return .custom { ("a"..."z").contains($0) }
        case "Punct": return .custom { $0.isASCII && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars.contains($0) }
        case "Space": return .space
        case "XDigit": return .custom { $0.isASCII && $0.properties.isASCIIHexDigit }
        case "Cntrl": return .custom { $0.value < 0x20 || $0.value == 0x7F }
        case "ASCII": return .custom { $0.isASCII }
        case "Graph": return .custom { $0.value > 0x20 && $0.value < 0x7F }
        case "Print": return .custom { $0.value >= 0x20 && $0.value < 0x7F }
        default: return nil
        }
    }
}
