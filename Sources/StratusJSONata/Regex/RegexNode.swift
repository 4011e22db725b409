/// The syntax tree of an ECMAScript regular expression, as produced by `RegexParser`.
indirect enum RegexNode: Sendable {
    /// Matches the empty string.
    case empty
    /// One character (a scalar value; lone surrogate values never match).
    case character(UInt32)
    /// `.`: any scalar except a line terminator.
    case anyExceptLineTerminator
    /// A character class or class escape.
    case characterSet(RegexCharacterSet)
    /// `^`.
    case lineStart
    /// `$`.
    case lineEnd
    /// `\b` (`true`) or `\B` (`false`).
    case wordBoundary(Bool)
    /// A group; `captureIndex` is the 1-based capture number for capturing groups, nil for `(?:`.
    case group(RegexNode, captureIndex: Int?)
    /// `\n` or `\k<name>`: the 1-based capture number.
    case backreference(Int)
    /// A sequence of terms.
    case concatenation([RegexNode])
    /// `a|b|c`.
    case alternation([RegexNode])
    /// A quantified term; `maximum` nil means unbounded.
    case quantified(RegexNode, minimum: Int, maximum: Int?, greedy: Bool)
    /// `(?=` `(?!` `(?<=` `(?<!`.
    case lookaround(RegexNode, ahead: Bool, negated: Bool)

    /// The capture numbers of the capturing groups inside this node (inclusive range), if any.
    var captureRange: ClosedRange<Int>? {
        var low = Int.max
        var high = Int.min
        collectCaptures(&low, &high)
        return low <= high ? low...high : nil
    }

    private func collectCaptures(_ low: inout Int, _ high: inout Int) {
        switch self {
        case .group(let body, let index):
            if let index {
                low = min(low, index)
                high = max(high, index)
            }
            body.collectCaptures(&low, &high)
        case .concatenation(let parts), .alternation(let parts):
            for part in parts { part.collectCaptures(&low, &high) }
        case .quantified(let body, _, _, _), .lookaround(let body, _, _):
            body.collectCaptures(&low, &high)
        default:
            break
        }
    }
}
