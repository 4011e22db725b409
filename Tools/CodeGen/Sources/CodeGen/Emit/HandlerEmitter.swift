/// Emits `<Svc>Handler`: a typed method per operation with a not-implemented default, and the generic
/// `handle(operation:input:context:)` that decodes, dispatches and encodes.
struct HandlerEmitter {
    let mapper: TypeMapper
    let namespace: String
    let schemaProperty: String

    struct Signature {
        var method: String
        var inputType: String?
        var outputType: String?
    }

    static func signature(_ operation: Operation, mapper: TypeMapper, namespace: String) throws -> Signature {
        let method = Naming.lowerCamel(operation.name)
        let input = try operation.input.map { "\(namespace).\(try mapper.swiftType($0.target))" }
        let output = try operation.output.map { "\(namespace).\(try mapper.swiftType($0.target))" }
        return Signature(method: method, inputType: input, outputType: output)
    }

    static func declaration(_ signature: Signature, context: Bool) -> String {
        var parameters: [String] = []
        if let input = signature.inputType { parameters.append("_ input: \(input)") }
        if context { parameters.append("context: RequestContext") }
        let result = signature.outputType.map { " -> \($0)" } ?? ""
        return "func \(Naming.escaped(signature.method))(\(parameters.joined(separator: ", "))) async throws\(result)"
    }

    func emit() throws -> String {
        let model = mapper.model
        let serviceID = SwiftLiteral.string(model.serviceID)
        var w = SwiftWriter()
        w.line(SwiftWriter.header)
        w.line("import StratusServiceKit")
        w.line()
        w.line("/// A service answering the operations of the `\(model.modelName)` model with typed values.")
        w.line("///")
        w.line("/// Every method has a default that throws `NotImplemented` (HTTP 501): a conforming type implements only")
        w.line("/// the operations it supports. Operations with event streams have no typed method and always answer")
        w.line("/// `NotImplemented` through ``handle(operation:input:context:)``.")
        try w.block("package protocol \(namespace)Handler: AWSServiceHandler {") { w in
            var first = true
            for operation in model.operations where !mapper.usesEventStream(operation) {
                if !first { w.line() }
                first = false
                let signature = try Self.signature(operation, mapper: mapper, namespace: namespace)
                w.line("/// The `\(operation.name)` operation.")
                w.line(Self.declaration(signature, context: true))
            }
        }
        w.line()
        try w.block("extension \(namespace)Handler {") { w in
            w.line("/// ``ServiceSchema/\(schemaProperty)``.")
            w.line("package var schema: ServiceSchema { .\(schemaProperty) }")
            for operation in model.operations where !mapper.usesEventStream(operation) {
                let signature = try Self.signature(operation, mapper: mapper, namespace: namespace)
                w.line()
                w.line("/// Not implemented unless the conforming type implements it.")
                w.block("package " + Self.declaration(signature, context: true) + " {") { w in
                    w.line("throw AWSServiceError.notImplemented(service: \(serviceID), operation: \(SwiftLiteral.string(operation.name)))")
                }
            }
            w.line()
            w.line("/// Converts `input` into the operation's input type, calls its typed method and converts the result back")
            w.line("/// (the direct `AWSValueConvertible` conversions; no `Codable`).")
            let header = "package func handle(operation: OperationSchema, input: AWSValue, context: RequestContext) async throws -> AWSValue {"
            try w.block(header) { w in
                w.line("switch operation.name {")
                for operation in model.operations {
                    w.line("case \(SwiftLiteral.string(operation.name)):")
                    w.indent()
                    if mapper.usesEventStream(operation) {
                        w.line("// Event-stream operation: no typed method; answered as not implemented.")
                        w.line("throw AWSServiceError.notImplemented(service: \(serviceID), operation: \(SwiftLiteral.string(operation.name)))")
                        w.dedent()
                        continue
                    }
                    let signature = try Self.signature(operation, mapper: mapper, namespace: namespace)
                    var arguments: [String] = []
                    if let inputType = signature.inputType {
                        arguments.append("try \(inputType)(awsValue: input)")
                    }
                    arguments.append("context: context")
                    let call = "try await \(Naming.escaped(signature.method))(\(arguments.joined(separator: ", ")))"
                    if signature.outputType != nil {
                        w.line("return \(call).awsValue")
                    } else {
                        w.line(call)
                        w.line("return .emptyObject")
                    }
                    w.dedent()
                }
                w.line("default:")
                w.line("    throw AWSServiceError.notImplemented(service: \(serviceID), operation: operation.name)")
                w.line("}")
            }
        }
        return w.text
    }
}
