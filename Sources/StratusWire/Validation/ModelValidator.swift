import Foundation
import Synchronization
import OrderedCollections
import StratusServiceKit

/// Checks a decoded input against the constraints of its model: required members, length (`min`/`max` of
/// strings, blobs, lists and maps), range (`min`/`max` of numbers), enum membership and `pattern`.
///
/// Guarantees: every violation is reported (in member order, depth first) with AWS's constraint wording;
/// a value that passes is untouched. Member-level `min`/`max`/`pattern` override the target shape's (Smithy
/// semantics: a member's own length/range replaces the shape's bounds as a whole); lists marked `uniqueItems`
/// must not repeat an element; enum values marked internal are accepted but left out of messages. Patterns
/// are whole-value matches (how AWS's validator behaves for the unanchored patterns of real models).
/// Patterns run on ``ModelPattern`` (linear time, no backtracking), or on ICU for syntax it does not read.
package struct ModelValidator: Sendable {
    /// How paths and messages are written.
    package enum Style: Sendable {
        /// AWS JSON services: `1 validation error detected: Value null at 'queueName' failed to satisfy …`,
        /// lowerCamelCase dotted paths, list elements as `list.1.member` (1-based).
        case aws
        /// Smithy server validation (restJson1 vectors): `1 validation error detected. Value at '/string' …`,
        /// JSON-pointer paths with member names, plus a `fieldList` field on the error.
        case smithy
    }

    /// One failed constraint.
    package struct Violation: Sendable, Equatable {
        /// The member path in the style's notation (`queueName`, `/list/0`).
        package var path: String
        /// The whole sentence for this violation (`Value null at 'queueName' failed to satisfy constraint: …`).
        package var message: String
    }

    /// The model whose constraints are checked.
    package let service: ServiceSchema
    /// The message style.
    package let style: Style

    /// A validator over `service`'s shapes writing `style` messages.
    package init(service: ServiceSchema, style: Style = .aws) {
        self.service = service
        self.style = style
    }

    /// Validates `input` for `operation`.
    /// - Throws: `ValidationException` (400) with the joined message when any constraint fails; in the
    ///   ``Style/smithy`` style the error also carries `fieldList` (`[{path, message}]`).
    package func validate(_ input: AWSValue, operation: OperationSchema) throws(AWSServiceError) {
        guard let reference = operation.input else { return }
        // The common case (nothing wrong) is decided without building paths or messages.
        if passes(input, shape: reference.shape) { return }
        let found = violations(of: input, shape: reference.shape)
        guard !found.isEmpty else { return }
        var fields: OrderedDictionary<String, AWSValue> = [:]
        if style == .smithy {
            fields["fieldList"] = .list(found.map { ["path": .string($0.path), "message": .string($0.message)] })
        }
        throw AWSServiceError(.validation, message(for: found), fields: fields)
    }

    /// The summary message for `violations` (`1 validation error detected: …` / `2 validation errors detected: …; …`).
    package func message(for violations: [Violation]) -> String {
        let count = violations.count
        let head = "\(count) validation error\(count == 1 ? "" : "s") detected"
        let separator = style == .aws ? ": " : ". "
        return head + separator + violations.map(\.message).joined(separator: "; ")
    }

    /// Every violation inside `value`, read as shape `shapeID` (a structure for operation inputs).
    package func violations(of value: AWSValue, shape shapeID: ShapeID) -> [Violation] {
        var found: [Violation] = []
        check(value, shape: shapeID, constraints: Constraints(service[shape: shapeID]), path: [], into: &found)
        return found
    }

    private enum PathStep {
        case member(String)
        case index(Int)
        case key(String)
    }

    private func render(_ path: [PathStep]) -> String {
        switch style {
        case .smithy:
            return path.map { step -> String in
                switch step {
                case .member(let name): return "/" + name
                case .index(let index): return "/\(index)"
                case .key(let key): return "/" + key
                }
            }.joined()
        case .aws:
            var parts: [String] = []
            for step in path {
                switch step {
                case .member(let name): parts.append(Self.lowerCamelCase(name))
                case .index(let index): parts.append("\(index + 1).member")
                case .key(let key): parts.append(key)
                }
            }
            return parts.joined(separator: ".")
        }
    }

    private func record(
        _ value: AWSValue?, _ path: [PathStep], _ constraint: String, withLength length: Int? = nil,
        shape: ShapeID? = nil, into found: inout [Violation]
    ) {
        let rendered = render(path)
        let subject: String
        switch style {
        case .smithy:
            subject = length.map { "Value with length \($0)" } ?? "Value"
        case .aws:
            subject = "Value " + (value.map { "'\(describe($0, shape: shape))'" } ?? "null")
        }
        found.append(
            Violation(path: rendered, message: "\(subject) at '\(rendered)' failed to satisfy constraint: \(constraint)"))
    }

    /// The length/range bounds and pattern in force for one value: a member's own, else its target shape's.
    struct Constraints {
        var min: Double?
        var max: Double?
        var pattern: String?

        init(min: Double?, max: Double?, pattern: String?) {
            self.min = min
            self.max = max
            self.pattern = pattern
        }

        init(_ shape: ShapeSchema) {
            min = shape.min
            max = shape.max
            pattern = shape.pattern
        }

        init(_ member: MemberSchema, in service: ServiceSchema) {
            min = member.effectiveMin(in: service)
            max = member.effectiveMax(in: service)
            pattern = member.effectivePattern(in: service)
        }
    }

    private func check(_ value: AWSValue, member: MemberSchema, path: [PathStep], into found: inout [Violation]) {
        check(value, shape: member.shape, constraints: Constraints(member, in: service), path: path, into: &found)
    }

    private func check(
        _ value: AWSValue, shape shapeID: ShapeID, constraints: Constraints, path: [PathStep],
        into found: inout [Violation]
    ) {
        let shape = service[shape: shapeID]
        if shape.isDocument { return }
        if case .null = value { return }
        switch (shape.type, value) {
        case (.structure, .object(let members)):
            for member in shape.members {
                let memberPath = path + [.member(member.name)]
                guard let memberValue = members[member.name], memberValue != .null else {
                    if member.isRequired { record(nil, memberPath, "Member must not be null", into: &found) }
                    continue
                }
                check(memberValue, member: member, path: memberPath, into: &found)
            }
        case (.list, .list(let elements)):
            checkLength(value, count: elements.count, constraints, path: path, shape: shapeID, into: &found)
            if shape.uniqueItems, Self.hasRepeats(elements) {
                record(value, path, "Member must have unique values", shape: shapeID, into: &found)
            }
            if let member = shape.listMember {
                for (index, element) in elements.enumerated() {
                    check(element, member: member, path: path + [.index(index)], into: &found)
                }
            }
        case (.map, .object(let entries)):
            checkLength(value, count: entries.count, constraints, path: path, shape: shapeID, into: &found)
            if style == .aws {
                checkEntriesAsAWSDoes(entries, of: shape, path: path, into: &found)
                return
            }
            for (key, element) in entries {
                if let keyMember = shape.mapKey {
                    // Key violations are reported at the map's path, as AWS does.
                    check(.string(key), member: keyMember, path: path, into: &found)
                }
                if let valueMember = shape.mapValue {
                    check(element, member: valueMember, path: path + [.key(key)], into: &found)
                }
            }
        case (.string, .string(let text)):
            checkLength(value, count: text.unicodeScalars.count, constraints, path: path, into: &found)
            if !shape.enumValues.isEmpty, !shape.enumValues.contains(text) {
                let listed = shape.enumValues.filter { !shape.internalEnumValues.contains($0) }
                record(
                    value, path, "Member must satisfy enum value set: [\(listed.joined(separator: ", "))]",
                    into: &found)
            }
            if let pattern = constraints.pattern, !Self.matches(text, pattern: pattern) {
                record(value, path, "Member must satisfy regular expression pattern: \(pattern)", into: &found)
            }
        case (.blob, .blob(let data)):
            checkLength(value, count: data.count, constraints, path: path, into: &found)
        case (.integer, .integer(let integer)), (.long, .integer(let integer)), (.short, .integer(let integer)),
            (.byte, .integer(let integer)), (.bigInteger, .integer(let integer)):
            checkRange(value, Double(integer), constraints, path: path, into: &found)
        case (.float, .double(let double)), (.double, .double(let double)), (.bigDecimal, .double(let double)):
            if double.isFinite { checkRange(value, double, constraints, path: path, into: &found) }
        default:
            return
        }
    }

    /// AWS reports every failing key and value of a map once, at the map's path, wrapping the member constraints:
    /// `Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint:
    /// [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]` (and `Map value must satisfy
    /// constraint: [...]` for values), as Lambda answers a one-character environment-variable name. The map's
    /// contents are not quoted.
    private func checkEntriesAsAWSDoes(
        _ entries: OrderedDictionary<String, AWSValue>, of shape: ShapeSchema, path: [PathStep],
        into found: inout [Violation]
    ) {
        var keyConstraints: [String] = []
        var valueConstraints: [String] = []
        for (key, element) in entries {
            var inner: [Violation] = []
            if let keyMember = shape.mapKey { check(.string(key), member: keyMember, path: path, into: &inner) }
            for constraint in inner.map(Self.constraint) where !keyConstraints.contains(constraint) {
                keyConstraints.append(constraint)
            }
            inner = []
            if let valueMember = shape.mapValue { check(element, member: valueMember, path: path, into: &inner) }
            for constraint in inner.map(Self.constraint) where !valueConstraints.contains(constraint) {
                valueConstraints.append(constraint)
            }
        }
        let rendered = render(path)
        for (kind, constraints) in [("Map keys", keyConstraints), ("Map value", valueConstraints)] where !constraints.isEmpty {
            let text = "\(kind) must satisfy constraint: [\(constraints.joined(separator: ", "))]"
            found.append(Violation(path: rendered, message: "Value at '\(rendered)' failed to satisfy constraint: \(text)"))
        }
    }

    /// The constraint part of a violation message (after `failed to satisfy constraint: `).
    private static func constraint(of violation: Violation) -> String {
        let marker = "failed to satisfy constraint: "
        guard let range = violation.message.range(of: marker) else { return violation.message }
        return String(violation.message[range.upperBound...])
    }

    /// Whether two elements of `elements` are equal (structures compare member by member, in any order).
    static func hasRepeats(_ elements: [AWSValue]) -> Bool {
        guard elements.count > 1 else { return false }
        let normalized = elements.map(canonical)
        for index in normalized.indices {
            for other in normalized.indices where other > index && normalized[index] == normalized[other] {
                return true
            }
        }
        return false
    }

    /// `value` with object members sorted by key, so equality ignores member order.
    private static func canonical(_ value: AWSValue) -> AWSValue {
        switch value {
        case .list(let elements): return .list(elements.map(canonical))
        case .object(let members):
            var sorted: OrderedDictionary<String, AWSValue> = [:]
            for key in members.keys.sorted() { sorted[key] = canonical(members[key] ?? .null) }
            return .object(sorted)
        default: return value
        }
    }

    private func checkLength(
        _ value: AWSValue, count: Int, _ constraints: Constraints, path: [PathStep], shape: ShapeID? = nil,
        into found: inout [Violation]
    ) {
        let length = Double(count)
        let tooShort = constraints.min.map { length < $0 } ?? false
        let tooLong = constraints.max.map { length > $0 } ?? false
        guard tooShort || tooLong else { return }
        let constraint: String
        if style == .smithy, let min = constraints.min, let max = constraints.max {
            constraint = "Member must have length between \(Self.bound(min)) and \(Self.bound(max)), inclusive"
        } else if tooShort, let min = constraints.min {
            // AWS names only the bound the value breaks, even when the member has both.
            constraint = "Member must have length greater than or equal to \(Self.bound(min))"
        } else {
            constraint = "Member must have length less than or equal to \(Self.bound(constraints.max ?? 0))"
        }
        record(value, path, constraint, withLength: count, shape: shape, into: &found)
    }

    private func checkRange(
        _ value: AWSValue, _ number: Double, _ constraints: Constraints, path: [PathStep], into found: inout [Violation]
    ) {
        let tooSmall = constraints.min.map { number < $0 } ?? false
        let tooLarge = constraints.max.map { number > $0 } ?? false
        guard tooSmall || tooLarge else { return }
        let constraint: String
        switch style {
        case .smithy:
            if let min = constraints.min, let max = constraints.max {
                constraint = "Member must be between \(Self.bound(min)) and \(Self.bound(max)), inclusive"
            } else if let min = constraints.min {
                constraint = "Member must be greater than or equal to \(Self.bound(min))"
            } else {
                constraint = "Member must be less than or equal to \(Self.bound(constraints.max ?? 0))"
            }
        case .aws:
            // AWS names only the bound the value breaks, as "have value".
            if tooSmall, let min = constraints.min {
                constraint = "Member must have value greater than or equal to \(Self.bound(min))"
            } else {
                constraint = "Member must have value less than or equal to \(Self.bound(constraints.max ?? 0))"
            }
        }
        record(value, path, constraint, into: &found)
    }

    private static func bound(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e18 { return String(Int64(number)) }
        return String(number)
    }

    /// `name` with its first character lowercased (`QueueName` → `queueName`), as AWS writes member paths.
    package static func lowerCamelCase(_ name: String) -> String {
        guard let first = name.first else { return name }
        return first.lowercased() + name.dropFirst()
    }

    /// A value as AWS quotes it in a violation: a structure as `ShapeName(member=value, …)` (members present, in
    /// model order; recorded for Step Functions' `RoutingConfigurationListItem`), a map as `{key=value, …}`, a list as
    /// `[…]`. Without a shape, objects print as maps.
    private func describe(_ value: AWSValue, shape shapeID: ShapeID?) -> String {
        guard let shapeID else { return Self.describe(value) }
        let shape = service[shape: shapeID]
        switch (shape.type, value) {
        case (.structure, .object(let members)):
            let fields = shape.members.compactMap { member in
                members[member.name].map { "\(Self.lowerCamelCase(member.name))=\(describe($0, shape: member.shape))" }
            }
            return shape.name + "(" + fields.joined(separator: ", ") + ")"
        case (.list, .list(let elements)):
            return "[" + elements.map { describe($0, shape: shape.listMember?.shape) }.joined(separator: ", ") + "]"
        case (.map, .object(let entries)):
            return "{" + entries.map { "\($0.key)=\(describe($0.value, shape: shape.mapValue?.shape))" }.joined(separator: ", ") + "}"
        default:
            return Self.describe(value)
        }
    }

    private static func describe(_ value: AWSValue) -> String {
        switch value {
        case .null: return "null"
        case .boolean(let flag): return String(flag)
        case .integer(let integer): return String(integer)
        case .double(let double): return String(double)
        case .string(let text): return text
        case .blob(let data): return data.base64EncodedString()
        case .timestamp(let date): return WireTimestampText.iso8601Text(date)
        case .list(let elements): return "[" + elements.map(describe).joined(separator: ", ") + "]"
        case .object(let members): return "{" + members.map { "\($0.key)=\(describe($0.value))" }.joined(separator: ", ") + "}"
        }
    }

    static func matches(_ text: String, pattern: String) -> Bool {
        // A pattern that cannot be compiled cannot reject a value (see `compiledPattern`).
        compiledPattern(pattern)?.matches(text) ?? true
    }

    /// A compiled model pattern: the linear-time ``ModelPattern`` when the syntax allows, else ICU.
    package enum CompiledPattern: @unchecked Sendable {  // NSRegularExpression is immutable once built
        /// Linear-time matching.
        case linear(ModelPattern)
        /// ICU matching (look-around and other syntax ``ModelPattern`` does not read).
        case icu(NSRegularExpression)

        /// Whether the whole of `text` matches.
        package func matches(_ text: String) -> Bool {
            switch self {
            case .linear(let pattern): return pattern.matches(text)
            case .icu(let expression):
                return expression.firstMatch(in: text, options: [], range: NSRange(text.startIndex..., in: text)) != nil
            }
        }
    }

    private static let patternCache = Mutex<[String: CompiledPattern?]>([:])

    /// The whole-value matcher of a model `pattern`, compiled once per process: ``ModelPattern`` (no
    /// backtracking) when it reads the syntax, else `NSRegularExpression` (backtracking: a pathological pattern
    /// outside ``ModelPattern``'s syntax can be slow); `nil` when neither compiles it, in which case the pattern
    /// is not enforced.
    package static func compiledPattern(_ pattern: String) -> CompiledPattern? {
        if let cached = patternCache.withLock({ $0[pattern] }) { return cached }
        let compiled: CompiledPattern? =
            ModelPattern(pattern).map(CompiledPattern.linear)
            ?? (try? NSRegularExpression(pattern: "^(?:" + pattern + ")$", options: [])).map(CompiledPattern.icu)
        patternCache.withLock { $0[pattern] = .some(compiled) }
        return compiled
    }
}
