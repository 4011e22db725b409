/// A lexical token of a JSONata expression.
struct Token {
    enum Kind { case `operator`, string, number, value, name, variable, regex }
    var kind: Kind
    var text: String = ""
    var literal: LiteralValue = .none
    var regexPattern = ""
    var regexFlags = ""
    var position: Int
}
