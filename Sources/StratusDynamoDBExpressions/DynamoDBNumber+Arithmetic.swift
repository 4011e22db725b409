// Exact decimal addition and subtraction for DynamoDB numbers.

extension DynamoDBNumber {
    /// The exact sum, checked against DynamoDB's precision and range. Results DynamoDB cannot store throw its
    /// errors; a result needing more than 38 significant digits (`1e50 + 1`) throws the overflow message, as
    /// DynamoDB does for arithmetic, not the "38 significant digits" one it gives for supplied numbers.
    package func adding(_ other: DynamoDBNumber) throws(DynamoDBValidationError) -> DynamoDBNumber {
        try Self.checkedArithmetic(Self.exactSum(self, other))
    }

    /// The exact difference `self - other`, checked like ``adding(_:)``.
    package func subtracting(_ other: DynamoDBNumber) throws(DynamoDBValidationError) -> DynamoDBNumber {
        try Self.checkedArithmetic(Self.exactSum(self, other.negated))
    }

    static func checkedArithmetic(_ result: DynamoDBNumber) throws(DynamoDBValidationError) -> DynamoDBNumber {
        if result.digits.count > maximumSignificantDigits {
            throw DynamoDBValidationError(
                message: "Number overflow. Attempting to store a number with magnitude larger than supported range")
        }
        return try result.validated()
    }

    /// The number with its sign flipped (zero stays zero).
    package var negated: DynamoDBNumber {
        DynamoDBNumber(uncheckedNegative: !isNegative, digits: digits, exponent: exponent)
    }

    /// The exact sum of two numbers without limit checks.
    static func exactSum(_ left: DynamoDBNumber, _ right: DynamoDBNumber) -> DynamoDBNumber {
        if left.isZero { return right }
        if right.isZero { return left }
        let exponent = min(left.exponent, right.exponent)
        // Little-endian digit arrays aligned at `exponent`.
        let leftDigits = Array(left.digits.reversed()).shifted(by: left.exponent - exponent)
        let rightDigits = Array(right.digits.reversed()).shifted(by: right.exponent - exponent)
        if left.isNegative == right.isNegative {
            var result: [UInt8] = []
            var carry: UInt8 = 0
            for position in 0..<max(leftDigits.count, rightDigits.count) {
                let sum = leftDigits.digit(at: position) + rightDigits.digit(at: position) + carry
                result.append(sum % 10)
                carry = sum / 10
            }
            if carry > 0 { result.append(carry) }
            return DynamoDBNumber(uncheckedNegative: left.isNegative, digits: result.reversed(), exponent: exponent)
        }
        let magnitudeOrder = compareMagnitudes(left, right)
        if magnitudeOrder == 0 { return .zero }
        let (larger, smaller, negative) = magnitudeOrder > 0
            ? (leftDigits, rightDigits, left.isNegative) : (rightDigits, leftDigits, right.isNegative)
        var result: [UInt8] = []
        var borrow: Int = 0
        for position in 0..<larger.count {
            var difference = Int(larger.digit(at: position)) - Int(smaller.digit(at: position)) - borrow
            if difference < 0 {
                difference += 10
                borrow = 1
            } else {
                borrow = 0
            }
            result.append(UInt8(difference))
        }
        return DynamoDBNumber(uncheckedNegative: negative, digits: result.reversed(), exponent: exponent)
    }
}

extension [UInt8] {
    /// Little-endian digits with `count` zeros prepended (multiplied by 10^count).
    fileprivate func shifted(by count: Int) -> [UInt8] {
        count == 0 ? self : [UInt8](repeating: 0, count: count) + self
    }

    /// The digit at a little-endian position, 0 past the end.
    fileprivate func digit(at position: Int) -> UInt8 {
        position < count ? self[position] : 0
    }
}
