/// A compiled JSONata regular expression (`/pattern/flags`) with ECMAScript semantics, matched over Unicode scalars.
///
/// Guarantees:
/// - Syntax is ECMAScript's non-Unicode mode with the Annex B rules browsers apply (literal `]`/`{`/`}`, identity
///   escapes, legacy octal escapes): literals and escapes (`\d \w \s \b \B \D \W \S \t \n \v \f \r \0 \xHH \uHHHH
///   \cX`), classes with ranges and negation, `.` (not line terminators), `^`/`$` (line-aware with `m`), capturing,
///   non-capturing and named groups, backreferences (`\1`, `\k<name>`), alternation, greedy and lazy quantifiers
///   (`* + ? {n} {n,} {n,m}`), lookahead and lookbehind, and with `i` ECMAScript's non-Unicode case folding
///   (`Canonicalize`: simple upper-case mapping, never folding non-ASCII into ASCII, BMP only).
/// - Matching is over Unicode scalars (an astral character is one position, where JavaScript counts two UTF-16
///   units). `\w`, `\d` and `\b` are ASCII-only as in JavaScript.
/// - The compiled program is immutable and `Sendable`; matching never recurses per character, so long inputs
///   (100,000 characters with `.*`) work. Pathological patterns can still take exponential time, as in
///   JavaScript, unless the caller sets a step limit (`firstMatch(in:from:stepLimit:)`).
/// - Equality and hashing use `pattern` and `flags` only.
public struct JSONataRegex: Sendable, Hashable {
    /// One successful match.
    public struct Match: Sendable, Hashable {
        /// The matched range, in Unicode-scalar offsets into the searched array.
        public var range: Range<Int>
        /// The capture groups in order (`groups[0]` is capture group 1); nil for a group that did not
        /// participate in the match.
        public var groups: [Range<Int>?]

        /// Creates a match.
        public init(range: Range<Int>, groups: [Range<Int>?]) {
            self.range = range
            self.groups = groups
        }
    }

    /// The pattern text between the slashes.
    public let pattern: String
    /// The flags as given (a combination of `i` and `m`; `g` is accepted and ignored, since JSONata always
    /// searches globally).
    public let flags: String
    /// The number of capturing groups.
    public var captureCount: Int { program.captureCount }
    /// The names of named capture groups, by 1-based group number.
    public let captureNames: [Int: String]

    private let program: RegexProgram

    /// Compiles `pattern` with `flags`.
    ///
    /// Throws `S0301` for an empty pattern (as jsonata-js's tokenizer does), and `S0303` for an invalid pattern
    /// or flags (jsonata-js lets JavaScript's `SyntaxError` through without a JSONata code; `S0303` is Stratus's).
    public init(pattern: String, flags: String) throws(JSONataError) {
        if pattern.isEmpty {
            throw JSONataError(code: "S0301", message: "Empty regular expressions are not allowed")
        }
        var ignoreCase = false
        var multiline = false
        var global = false
        for flag in flags {
            switch flag {
            case "i" where !ignoreCase: ignoreCase = true
            case "m" where !multiline: multiline = true
            case "g" where !global: global = true
            default:
                throw JSONataError(
                    code: "S0303", message: "Invalid regular expression flags '\(flags)'", value: flags)
            }
        }
        var parser = RegexParser(pattern: pattern)
        let tree = try parser.parse()
        self.pattern = pattern
        self.flags = flags
        self.captureNames = parser.captureNames
        self.program = RegexCompiler.compile(
            tree, captureCount: parser.captureCount, ignoreCase: ignoreCase, multiline: multiline)
    }

    /// The leftmost match starting at or after scalar offset `start` (ECMAScript `exec` with `lastIndex = start`),
    /// or nil. A `start` beyond the end yields nil; a negative `start` is treated as 0. Unbounded, like JavaScript:
    /// a pathological pattern such as `(a+)+b` can take exponential time (see `firstMatch(in:from:stepLimit:)`).
    public func firstMatch(in scalars: [Unicode.Scalar], from start: Int) -> Match? {
        var budget = Int.max
        // Int.max steps cannot be used up, so the step-limit error cannot occur here.
        return try? search(scalars, from: start, budget: &budget)
    }

    /// Like `firstMatch(in:from:)`, but gives up after `stepLimit` machine steps (each step is one instruction,
    /// about one character comparison or backtrack), throwing `U1001`. Use it where a runaway pattern must not
    /// hang the caller.
    public func firstMatch(in scalars: [Unicode.Scalar], from start: Int, stepLimit: Int) throws(JSONataError)
        -> Match?
    {
        var budget = stepLimit
        do {
            return try search(scalars, from: start, budget: &budget)
        } catch {
            throw JSONataError(
                code: "U1001",
                message: "Regular expression /\(pattern)/\(flags) gave up after \(stepLimit) backtracking steps",
                token: pattern)
        }
    }

    private func search(_ scalars: [Unicode.Scalar], from start: Int, budget: inout Int) throws(RegexStepLimitReached)
        -> Match?
    {
        let begin = max(0, start)
        guard begin <= scalars.count else { return nil }
        let machine = RegexMachine(program: program, input: scalars)
        let slotCount = 2 * (program.captureCount + 1)
        var captures = [Int](repeating: -1, count: slotCount)
        var registers = [Int](repeating: 0, count: program.registerCount)
        var stack: [RegexMachine.Backtrack] = []
        let leading = program.leadingInstruction
        var requiredTest: RegexProgram.Test?
        var anchoredAtStart = false
        switch leading {
        case .consume(let test, backward: false): requiredTest = test
        case .lineStart where !program.multiline: anchoredAtStart = true
        default: break
        }
        for position in begin...scalars.count {
            if anchoredAtStart && position > 0 { break }
            if let requiredTest {
                // Every match starting here must consume a first character that passes this test.
                guard position < scalars.count,
                    machine.passes(requiredTest, scalars[position].value, ignoreCase: program.ignoreCase)
                else { continue }
            }
            for index in captures.indices { captures[index] = -1 }
            for index in registers.indices { registers[index] = 0 }
            if let end = try machine.run(
                from: 0, at: position, captures: &captures, registers: &registers, budget: &budget, stack: &stack)
            {
                var groups: [Range<Int>?] = []
                groups.reserveCapacity(program.captureCount)
                for number in stride(from: 1, through: program.captureCount, by: 1) {
                    let low = captures[2 * number]
                    let high = captures[2 * number + 1]
                    groups.append(low >= 0 && high >= low ? low..<high : nil)
                }
                return Match(range: position..<end, groups: groups)
            }
        }
        return nil
    }

    /// Convenience: the leftmost match in `text` at or after scalar offset `start`.
    public func firstMatch(in text: String, from start: Int = 0) -> Match? {
        firstMatch(in: Array(text.unicodeScalars), from: start)
    }

    /// Equal when pattern and flags are equal.
    public static func == (lhs: JSONataRegex, rhs: JSONataRegex) -> Bool {
        lhs.pattern == rhs.pattern && lhs.flags == rhs.flags
    }

    /// Hashes pattern and flags.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(pattern)
        hasher.combine(flags)
    }
}
