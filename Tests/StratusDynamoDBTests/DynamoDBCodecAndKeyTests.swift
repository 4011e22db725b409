import Foundation
import StratusAPIDynamoDB
import StratusDynamoDB
import StratusDynamoDBExpressions
import StratusServiceKit
import Testing

@Suite struct DynamoDBCodecAndKeyTests {
    @Test func codecRoundTripsEveryType() throws {
        let item: DynamoDBItem = [
            "s": .string("héllo"), "n": .number(try DynamoDBNumber("-12.5e3")), "b": .binary([0, 1, 255]),
            "ss": .stringSet(["b", "a"]), "ns": .numberSet([try DynamoDBNumber("1"), try DynamoDBNumber("0.001")]),
            "bs": .binarySet([[1], [2, 3]]), "m": .map(["x": .list([.null, .bool(true), .string("")])]),
            "l": .list([]), "big": .string(String(repeating: "z", count: 70_000)),
        ]
        let encoded = DynamoDBItemCodec.encode(item)
        let decoded = try DynamoDBItemCodec.decode(encoded)
        #expect(decoded == item)
        guard case let .stringSet(members)? = decoded["ss"] else { Issue.record("not a string set"); return }
        #expect(members == ["b", "a"])
        #expect(DynamoDBItemCodec.encode(item) == encoded)
    }

    @Test func codecRejectsCorruptBytes() {
        #expect(throws: DynamoDBItemCodec.CorruptItem.self) { try DynamoDBItemCodec.decode(Data([1, 1, 0x61, 99])) }
        #expect(throws: DynamoDBItemCodec.CorruptItem.self) { try DynamoDBItemCodec.decode(Data([5])) }
    }

    @Test func wireConversionChecksTheUnion() throws {
        #expect(try DynamoDBValue(wire: DynamoDB.AttributeValue(n: "007")) == .number(try DynamoDBNumber("7")))
        let empty = #expect(throws: AWSServiceError.self) { try DynamoDBValue(wire: DynamoDB.AttributeValue()) }
        #expect(empty?.message == "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
        let two = #expect(throws: AWSServiceError.self) { try DynamoDBValue(wire: DynamoDB.AttributeValue(s: "a", n: "1")) }
        #expect(two?.message?.hasPrefix("Supplied AttributeValue has more than one datatypes set") == true)
        let wire = DynamoDB.AttributeValue(m: ["a": DynamoDB.AttributeValue(l: [DynamoDB.AttributeValue(bs: [Data([1])])])])
        #expect(try DynamoDBValue(wire: wire).wire == wire)
    }

    @Test func storedSortKeysOrderLikeDynamoDB() throws {
        let numbers = ["-1e10", "-100", "-2.5", "-2", "0", "0.001", "1", "10", "1e20"]
        let bytes = try numbers.map { DynamoDBKeySchema.bytes(of: .number(try DynamoDBNumber($0))) }
        #expect(bytes == bytes.sorted { $0.lexicographicallyPrecedes($1) })
        let strings = ["A", "B", "a", "aa", "b", "é"]
        let stringBytes = strings.map { DynamoDBKeySchema.bytes(of: .string($0)) }
        #expect(stringBytes == stringBytes.sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test func keyRulesAndMessages() throws {
        var description = DynamoDB.TableDescription()
        description.keySchema = [
            DynamoDB.KeySchemaElement(attributeName: "pk", keyType: "HASH"),
            DynamoDB.KeySchemaElement(attributeName: "sk", keyType: "RANGE"),
        ]
        description.attributeDefinitions = [
            DynamoDB.AttributeDefinition(attributeName: "pk", attributeType: "S"),
            DynamoDB.AttributeDefinition(attributeName: "sk", attributeType: "B"),
            DynamoDB.AttributeDefinition(attributeName: "g", attributeType: "N"),
        ]
        description.globalSecondaryIndexes = [DynamoDB.GlobalSecondaryIndexDescription(
            indexName: "gi", keySchema: [DynamoDB.KeySchemaElement(attributeName: "g", keyType: "HASH")],
            projection: DynamoDB.Projection(projectionType: "KEYS_ONLY"))]
        let schema = DynamoDBKeySchema(description)
        func message(_ body: () throws -> Void) -> String? {
            do {
                try body()
                return nil
            } catch let error as AWSServiceError {
                return error.message
            } catch {
                return "\(error)"
            }
        }
        #expect(message { _ = try schema.storedKey(ofItem: ["pk": .string("a")]) }
            == "One or more parameter values were invalid: Missing the key sk in the item")
        #expect(message { _ = try schema.storedKey(ofItem: ["pk": .string("a"), "sk": .string("x")]) }
            == "One or more parameter values were invalid: Type mismatch for key sk expected: B actual: S")
        #expect(message { _ = try schema.storedKey(ofKey: ["pk": .string("a")]) }
            == "The provided key element does not match the schema")
        #expect(message { _ = try schema.storedKey(ofKey: ["pk": .string("a"), "sk": .binary([1]), "x": .null]) }
            == "The provided key element does not match the schema")
        #expect(message { _ = try schema.storedKey(ofItem: ["pk": .string("a"), "sk": .binary(Array(repeating: 1, count: 1025))]) }
            == "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes")
        #expect(message { _ = try schema.indexEntries(of: ["pk": .string("a"), "sk": .binary([1]), "g": .string("x")]) }
            == "One or more parameter values were invalid: Type mismatch for Index Key g Expected: N Actual: S IndexName: gi")
        #expect(try schema.indexEntries(of: ["pk": .string("a"), "sk": .binary([1])]).isEmpty)
        let entry = try schema.indexEntries(of: ["pk": .string("a"), "sk": .binary([1]), "g": .number(DynamoDBNumber(5))])
        #expect(entry.map(\.indexName) == ["gi"])
        let index = try #require(schema.index(named: "gi"))
        #expect(index.project(["pk": .string("a"), "sk": .binary([1]), "g": .null, "other": .null], table: schema).keys.sorted()
            == ["g", "pk", "sk"])
    }

    @Test func capacityArithmetic() {
        #expect(DynamoDBCapacity.writeUnits(bytes: 0) == 1)
        #expect(DynamoDBCapacity.writeUnits(bytes: 1024) == 1)
        #expect(DynamoDBCapacity.writeUnits(bytes: 1025) == 2)
        #expect(DynamoDBCapacity.readUnits(bytes: 4096, consistent: true) == 1)
        #expect(DynamoDBCapacity.readUnits(bytes: 4097, consistent: false) == 1)
        #expect(DynamoDBCapacity.readUnits(bytes: 9000, consistent: false) == 1.5)
        #expect(DynamoDBCapacity.consumed(nil, table: "t", usage: .init(table: 1), isRead: true) == nil)
        let total = DynamoDBCapacity.consumed("TOTAL", table: "t", usage: .init(table: 2), isRead: false)
        #expect(total?.capacityUnits == 2 && total?.table == nil)
    }

    @Test func legacyParametersBecomeExpressions() throws {
        var legacy = DynamoDBLegacyParameters(prefix: "e")
        let text = try legacy.expected(
            ["a": DynamoDB.ExpectedAttributeValue(exists: false), "b": DynamoDB.ExpectedAttributeValue(value: s("x"))],
            conditionalOperator: "OR")
        #expect(text == "(attribute_not_exists(#e0)) OR (#e1 = :e0)")
        var expressions = try legacy.expressions()
        let condition = try expressions.condition(text, kind: .condition)
        #expect(try condition.evaluate(on: ["b": .string("x"), "a": .null]))
        #expect(try !condition.evaluate(on: ["b": .string("y"), "a": .null]))
    }
}
