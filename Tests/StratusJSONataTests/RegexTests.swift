import Testing
import StratusJSONata

/// Runs one match and renders it as [whole, group1, group2, …] strings (nil for non-participating groups).
private func matchStrings(_ pattern: String, _ flags: String, _ input: String, from start: Int = 0) throws
    -> [String?]?
{
    let regex = try JSONataRegex(pattern: pattern, flags: flags)
    let scalars = Array(input.unicodeScalars)
    guard let match = regex.firstMatch(in: scalars, from: start) else { return nil }
    func text(_ range: Range<Int>) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: scalars[range])
        return result
    }
    return [text(match.range)] + match.groups.map { $0.map(text) }
}

/// All successive matches, advancing past empty matches the way JavaScript's global search does.
private func allMatches(_ pattern: String, _ flags: String, _ input: String) throws -> [String] {
    let regex = try JSONataRegex(pattern: pattern, flags: flags)
    let scalars = Array(input.unicodeScalars)
    var results: [String] = []
    var start = 0
    while let match = regex.firstMatch(in: scalars, from: start) {
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars[match.range])
        results.append(text)
        start = match.range.isEmpty ? match.range.upperBound + 1 : match.range.upperBound
        if start > scalars.count { break }
    }
    return results
}

struct RegexMatchCase: Sendable, CustomStringConvertible {
    var pattern: String
    var flags: String = ""
    var input: String
    var expected: [String?]?
    var description: String { "/\(pattern)/\(flags) on \(input.debugDescription)" }
}

