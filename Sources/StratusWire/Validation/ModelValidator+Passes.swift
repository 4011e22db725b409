import OrderedCollections
import StratusServiceKit

extension ModelValidator {
    /// Whether `value`, read as shape `shapeID`, satisfies every constraint: `true` exactly when
    /// ``violations(of:shape:)`` would find none. Builds no paths or messages and allocates nothing for values
    /// that pass (the common case), so callers run the full check only for values that fail.
    package func passes(_ value: AWSValue, shape shapeID: ShapeID) -> Bool {
        let shape = service[shape: shapeID]
        return passes(value, shape: shape, constraints: Constraints(shape))
    }

    private func passes(_ value: AWSValue, member: MemberSchema) -> Bool {
        // One shape lookup serves both the member's constraints (`Constraints(_:in:)`) and the check.
        let shape = service[shape: member.shape]
        let ownBounds = member.min != nil || member.max != nil
        let constraints = Constraints(
            min: ownBounds ? member.min : shape.min, max: ownBounds ? member.max : shape.max,
            pattern: member.pattern ?? shape.pattern)
        return passes(value, shape: shape, constraints: constraints)
    }

    /// Mirrors `check(_:shape:constraints:path:into:)` case by case, answering only whether it records nothing.
    private func passes(_ value: AWSValue, shape: ShapeSchema, constraints: Constraints) -> Bool {
        if shape.isDocument { return true }
        if case .null = value { return true }
        switch (shape.type, value) {
        case (.structure, .object(let members)):
            for member in shape.members {
                guard let memberValue = members[member.name] else {
                    if member.isRequired { return false }
                    continue
                }
                if case .null = memberValue {
                    if member.isRequired { return false }
                    continue
                }
                if !passes(memberValue, member: member) { return false }
            }
            return true
        case (.list, .list(let elements)):
            guard Self.lengthFits(elements.count, constraints) else { return false }
            if shape.uniqueItems, Self.hasRepeats(elements) { return false }
            if let member = shape.listMember {
                for element in elements where !passes(element, member: member) { return false }
            }
            return true
        case (.map, .object(let entries)):
            // Both styles report something exactly when a key or a value fails its member's constraints.
            guard Self.lengthFits(entries.count, constraints) else { return false }
            let keyMember = shape.mapKey
            let valueMember = shape.mapValue
            if keyMember == nil && valueMember == nil { return true }
            for (key, element) in entries {
                if let keyMember, !passes(.string(key), member: keyMember) { return false }
                if let valueMember, !passes(element, member: valueMember) { return false }
            }
            return true
        case (.string, .string(let text)):
            guard Self.scalarCountFits(text, constraints) else { return false }
            if !shape.enumValues.isEmpty, !shape.enumValues.contains(text) { return false }
            if let pattern = constraints.pattern, !Self.matches(text, pattern: pattern) { return false }
            return true
        case (.blob, .blob(let data)):
            return Self.lengthFits(data.count, constraints)
        case (.integer, .integer(let integer)), (.long, .integer(let integer)), (.short, .integer(let integer)),
            (.byte, .integer(let integer)), (.bigInteger, .integer(let integer)):
            return Self.rangeFits(Double(integer), constraints)
        case (.float, .double(let double)), (.double, .double(let double)), (.bigDecimal, .double(let double)):
            return !double.isFinite || Self.rangeFits(double, constraints)
        default:
            return true
        }
    }

    /// Whether a length passes `checkLength`.
    private static func lengthFits(_ count: Int, _ constraints: Constraints) -> Bool {
        let length = Double(count)
        if let min = constraints.min, length < min { return false }
        if let max = constraints.max, length > max { return false }
        return true
    }

    /// Whether a number passes `checkRange`.
    private static func rangeFits(_ number: Double, _ constraints: Constraints) -> Bool {
        if let min = constraints.min, number < min { return false }
        if let max = constraints.max, number > max { return false }
        return true
    }

    /// Whether `text`'s length in Unicode scalars (what the model's length counts) fits the bounds. The UTF-8
    /// length bounds the scalar count (between a quarter of it and all of it), so most values are decided without
    /// counting scalars.
    private static func scalarCountFits(_ text: String, _ constraints: Constraints) -> Bool {
        if constraints.min == nil && constraints.max == nil { return true }
        let bytes = text.utf8.count
        let fewest = Double((bytes + 3) / 4)
        let most = Double(bytes)
        let surelyLongEnough = constraints.min.map { fewest >= $0 } ?? true
        let surelyShortEnough = constraints.max.map { most <= $0 } ?? true
        if surelyLongEnough && surelyShortEnough { return true }
        return lengthFits(text.unicodeScalars.count, constraints)
    }
}
