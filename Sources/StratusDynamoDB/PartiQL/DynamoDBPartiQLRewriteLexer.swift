import StratusServiceKit

/// The tokens of DynamoDB's PartiQL dialect: identifiers (bare or `"quoted"`), `'strings'`, numbers, `?`
/// parameters and symbols (`<<`, `>>`, `<=`, `>=`, `<>`, `!=` and single characters).
///
/// Guarantees: pure; throws DynamoDB's "Statement wasn't well formed" `ValidationException` for text it cannot
/// split into tokens.
package enum DynamoDBPartiQLRewriteLexer {
    /// One token.
    package enum Token: Sendable, Equatable {
        /// A bare identifier or keyword (keywords are matched case-insensitively by the parser).
        case word(String)
        /// A `"quoted"` identifier.
        case quoted(String)
        /// A `'string'` literal.
        case string(String)
        /// A number literal.
        case number(String)
        /// `?`.
        case parameter
        /// Punctuation or an operator.
        case symbol(String)

        /// The keyword this token spells (upper-cased), if it is a bare word.
        package var keyword: String? {
            if case let .word(text) = self { return text.uppercased() }
            return nil
        }
    }

    /// DynamoDB's error for a statement that does not parse.
    package static func malformed(_ detail: String) -> AWSServiceError {
        .validation("Statement wasn't well formed, can't be processed: \(detail)")
    }

    /// Splits a statement into tokens.
    package static func tokens(_ text: String) throws(AWSServiceError) -> [Token] {
        let characters = Array(text)
        var tokens: [Token] = []
        var index = 0
        func quotedRun(_ quote: Character) throws(AWSServiceError) -> String {
            var value = ""
            index += 1
            while true {
                guard index < characters.count else { throw malformed("unterminated quoted text") }
                if characters[index] == quote {
                    if index + 1 < characters.count, characters[index + 1] == quote {
                        value.append(quote)
                        index += 2
                        continue
                    }
                    index += 1
                    return value
                }
                value.append(characters[index])
                index += 1
            }
        }
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
            } else if character == "\"" {
                tokens.append(.quoted(try quotedRun("\"")))
            } else if character == "'" {
                tokens.append(.string(try quotedRun("'")))
            } else if character == "?" {
                tokens.append(.parameter)
                index += 1
            } else if character.isNumber || (character == "." && index + 1 < characters.count && characters[index + 1].isNumber) {
                var text = ""
                while index < characters.count, characters[index].isNumber || characters[index] == "." {
                    text.append(characters[index])
                    index += 1
                }
                if index < characters.count, characters[index] == "e" || characters[index] == "E" {
                    text.append(characters[index])
                    index += 1
                    if index < characters.count, characters[index] == "+" || characters[index] == "-" {
                        text.append(characters[index])
                        index += 1
                    }
                    while index < characters.count, characters[index].isNumber {
                        text.append(characters[index])
                        index += 1
                    }
                }
                tokens.append(.number(text))
            } else if character.isLetter || character == "_" {
                var text = ""
                while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" {
                    text.append(characters[index])
                    index += 1
                }
                tokens.append(.word(text))
            } else {
                let pair = index + 1 < characters.count ? String([character, characters[index + 1]]) : ""
                if ["<<", ">>", "<=", ">=", "<>", "!="].contains(pair) {
                    tokens.append(.symbol(pair))
                    index += 2
                } else if "=<>(),.[]{}:+-*".contains(character) {
                    tokens.append(.symbol(String(character)))
                    index += 1
                } else {
                    throw malformed("unexpected character '\(character)'")
                }
            }
        }
        return tokens
    }
}
