import Foundation
import OrderedCollections
import StratusAPIDynamoDB
import StratusAPIEventBridge
import StratusAPILambda
import StratusAPIS3
import StratusAPISNS
import StratusAPISQS
import StratusAPIStepFunctions
import StratusServiceKit
import Testing
@testable import StratusWire
import StratusTesting

/// `ModelValidator.passes` (the allocation-free check of the common case) must say `true` exactly when the full
/// walk finds no violation: a false `true` would let an invalid request through. Checked on seeded random inputs
/// for every operation of every service model, built from the schema and then bent at random (members missing or
/// null, strings at and around their length bounds and outside their patterns and enums, numbers around their
/// ranges, duplicate list items, wrong types).
@Suite struct ValidatorFastPathAgreementTests {

    struct Builder {
        let service: ServiceSchema
        var random: SplitMix64

        mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

        mutating func length(around min: Double?, _ max: Double?) -> Int {
            var candidates = [0, 1, 2, 5]
            if let min { candidates += [Int(min) - 1, Int(min), Int(min) + 1] }
            if let max, max < 300 { candidates += [Int(max) - 1, Int(max), Int(max) + 1] }
            return Swift.max(0, candidates.randomElement(using: &random)!)
        }

        mutating func value(_ shapeID: ShapeID, min: Double?, max: Double?, depth: Int) -> AWSValue {
            let shape = service[shape: shapeID]
            if chance(3) { return .null }
            if chance(3) { return [.boolean(true), .integer(7), .string("x"), .list([]), .object([:])].randomElement(using: &random)! }
            let low = min ?? shape.min
            let high = max ?? shape.max
            switch shape.type {
            case .structure:
                guard depth < 4 else { return .object([:]) }
                var members: OrderedDictionary<String, AWSValue> = [:]
                let pick = shape.isUnion && !shape.members.isEmpty ? Int.random(in: 0..<shape.members.count, using: &random) : -1
                for (index, member) in shape.members.enumerated() {
                    if shape.isUnion, index != pick, !chance(5) { continue }
                    if !member.isRequired, chance(50) { continue }
                    if member.isRequired, chance(4) { continue }
                    members[member.name] = value(member.shape, min: member.min, max: member.max, depth: depth + 1)
                }
                return .object(members)
            case .list:
                guard depth < 4, let element = shape.listMember else { return .list([]) }
                var items = (0..<Swift.min(length(around: low, high), 6)).map { _ in
                    value(element.shape, min: element.min, max: element.max, depth: depth + 1)
                }
                if let first = items.first, chance(20) { items.append(first) }
                return .list(items)
            case .map:
                guard depth < 4, let key = shape.mapKey, let mapValue = shape.mapValue else { return .object([:]) }
                var entries: OrderedDictionary<String, AWSValue> = [:]
                for _ in 0..<Swift.min(length(around: low, high), 5) {
                    guard case .string(let name) = string(service[shape: key.shape], min: key.min, max: key.max) else { continue }
                    entries[name] = value(mapValue.shape, min: mapValue.min, max: mapValue.max, depth: depth + 1)
                }
                return .object(entries)
            case .string:
                return string(shape, min: low, max: high)
            case .integer, .long, .byte, .short, .bigInteger:
                var candidates: [Int64] = [-1, 0, 1, 42]
                if let low { candidates += [Int64(low) - 1, Int64(low)] }
                if let high, high < 1e15 { candidates += [Int64(high), Int64(high) + 1] }
                return .integer(candidates.randomElement(using: &random)!)
            case .float, .double, .bigDecimal:
                var candidates: [Double] = [-0.5, 0, 1.5]
                if let low { candidates += [low - 0.5, low] }
                if let high { candidates += [high, high + 0.5] }
                return .double(candidates.randomElement(using: &random)!)
            case .boolean:
                return .boolean(chance(50))
            case .blob:
                return .blob(Data(repeating: 1, count: Swift.min(length(around: low, high), 64)))
            case .timestamp:
                return .timestamp(Date(timeIntervalSince1970: 1_700_000_000))
            }
        }

        mutating func string(_ shape: ShapeSchema, min: Double?, max: Double?) -> AWSValue {
            if !shape.enumValues.isEmpty, chance(80) { return .string(shape.enumValues.randomElement(using: &random)!) }
            let alphabet = Array("abcXYZ019-_ é☃")
            let count = Swift.min(length(around: min, max), 300)
            return .string(String((0..<count).map { _ in alphabet.randomElement(using: &random)! }))
        }
    }

    @Test(arguments: [
        ServiceSchema.sqs, .dynamoDB, .stepFunctions, .lambda, .sns, .eventBridge, .s3,
    ])
    func theFastCheckAgreesWithTheFullWalk(service: ServiceSchema) {
        let validator = ModelValidator(service: service)
        var builder = Builder(service: service, random: SplitMix64(state: 20_261_126))
        var checked = 0
        var failing = 0
        for operation in service.operations {
            guard let input = operation.input else { continue }
            for _ in 0..<40 {
                let value = builder.value(input.shape, min: nil, max: nil, depth: 0)
                let passes = validator.passes(value, shape: input.shape)
                let violations = validator.violations(of: value, shape: input.shape)
                #expect(passes == violations.isEmpty, "\(service.modelName).\(operation.name): \(value)")
                checked += 1
                if !violations.isEmpty { failing += 1 }
            }
        }
        // Both outcomes were exercised in quantity.
        #expect(checked > 100)
        #expect(failing > checked / 10 && failing < checked)
    }
}
