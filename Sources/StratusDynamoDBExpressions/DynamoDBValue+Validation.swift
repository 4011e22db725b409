// DynamoDB's checks on attribute values a request supplies (sets, numbers), with its messages.

extension DynamoDBValue {
    /// Checks DynamoDB's rules on a supplied value, recursively through maps and lists: sets are non-empty and
    /// have no duplicate members, and numbers are within range (numbers built by ``DynamoDBNumber/init(_:)``
    /// already are).
    ///
    /// Throws ``DynamoDBValidationError`` with DynamoDB's message, e.g. "One or more parameter values were
    /// invalid: An string set  may not be empty" (DynamoDB's own double space and grammar), "One or more parameter
    /// values were invalid: Input collection [a, a] contains duplicates.", "Input collection contains duplicates"
    /// (number sets), "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels
    /// beyond supported limit" (more than 32 levels, the attribute itself counting as the first; checked before
    /// descending further, so deep input cannot exhaust the stack).
    package func validate() throws(DynamoDBValidationError) {
        try validate(level: 1)
    }

    /// DynamoDB's deepest document: an attribute and 31 levels of maps or lists below it.
    package static let maximumNestingLevels = 32

    func validate(level: Int) throws(DynamoDBValidationError) {
        if level > Self.maximumNestingLevels {
            throw DynamoDBValidationError(
                message: "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
                    + "beyond supported limit")
        }
        switch self {
        case let .stringSet(members):
            if members.isEmpty { throw Self.invalidParameter("An string set  may not be empty") }
            if Set(members).count != members.count {
                throw Self.invalidParameter("Input collection [\(members.joined(separator: ", "))] contains duplicates.")
            }
        case let .numberSet(members):
            if members.isEmpty { throw Self.invalidParameter("An number set  may not be empty") }
            for member in members { _ = try member.validated() }
            if Set(members).count != members.count {
                throw DynamoDBValidationError(message: "Input collection contains duplicates")
            }
        case let .binarySet(members):
            if members.isEmpty { throw Self.invalidParameter("Binary sets should not be empty") }
            if Set(members).count != members.count {
                let rendered = members.map(Self.base64).joined(separator: ", ")
                throw Self.invalidParameter("Input collection [\(rendered)]of type BS contains duplicates.")
            }
        case let .number(number):
            _ = try number.validated()
        case let .map(entries):
            for value in entries.values { try value.validate(level: level + 1) }
        case let .list(values):
            for value in values { try value.validate(level: level + 1) }
        case .string, .binary, .null, .bool:
            break
        }
    }

    /// Checks every attribute of an item with ``validate()``.
    package static func validate(item: DynamoDBItem) throws(DynamoDBValidationError) {
        for value in item.values { try value.validate() }
    }

    /// A number from its wire text, or DynamoDB's error for it.
    package static func number(parsing text: String) throws(DynamoDBValidationError) -> DynamoDBValue {
        .number(try DynamoDBNumber(text))
    }

    /// A number set from wire texts, with DynamoDB's errors for bad members, an empty set or duplicates.
    package static func numberSet(parsing texts: [String]) throws(DynamoDBValidationError) -> DynamoDBValue {
        var members: [DynamoDBNumber] = []
        members.reserveCapacity(texts.count)
        for text in texts { members.append(try DynamoDBNumber(text)) }
        let value = DynamoDBValue.numberSet(members)
        try value.validate()
        return value
    }

    /// "One or more parameter values were invalid: " followed by the detail.
    static func invalidParameter(_ detail: String) -> DynamoDBValidationError {
        DynamoDBValidationError(message: "One or more parameter values were invalid: \(detail)")
    }
}
