// LambdaFunctionName: the forms a caller may name a function in.

/// A function named by name, partial ARN or ARN, with the qualifier it carries.
///
/// Guarantees: accepts exactly Lambda's forms — `name`, `name:qualifier`, `account:function:name[:qualifier]`
/// and `arn:<partition>:lambda:<region>:<account>:function:name[:qualifier]`; names are 1–64 of `[a-zA-Z0-9-_]`,
/// qualifiers `$LATEST` or 1–128 of `[a-zA-Z0-9-_]`.
package struct LambdaFunctionName: Sendable, Equatable {
    /// The account the ARN names, if any.
    package var accountID: String?
    /// The region the ARN names, if any.
    package var region: String?
    /// The function name.
    package var name: String
    /// The qualifier carried in the name, if any.
    package var qualifier: String?

    /// Parses `text`; nil when it is none of Lambda's forms.
    package init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1: name = parts[0]
        case 2: (name, qualifier) = (parts[0], parts[1])
        case 3, 4:
            guard parts[1] == "function", Self.isAccount(parts[0]) else { return nil }
            accountID = parts[0]
            name = parts[2]
            if parts.count == 4 { qualifier = parts[3] }
        case 7, 8:
            guard parts[0] == "arn", parts[1].hasPrefix("aws"), parts[2] == "lambda", parts[5] == "function",
                Self.isAccount(parts[4]), !parts[3].isEmpty
            else { return nil }
            region = parts[3]
            accountID = parts[4]
            name = parts[6]
            if parts.count == 8 { qualifier = parts[7] }
        default: return nil
        }
        guard Self.isName(name) else { return nil }
        if let qualifier, !Self.isQualifier(qualifier) { return nil }
    }

    static func isAccount(_ text: String) -> Bool { text.count == 12 && text.allSatisfy(\.isASCII) && text.allSatisfy(\.isNumber) }

    /// 1–64 of `[a-zA-Z0-9-_]`.
    package static func isName(_ text: String) -> Bool {
        (1...64).contains(text.count) && text.unicodeScalars.allSatisfy(isNameCharacter)
    }

    /// `$LATEST` or 1–128 of `[a-zA-Z0-9-_]`.
    package static func isQualifier(_ text: String) -> Bool {
        text == "$LATEST" || ((1...128).contains(text.count) && text.unicodeScalars.allSatisfy(isNameCharacter))
    }

    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "-" || scalar == "_")
    }
}
