// DynamoDBValue: type names, DynamoDB's equality, sizes, validation messages, ordering, reserved words, placeholders.

import Testing

@testable import StratusDynamoDBExpressions

@Suite("DynamoDB attribute values")
struct DynamoDBValueTests {
    @Test("type descriptors")
    func typeNames() {
        let values: [DynamoDBValue] = [
            S("a"), N("1"), .binary([1]), .stringSet(["a"]), .numberSet([number("1")]), .binarySet([[1]]),
            .map([:]), .list([]), .null, .bool(true),
        ]
        #expect(values.map(\.typeName) == ["S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"])
        #expect(Set(DynamoDBValue.typeNames) == Set(values.map(\.typeName)))
    }

    @Test("equality: numbers numerically, sets as sets, lists in order, maps by content")
    func equality() {
        #expect(N("1.50") == N("1.5"))
        #expect(DynamoDBValue.stringSet(["a", "b"]) == .stringSet(["b", "a"]))
        #expect(DynamoDBValue.numberSet([number("1"), number("2.0")]) == .numberSet([number("2"), number("1")]))
        #expect(DynamoDBValue.binarySet([[1], [2]]) == .binarySet([[2], [1]]))
        #expect(DynamoDBValue.list([S("a"), S("b")]) != .list([S("b"), S("a")]))
        #expect(DynamoDBValue.map(["x": N("1"), "y": .null]) == .map(["y": .null, "x": N("1.0")]))
        #expect(S("1") != N("1"))
        #expect(DynamoDBValue.stringSet(["1"]) != .numberSet([number("1")]))
        #expect(DynamoDBValue.bool(true) != .bool(false))
        #expect(Set([DynamoDBValue.stringSet(["a", "b"]), .stringSet(["b", "a"])]).count == 1)
    }

    @Test("sizes by DynamoDB's rules")
    func sizes() {
        #expect(S("héllo").sizeInBytes == 6)
        #expect(DynamoDBValue.binary([1, 2, 3]).sizeInBytes == 3)
        #expect(N("12345").sizeInBytes == 4)
        #expect(N("1").sizeInBytes == 2)
        #expect(N("0").sizeInBytes == 2)
        #expect(N("1234").sizeInBytes == 3)
        // Digits pair up in base 100 from the decimal point (sizes from DynamoDB's 400 KB boundary behaviour).
        #expect(N("1" + String(repeating: "0", count: 125)).sizeInBytes == 2)
        #expect(N("11" + String(repeating: "0", count: 124)).sizeInBytes == 2)
        #expect(N("11111" + String(repeating: "0", count: 121)).sizeInBytes == 4)
        #expect(N("111111" + String(repeating: "0", count: 120)).sizeInBytes == 4)
        #expect(N("1111111" + String(repeating: "0", count: 119)).sizeInBytes == 5)
        #expect(N(String(repeating: "1", count: 38) + String(repeating: "0", count: 88)).sizeInBytes == 20)
        #expect(N("1.1").sizeInBytes == 3)
        #expect(N("12.3").sizeInBytes == 3)
        #expect(N("-0.5").sizeInBytes == 2)
        #expect(DynamoDBValue.null.sizeInBytes == 1)
        #expect(DynamoDBValue.bool(false).sizeInBytes == 1)
        #expect(DynamoDBValue.stringSet(["ab", "cde"]).sizeInBytes == 5)
        #expect(DynamoDBValue.list([]).sizeInBytes == 3)
        #expect(DynamoDBValue.map([:]).sizeInBytes == 3)
        #expect(DynamoDBValue.list([S("ab"), .null]).sizeInBytes == 3 + 1 + 2 + 1 + 1)
        #expect(DynamoDBValue.map(["key": S("ab")]).sizeInBytes == 3 + 1 + 3 + 2)
        #expect(DynamoDBItemSize.of(["id": S("abc"), "n": N("10")]) == 2 + 3 + 1 + 2)
        #expect(DynamoDBItemSize.maximumItemSize == 409_600)
    }

    @Test(
        "DynamoDB's messages for invalid sets",
        arguments: [
            (DynamoDBValue.stringSet([]), "One or more parameter values were invalid: An string set  may not be empty"),
            (.numberSet([]), "One or more parameter values were invalid: An number set  may not be empty"),
            (.binarySet([]), "One or more parameter values were invalid: Binary sets should not be empty"),
            (.stringSet(["a", "a"]), "One or more parameter values were invalid: Input collection [a, a] contains duplicates."),
            (.binarySet([[0x62], [0x62]]), "One or more parameter values were invalid: Input collection [Yg==, Yg==]of type BS contains duplicates."),
            (.numberSet([number("1"), number("1.0")]), "Input collection contains duplicates"),
            (.map(["a": .list([.stringSet([])])]), "One or more parameter values were invalid: An string set  may not be empty"),
        ])
    func invalidSets(value: DynamoDBValue, message: String) {
        #expect(throws: validation(message)) { try value.validate() }
    }

    @Test("valid values pass validation")
    func validValues() throws {
        try DynamoDBValue.validate(item: [
            "s": S(""), "b": .binary([]), "l": .list([]), "m": .map([:]), "ss": .stringSet(["a", "b"]),
            "ns": .numberSet([number("1"), number("2")]), "bs": .binarySet([[1], [2]]), "n": .null, "t": .bool(true),
        ])
    }

