import StratusJSON
import Testing
import StratusTesting

@Suite("JSON numbers")
struct JSONNumberTests {
    @Test func integersKeepExactText() throws {
        for text in ["0", "-1", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
                     "-9223372036854775809", "123456789012345678901234567890123456789"] {
            let number = try #require(JSONNumber(text: text))
            #expect(number.text == text)
            #expect(number.isInteger)
            #expect(try JSONValue.parse(text).serializedString() == text)
        }
        #expect(JSONNumber(text: "-0")?.text == "0")
    }

    @Test func int64Value() {
        #expect(JSONNumber(text: "9223372036854775807")?.int64Value == Int64.max)
        #expect(JSONNumber(text: "-9223372036854775808")?.int64Value == Int64.min)
        #expect(JSONNumber(text: "9223372036854775808")?.int64Value == nil)
        #expect(JSONNumber(text: "7.0")?.int64Value == 7)
        #expect(JSONNumber(text: "7e2")?.int64Value == 700)
        #expect(JSONNumber(text: "7.5")?.int64Value == nil)
        #expect(JSONNumber(text: "1e19")?.int64Value == nil)
        #expect(JSONNumber(text: "1e18")?.int64Value == 1_000_000_000_000_000_000)
        #expect(JSONNumber(text: "-4e18")?.int64Value == -4_000_000_000_000_000_000)
        #expect(JSONNumber(text: "1e400")?.int64Value == nil)
        #expect(JSONNumber(42).intValue == 42)
    }

    @Test func doubleValue() {
        #expect(JSONNumber(text: "1.5")?.doubleValue == 1.5)
        #expect(JSONNumber(text: "12")?.doubleValue == 12)
        #expect(JSONNumber(text: "1e400")?.doubleValue == .infinity)
        #expect(JSONNumber(text: "123456789012345678901234567890")?.doubleValue == 1.2345678901234568e29)
    }

    @Test(arguments: [
        ("1.0", "1.0"), ("1.50", "1.5"), ("0.1", "0.1"), ("1e2", "100.0"), ("1E+2", "100.0"),
        ("1.5e-7", "1.5e-7"), ("0.000001", "0.000001"), ("1e-7", "1e-7"), ("1e21", "1e+21"),
        ("1e20", "100000000000000000000.0"), ("123456.789", "123456.789"), ("-0.0", "-0.0"),
        ("5e-324", "5e-324"), ("1.7976931348623157e308", "1.7976931348623157e+308"), ("1e400", "1e400"),
        ("0.30000000000000004", "0.30000000000000004"), ("2.5E-3", "0.0025"),
    ])
    func decimalsPrintShortestRoundTrip(_ text: String, _ canonical: String) throws {
        let number = try #require(JSONNumber(text: text))
        #expect(number.text == canonical)
        #expect(!number.isInteger)
        let reparsed = try #require(JSONNumber(text: canonical))
        #expect(reparsed.doubleValue == number.doubleValue)
        #expect(!reparsed.isInteger)
    }

    @Test func fromSwiftValues() {
        #expect(JSONNumber(Int64(-5)).text == "-5")
        #expect(JSONNumber(5).isInteger)
        #expect(JSONNumber(2.0).text == "2.0")
        #expect(JSONNumber(0.1 + 0.2).text == "0.30000000000000004")
        #expect(JSONNumber(exactly: .nan) == nil)
        #expect(JSONNumber(exactly: .infinity) == nil)
        #expect(JSONNumber(exactly: 3.25)?.text == "3.25")
        let literal: JSONNumber = 3
        #expect(literal.isInteger)
    }

    @Test(arguments: ["", " 1", "1 ", "+1", "01", "1.", ".1", "1e", "--1", "1f", "0x1", "NaN", "1_000"])
    func invalidText(_ text: String) {
        #expect(JSONNumber(text: text) == nil)
    }

    @Test func equalityIsNumeric() throws {
        func number(_ text: String) throws -> JSONNumber { try #require(JSONNumber(text: text)) }
        let equalPairs = [("1", "1.0"), ("100", "1e2"), ("0", "-0.0"), ("-0", "0"), ("0.5", "5e-1"),
                          ("9007199254740992", "9007199254740992.0"), ("1e20", "100000000000000000000"),
                          ("1e400", "1E+400"), ("12345678901234567890", "12345678901234567890")]
        for (a, b) in equalPairs {
            let lhs = try number(a)
            let rhs = try number(b)
            #expect(lhs == rhs, "\(a) == \(b)")
            #expect(lhs.hashValue == rhs.hashValue, "hash \(a) == hash \(b)")
        }
        let unequalPairs = [("1", "2"), ("1", "1.5"), ("9007199254740993", "9007199254740992.0"),
                            ("12345678901234567890", "12345678901234567891"), ("1e400", "1e401"),
                            ("-1", "1"), ("9223372036854775808", "9223372036854775807")]
        for (a, b) in unequalPairs {
            #expect(try number(a) != number(b), "\(a) != \(b)")
        }
    }
}

@Suite("JSON decimal reading matches the standard library")
struct JSONDecimalReadingTests {

    @Test func decimalsReadLikeDoubleInit() throws {
        var generator = SplitMix64(state: 42)
        for _ in 0..<20_000 {
            let integerDigits = Int.random(in: 0...12, using: &generator)
            let fractionDigits = Int.random(in: 1...12, using: &generator)
            var text = Bool.random(using: &generator) ? "-" : ""
            text += integerDigits == 0 ? "0" : String(Int.random(in: 1...9, using: &generator))
            for _ in 0..<max(0, integerDigits - 1) { text += String(Int.random(in: 0...9, using: &generator)) }
            text += "."
            for _ in 0..<fractionDigits { text += String(Int.random(in: 0...9, using: &generator)) }
            if Bool.random(using: &generator) { text += "e\(Int.random(in: -30...30, using: &generator))" }
            let number = try #require(JSONNumber(text: text))
            #expect(number.doubleValue == Double(text)!, "\(text)")
            // The canonical text reads back to the same double.
            #expect(Double(number.text) == number.doubleValue, "\(text) → \(number.text)")
        }
    }
}
