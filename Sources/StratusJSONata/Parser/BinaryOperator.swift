/// A binary operator, resolved once at compile time.
enum BinaryOperator: Sendable {
    case add, subtract, multiply, divide, modulo, equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    case concatenate, and, or, range, membership

    init?(_ symbol: String) {
        switch symbol {
        case "+": self = .add
        case "-": self = .subtract
        case "*": self = .multiply
        case "/": self = .divide
        case "%": self = .modulo
        case "=": self = .equal
        case "!=": self = .notEqual
        case "<": self = .less
        case "<=": self = .lessOrEqual
        case ">": self = .greater
        case ">=": self = .greaterOrEqual
        case "&": self = .concatenate
        case "and": self = .and
        case "or": self = .or
        case "..": self = .range
        case "in": self = .membership
        default: return nil
        }
    }
}
