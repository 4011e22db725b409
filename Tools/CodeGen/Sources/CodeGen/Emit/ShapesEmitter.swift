/// Emits the namespace enum of a service and one Swift type per structure and enum-string shape,
/// split over several files (`<Svc>+Shapes.swift`, `<Svc>+Shapes2.swift`, …).
struct ShapesEmitter {
    let mapper: TypeMapper
    let namespace: String
    var typesPerFile = 100

    /// File name → text.
    func emit() throws -> [(String, String)] {
        let generated = mapper.model.shapes.filter(TypeMapper.isGeneratedType)
        let chunks = stride(from: 0, to: Swift.max(generated.count, 1), by: typesPerFile).map {
            Array(generated[$0..<Swift.min($0 + typesPerFile, generated.count)])
        }
        var files: [(String, String)] = []
        for (number, chunk) in chunks.enumerated() {
            var w = SwiftWriter()
            w.line(SwiftWriter.header)
            w.line("import Foundation")
            w.line("import StratusServiceKit")
            w.line()
            if number == 0 {
                w.line("/// The shapes of the `\(mapper.model.modelName)` model as Swift types: one struct per structure,")
                w.line("/// one open string enumeration per enum shape. Members keep the model's names on the wire (`CodingKeys`,")
                w.line("/// and the direct `AWSValueConvertible` conversions the handlers and clients use).")
                w.line("package enum \(namespace) {}")
                w.line()
            }
            try w.block("extension \(namespace) {") { w in
                for (offset, shape) in chunk.enumerated() {
                    if offset > 0 { w.line() }
                    if shape.type == "string" {
                        emitEnum(shape, into: &w)
                    } else {
                        try emitStruct(shape, into: &w)
                    }
                }
            }
            let name = number == 0 ? "\(namespace)+Shapes.swift" : "\(namespace)+Shapes\(number + 1).swift"
            files.append((name, w.text))
        }
        if !mapper.boxedMembers.isEmpty {
            files.append(("\(namespace)+Indirect.swift", Self.indirectFile))
        }
        return files
    }

    private func emitEnum(_ shape: Shape, into w: inout SwiftWriter) {
        let typeName = mapper.typeNames[shape.name]!
        let cases = Naming.uniqued(shape.enumValues.map { Naming.lowerCamel($0) })
        w.line("/// The `\(shape.name)` enumeration. Values outside the model's list are kept as they are.")
        let conformances = "Swift.RawRepresentable, Swift.Codable, StratusServiceKit.AWSValueConvertible, Swift.Hashable, "
            + "Swift.Sendable, Swift.ExpressibleByStringLiteral"
        w.block("package struct \(typeName): \(conformances) {") { w in
            w.line("/// The value as written on the wire.")
            w.line("package let rawValue: Swift.String")
            w.line()
            w.line("/// Wraps any value, known to the model or not.")
            w.line("package init(rawValue: Swift.String) { self.rawValue = rawValue }")
            w.line()
            w.line("/// Wraps a literal value.")
            w.line("package init(stringLiteral value: Swift.String) { self.rawValue = value }")
            w.line()
            w.line("/// Decodes a single string.")
            w.block("package init(from decoder: any Swift.Decoder) throws {") { w in
                w.line("self.rawValue = try decoder.singleValueContainer().decode(Swift.String.self)")
            }
            w.line()
            w.line("/// Encodes a single string.")
            w.block("package func encode(to encoder: any Swift.Encoder) throws {") { w in
                w.line("var container = encoder.singleValueContainer()")
                w.line("try container.encode(rawValue)")
            }
            w.line()
            ConversionEmitter.emitEnum(into: &w)
            for (value, name) in zip(shape.enumValues, cases) {
                w.line()
                w.line("/// \(SwiftLiteral.string(value))")
                w.line("package static let \(Naming.escaped(name)): \(typeName) = \(SwiftLiteral.string(value))")
            }
        }
    }

