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
        if let signature {
            do {
                self.signature = try Signature(signature)
            } catch {
                // Library signatures are constants: a malformed one is a programming error, never a user's.
                preconditionFailure("Malformed signature \(signature) for $\(name): \(error)")
            }
        } else {
            self.signature = nil
        }
        self.arity = arity
        self.implementation = implementation
    }
}
