// The tokens of DynamoDB's PartiQL dialect.

/// One token of a PartiQL statement.
///
/// Guarantees: `offset` is the token's position in the statement (in characters), for messages; keywords are
/// not told apart from identifiers here (``keyword`` upper-cases a bare word for the parser to compare).
package struct DynamoDBPartiQLToken: Sendable, Equatable {
    /// What the token is.
    package enum Kind: Sendable, Equatable {
        /// A bare word: a letter or `_`, then letters, digits, `_` and `$`.
        case word(String)
        /// A `"quoted"` identifier (`""` inside stands for one `"`).
        case quotedIdentifier(String)
        /// A `'string'` literal (`''` inside stands for one `'`).
        case string(String)
        /// A number literal as written (digits, an optional fraction and exponent; no sign).
        case number(String)
        /// `?`: the next positional parameter.
        case parameter
        /// Punctuation or an operator: `<<`, `>>`, `<=`, `>=`, `<>`, `!=` or one of `= < > ( ) , . [ ] { } : + - *`.
        case symbol(String)
        /// The end of the statement.
        case end
    }

    /// What the token is.
    package var kind: Kind
    /// Where it starts (a character offset).
    package var offset: Int

    /// A token.
    package init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// The upper-cased word, if the token is a bare word.
    package var keyword: String? {
        if case let .word(text) = kind { return text.uppercased() }
        return nil
    }

    /// Whether the token is the symbol `text`.
    package func isSymbol(_ text: String) -> Bool {
        kind == .symbol(text)
    }

    /// The token as DynamoDB's messages quote it.
    package var display: String {
        switch kind {
        case let .word(text): text
        case let .quotedIdentifier(text): "\"\(text)\""
        case let .string(text): "'\(text)'"
        case let .number(text): text
        case .parameter: "?"
        case let .symbol(text): text
        case .end: "end of statement"
        }
    }
}
