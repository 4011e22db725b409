// Evaluates condition trees against an item with DynamoDB's typing rules.

/// Evaluates conditions against one item.
struct DynamoDBConditionEvaluator {
    let item: DynamoDBItem

    func evaluate(_ condition: DynamoDBCondition) -> Bool {
        switch condition {
        case let .and(left, right):
            return evaluate(left) && evaluate(right)
        case let .or(left, right):
            return evaluate(left) || evaluate(right)
        case let .not(inner):
            return !evaluate(inner)
        case let .compare(left, comparator, right):
            return Self.compare(resolve(left), comparator, resolve(right))
        case let .between(operand, lower, upper):
            guard let value = resolve(operand), let low = resolve(lower), let high = resolve(upper),
                let fromLow = DynamoDBValueOrdering.compare(value, low),
                let toHigh = DynamoDBValueOrdering.compare(value, high)
            else { return false }
            return fromLow >= 0 && toHigh <= 0
        case let .isIn(operand, list):
            guard let value = resolve(operand) else { return false }
            return list.contains { resolve($0) == value }
        case let .attributeExists(path):
            return path.value(in: item) != nil
        case let .attributeNotExists(path):
            return path.value(in: item) == nil
        case let .attributeType(operand, type):
            guard let value = resolve(operand), case let .string(typeName)? = resolve(type) else { return false }
            return value.typeName == typeName
        case let .beginsWith(operand, prefix):
            switch (resolve(operand), resolve(prefix)) {
            case let (.string(value)?, .string(start)?):
                return value.utf8.starts(with: start.utf8)
            case let (.binary(value)?, .binary(start)?):
                return value.starts(with: start)
            default:
                return false
            }
        case let .contains(operand, member):
            guard let container = resolve(operand), let member = resolve(member) else { return false }
            return Self.contains(container, member)
        }
    }

    func resolve(_ operand: DynamoDBConditionOperand) -> DynamoDBValue? {
        switch operand {
        case let .path(path):
            return path.value(in: item)
        case let .value(value):
            return value
        case let .size(inner):
            guard let value = resolve(inner), let size = Self.size(of: value) else { return nil }
            return .number(DynamoDBNumber(size))
        }
    }

    /// DynamoDB's `size`: string length in characters, binary length in bytes, element counts of sets, lists
    /// and maps; nil for numbers, booleans and null.
    static func size(of value: DynamoDBValue) -> Int? {
        switch value {
        case let .string(text): text.unicodeScalars.count
        case let .binary(bytes): bytes.count
        case let .stringSet(members): members.count
        case let .numberSet(members): members.count
        case let .binarySet(members): members.count
        case let .map(entries): entries.count
        case let .list(values): values.count
        case .number, .bool, .null: nil
        }
    }

    static func compare(_ left: DynamoDBValue?, _ comparator: DynamoDBComparator, _ right: DynamoDBValue?) -> Bool {
        guard let left, let right else { return comparator == .notEqual }
        switch comparator {
        case .equal: return left == right
        case .notEqual: return left != right
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let order = DynamoDBValueOrdering.compare(left, right) else { return false }
            switch comparator {
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            default: return order >= 0
            }
        }
    }

    /// `contains`: substring of a string, member of a set of the member's type, element of a list.
    static func contains(_ container: DynamoDBValue, _ member: DynamoDBValue) -> Bool {
        switch (container, member) {
        case let (.string(text), .string(part)):
            return part.isEmpty || text.utf8.firstRange(of: part.utf8) != nil
        case let (.binary(bytes), .binary(part)):
            return part.isEmpty || bytes.firstRange(of: part) != nil
        case let (.stringSet(members), .string(value)):
            return members.contains(value)
        case let (.numberSet(members), .number(value)):
            return members.contains(value)
        case let (.binarySet(members), .binary(value)):
            return members.contains(value)
        case let (.list(values), _):
            return values.contains(member)
        default:
            return false
        }
    }

    static func collectAttributes(_ condition: DynamoDBCondition, into names: inout Set<String>) {
        func operand(_ operand: DynamoDBConditionOperand) {
            switch operand {
            case let .path(path): names.insert(path.topLevelAttribute)
            case .value: break
            case let .size(inner): collectOperand(inner, into: &names)
            }
        }
        switch condition {
        case let .compare(left, _, right): operand(left); operand(right)
        case let .between(value, lower, upper): operand(value); operand(lower); operand(upper)
        case let .isIn(value, list): operand(value); list.forEach(operand)
        case let .attributeExists(path), let .attributeNotExists(path): names.insert(path.topLevelAttribute)
        case let .attributeType(left, right), let .beginsWith(left, right), let .contains(left, right):
            operand(left); operand(right)
        case let .and(left, right), let .or(left, right):
            collectAttributes(left, into: &names); collectAttributes(right, into: &names)
        case let .not(inner): collectAttributes(inner, into: &names)
        }
    }

    static func collectOperand(_ operand: DynamoDBConditionOperand, into names: inout Set<String>) {
        switch operand {
        case let .path(path): names.insert(path.topLevelAttribute)
        case .value: break
        case let .size(inner): collectOperand(inner, into: &names)
        }
    }
}
