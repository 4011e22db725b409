import StratusEventPatterns
import StratusJSON
import Testing

@Suite struct EventPatternTests {
    private func matches(_ pattern: String, _ event: String) throws -> Bool {
        let pattern = try JSONValue.parse(pattern)
        #expect(EventPattern.problem(in: pattern) == nil)
        return EventPattern.matches(pattern, try JSONValue.parse(event))
    }

    @Test func literalsNestedFieldsAndArrays() throws {
        #expect(try matches(#"{"source": ["app"], "detail": {"n": [1, 2]}}"#, #"{"source": "app", "detail": {"n": 2.0}}"#))
        #expect(try !matches(#"{"source": ["app"]}"#, #"{"source": "other"}"#))
        #expect(try matches(#"{"tags": ["b"]}"#, #"{"tags": ["a", "b"]}"#))
        #expect(try !matches(#"{"detail": {"n": [1]}}"#, #"{"source": "app"}"#))
        #expect(try matches(#"{"v": [null]}"#, #"{"v": null}"#))
    }

    @Test func contentMatchers() throws {
        #expect(try matches(#"{"k": [{"prefix": "in/"}]}"#, #"{"k": "in/a"}"#))
        #expect(try matches(#"{"k": [{"suffix": ".csv"}]}"#, #"{"k": "x.csv"}"#))
        #expect(try matches(#"{"k": [{"equals-ignore-case": "ABC"}]}"#, #"{"k": "abc"}"#))
        #expect(try matches(#"{"k": [{"wildcard": "a*c"}]}"#, #"{"k": "abbbc"}"#))
        #expect(try !matches(#"{"k": [{"wildcard": "a*c"}]}"#, #"{"k": "abd"}"#))
        #expect(try matches(#"{"k": [{"anything-but": ["x", "y"]}]}"#, #"{"k": "z"}"#))
        #expect(try !matches(#"{"k": [{"anything-but": {"prefix": "x"}}]}"#, #"{"k": "xyz"}"#))
        #expect(try matches(#"{"n": [{"numeric": [">", 0, "<=", 5]}]}"#, #"{"n": 5}"#))
        #expect(try !matches(#"{"n": [{"numeric": [">", 0, "<=", 5]}]}"#, #"{"n": 6}"#))
        #expect(try matches(#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#, #"{"ip": "10.0.0.7"}"#))
        #expect(try matches(#"{"gone": [{"exists": false}]}"#, #"{"k": 1}"#))
        #expect(try !matches(#"{"k": [{"exists": false}]}"#, #"{"k": 1}"#))
        #expect(try matches(#"{"$or": [{"a": [1]}, {"b": [2]}]}"#, #"{"b": 2}"#))
    }

    @Test func invalidPatternsAreExplained() throws {
        #expect(EventPattern.problem(in: try JSONValue.parse(#"{"k": "not-an-array"}"#)) != nil)
        #expect(EventPattern.problem(in: try JSONValue.parse(#"{"k": []}"#)) == "Empty arrays are not allowed")
        #expect(EventPattern.problem(in: try JSONValue.parse(#"{"k": [{"nope": 1}]}"#)) == "Unrecognized match type nope")
        #expect(EventPattern.problem(in: try JSONValue.parse(#"{"n": [{"numeric": ["!", 1]}]}"#)) != nil)
    }
}
