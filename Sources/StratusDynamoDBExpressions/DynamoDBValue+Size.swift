// DynamoDB's item-size accounting (the 400 KB item limit, key size limits, consumed capacity).

extension DynamoDBValue {
    /// The value's size by DynamoDB's rules: strings and binary by their byte length; numbers one byte per pair
    /// of decimal digits (pairs aligned at the decimal point, as in base 100) plus one; booleans and null one
    /// byte; sets the sum of their members; lists and maps three bytes of overhead plus one per element plus
    /// their elements (map keys counted by UTF-8 length).
    ///
    /// Guarantees: deterministic; numbers match the sizes DynamoDB's 400 KB limit tests observe.
    package var sizeInBytes: Int {
        switch self {
        case let .string(value): value.utf8.count
        case let .number(value): Self.numberSize(value)
        case let .binary(value): value.count
        case let .stringSet(values): values.reduce(0) { $0 + $1.utf8.count }
        case let .numberSet(values): values.reduce(0) { $0 + Self.numberSize($1) }
        case let .binarySet(values): values.reduce(0) { $0 + $1.count }
        case let .map(entries):
            entries.reduce(3) { $0 + 1 + $1.key.utf8.count + $1.value.sizeInBytes }
        case let .list(values): values.reduce(3) { $0 + 1 + $1.sizeInBytes }
        case .null, .bool: 1
        }
    }

    /// One byte per base-100 digit of the number plus one (zero counts as one digit): `1e125` and `11e124` take
    /// 2 bytes, `1.1` (`01.10`) takes 3, 38 significant digits take 20.
    static func numberSize(_ number: DynamoDBNumber) -> Int {
        guard !number.isZero else { return 2 }
        var digitCount = number.digits.count
        if number.exponent % 2 != 0 { digitCount += 1 }  // align the last pair with the decimal point
        return (digitCount + 1) / 2 + 1
    }
}