    private func emitStruct(_ shape: Shape, into w: inout SwiftWriter) throws {
        let typeName = mapper.typeNames[shape.name]!
        let names = Naming.uniqued(shape.members.map { Naming.lowerCamel($0.name) })
        struct Property {
            var member: MemberRef
            var name: String
            var type: String
            var optional: Bool
            var boxed: Bool
            var declared: String { optional ? type + "?" : type }
        }
        var properties: [Property] = []
        for (member, name) in zip(shape.members, names) {
            properties.append(
                Property(
                    member: member,
                    name: name,
                    type: try mapper.swiftType(member.target),
                    optional: shape.isUnion || !member.isRequired,
                    boxed: mapper.boxedMembers.contains(TypeMapper.boxKey(shape.name, member.name))
                )
            )
        }

        let kind = shape.isUnion ? "union (set exactly one member)" : shape.isException ? "error structure" : "structure"
        w.line("/// The `\(shape.name)` \(kind).")
        let conformances = "Swift.Codable, StratusServiceKit.AWSValueConvertible, Swift.Sendable, Swift.Equatable"
        w.block("package struct \(typeName): \(conformances) {") { w in
            for property in properties {
                let name = Naming.escaped(property.name)
                w.line("/// `\(property.member.name)`\(property.optional ? "" : " (required)").")
                if property.boxed {
                    let storage = "_" + property.name
                    w.block("package var \(name): \(property.declared) {") { w in
                        if property.optional {
                            w.line("get { \(storage)?.value }")
                            w.line("set { \(storage) = newValue.map { GeneratedIndirect($0) } }")
                        } else {
                            w.line("get { \(storage).value }")
                            w.line("set { \(storage) = GeneratedIndirect(newValue) }")
                        }
                    }
                } else {
                    w.line("package var \(name): \(property.declared)")
                }
            }
            for property in properties where property.boxed {
                let optional = property.optional ? "?" : ""
                w.line("private var _\(property.name): GeneratedIndirect<\(property.type)>\(optional)")
            }
            if !properties.isEmpty { w.line() }

            w.line("/// Creates the structure; optional members default to `nil`.")
            let parameters = properties.map { property in
                "\(Naming.escaped(property.name)): \(property.declared)\(property.optional ? " = nil" : "")"
            }
            let oneLine = "package init(" + parameters.joined(separator: ", ") + ")"
            if properties.isEmpty {
                w.line(oneLine + " {}")
            } else {
                if oneLine.count <= 100 {
                    w.line(oneLine + " {")
                } else {
                    w.line("package init(")
                    w.indent()
                    for (offset, parameter) in parameters.enumerated() {
                        w.line(parameter + (offset == parameters.count - 1 ? "" : ","))
                    }
                    w.dedent()
                    w.line(") {")
                }
                w.indent()
                for property in properties {
                    let name = Naming.escaped(property.name)
                    if property.boxed {
                        let wrap = property.optional ? "\(name).map { GeneratedIndirect($0) }" : "GeneratedIndirect(\(name))"
                        w.line("self._\(property.name) = \(wrap)")
                    } else {
                        w.line("self.\(name) = \(name)")
                    }
                }
                w.dedent()
                w.line("}")
            }
            w.line()
            if properties.isEmpty {
                // An empty structure still encodes as an empty object (synthesized code would write nothing).
                w.line("/// Accepts any object.")
                w.line("package init(from decoder: any Swift.Decoder) throws { _ = try decoder.container(keyedBy: CodingKeys.self) }")
                w.line()
                w.line("/// Writes an empty object.")
                w.line("package func encode(to encoder: any Swift.Encoder) throws { _ = encoder.container(keyedBy: CodingKeys.self) }")
                w.line()
                w.line("private enum CodingKeys: Swift.CodingKey {}")
            } else {
                w.block("private enum CodingKeys: Swift.String, Swift.CodingKey {") { w in
                    for property in properties {
                        let key = property.boxed ? "_" + property.name : Naming.escaped(property.name)
                        w.line("case \(key) = \(SwiftLiteral.string(property.member.name))")
                    }
                }
            }
            w.line()
            let members = properties.map { property in
                ConversionEmitter.Member(
                    wireName: property.member.name,
                    storage: property.boxed ? "_" + property.name : Naming.escaped(property.name),
                    optional: property.optional
                )
            }
            ConversionEmitter.emitStruct(members, into: &w)
        }
    }

    static let indirectFile = """
        \(SwiftWriter.header)
        import StratusServiceKit

        /// Heap storage for a structure member that would otherwise make its structure contain itself.
        /// Immutable and shared: a new value replaces the box, so copies keep value semantics.
        final class GeneratedIndirect<Value: Swift.Sendable & Swift.Equatable & Swift.Codable & StratusServiceKit.AWSValueConvertible>:
            Swift.Sendable, Swift.Equatable, Swift.Codable, StratusServiceKit.AWSValueConvertible
        {
            let value: Value

            init(_ value: Value) { self.value = value }

            required init(from decoder: any Swift.Decoder) throws {
                value = try decoder.singleValueContainer().decode(Value.self)
            }

            func encode(to encoder: any Swift.Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(value)
            }

            init(awsValue: StratusServiceKit.AWSValue) throws(StratusServiceKit.AWSValueConversionError) {
                value = try Value(awsValue: awsValue)
            }

            var awsValue: StratusServiceKit.AWSValue { value.awsValue }

            static func == (lhs: GeneratedIndirect, rhs: GeneratedIndirect) -> Swift.Bool { lhs.value == rhs.value }
        }

        """
}
