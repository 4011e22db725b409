// DynamoDBNumber: parsing, limits and their messages, canonical text, arithmetic, order and ordered key bytes.

import Foundation
import StratusTesting
import Testing

@testable import StratusDynamoDBExpressions

@Suite("DynamoDB numbers")
struct DynamoDBNumberTests {
    @Test(
        "canonical text as DynamoDB returns it",
        arguments: [
            ("1.50", "1.5"), ("-0", "0"), ("0", "0"), ("0.000", "0"), ("1e2", "100"), ("1E2", "100"),
            ("007", "7"), ("+3", "3"), (".5", "0.5"), ("5.", "5"), ("-12.3400", "-12.34"), ("1e-5", "0.00001"),
            ("123.456e1", "1234.56"), ("123.456e-1", "12.3456"), ("-1.0e0", "-1"), ("1000", "1000"),
            ("0.001e3", "1"), ("-17.4E37", "-174" + String(repeating: "0", count: 36)), ("0001.23", "1.23"),
            ("1e+5", "100000"), ("0e1000", "0"), ("12345678901234567890123456789012345678", "12345678901234567890123456789012345678"),
            ("1e125", "1" + String(repeating: "0", count: 125)),
            ("1e-130", "0." + String(repeating: "0", count: 129) + "1"),
        ])
    func canonicalText(input: String, expected: String) throws {
        #expect(try DynamoDBNumber(input).description == expected)
    }

    @Test("38 significant digits are accepted; leading and trailing zeros do not count")
    func precisionLimit() throws {
        let digits38 = String(repeating: "9", count: 38)
        #expect(try DynamoDBNumber(digits38).digits.count == 38)
        #expect(try DynamoDBNumber("-0." + digits38).digits.count == 38)
        #expect(try DynamoDBNumber("000" + digits38 + "000").digits.count == 38)
        #expect(try DynamoDBNumber("1" + String(repeating: "0", count: 60)).digits == [1])
    }

    @Test(
        "DynamoDB's messages for numbers out of precision or range",
        arguments: [
            ("123456789012345678901234567890123456789", "Attempting to store more than 38 significant digits in a Number"),
            ("-1.23456789012345678901234567890123456789", "Attempting to store more than 38 significant digits in a Number"),
            ("1e126", "Number overflow. Attempting to store a number with magnitude larger than supported range"),
            ("-1e126", "Number overflow. Attempting to store a number with magnitude larger than supported range"),
            ("10e125", "Number overflow. Attempting to store a number with magnitude larger than supported range"),
            ("1e-131", "Number underflow. Attempting to store a number with magnitude smaller than supported range"),
            ("-1e-131", "Number underflow. Attempting to store a number with magnitude smaller than supported range"),
            ("0.1e-130", "Number underflow. Attempting to store a number with magnitude smaller than supported range"),
        ])
    func limitErrors(input: String, message: String) {
        #expect(throws: validation(message)) { try DynamoDBNumber(input) }
    }

    @Test("the extreme magnitudes DynamoDB allows")
    func extremes() throws {
        let largest = "9." + String(repeating: "9", count: 37) + "e125"
        #expect(try DynamoDBNumber(largest).scientificExponent == 125)
        #expect(try DynamoDBNumber("-" + largest).isNegative)
        #expect(try DynamoDBNumber("1e-130").scientificExponent == -130)
        #expect(try DynamoDBNumber("0e999999").isZero)
    }

    @Test(
        "text that is not a number",
        arguments: ["", "b", "-Infinity", "-NaN", "dog", "-dog", "1.2.3", "1e", "e5", "--1", "1 ", " 1", "0x10", "NaN", "Infinity", "1e+", ".", "-", "1,5"])
    func invalidText(input: String) {
        let message = input.isEmpty
            ? "The parameter cannot be converted to a numeric value"
            : "The parameter cannot be converted to a numeric value: \(input)"
        #expect(throws: validation(message)) { try DynamoDBNumber(input) }
    }

    @Test("equality is numeric")
    func numericEquality() {
        #expect(number("1.50") == number("1.5"))
        #expect(number("100") == number("1e2"))
        #expect(number("-0") == number("0"))
        #expect(number("0.10") != number("0.1000001"))
        #expect(Set([number("1"), number("1.0"), number("10e-1")]).count == 1)
    }

