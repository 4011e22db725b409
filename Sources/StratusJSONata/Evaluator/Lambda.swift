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
