import Foundation
import OrderedCollections
import StratusJSON

/// Reads the recorded JSON5 templates (comments, trailing commas) of `../shared/conformance/localstack-sfn/templates`.
struct TestStateTemplates {
    let root: URL

    /// The conformance folder beside the repository; `nil` when it is not there.
    static func locate() -> TestStateTemplates? {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = repository.deletingLastPathComponent().appendingPathComponent("shared/conformance/localstack-sfn")
        guard FileManager.default.fileExists(atPath: folder.path) else { return nil }
        return TestStateTemplates(root: folder)
    }

    func value(_ path: String) throws -> JSONValue {
        let text = try String(contentsOf: root.appendingPathComponent("templates/" + path), encoding: .utf8)
        return try JSONValue.parse(Self.json(fromJSON5: text))
    }

    func text(_ path: String) throws -> String { try value(path).serializedString() }

    /// The template with top-level fields set (Python's `template.update(...)`).
    func text(_ path: String, setting fields: [String: JSONValue]) throws -> String {
        guard case .object(var members) = try value(path) else { return try text(path) }
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) { members[key] = value }
        return JSONValue.object(members).serializedString()
    }

    /// The template with one nested field replaced.
    func text(_ path: String, path keys: [String], value: JSONValue) throws -> String {
        Self.setting(try self.value(path), keys[...], to: value).serializedString()
    }

    static func setting(_ value: JSONValue, _ keys: ArraySlice<String>, to newValue: JSONValue) -> JSONValue {
        guard let key = keys.first else { return newValue }
        guard case .object(var members) = value else { return value }
        members[key] = setting(members[key] ?? .object([:]), keys.dropFirst(), to: newValue)
        return .object(members)
    }

    /// Drops `//` and `/* */` comments and trailing commas outside strings.
    static func json(fromJSON5 text: String) -> String {
        let characters = Array(text)
        var withoutComments: [Character] = []
        var index = 0
        var inString = false
        while index < characters.count {
            let character = characters[index]
            if inString {
                withoutComments.append(character)
                if character == "\\", index + 1 < characters.count {
                    withoutComments.append(characters[index + 1])
                    index += 2
                    continue
                }
                if character == "\"" { inString = false }
                index += 1
                continue
            }
            if character == "\"" {
                inString = true
            } else if character == "/", index + 1 < characters.count, characters[index + 1] == "/" {
                while index < characters.count, characters[index] != "\n" { index += 1 }
                continue
            } else if character == "/", index + 1 < characters.count, characters[index + 1] == "*" {
                index += 2
                while index + 1 < characters.count, !(characters[index] == "*" && characters[index + 1] == "/") { index += 1 }
                index += 2
                continue
            }
            withoutComments.append(character)
            index += 1
        }
        var output: [Character] = []
        inString = false
        index = 0
        while index < withoutComments.count {
            let character = withoutComments[index]
            if inString {
                output.append(character)
                if character == "\\", index + 1 < withoutComments.count {
                    output.append(withoutComments[index + 1])
                    index += 2
                    continue
                }
                if character == "\"" { inString = false }
            } else if character == "," {
                var next = index + 1
                while next < withoutComments.count, withoutComments[next].isWhitespace { next += 1 }
                if next < withoutComments.count, withoutComments[next] == "}" || withoutComments[next] == "]" {
                    index += 1
                    continue
                }
                output.append(character)
            } else {
                if character == "\"" { inString = true }
                output.append(character)
            }
            index += 1
        }
        return String(output)
    }
}