@Suite struct RegexTests {
    /// Cases taken from the conformance groups `regex`, `function-split`, `function-contains`, `function-replace`
    /// (the first match of each regex used there), plus ECMAScript semantics checks.
    static let matchCases: [RegexMatchCase] = [
        // regex/case000-010
        .init(pattern: "b+", input: "ababbxabbcc", expected: ["b"]),
        .init(pattern: "d+", input: "ababbxabbcc", expected: nil),
        .init(pattern: "ab+", input: "ababbxabbcc", expected: ["ab"]),
        .init(pattern: "ax+", input: "ababbxabbcc", expected: nil),
        .init(pattern: "hat", input: "Bowler Hat", expected: nil),
        .init(pattern: "hat", flags: "i", input: "Bowler Hat", expected: ["Hat"]),
        // regex/case011-016
        .init(pattern: "(\\w+)\\s(\\w+)", input: "John Smith", expected: ["John Smith", "John", "Smith"]),
        .init(pattern: "([0-9]+)USD", input: "265USD", expected: ["265USD", "265"]),
        .init(pattern: "(ab)|(a)", input: "abcd", expected: ["ab", "ab", nil]),
        // regex/case017-025
        .init(pattern: "bra", input: "abracadabra", expected: ["bra"]),
        .init(pattern: "a.*a", input: "abracadabra", expected: ["abracadabra"]),
        .init(pattern: "a.*?a", input: "abracadabra", expected: ["abra"]),
        .init(pattern: "a(.)", input: "abracadabra", expected: ["ab", "b"]),
        .init(pattern: ".*?", input: "abracadabra", expected: [""]),
        .init(pattern: "A+", input: "AAAA", expected: ["AAAA"]),
        .init(pattern: "A+?", input: "AAAA", expected: ["A"]),
        .init(pattern: "^(.*?)d(.*)$", input: "darted", expected: ["darted", "", "arted"]),
        // regex/case026
        .init(
            pattern: "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)(l)(m)", input: "abcdefghijklmno",
            expected: ["abcdefghijklm", "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"]),
        // regex/case033, 034, 037
        .init(pattern: "(h)(at)", flags: "i", input: "Trilby hat", expected: ["hat", "h", "at"]),
        .init(
            pattern: "(-?\\d+(?:\\.\\d*)?)F\\b", input: "temperature = 68F today", expected: ["68F", "68"]),
        .init(pattern: "^(\\w*\\s\\w*)", input: "Felicia Saunders", expected: ["Felicia Saunders", "Felicia Saunders"]),
        // ECMAScript semantics
        .init(pattern: "(?:(a)|b)+", input: "ab", expected: ["ab", nil]),
        .init(pattern: "\\1(a)", input: "aa", expected: ["a", "a"]),
        .init(pattern: "(a*)*b", input: "aaab", expected: ["aaab", "aaa"]),
        .init(pattern: "(a*)+", input: "b", expected: ["", ""]),
        .init(pattern: "(?<=\\$)\\d+", input: "cost $42", expected: ["42"]),
        .init(pattern: "(?<!\\$)\\b\\d+", input: "$4 5", expected: ["5"]),
        .init(pattern: "(?<=(\\d+)(\\d+))$", input: "1053", expected: ["", "1", "053"]),
        .init(pattern: "(?=(\\w+))\\1:", input: "abc:", expected: ["abc:", "abc"]),
        .init(pattern: "foo(?!bar)", input: "foobar foobaz", expected: ["foo"]),
        .init(pattern: "[^]", input: "\n", expected: ["\n"]),
        .init(pattern: "[]", input: "abc", expected: nil),
        .init(pattern: ".", input: "\n\r\u{2028}x", expected: ["x"]),
        .init(pattern: "^b", input: "a\nb", expected: nil),
        .init(pattern: "^b", flags: "m", input: "a\nb", expected: ["b"]),
        .init(pattern: "a$", flags: "m", input: "a\nb", expected: ["a"]),
        .init(pattern: "a$", input: "a\nb", expected: nil),
        .init(pattern: "\\bfoo\\b", input: "afoo foo", expected: ["foo"]),
        .init(pattern: "\\Boo", input: "oo foo", expected: ["oo"]),
        .init(pattern: "a{2,3}", input: "aaaa", expected: ["aaa"]),
        .init(pattern: "a{2,3}?", input: "aaaa", expected: ["aa"]),
        .init(pattern: "a{2}", input: "a aa", expected: ["aa"]),
        .init(pattern: "a{2,}", input: "aaaaa", expected: ["aaaaa"]),
        .init(pattern: "a{12}", input: String(repeating: "a", count: 13), expected: [String(repeating: "a", count: 12)]),
        .init(pattern: "(?:ab){10,12}", input: String(repeating: "ab", count: 13), expected: [String(repeating: "ab", count: 12)]),
        .init(pattern: "(?:ab){10,12}?", input: String(repeating: "ab", count: 13), expected: [String(repeating: "ab", count: 10)]),
        .init(pattern: "(a|ab)(c|bcd)(d*)", input: "abcd", expected: ["abcd", "a", "bcd", ""]),
        .init(pattern: "a{,2}", input: "xa{,2}", expected: ["a{,2}"]),
        .init(pattern: "x*", input: "", expected: [""]),
        .init(pattern: "\\x41\\u0042\\cJ\\0", input: "AB\n\u{0}", expected: ["AB\n\u{0}"]),
        .init(pattern: "\\uD83D\\uDE00", input: "x😀", expected: ["😀"]),
        .init(pattern: "[\\d-z]+", input: "1-z", expected: ["1-z"]),
        .init(pattern: "[a-z]+", flags: "i", input: "12ABc", expected: ["ABc"]),
        .init(pattern: "[^a-z]+", flags: "i", input: "ABc12", expected: ["12"]),
        .init(pattern: "é", flags: "i", input: "CAFÉ", expected: ["É"]),
        .init(pattern: "(a)\\1", flags: "i", input: "aA", expected: ["aA", "a"]),
        // Non-Unicode Canonicalize: Kelvin sign and long s do not fold to ASCII; sigma variants do fold.
        .init(pattern: "[a-z]", flags: "i", input: "\u{212A}", expected: nil),
        .init(pattern: "k", flags: "i", input: "\u{212A}", expected: nil),
        .init(pattern: "s", flags: "i", input: "\u{17F}", expected: nil),
        .init(pattern: "[\u{3C2}]", flags: "i", input: "\u{3C3}", expected: ["\u{3C3}"]),
        .init(pattern: "[\u{B5}]", flags: "i", input: "\u{39C}", expected: ["\u{39C}"]),
        .init(pattern: "\u{3C2}", flags: "i", input: "\u{3A3}", expected: ["\u{3A3}"]),
        .init(pattern: "(?<year>\\d{4})-\\k<year>", input: "2019-2020 2021-2021", expected: ["2021-2021", "2021"]),
        .init(pattern: "\\s+", input: "a\u{00A0}\u{3000}b", expected: ["\u{00A0}\u{3000}"]),
        .init(pattern: "\\W+", input: "ab-+cd", expected: ["-+"]),
        .init(pattern: "\\S\\D", input: "1 2ab", expected: ["1 "]),
        .init(pattern: "[\\b]", input: "a\u{8}", expected: ["\u{8}"]),
        .init(pattern: "\\8", input: "8", expected: ["8"]),
        .init(pattern: "\\101", input: "A", expected: ["A"]),
        .init(pattern: "a]b}", input: "a]b}", expected: ["a]b}"]),
        .init(pattern: "\\/", input: "a/b", expected: ["/"]),
        .init(pattern: "💩+", input: "12💩💩345", expected: ["💩💩"]),
        .init(pattern: "(?=a)*b", input: "b", expected: ["b"]),
    ]

    @Test(arguments: matchCases)
    func firstMatch(_ testCase: RegexMatchCase) throws {
        let result = try matchStrings(testCase.pattern, testCase.flags, testCase.input)
        #expect(result == testCase.expected)
    }

