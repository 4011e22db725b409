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

/// One argument of an intrinsic call.
public indirect enum IntrinsicArgument: Sendable, Hashable {
    /// A string literal: its value with escapes resolved, and its text between the quotes as written (which
    /// `States.Format` needs to tell `\{` from `{`).
    case string(value: String, raw: String)
    /// A number literal.
    case number(JSONNumber)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// A path into the input (`$.a`), the Context object (`$$.a`) or a variable (`$name`).
    case path(JSONPath)
    /// A nested call.
    case call(IntrinsicCall)
}

/// A malformed intrinsic function expression (a definition error).
///
/// Guarantees: ``message`` says what is wrong and where; it is not AWS's validation wording, which names the
/// field instead (`The value for the field 'x.$' must be a valid JSONPath or a valid intrinsic function call`).
public struct IntrinsicSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// An error with the given message.
    public init(message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
