// Splits expression text into DynamoDB's tokens.

/// DynamoDB's expression lexer.
enum DynamoDBExpressionLexer {
    /// The tokens of `source`, ending with one `.end` token.
    static func tokens(of source: [UInt8]) -> [DynamoDBExpressionToken] {
        var tokens: [DynamoDBExpressionToken] = []
        var index = 0
        func make(_ kind: DynamoDBExpressionToken.Kind, _ start: Int, _ end: Int) -> DynamoDBExpressionToken {
            DynamoDBExpressionToken(
                kind: kind, text: String(decoding: source[start..<end], as: UTF8.self), start: start, end: end)
        }
        while index < source.count {
            let byte = source[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
                continue
            }
            let start = index
            if isLetter(byte) {
                index += 1
                while index < source.count, isWordByte(source[index]) { index += 1 }
                tokens.append(make(.identifier, start, index))
            } else if isDigit(byte) {
                index += 1
                while index < source.count, isDigit(source[index]) { index += 1 }
                tokens.append(make(.integer, start, index))
            } else if byte == UInt8(ascii: "#") || byte == UInt8(ascii: ":") {
                index += 1
                while index < source.count, isWordByte(source[index]) { index += 1 }
                if index == start + 1 {
                    tokens.append(make(.unknown, start, index))
                } else {
                    tokens.append(make(byte == UInt8(ascii: "#") ? .nameReference : .valueReference, start, index))
                }
            } else if byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") {
                index += 1
                if index < source.count,
                    source[index] == UInt8(ascii: "=") || (byte == UInt8(ascii: "<") && source[index] == UInt8(ascii: ">"))
                {
                    index += 1
                }
                tokens.append(make(.punctuation, start, index))
            } else if Array(".,()[]=+-".utf8).contains(byte) {
                index += 1
                tokens.append(make(.punctuation, start, index))
            } else {
                // One whole Unicode scalar (1…4 bytes) as an unknown token.
                index += 1
                while index < source.count, source[index] & 0xC0 == 0x80 { index += 1 }
                tokens.append(make(.unknown, start, index))
            }
        }
        tokens.append(DynamoDBExpressionToken(kind: .end, text: "<EOF>", start: source.count, end: source.count))
        return tokens
    }

    static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_")
    }
}
