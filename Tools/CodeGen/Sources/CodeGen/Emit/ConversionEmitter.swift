/// Emits the direct ``AWSValueConvertible`` conversions of generated shapes: `init(awsValue:)` and `awsValue`,
/// which read and write members by their model names without going through `Codable`.
///
/// They accept and produce exactly what the `Codable` conformances do through `AWSValueDecoder` and
/// `AWSValueEncoder` (optional members absent or `.null` read as `nil` and written only when set, members in
/// declaration order), so the handlers and clients can use them instead.
enum ConversionEmitter {
    /// One stored member of a structure.
    struct Member {
        /// The member's model name, the key of the object.
        var wireName: String
        /// The stored property, already escaped (`` `default` `` or `_boxed` for boxed members).
        var storage: String
        var optional: Bool
    }

    static let valueType = "StratusServiceKit.AWSValue"
    static let errorType = "StratusServiceKit.AWSValueConversionError"
    static let initializer = "package init(awsValue: \(valueType)) throws(\(errorType))"

    /// The conversions of a structure (or union) with `members`.
    static func emitStruct(_ members: [Member], into w: inout SwiftWriter) {
        w.line("/// Reads the members by their model names: unknown members are ignored, absent or null optional ones")
        w.line("/// are `nil`, an absent required one throws.")
        w.block(initializer + " {") { w in
            if members.isEmpty {
                w.line("_ = try StratusServiceKit.AWSValueObjectReader(awsValue)")
                return
            }
            w.line("let members = try StratusServiceKit.AWSValueObjectReader(awsValue)")
            for member in members {
                let read = member.optional ? "optional" : "required"
                w.line("self.\(member.storage) = try members.\(read)(\(SwiftLiteral.string(member.wireName)))")
            }
        }
        w.line()
        w.line("/// The members under their model names in declaration order; `nil` optional members are absent.")
        w.block("package var awsValue: \(valueType) {") { w in
            if members.isEmpty {
                w.line("\(valueType).emptyObject")
                return
            }
            w.line("var members = StratusServiceKit.AWSValueObjectWriter()")
            for member in members {
                let write = member.optional ? "setIfPresent" : "set"
                w.line("members.\(write)(\(SwiftLiteral.string(member.wireName)), self.\(member.storage))")
            }
            w.line("return members.awsValue")
        }
    }

    /// The conversions of an open string enumeration.
    static func emitEnum(into w: inout SwiftWriter) {
        w.line("/// Reads a single string.")
        w.block(initializer + " {") { w in
            w.line("self.rawValue = try Swift.String(awsValue: awsValue)")
        }
        w.line()
        w.line("/// The raw value as a string.")
        w.line("package var awsValue: \(valueType) { .string(rawValue) }")
    }
}
