/// A function value: lambda (closure), native library function, regex matcher or transform.
enum FunctionValue {
    case lambda(Lambda)
    case native(NativeFunction)
    case regex(RegexLiteral)
    case transform(Transform)

    /// jsonata-js `getFunctionArity`: declared parameter count.
    var arity: Int {
        switch self {
        case .lambda(let lambda): return lambda.parameters.count
        case .native(let native): return native.arity
        case .regex: return 2
        case .transform: return 1
        }
    }

    /// Reference identity (JavaScript `===` on function objects).
    func isIdentical(to other: FunctionValue) -> Bool {
        switch (self, other) {
        case (.lambda(let a), .lambda(let b)): return a === b
        case (.native(let a), .native(let b)): return a === b
        case (.regex(let a), .regex(let b)): return a === b
        case (.transform(let a), .transform(let b)): return a === b
        default: return false
        }
    }
}

/// A closure: a lambda node with the input and frame it was defined in (or a partially applied native).
final class Lambda {
    enum Body {
        case expression(Node)
        /// A partially applied native: its parameters are looked up by name in the lambda's frame.
        case native(NativeFunction, parameterNames: [String])
        /// A partially applied regex or transform function.
        case callable(Value, parameterNames: [String])
    }

    let input: Value?
    let environment: Frame
    let parameters: [String]
    let signature: Signature?
    let body: Body
    /// A tail-call thunk produced by the post-pass (evaluated by the trampoline in `apply`).
    let isThunk: Bool

    init(input: Value?, environment: Frame, parameters: [String], signature: Signature?, body: Body, isThunk: Bool = false) {
        self.input = input
        self.environment = environment
        self.parameters = parameters
        self.signature = signature
        self.body = body
        self.isThunk = isThunk
    }
}

/// The function made by a transform expression `| pattern | update, delete |`.
final class Transform {
    let node: Node
    let environment: Frame
    init(node: Node, environment: Frame) {
        self.node = node
        self.environment = environment
    }
}

/// What a native function sees besides its arguments.
struct NativeContext {
    let evaluator: Evaluator
    /// The context value at the call site (jsonata-js `this.input`).
    let input: Value?
    let environment: Frame
}

/// A library function implemented in Swift.
final class NativeFunction: Sendable {
    typealias Implementation = @Sendable (_ args: [Value?], _ context: NativeContext) throws -> Value?

    let name: String
    let signature: Signature?
    /// The JavaScript implementation's declared parameter count (what HOFs use to decide how many args to pass).
    let arity: Int
    let implementation: Implementation

    init(_ name: String, _ signature: String?, arity: Int, _ implementation: @escaping Implementation) {
        self.name = name
        // Library signatures are constants; a malformed one is a programming error caught by the unit tests.
        self.signature = signature.flatMap { try? Signature($0) }
        self.arity = arity
        self.implementation = implementation
    }
}

/// A variable scope (jsonata-js `createFrame`). Binding `undefined` hides outer bindings, as in JavaScript.
final class Frame {
    private var bindings: [String: Value?] = [:]
    let parent: Frame?

    init(parent: Frame?) { self.parent = parent }

    func bind(_ name: String, _ value: Value?) {
        bindings[name] = .some(value)
    }

    /// `.some(value)` when bound in this frame or an enclosing one (value may be nil = undefined), else nil.
    func lookup(_ name: String) -> Value?? {
        var frame: Frame? = self
        while let current = frame {
            if let found = current.bindings[name] { return .some(found) }
            frame = current.parent
        }
        return nil
    }
}