    @Test(
        "exact addition and subtraction",
        arguments: [
            ("1", "2", "3", "-1"), ("0.1", "0.2", "0.3", "-0.1"), ("-5", "3", "-2", "-8"), ("1e20", "1", "100000000000000000001", "99999999999999999999"),
            ("1.5", "-1.5", "0", "3"), ("999", "1", "1000", "998"), ("-0.005", "-0.005", "-0.01", "0"),
            ("12345678901234567890123456789012345678", "0", "12345678901234567890123456789012345678", "12345678901234567890123456789012345678"),
        ])
    func arithmetic(left: String, right: String, sum: String, difference: String) throws {
        #expect(try number(left).adding(number(right)).description == sum)
        #expect(try number(left).subtracting(number(right)).description == difference)
    }

    @Test("arithmetic past DynamoDB's limits fails with its messages")
    func arithmeticLimits() throws {
        let largest = number("9." + String(repeating: "9", count: 37) + "e125")
        #expect(throws: validation("Number overflow. Attempting to store a number with magnitude larger than supported range")) {
            try largest.adding(number("1e88"))
        }
        // DynamoDB reports an inexact result as an overflow (1e50 - 1 needs 50 digits).
        let overflow = validation("Number overflow. Attempting to store a number with magnitude larger than supported range")
        #expect(throws: overflow) { try number("1e50").subtracting(number("1")) }
        #expect(throws: overflow) { try number("1e50").adding(number("1")) }
        #expect(throws: overflow) { try number("9e125").adding(number("9e125")) }
        #expect(throws: overflow) { try number("9e125").subtracting(number("-9e125")) }
        #expect(throws: validation("Number underflow. Attempting to store a number with magnitude smaller than supported range")) {
            try number("1.5e-130").subtracting(number("1.4e-130"))
        }
        #expect(try number("10000000000000000000000").adding(number("1")).description == "10000000000000000000001")
    }

    @Test("numeric order, including signs and magnitudes")
    func order() {
        let sorted = ["-1e10", "-100", "-2", "-1.5", "-1", "-0.001", "0", "1e-130", "0.5", "1", "1.0001", "2", "10", "1e125"]
        for (index, text) in sorted.enumerated() {
            for (otherIndex, other) in sorted.enumerated() {
                #expect((number(text) < number(other)) == (index < otherIndex), "\(text) < \(other)")
            }
        }
    }

    @Test("ordered key bytes round-trip and sort exactly like the numbers (against Foundation.Decimal)")
    func orderedKeyBytesAgainstDecimal() throws {
        var generator = SplitMix64(state: 42)
        var numbers: [DynamoDBNumber] = []
        for _ in 0..<600 {
            let digitCount = Int.random(in: 1...20, using: &generator)
            var digits = (0..<digitCount).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            if Bool.random(using: &generator) { digits = "-" + digits }
            let exponent = Int.random(in: -40...40, using: &generator)
            numbers.append(try DynamoDBNumber("\(digits)e\(exponent)"))
        }
        numbers += [number("0"), number("1"), number("-1"), number("10"), number("-10"), number("0.1"), number("-0.1")]
        for value in numbers {
            #expect(DynamoDBNumber(orderedKeyBytes: value.orderedKeyBytes) == value)
        }
        let byBytes = numbers.sorted { DynamoDBValueOrdering.compareBytes($0.orderedKeyBytes, $1.orderedKeyBytes) < 0 }
        let byDecimal = numbers.sorted { Decimal(string: $0.description)! < Decimal(string: $1.description)! }
        #expect(byBytes.map(\.description) == byDecimal.map(\.description))
        let byComparable = numbers.sorted()
        #expect(byComparable.map(\.description) == byDecimal.map(\.description))
    }

    @Test("ordered key bytes at the range limits and for prefixes")
    func orderedKeyBytesEdges() {
        let values = [
            "-9.9999999999999999999999999999999999999e125", "-1e125", "-1.25", "-1.2", "-1", "-1e-130", "0", "1e-130",
            "1", "1.2", "1.25", "1e125", "9.9999999999999999999999999999999999999e125",
        ].map(number)
        for (left, right) in zip(values, values.dropFirst()) {
            #expect(DynamoDBValueOrdering.compareBytes(left.orderedKeyBytes, right.orderedKeyBytes) < 0, "\(left) < \(right)")
            #expect(DynamoDBNumber(orderedKeyBytes: left.orderedKeyBytes) == left)
        }
        #expect(DynamoDBNumber(orderedKeyBytes: []) == nil)
        #expect(DynamoDBNumber(orderedKeyBytes: [0x03, 130, 0]) == nil)
        #expect(DynamoDBNumber(orderedKeyBytes: [0x07]) == nil)
    }

    @Test("numbers from integers")
    func fromIntegers() {
        #expect(DynamoDBNumber(0).description == "0")
        #expect(DynamoDBNumber(-120).description == "-120")
        #expect(DynamoDBNumber(Int.min).description == String(Int.min))
    }
}
