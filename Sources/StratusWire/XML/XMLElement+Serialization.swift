extension XMLElement {
    /// Writes the element (and its subtree) as UTF-8 XML, with no whitespace added.
    ///
    /// Text escapes `&`, `<`, `>` and CR (`&#xD;`, so a CR survives a reader's line-end normalization, as AWS
    /// writes it); attribute values escape `&`, `<`, `>`, `"`, CR, LF and tab. Empty elements are written
    /// `<Name/>`. With `declaration`, an `<?xml version="1.0" encoding="UTF-8"?>` line and a newline come first
    /// (as S3 writes it).
    package func serialized(declaration: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        if declaration { output.append(contentsOf: Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".utf8)) }
        write(into: &output)
        return output
    }

    /// ``serialized(declaration:)`` as a `String`.
    package func serializedString(declaration: Bool = false) -> String {
        String(decoding: serialized(declaration: declaration), as: UTF8.self)
    }

    private func write(into output: inout [UInt8]) {
        output.append(UInt8(ascii: "<"))
        output.append(contentsOf: name.utf8)
        for attribute in attributes {
            output.append(0x20)
            output.append(contentsOf: attribute.name.utf8)
            output.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "\"")])
            Self.escape(attribute.value, inAttribute: true, into: &output)
            output.append(UInt8(ascii: "\""))
        }
        if children.isEmpty {
            output.append(contentsOf: [UInt8(ascii: "/"), UInt8(ascii: ">")])
            return
        }
        output.append(UInt8(ascii: ">"))
        for child in children {
            switch child {
            case .element(let element): element.write(into: &output)
            case .text(let text): Self.escape(text, inAttribute: false, into: &output)
            }
        }
        output.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
        output.append(contentsOf: name.utf8)
        output.append(UInt8(ascii: ">"))
    }

    private static func escape(_ text: String, inAttribute: Bool, into output: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: Array("&amp;".utf8))
            case UInt8(ascii: "<"): output.append(contentsOf: Array("&lt;".utf8))
            case UInt8(ascii: ">"): output.append(contentsOf: Array("&gt;".utf8))
            case 0x0D: output.append(contentsOf: Array("&#xD;".utf8))
            case UInt8(ascii: "\"") where inAttribute: output.append(contentsOf: Array("&quot;".utf8))
            case 0x0A where inAttribute: output.append(contentsOf: Array("&#xA;".utf8))
            case 0x09 where inAttribute: output.append(contentsOf: Array("&#x9;".utf8))
            default: output.append(byte)
            }
        }
    }
}
