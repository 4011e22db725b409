/// Turns model names into Swift identifiers.
enum Naming {
    /// Words Swift reserves (escaped with backticks when used as identifiers).
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default",
        "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch",
        "where", "while", "Any", "as", "false", "is", "nil", "super", "throws", "true", "try", "package",
        "some", "any", "await", "async", "consume", "copy", "discard", "each", "borrowing", "consuming",
    ]
    /// Identifiers that cannot be used even with backticks, or that clash with members every generated type has.
    static let unusable: Set<String> = ["self", "Self", "Type", "Protocol", "init", "deinit", "subscript", "rawValue"]

    /// Splits a name into words at non-alphanumeric characters.
    static func words(_ name: String) -> [String] {
        name.split(whereSeparator: { !($0.isLetter || $0.isNumber) || !$0.isASCII }).map(String.init)
    }

    /// `QueueUrl` → `queueUrl`, `SSEKMSKeyId` → `ssekmsKeyId`, `ACL` → `acl`, `s3:ObjectCreated:*` → `s3ObjectCreated`,
    /// `STANDARD_IA` → `standardIa`.
    static func lowerCamel(_ name: String) -> String {
        let parts = words(name)
        var result = ""
        for (index, word) in parts.enumerated() {
            let shouting = !word.contains(where: \.isLowercase)
            var piece: String
            if shouting {
                piece = word.lowercased()
            } else if index == 0 {
                piece = lowerLeadingRun(word)
            } else {
                piece = word
            }
            if index > 0 { piece = piece.prefix(1).uppercased() + piece.dropFirst() }
            result += piece
        }
        if result.isEmpty { result = "value" }
        if let first = result.first, first.isNumber { result = "_" + result }
        return result
    }

    /// Lowercases the leading run of capitals, keeping the last one when a lowercase letter follows
    /// (`SSEKMSKeyId` → `ssekmsKeyId`, `ETag` → `eTag`, `Bucket` → `bucket`).
    private static func lowerLeadingRun(_ word: String) -> String {
        let chars = Array(word)
        var run = 0
        while run < chars.count, chars[run].isUppercase { run += 1 }
        if run == 0 { return word }
        if run == chars.count { return word.lowercased() }
        let keep = run > 1 && chars[run].isLowercase ? run - 1 : run
        return String(chars[..<keep]).lowercased() + String(chars[keep...])
    }

    /// `SendMessage` → `SendMessage`; `Unbound-restJson1` → `UnboundRestJson1`.
    static func upperCamel(_ name: String) -> String {
        let parts = words(name)
        let joined = parts.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        if joined.isEmpty { return "Value" }
        if let first = joined.first, first.isNumber { return "_" + joined }
        return joined
    }

    /// A type name for a shape (the shape name made a valid identifier).
    static func typeName(_ shapeName: String) -> String {
        let cleaned = shapeName.filter { ($0.isLetter || $0.isNumber || $0 == "_") && $0.isASCII }
        var name = cleaned.isEmpty ? "Shape" : cleaned
        if let first = name.first, first.isNumber { name = "_" + name }
        if keywords.contains(name) || unusable.contains(name) { name += "_" }
        return name
    }

    /// `identifier` escaped for use as a declaration or member name.
    static func escaped(_ identifier: String) -> String {
        keywords.contains(identifier) ? "`\(identifier)`" : identifier
    }

    /// Makes `names` unique by appending `_2`, `_3`, … to repeats, and avoiding `unusable` names.
    static func uniqued(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for name in names {
            var candidate = unusable.contains(name) ? name + "_" : name
            var counter = 2
            while seen.contains(candidate) {
                candidate = "\(name)_\(counter)"
                counter += 1
            }
            seen.insert(candidate)
            result.append(candidate)
        }
        return result
    }
}
