// Splitting a PartiQL statement into tokens.

/// The tokenizer of DynamoDB's PartiQL dialect.
///
/// Guarantees: pure; the token list always ends with one `.end` token; text it cannot split (an unterminated
/// quote, a stray character) throws ``DynamoDBPartiQLSyntax/error(_:)`` ("Statement wasn't well formed, can't be
/// processed: …"). `--` line comments and `/* */` block comments are skipped.
package enum DynamoDBPartiQLLexer {
    /// The tokens of `text`.
    package static func tokens(_ text: String) throws(DynamoDBValidationError) -> [DynamoDBPartiQLToken] {
        let characters = Array(text)
        var tokens: [DynamoDBPartiQLToken] = []
        var index = 0

        func quoted(_ quote: Character) throws(DynamoDBValidationError) -> String {
            let start = index
            var value = ""
            index += 1
            while true {
                guard index < characters.count else {
                    throw DynamoDBPartiQLSyntax.error("unterminated quoted text at position \(start)")
                }
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

        func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }

        while index < characters.count {
            let character = characters[index]
            let start = index
            if character.isWhitespace {
                index += 1
            } else if character == "-", index + 1 < characters.count, characters[index + 1] == "-" {
                while index < characters.count, !characters[index].isNewline { index += 1 }
            } else if character == "/", index + 1 < characters.count, characters[index + 1] == "*" {
                index += 2
                while index + 1 < characters.count, !(characters[index] == "*" && characters[index + 1] == "/") {
                    index += 1
                }
                guard index + 1 < characters.count else {
                    throw DynamoDBPartiQLSyntax.error("unterminated comment at position \(start)")
                }
                index += 2
            } else if character == "\"" {
                tokens.append(DynamoDBPartiQLToken(.quotedIdentifier(try quoted("\"")), at: start))
            } else if character == "'" {
                tokens.append(DynamoDBPartiQLToken(.string(try quoted("'")), at: start))
            } else if character == "?" {
                tokens.append(DynamoDBPartiQLToken(.parameter, at: start))
                index += 1
            } else if isDigit(character)
                || (character == "." && index + 1 < characters.count && isDigit(characters[index + 1]))
            {
                var number = ""
                while index < characters.count, isDigit(characters[index]) {
                    number.append(characters[index])
                    index += 1
                }
                if index < characters.count, characters[index] == "." {
                    number.append(".")
                    index += 1
                    while index < characters.count, isDigit(characters[index]) {
                        number.append(characters[index])
                        index += 1
                    }
                }
                if index < characters.count, characters[index] == "e" || characters[index] == "E" {
                    var exponent = "e"
                    var next = index + 1
                    if next < characters.count, characters[next] == "+" || characters[next] == "-" {
                        exponent.append(characters[next])
                        next += 1
                    }
                    guard next < characters.count, isDigit(characters[next]) else {
                        throw DynamoDBPartiQLSyntax.error("invalid number at position \(start)")
                    }
                    while next < characters.count, isDigit(characters[next]) {
                        exponent.append(characters[next])
                        next += 1
                    }
                    number += exponent
                    index = next
                }
                if index < characters.count, characters[index].isLetter || characters[index] == "_" {
                    throw DynamoDBPartiQLSyntax.error("invalid number at position \(start)")
                }
                tokens.append(DynamoDBPartiQLToken(.number(number), at: start))
            } else if character.isLetter || character == "_" {
                var word = ""
                while index < characters.count,
                    characters[index].isLetter || isDigit(characters[index]) || characters[index] == "_"
                        || characters[index] == "$"
                {
                    word.append(characters[index])
                    index += 1
                }
                tokens.append(DynamoDBPartiQLToken(.word(word), at: start))
            } else {
                let pair = index + 1 < characters.count ? String([character, characters[index + 1]]) : ""
                if ["<<", ">>", "<=", ">=", "<>", "!="].contains(pair) {
                    tokens.append(DynamoDBPartiQLToken(.symbol(pair), at: start))
                    index += 2
                } else if "=<>(),.[]{}:+-*".contains(character) {
                    tokens.append(DynamoDBPartiQLToken(.symbol(String(character)), at: start))
                    index += 1
                } else {
                    throw DynamoDBPartiQLSyntax.error("unexpected character '\(character)' at position \(start)")
                }
            }
        }
        tokens.append(DynamoDBPartiQLToken(.end, at: characters.count))
        return tokens
    }
}
