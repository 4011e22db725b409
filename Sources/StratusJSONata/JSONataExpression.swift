import StratusJSON

/// A compiled JSONata expression (JSONata 2.0.6 semantics, as jsonata-js evaluates them).
///
/// Guarantees: compiling parses and post-processes once (syntax errors are `S0xxx`); the compiled form is
/// immutable, so one value may be evaluated many times, concurrently, from any thread. Each evaluation converts
/// its input and bindings, runs with its own state, and returns JSON (`nil` = *undefined*, distinct from `null`).
public struct JSONataExpression: Sendable {
    /// The expression text.
    public let text: String
    private let standardAST: Node?
    private let standardError: JSONataError?
    private let awsAST: Node?
    private let awsError: JSONataError?

    /// Parses `text`. Throws the first syntax error (`S0xxx`) of the standard dialect.
    public init(_ text: String) throws(JSONataError) {
        self.text = text
        var standard: Node?
        var standardFailure: JSONataError?
        do { standard = try Parser.parse(text, newOperators: true) } catch { standardFailure = error }
        if let standardFailure { throw standardFailure }
        var aws: Node?
        var awsFailure: JSONataError?
        if text.contains("?:") || text.contains("??") {
            do { aws = try Parser.parse(text, newOperators: false) } catch { awsFailure = error }
        } else {
            aws = standard
        }
        standardAST = standard
        standardError = standardFailure
        awsAST = aws
        awsError = awsFailure
    }

    /// Throws the syntax error this expression has in the chosen dialect, if any. The initializer already checked
    /// the standard dialect; in the AWS Step Functions dialect `?:` and `??` are not operators, so an expression
    /// using them fails here (for validating state machine definitions before they run).
    public func validate(awsStepFunctions: Bool) throws(JSONataError) {
        if awsStepFunctions, let awsError { throw awsError }
        if !awsStepFunctions, let standardError { throw standardError }
    }

    /// Evaluates against `input` (nil = no input) with `bindings` visible as `$name`.
    /// Errors carry jsonata-js codes (`T…`, `D…`, `U1001`); in AWS mode, `?:`/`??` give their 2.0.6 syntax error.
    /// A function result is returned as `""` (as jsonata-js prints it); ``evaluateResult(input:bindings:options:)``
    /// tells it apart.
    public func evaluate(input: JSONValue?, bindings: [String: JSONValue] = [:],
                         options: JSONataOptions = .init()) throws(JSONataError) -> JSONValue? {
        switch try evaluateResult(input: input, bindings: bindings, options: options) {
        case .value(let value): return value
        case .undefined: return nil
        case .function: return .string("")
        }
    }

    /// What an evaluation produced: a JSON value, nothing (*undefined*), or a function (which has no JSON form;
    /// Step Functions refuses it as "an unsupported result type"). Errors as ``evaluate(input:bindings:options:)``.
    public func evaluateResult(input: JSONValue?, bindings: [String: JSONValue] = [:],
                               options: JSONataOptions = .init()) throws(JSONataError) -> JSONataResult {
        let ast: Node
        if options.awsStepFunctions {
            if let awsError { throw awsError }
            ast = awsAST!
        } else {
            if let standardError { throw standardError }
            ast = standardAST!
        }
        let evaluator = Evaluator(options: options)
        defer { evaluator.releaseFrames() }
        let root = Frame(parent: nil)
        for (name, value) in bindings { root.bind(name, Value(json: value)) }
        var value = input.map(Value.init(json:))
        root.bind("$", value)
        if case .array(let array)? = value, !array.isSequence {
            let wrapper = ArrayValue.sequence([.array(array)])
            wrapper.outerWrapper = true
            value = .array(wrapper)
        }
        do {
            switch try evaluator.evaluate(ast, value, root) {
            case nil: return .undefined
            case .function?: return .function
            case let result?: return .value(try result.json())
            }
        } catch let error as JSONataError {
            throw error
        } catch {
            // The evaluator throws only JSONataError; anything else is a defect, reported rather than hidden.
            throw JSONataError(code: "U1000", message: "Internal error: \(error)")
        }
    }
}
