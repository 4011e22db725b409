import StratusJSON
import StratusJSONPath
import Testing

@Suite("JSONPath parsing")
struct JSONPathParsingTests {
    struct ParseCase: Sendable, CustomStringConvertible {
        var text: String
        var normalized: String
        var definite: Bool
        var reference: Bool
        var description: String { text }
    }

    static let valid: [ParseCase] = [
        .init(text: "$", normalized: "$", definite: true, reference: true),
        .init(text: "  $.a  ", normalized: "$['a']", definite: true, reference: true),
        .init(text: "$.a.b", normalized: "$['a']['b']", definite: true, reference: true),
        .init(text: "$['a b']", normalized: "$['a b']", definite: true, reference: true),
        .init(text: "$[\"a\"].b", normalized: "$['a']['b']", definite: true, reference: true),
        .init(text: "$.a[0]", normalized: "$['a'][0]", definite: true, reference: true),
        .init(text: "$.a[-1]", normalized: "$['a'][-1]", definite: true, reference: true),
        .init(text: "$.a-b.c_d", normalized: "$['a-b']['c_d']", definite: true, reference: true),
        .init(text: "$['a','b']", normalized: "$['a','b']", definite: true, reference: false),
        .init(text: "$['a','b'].c", normalized: "$['a','b']['c']", definite: false, reference: false),
        .init(text: "$.a[0,2]", normalized: "$['a'][0,2]", definite: false, reference: false),
        .init(text: "$.a[*]", normalized: "$['a'][*]", definite: false, reference: false),
        .init(text: "$.a.*", normalized: "$['a'][*]", definite: false, reference: false),
        .init(text: "$.a[1:3]", normalized: "$['a'][1:3]", definite: false, reference: false),
        .init(text: "$.a[:2]", normalized: "$['a'][:2]", definite: false, reference: false),
        .init(text: "$.a[-2:]", normalized: "$['a'][-2:]", definite: false, reference: false),
        .init(text: "$..a", normalized: "$..['a']", definite: false, reference: false),
        .init(text: "$..[0]", normalized: "$..[0]", definite: false, reference: false),
        .init(text: "$..*", normalized: "$..[*]", definite: false, reference: false),
        .init(text: "$.a[?(@.x > 1)]", normalized: "$['a'][?]", definite: false, reference: false),
        .init(text: "$.a[?(@.price < 10 && @.category == 'fiction')]", normalized: "$['a'][?]", definite: false, reference: false),
        .init(text: "$.a[?(@.isbn)]", normalized: "$['a'][?]", definite: false, reference: false),
        .init(text: "$.a[?(!(@.x == 1) || @.y != 'z')]", normalized: "$['a'][?]", definite: false, reference: false),
        .init(text: "$.[?(@.year <= 1998)]", normalized: "$[?]", definite: false, reference: false),
        .init(text: "$.['a'].[0]", normalized: "$['a'][0]", definite: true, reference: true),
        .init(text: "$$", normalized: "$", definite: true, reference: true),
        .init(text: "$$.Execution.Input", normalized: "$['Execution']['Input']", definite: true, reference: true),
        .init(text: "$myVar", normalized: "$", definite: true, reference: true),
        .init(text: "$myVar.field[0]", normalized: "$['field'][0]", definite: true, reference: true),
        .init(text: "$ümlaut_1", normalized: "$", definite: true, reference: true),
    ]

    @Test("valid paths compile", arguments: valid)
    func validPaths(_ testCase: ParseCase) throws {
        let path = try JSONPath(testCase.text)
        #expect(path.normalizedText == testCase.normalized)
        #expect(path.isDefinite == testCase.definite)
        #expect(path.isReferencePath == testCase.reference)
    }

    @Test("roots: $ input, $$ context, $name variable")
    func roots() throws {
        #expect(try JSONPath("$.a").root == .input)
        #expect(try JSONPath("$$.a").root == .context)
        #expect(try JSONPath("$var.a").root == .variable("var"))
        #expect(try JSONPath("$var").root == .variable("var"))
    }

    @Test("a backslash in a quoted name stays in the name (recorded: scenarios ESCAPE_SEQUENCES_JSONPATH)")
    func quotedNameKeepsBackslash() throws {
        // templates/scenarios/statemachines/escape_sequences_jsonpath.json5; v2/scenarios/test_base_scenarios.snapshot.json
        let path = try JSONPath(#"$['Test\""Name"']"#)
        #expect(path.segments == [.property(#"Test\""Name""#)])
    }

    static let invalid: [String] = [
        "", "a.b", "$.", "$..", "$.a.", "$.a b", "$[", "$[]", "$['a'", "$['a]", "$.a[1:2:3]", "$.a[?(@.x =~ /a/)]",
        "$.a[?(@.x in ['a'])]", "$.a[?(@.x > )]", "$x y", "$1abc", "$.a[x]", "$.a..", "$a$", #"$.a\.b"#,
        "$.a[?(@.x == 1)", "$.a[?@.x]", "$.a[0", "$.a[0,]", "$.a[*", "$.a.length()",
    ]

    @Test("invalid paths are syntax errors", arguments: invalid)
    func invalidPaths(_ text: String) {
        #expect {
            _ = try JSONPath(text)
        } throws: { error in
            (error as? JSONPathError)?.code == .syntax
        }
    }

    static let notReference: [String] = ["$.a[*]", "$.a.*", "$..a", "$.a[0,1]", "$.a[1:2]", "$.a[?(@.b)]", "$['a','b']"]

    @Test("reference paths reject paths that may select several nodes", arguments: notReference)
    func referencePathRejects(_ text: String) {
        #expect {
            _ = try JSONPath.referencePath(text)
        } throws: { error in
            (error as? JSONPathError)?.code == .notReferencePath
        }
    }

    @Test("ResultPath-style reference paths may forbid $$ and variables")
    func referencePathRoots() throws {
        _ = try JSONPath.referencePath("$.a.b[0]")
        _ = try JSONPath.referencePath("$$.Execution.Id")
        #expect(throws: JSONPathError.self) { try JSONPath.referencePath("$$.Execution.Id", allowContext: false) }
        #expect(throws: JSONPathError.self) { try JSONPath.referencePath("$v.a", allowVariables: false) }
    }

    @Test("paths compare by text and print as written")
    func equality() throws {
        #expect(try JSONPath("$.a") == JSONPath(" $.a "))
        #expect(try JSONPath("$.a").description == "$.a")
    }
}
