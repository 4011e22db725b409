import StratusJSON
import StratusJSONPath

/// A parsed intrinsic function call such as `States.Format('Hello {}', $.name)`.
///
/// Guarantees: produced only by ``init(parsing:)``, so the function exists, the argument count is one AWS
/// accepts, string literals are well formed and calls are nested at most ``maximumNesting`` deep. Evaluation
/// (see `evaluate(input:environment:field:)`) does no parsing.
public struct IntrinsicCall: Sendable, Hashable, CustomStringConvertible {
    /// The deepest nesting of calls AWS accepts in one field (a call inside a call is depth 2).
    public static let maximumNesting = 10

    /// The function called.
    public let function: IntrinsicFunction
    /// The arguments, in order.
    public let arguments: [IntrinsicArgument]
    /// The call's text as written.
    public let text: String

    /// A call (used by the parser).
    init(function: IntrinsicFunction, arguments: [IntrinsicArgument], text: String) {
        self.function = function
        self.arguments = arguments
        self.text = text
    }

    /// Parses an intrinsic function call.
    /// - Throws: ``IntrinsicSyntaxError`` naming the problem (unknown function, bad argument count, bad literal,
    ///   bad path, unbalanced parentheses, nesting over ``maximumNesting``, text after the call).
    public init(parsing text: String) throws(IntrinsicSyntaxError) {
        var parser = IntrinsicParser(text: text)
        self = try parser.parseWhole()
    }

    /// `true` when `text` looks like an intrinsic call (`States.` followed by a name and `(`), i.e. a `.$` value
    /// that should be parsed with ``init(parsing:)`` rather than as a path.
    public static func looksLikeCall(_ text: String) -> Bool {
        let trimmed = text.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard trimmed.hasPrefix("States.") else { return false }
        return trimmed.contains("(")
    }

    /// The text as written.
    public var description: String { text }
}
