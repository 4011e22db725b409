import Foundation
import StratusServiceKit
import Testing

private struct Inner: Codable {
    var Count: Int
    var Name: String
}

private struct Outer: Codable {
    var Items: [Inner]
    var ByKey: [String: Inner]?
}

/// The coding path of an error, as member names and list indexes.
private func path(of error: any Error) -> [String] {
    let context: DecodingError.Context?
    switch error as? DecodingError {
    case .keyNotFound(let key, let keyContext)?:
        return keyContext.codingPath.map(\.stringValue) + [key.stringValue]
    case .typeMismatch(_, let mismatch)?: context = mismatch
    case .valueNotFound(_, let missing)?: context = missing
    case .dataCorrupted(let corrupted)?: context = corrupted
    default: context = nil
    }
    return context?.codingPath.map(\.stringValue) ?? []
}

@Suite("AWSValue Codable bridge errors")
struct AWSValueCodableErrorTests {
    let decoder = AWSValueDecoder()

    @Test func missingMemberIsKeyNotFoundWithPath() {
        let value: AWSValue = ["Items": [["Count": 1, "Name": "a"], ["Count": 2]]]
        do {
            _ = try decoder.decode(Outer.self, from: value)
            Issue.record("expected keyNotFound")
        } catch DecodingError.keyNotFound(let key, let context) {
            #expect(key.stringValue == "Name")
            #expect(context.codingPath.map(\.stringValue) == ["Items", "1"])
            #expect(context.codingPath.last?.intValue == 1)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func wrongTypeIsTypeMismatchWithPath() {
        let value: AWSValue = ["Items": [], "ByKey": ["x": ["Count": "three", "Name": "n"]]]
        do {
            _ = try decoder.decode(Outer.self, from: value)
            Issue.record("expected typeMismatch")
        } catch {
            guard case DecodingError.typeMismatch(_, let context) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path(of: error) == ["ByKey", "x", "Count"])
            #expect(context.debugDescription.contains("expected an integer, found a string"))
        }
    }

    @Test func nullForRequiredMemberIsValueNotFound() {
        let value: AWSValue = ["Items": [["Count": .null, "Name": "a"]]]
        do {
            _ = try decoder.decode(Outer.self, from: value)
            Issue.record("expected valueNotFound")
        } catch {
            guard case DecodingError.valueNotFound = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path(of: error) == ["Items", "0", "Count"])
        }
    }

    @Test func structureFromNonObjectIsTypeMismatch() {
        #expect(throws: DecodingError.self) { try decoder.decode(Outer.self, from: "text") }
        #expect(throws: DecodingError.self) { try decoder.decode(Outer.self, from: ["Items": ["Count": 1]]) }
        #expect(throws: DecodingError.self) { try decoder.decode([Int].self, from: ["a": 1]) }
    }

    @Test func outOfRangeIntegerNamesItsPath() {
        let value: AWSValue = ["Items": [["Count": .integer(.max), "Name": "a"]]]
        do {
            _ = try decoder.decode([String: [Inner32]].self, from: value)
            Issue.record("expected an error")
        } catch {
            #expect(path(of: error) == ["Items", "0", "Count"])
        }
    }

    @Test func encodingErrorNamesItsPath() {
        struct Big: Encodable { var Values: [UInt64] }
        do {
            _ = try AWSValueEncoder().encode(Big(Values: [1, .max]))
            Issue.record("expected an error")
        } catch EncodingError.invalidValue(_, let context) {
            #expect(context.codingPath.map(\.stringValue) == ["Values", "1"])
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

private struct Inner32: Codable {
    var Count: Int32
    var Name: String
}
