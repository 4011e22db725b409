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