    @Test("documents nest at most 32 levels, the attribute counting as the first")
    func nestingLimit() throws {
        func nested(_ wraps: Int, list: Bool = false) -> DynamoDBValue {
            var value = S("leaf")
            for _ in 0..<wraps { value = list ? .list([value]) : .map(["n": value]) }
            return value
        }
        try nested(31).validate()
        try nested(31, list: true).validate()
        let message = "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit"
        #expect(throws: validation(message)) { try nested(32).validate() }
        #expect(throws: validation(message)) { try nested(32, list: true).validate() }
        #expect(throws: validation(message)) { try nested(5000).validate() }
    }

    @Test("number sets from wire text")
    func numberSetParsing() throws {
        #expect(try DynamoDBValue.numberSet(parsing: ["1", "2.50"]) == .numberSet([number("1"), number("2.5")]))
        #expect(throws: validation("The parameter cannot be converted to a numeric value: b")) {
            try DynamoDBValue.numberSet(parsing: ["1", "b"])
        }
        #expect(throws: validation("The parameter cannot be converted to a numeric value")) {
            try DynamoDBValue.numberSet(parsing: ["1", ""])
        }
        #expect(throws: validation("Input collection contains duplicates")) {
            try DynamoDBValue.numberSet(parsing: ["1", "1"])
        }
        #expect(try DynamoDBValue.number(parsing: "-0.0") == N("0"))
    }

    @Test("rendering in messages")
    func rendering() {
        #expect(N("5").description == "{N:5}")
        #expect(S("a").description == "{S:a}")
        #expect(DynamoDBValue.binary(Array("hello".utf8)).description == "{B:aGVsbG8=}")
        #expect(DynamoDBValue.base64([]) == "")
        #expect(DynamoDBValue.base64([0xFF, 0xEE]) == "/+4=")
    }

    @Test("order of scalars: numbers numerically, strings and binary by bytes, other types unordered")
    func ordering() {
        #expect(DynamoDBValueOrdering.compare(N("10"), N("9")) == 1)
        #expect(DynamoDBValueOrdering.compare(S("Z"), S("a")) == -1)
        #expect(DynamoDBValueOrdering.compare(S("é"), S("z")) == 1)
        #expect(DynamoDBValueOrdering.compare(S("ab"), S("abc")) == -1)
        #expect(DynamoDBValueOrdering.compare(.binary([0x01]), .binary([0x01])) == 0)
        #expect(DynamoDBValueOrdering.compare(.binary([0xFF]), .binary([0x01, 0x00])) == 1)
        #expect(DynamoDBValueOrdering.compare(S("1"), N("1")) == nil)
        #expect(DynamoDBValueOrdering.compare(.list([]), .list([])) == nil)
        #expect(DynamoDBValueOrdering.compare(.bool(false), .bool(true)) == nil)
    }

    @Test("the reserved words: all 573, case-insensitive")
    func reservedWords() {
        #expect(DynamoDBReservedWords.all.count == 573)
        for word in ["status", "STATUS", "Name", "size", "ttl", "data", "timestamp", "year", "zone", "abort"] {
            #expect(DynamoDBReservedWords.contains(word), "\(word)")
        }
        for word in ["id", "pk", "sk", "title", "price", "createdAt", "statuses"] {
            #expect(!DynamoDBReservedWords.contains(word), "\(word)")
        }
    }

    @Test("placeholder maps: emptiness, key syntax, invalid values")
    func placeholderMaps() throws {
        try DynamoDBExpressionAttributes.validate(names: ["#a": "a", "#_1": "b"], values: [":v": S("x"), ":1": N("1")])
        try DynamoDBExpressionAttributes.validate(names: nil, values: nil)
        #expect(throws: validation("ExpressionAttributeNames must not be empty")) {
            try DynamoDBExpressionAttributes.validate(names: [:], values: nil)
        }
        #expect(throws: validation("ExpressionAttributeValues must not be empty")) {
            try DynamoDBExpressionAttributes.validate(names: nil, values: [:])
        }
        #expect(throws: validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"")) {
            try DynamoDBExpressionAttributes.validate(names: ["a": "a"], values: nil)
        }
        #expect(throws: validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"")) {
            try DynamoDBExpressionAttributes.validate(names: nil, values: ["v": S("x")])
        }
        #expect(throws: validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"#\"")) {
            try DynamoDBExpressionAttributes.validate(names: ["#": "a"], values: nil)
        }
        #expect(
            throws: validation(
                "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: "
                    + "An string set  may not be empty for key :s")
        ) {
            try DynamoDBExpressionAttributes.validate(names: nil, values: [":s": .stringSet([])])
        }
    }

    @Test("unused placeholders are reported names first, keys sorted")
    func unusedPlaceholders() throws {
        try DynamoDBExpressionAttributes.checkAllUsed(
            names: ["#a": "a"], values: [":v": N("1")], usedNames: ["#a"], usedValues: [":v"])
        #expect(throws: validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}")) {
            try DynamoDBExpressionAttributes.checkAllUsed(
                names: ["#b": "b", "#a": "a"], values: [":x": N("1")], usedNames: [], usedValues: [])
        }
        #expect(throws: validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {:v}")) {
            try DynamoDBExpressionAttributes.checkAllUsed(
                names: nil, values: [":v": N("1"), ":w": N("2")], usedNames: [], usedValues: [":w"])
        }
    }
}