    @Test func globalMatchesAsUsedBySplitAndReplace() throws {
        #expect(try allMatches("b+", "", "ababbxabbcc") == ["b", "bb", "bb"])
        #expect(try allMatches("a", "", "abracadabra").count == 5)
        #expect(try allMatches("A+?", "", "AAAA") == ["A", "A", "A", "A"])
        #expect(try allMatches("hat", "i", "Hat hAt HAT") == ["Hat", "hAt", "HAT"])
        #expect(try allMatches("x*", "", "ab") == ["", "", ""])
    }

    @Test func matchStartsAtTheGivenOffset() throws {
        #expect(try matchStrings("b+", "", "ababbxabbcc", from: 2) == ["bb"])
        #expect(try matchStrings("^a", "", "aa", from: 1) == nil)
        #expect(try matchStrings("a", "", "aa", from: 3) == nil)
        let regex = try JSONataRegex(pattern: "b+", flags: "")
        let match = regex.firstMatch(in: Array("ababbx".unicodeScalars), from: 2)
        #expect(match?.range == 3..<5)
    }

    @Test func longInputsDoNotExhaustTheStack() throws {
        let input = Array(String(repeating: "a", count: 100_000).unicodeScalars)
        let dotStar = try JSONataRegex(pattern: ".*", flags: "")
        #expect(dotStar.firstMatch(in: input, from: 0)?.range == 0..<100_000)
        let alternation = try JSONataRegex(pattern: "(a|b)*c", flags: "")
        #expect(alternation.firstMatch(in: Array((String(repeating: "ab", count: 50_000) + "c").unicodeScalars), from: 0)?.range == 0..<100_001)
        let lazy = try JSONataRegex(pattern: "^(.*?)$", flags: "")
        #expect(lazy.firstMatch(in: input, from: 0)?.groups == [0..<100_000])
        let counted = try JSONataRegex(pattern: "a{1,100000}", flags: "")
        #expect(counted.firstMatch(in: input, from: 0)?.range == 0..<100_000)
    }

    @Test func stepLimitStopsCatastrophicBacktracking() throws {
        let regex = try JSONataRegex(pattern: "(a+)+b", flags: "")
        let input = Array((String(repeating: "a", count: 40) + "c").unicodeScalars)
        #expect(throws: JSONataError.self) { try regex.firstMatch(in: input, from: 0, stepLimit: 100_000) }
        do {
            _ = try regex.firstMatch(in: input, from: 0, stepLimit: 100_000)
        } catch {
            #expect(error.code == "U1001")
        }
        let found = try regex.firstMatch(in: Array("xaab".unicodeScalars), from: 0, stepLimit: 100_000)
        #expect(found?.range == 1..<4)
    }

    @Test(arguments: [
        ("(", "S0303"), (")", "S0303"), ("*a", "S0303"), ("a**", "S0303"), ("[b-a]", "S0303"),
        ("\\", "S0303"), ("a{3,2}", "S0303"), ("[abc", "S0303"), ("(?<=a)+", "S0303"), ("(?<n>a)(?<n>b)", "S0303"),
        ("\\k<x>(?<n>a)", "S0303"), ("", "S0301"), ("+", "S0303"), ("{2}", "S0303"), ("(?x)", "S0303"),
    ])
    func invalidPatternsAreRejected(_ pattern: String, _ code: String) {
        #expect(throws: JSONataError.self) { try JSONataRegex(pattern: pattern, flags: "") }
        do {
            _ = try JSONataRegex(pattern: pattern, flags: "")
        } catch {
            #expect(error.code == code)
        }
    }

    @Test func flagsAreValidated() throws {
        _ = try JSONataRegex(pattern: "a", flags: "im")
        _ = try JSONataRegex(pattern: "a", flags: "mig")
        #expect(throws: JSONataError.self) { try JSONataRegex(pattern: "a", flags: "x") }
        #expect(throws: JSONataError.self) { try JSONataRegex(pattern: "a", flags: "ii") }
    }

    @Test func equalityUsesPatternAndFlags() throws {
        let first = try JSONataRegex(pattern: "a+", flags: "i")
        let second = try JSONataRegex(pattern: "a+", flags: "i")
        let third = try JSONataRegex(pattern: "a+", flags: "")
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(first != third)
        #expect(first.pattern == "a+" && first.flags == "i")
    }

    @Test func namedGroupsAreReported() throws {
        let regex = try JSONataRegex(pattern: "(?<y>\\d+)-(\\d+)-(?<d>\\d+)", flags: "")
        #expect(regex.captureCount == 3)
        #expect(regex.captureNames == [1: "y", 3: "d"])
    }
}
