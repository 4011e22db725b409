// DynamoDB's item-size accounting (the 400 KB item limit, key size limits, consumed capacity).

extension DynamoDBValue {
    /// The value's size by DynamoDB's rules: strings and binary by their byte length; numbers one byte per two
    /// significant digits plus one; booleans and null one byte; sets the sum of their members; lists and maps
    /// three bytes of overhead plus one per element plus their elements (map keys counted by UTF-8 length).
    ///
    /// Guarantees: deterministic and the documented approximation; it does not model DynamoDB's undocumented
    /// per-number byte alignment.
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

    /// One byte per two significant digits, rounded up, plus one; zero counts as one digit.
    static func numberSize(_ number: DynamoDBNumber) -> Int {
        (max(number.digits.count, 1) + 1) / 2 + 1
    }
}
