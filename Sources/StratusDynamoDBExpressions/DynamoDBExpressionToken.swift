// The tokens of DynamoDB expressions.

/// One token of an expression, with its place in the source (UTF-8 offsets).
struct DynamoDBExpressionToken: Sendable, Equatable {
    /// What the token is.
    enum Kind: Sendable, Equatable {
        /// A bare name: a letter, then letters, digits and underscores.
        case identifier
        /// `#name`: an expression attribute name placeholder.
        case nameReference
        /// `:value`: an expression attribute value placeholder.
        case valueReference
        /// Decimal digits (list indexes).
        case integer
        /// One of `. , ( ) [ ] = <> < <= > >= + -`.
        case punctuation
        /// A character DynamoDB's lexer does not recognize (reported as a syntax error when parsed).
        case unknown
        /// The end of the text.
        case end
    }

    /// The kind.
    var kind: Kind
    /// The token's text; "<EOF>" for the end.
    var text: String
    /// UTF-8 offset of the first byte.
    var start: Int
    /// UTF-8 offset just past the last byte.
    var end: Int

    /// Whether this is the punctuation `symbol`.
    func isPunctuation(_ symbol: String) -> Bool {
        kind == .punctuation && text == symbol
    }

    /// Whether this is the keyword `word` (an identifier compared case-insensitively).
    func isKeyword(_ word: String) -> Bool {
        kind == .identifier && text.uppercased() == word
    }
}
