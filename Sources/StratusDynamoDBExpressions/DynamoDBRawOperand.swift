// Operands as written, before the parser knows where a function call stands.

/// An operand as written, before it is checked: functions are kept by name until their place is known.
indirect enum DynamoDBRawOperand {
    case path(DynamoDBDocumentPath)
    case value(DynamoDBValue?)
    case function(String, [DynamoDBRawOperand])

    /// The type DynamoDB can tell without reading the item: a literal's type, `N` for `size(…)`.
    var staticType: String? {
        switch self {
        case let .value(value): value?.typeName
        case let .function(name, _): name == "size" ? "N" : nil
        case .path: nil
        }
    }

    var pathValue: DynamoDBDocumentPath? {
        if case let .path(path) = self { return path }
        return nil
    }
}

/// An update operand as written, before its function is checked.
indirect enum DynamoDBRawUpdateOperand {
    case path(DynamoDBDocumentPath)
    case value(DynamoDBValue?)
    case function(String, [DynamoDBRawUpdateOperand])

    var staticType: String? {
        switch self {
        case let .value(value): value?.typeName
        case let .function(name, _): name == "list_append" ? "L" : nil
        case .path: nil
        }
    }
}
