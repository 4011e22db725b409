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
