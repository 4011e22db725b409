import Testing

@testable import StratusWire

@Suite struct XMLElementTests {
    @Test func parsesElementsAttributesAndText() throws {
        let root = try XMLElement.parse(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- leading comment -->
            <Root xmlns="https://example.com/" xmlns:ns="urn:x" ns:a='1' b="two">
              <Item>one</Item><Item>two</Item>
              <ns:Other/>
              <?pi ignored?>
            </Root>
            """)
        #expect(root.name == "Root")
        #expect(root.attribute("xmlns") == "https://example.com/")
        #expect(root.attribute("ns:a") == "1")
        #expect(root.attribute("b") == "two")
        #expect(root.children(named: "Item").map(\.text) == ["one", "two"])
        #expect(root.child(named: "ns:Other") != nil)
        #expect(root.child(named: "ns:Other")?.localName == "Other")
        #expect(root.child(named: "Missing") == nil)
        #expect(root.elements.count == 3)
    }

    @Test func resolvesEntitiesCharacterReferencesAndCDATA() throws {
        let root = try XMLElement.parse(
            "<a t=\"&lt;x&amp;y&gt; &quot;q&quot; &apos;\">&lt;&#65;&#x42;&#xD;&#10;<![CDATA[<raw>&amp;]]>&#x1F600;</a>")
        #expect(root.attribute("t") == "<x&y> \"q\" '")
        #expect(root.text == "<AB\r\n<raw>&amp;\u{1F600}")
        #expect(root.children.count == 1)
    }

    @Test func normalizesLineEnds() throws {
        let root = try XMLElement.parse(Array("<a v=\"x\ny\tz\">l1\r\nl2\rl3</a>".utf8))
        #expect(root.text == "l1\nl2\nl3")
        #expect(root.attribute("v") == "x y z")
    }

    @Test func skipsDoctypeButRejectsEntityDeclarations() throws {
        let plain = try XMLElement.parse("<!DOCTYPE note SYSTEM \"note.dtd\"><note>x</note>")
        #expect(plain.text == "x")
        #expect(throws: XMLParseError.self) {
            try XMLElement.parse(
                "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><r>&xxe;</r>")
        }
        #expect(throws: XMLParseError.self) { try XMLElement.parse("<r>&xxe;</r>") }
    }

    @Test func reportsWhatAndWhere() {
        do {
            _ = try XMLElement.parse("<a>\n  <b></c>\n</a>")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 6)
            #expect(error.message.contains("</c>"))
        }
        let malformed = ["", "text", "<a>", "<a></a><b/>", "<a b=1/>", "<a b=\"1\" b=\"2\"/>", "<a>&amp</a>",
                         "<a><!-- x </a>", "<a>&#0;</a>", "<a><![CDATA[x</a>", "<1a/>", "<a b=\"<\"/>"]
        for text in malformed {
            #expect(throws: XMLParseError.self, "\(text)") { try XMLElement.parse(text) }
        }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: XMLParseError.self) { try XMLElement.parse([0x3C, 0x61, 0x3E, 0xFF, 0x3C, 0x2F, 0x61, 0x3E]) }
    }

    @Test func serializesWithEscaping() throws {
        var root = XMLElement(name: "Root", attributes: [("xmlns", "urn:a"), ("v", "a\"<&>\r\n\t")])
        root.append(XMLElement(name: "S", text: "x < y & z > w\r\n"))
        root.append(XMLElement(name: "Empty", text: ""))
        let text = root.serializedString()
        #expect(
            text == "<Root xmlns=\"urn:a\" v=\"a&quot;&lt;&amp;&gt;&#xD;&#xA;&#x9;\">"
                + "<S>x &lt; y &amp; z &gt; w&#xD;\n</S><Empty/></Root>")
        #expect(String(decoding: root.serialized(declaration: true), as: UTF8.self).hasPrefix("<?xml version=\"1.0\""))
        // Round trip.
        let reparsed = try XMLElement.parse(root.serialized())
        #expect(reparsed == root)
    }

    @Test func equalityIsExact() {
        let a = XMLElement(name: "a", attributes: [("x", "1"), ("y", "2")])
        let b = XMLElement(name: "a", attributes: [("y", "2"), ("x", "1")])
        #expect(a != b)
        #expect(a == XMLElement(name: "a", attributes: [("x", "1"), ("y", "2")]))
        #expect(XMLElement(name: "a", text: "t") != XMLElement(name: "a", text: "u"))
    }

    @Test func limitsNestingDepth() {
        let deep = String(repeating: "<a>", count: 1000) + String(repeating: "</a>", count: 1000)
        #expect(throws: XMLParseError.self) { try XMLElement.parse(deep) }
    }

    @Test func everyTruncationFailsCleanly() throws {
        let document = Array(
            """
            <?xml version="1.0"?><!DOCTYPE r><r a="1" b='&amp;'><x>t&#x41;</x><![CDATA[c]]><!-- c --><?p i?><y/></r>
            """.utf8)
        _ = try XMLElement.parse(document)
        for length in 0..<(document.count - 1) {
            #expect(throws: XMLParseError.self, "prefix of \(length) bytes") {
                try XMLElement.parse(Array(document[..<length]))
            }
        }
    }

    @Test func parsesS3StyleDocuments() throws {
        let body = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a &amp; b</Key></Object>\
            <Object><Key> spaced </Key><VersionId>v</VersionId></Object><Quiet>true</Quiet></Delete>
            """
        let root = try XMLElement.parse(body)
        #expect(root.children(named: "Object").compactMap { $0.child(named: "Key")?.text } == ["a & b", " spaced "])
        #expect(root.child(named: "Quiet")?.text == "true")
    }
}
