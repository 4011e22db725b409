import StratusJSON
import Testing

@Suite("Malformed JSON is rejected")
struct JSONMalformedInputTests {
    static let malformed: [(String, String)] = [
        ("", "end of input"),
        ("   ", "end of input"),
        ("[1,2,]", "trailing comma"),
        (#"{"a":1,}"#, "trailing comma"),
        ("[,1]", "expected a JSON value"),
        ("01", "leading zeros"),
        ("-01", "leading zeros"),
        ("[00]", "leading zeros"),
        ("+1", "expected a JSON value"),
        ("1.", "after the decimal point"),
        (".5", "expected a JSON value"),
        ("1e", "exponent"),
        ("1e+", "exponent"),
        ("-", "digit"),
        ("0x10", "invalid number"),
        ("1.5.2", "invalid number"),
        ("NaN", "expected a JSON value"),
        ("Infinity", "expected a JSON value"),
        ("undefined", "expected a JSON value"),
        ("tru", "expected 'true'"),
        ("truex", "invalid literal"),
        ("nul", "expected 'null'"),
        ("True", "expected a JSON value"),
        ("hello", "expected a JSON value"),
        ("'a'", "expected a JSON value"),
        (#"{a:1}"#, "member name"),
        (#"{"a" 1}"#, "':'"),
        (#"{"a":1 "b":2}"#, "expected ',' or '}'"),
        ("[1 2]", "expected ',' or ']'"),
        ("[1", "end of input"),
        (#"{"a":1"#, "end of input"),
        (#"{"a""#, "end of input"),
        ("{", "end of input"),
        (#""abc"#, "unterminated string"),
        (#""abc\"#, "unterminated string"),
        (#""\u12"#, "\\u escape"),
        (#""\u12G4""#, "hex digit"),
        (#""\x""#, "invalid escape"),
        ("\"a\nb\"", "control character U+000A"),
        ("\"\u{01}\"", "control character U+0001"),
        ("1 2", "after the JSON value"),
        ("{} {}", "after the JSON value"),
        ("[1]]", "after the JSON value"),
        ("/* c */ 1", "expected a JSON value"),
    ]

    @Test(arguments: malformed)
    func rejects(_ input: String, _ expectedMessage: String) {
        do {
            let value = try JSONValue.parse(input)
            Issue.record("parsed \(input.debugDescription) as \(value)")
        } catch {
            #expect(error.message.contains(expectedMessage), "\(input.debugDescription): \(error)")
            #expect(error.offset >= 0 && error.offset <= input.utf8.count)
        }
    }

    static let invalidUTF8: [[UInt8]] = [
        [0x22, 0xFF, 0x22],  // invalid byte
        [0x22, 0xC3, 0x22],  // truncated two-byte sequence
        [0x22, 0xC0, 0xAF, 0x22],  // overlong '/'
        [0x22, 0xE0, 0x80, 0xAF, 0x22],  // overlong three-byte
        [0x22, 0xED, 0xA0, 0x80, 0x22],  // encoded surrogate U+D800
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
        [0x22, 0xE2, 0x82],  // truncated at end of input
        [0x22, 0x5C, 0x6E, 0x80, 0x22],  // stray continuation byte after an escape
        [0xEF, 0xBB, 0xBF, 0x31],  // byte-order mark
        [0xC3, 0xA9],  // non-ASCII outside a string
    ]

    @Test(arguments: invalidUTF8)
    func rejectsInvalidUTF8(_ bytes: [UInt8]) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(bytes) }
    }

    @Test func invalidUTF8ErrorPointsAtTheByte() {
        do {
            _ = try JSONValue.parse([0x5B, 0x22, 0x61, 0xFF, 0x22, 0x5D] as [UInt8])
            Issue.record("expected an error")
        } catch {
            #expect(error.offset == 3)
            #expect(error.message.contains("UTF-8"))
        }
    }
}
