/// Emits `extension ServiceSchema { package static let <name>: ServiceSchema }` for one model.
///
/// The tables are built imperatively (one `append` per shape, split into functions of `chunkSize` shapes)
/// because one nested array literal of ~700 initializer calls takes the type checker minutes.
struct SchemaEmitter {
    let model: ServiceModel
    /// The static property name (`sqs`, `protocolTestRestJson`).
    let propertyName: String
    /// A file-private enum name holding the builder functions.
    let tablesName: String
    /// One line saying what the schema is, for its `///` comment.
    let summary: String
    var chunkSize = 150

    func emit() throws -> String {
        let index = model.shapeIndex
        var w = SwiftWriter()
        w.line(SwiftWriter.header)
        w.line("import StratusServiceKit")
        w.line()
        w.block("extension ServiceSchema {") { w in
            w.line("/// \(summary)")
            w.line("/// \(model.shapes.count) shapes and \(model.operations.count) operations; generated, so it matches the model exactly.")
            w.line("package static let \(propertyName): ServiceSchema = ServiceSchema(")
            w.indent()
            w.line("modelName: \(SwiftLiteral.string(model.modelName)),")
            w.line("serviceID: \(SwiftLiteral.string(model.serviceID)),")
            w.line("endpointPrefix: \(SwiftLiteral.string(model.endpointPrefix)),")
            w.line("signingName: \(SwiftLiteral.string(model.signingName)),")
            w.line("apiVersion: \(SwiftLiteral.string(model.apiVersion)),")
            w.line("protocols: [\(model.protocols.map(Self.protocolCase).joined(separator: ", "))],")
            if let jsonVersion = model.jsonVersion { w.line("jsonVersion: \(SwiftLiteral.string(jsonVersion)),") }
            if let targetPrefix = model.targetPrefix { w.line("targetPrefix: \(SwiftLiteral.string(targetPrefix)),") }
            if let xmlNamespace = model.xmlNamespace { w.line("xmlNamespace: \(SwiftLiteral.string(xmlNamespace)),") }
            if model.awsQueryCompatible { w.line("awsQueryCompatible: true,") }
            w.line("shapes: \(tablesName).shapes(),")
            w.line("operations: \(tablesName).operations()")
            w.dedent()
            w.line(")")
        }
        w.line()
        w.line("/// Builds the tables of ``ServiceSchema/\(propertyName)`` one entry at a time.")
        try w.block("private enum \(tablesName) {") { w in
            let chunks = stride(from: 0, to: model.shapes.count, by: chunkSize).map {
                $0..<Swift.min($0 + chunkSize, model.shapes.count)
            }
            w.block("static func shapes() -> [ShapeSchema] {") { w in
                w.line("var shapes = [ShapeSchema]()")
                w.line("shapes.reserveCapacity(\(model.shapes.count))")
                for number in chunks.indices { w.line("appendShapes\(number)(to: &shapes)") }
                w.line("return shapes")
            }
            for (number, range) in chunks.enumerated() {
                w.line()
                try w.block("private static func appendShapes\(number)(to shapes: inout [ShapeSchema]) {") { w in
                    for id in range { try emitShape(model.shapes[id], id: id, index: index, into: &w) }
                }
            }
            w.line()
            try w.block("static func operations() -> [OperationSchema] {") { w in
                w.line("var operations = [OperationSchema]()")
                w.line("operations.reserveCapacity(\(model.operations.count))")
                for operation in model.operations { try emitOperation(operation, index: index, into: &w) }
                w.line("return operations")
            }
        }
        return w.text
    }

    static func protocolCase(_ name: String) -> String {
        switch name {
        case "json": return ".json"
        case "query": return ".query"
        case "rest-json": return ".restJSON"
        default: return ".restXML"
        }
    }

    private func shapeID(_ name: String, _ index: [String: Int]) throws -> Int {
        guard let id = index[name] else { throw ModelError("\(model.modelName): unknown shape \(name)") }
        return id
    }

    private func namespace(_ ns: XMLNamespaceIR) -> String {
        var text = "XMLNamespace(uri: \(SwiftLiteral.string(ns.uri))"
        if let prefix = ns.prefix { text += ", prefix: \(SwiftLiteral.string(prefix))" }
        return text + ")"
    }

    /// `MemberSchema(...)` for a reference, arguments in initializer order, defaults omitted.
    func memberExpression(_ ref: MemberRef, index: [String: Int]) throws -> String {
        var args = ["name: \(SwiftLiteral.string(ref.name))", "shape: \(try shapeID(ref.target, index)) /* \(ref.target) */"]
        if let location = ref.location { args.append("location: .\(location)") }
        if let locationName = ref.locationName { args.append("locationName: \(SwiftLiteral.string(locationName))") }
        if let queryName = ref.queryName { args.append("queryName: \(SwiftLiteral.string(queryName))") }
        if let ns = ref.xmlNamespace { args.append("xmlNamespace: \(namespace(ns))") }
        if ref.xmlAttribute { args.append("xmlAttribute: true") }
        if ref.flattened { args.append("flattened: true") }
        if let format = ref.timestampFormat { args.append("timestampFormat: .\(format)") }
        if ref.isRequired { args.append("isRequired: true") }
        if ref.idempotencyToken { args.append("idempotencyToken: true") }
        if ref.jsonValue { args.append("jsonValue: true") }
        if ref.hostLabel { args.append("hostLabel: true") }
        if ref.eventPayload { args.append("eventPayload: true") }
        if let wrapper = ref.resultWrapper { args.append("resultWrapper: \(SwiftLiteral.string(wrapper))") }
        if let value = ref.defaultValue { args.append("defaultValue: \(SwiftLiteral.string(value))") }
        if let min = ref.min { args.append("min: \(min)") }
        if let max = ref.max { args.append("max: \(max)") }
        if let pattern = ref.pattern { args.append("pattern: \(SwiftLiteral.string(pattern))") }
        return "MemberSchema(" + args.joined(separator: ", ") + ")"
    }

    private func emitShape(_ shape: Shape, id: Int, index: [String: Int], into w: inout SwiftWriter) throws {
        var args = ["name: \(SwiftLiteral.string(shape.name))", "type: .\(shape.type)"]
        var memberLines: [String] = []
        for member in shape.members { memberLines.append(try memberExpression(member, index: index)) }
        if let ref = shape.listMember { args.append("listMember: \(try memberExpression(ref, index: index))") }
        if let ref = shape.mapKey { args.append("mapKey: \(try memberExpression(ref, index: index))") }
        if let ref = shape.mapValue { args.append("mapValue: \(try memberExpression(ref, index: index))") }
        if shape.flattened { args.append("flattened: true") }
        if let name = shape.locationName { args.append("locationName: \(SwiftLiteral.string(name))") }
        if let ns = shape.xmlNamespace { args.append("xmlNamespace: \(namespace(ns))") }
        if let format = shape.timestampFormat { args.append("timestampFormat: .\(format)") }
        if let min = shape.min { args.append("min: \(min)") }
        if let max = shape.max { args.append("max: \(max)") }
        if let pattern = shape.pattern { args.append("pattern: \(SwiftLiteral.string(pattern))") }
        if !shape.enumValues.isEmpty {
            args.append("enumValues: [" + shape.enumValues.map(SwiftLiteral.string).joined(separator: ", ") + "]")
        }
        if let error = shape.error {
            let status = error.httpStatusCode ?? (shape.isFault ? 500 : 400)
            let sender = error.senderFault ?? !shape.isFault
            var parts: [String] = []
            if let code = error.code { parts.append("code: \(SwiftLiteral.string(code))") }
            parts.append("httpStatusCode: \(status)")
            parts.append("senderFault: \(sender)")
            args.append("error: ErrorTrait(" + parts.joined(separator: ", ") + ")")
        }
        if shape.isException { args.append("isException: true") }
        if shape.isFault { args.append("isFault: true") }
        if let payload = shape.payload { args.append("payload: \(SwiftLiteral.string(payload))") }
        if shape.isUnion { args.append("isUnion: true") }
        if shape.isDocument { args.append("isDocument: true") }
        if shape.isSparse { args.append("isSparse: true") }
        if shape.isStreaming { args.append("isStreaming: true") }
        if shape.isEventStream { args.append("isEventStream: true") }
        if shape.isEvent { args.append("isEvent: true") }
        if shape.requiresLength { args.append("requiresLength: true") }
        if let order = shape.xmlOrder {
            args.append("xmlOrder: [" + order.map(SwiftLiteral.string).joined(separator: ", ") + "]")
        }
        if shape.uniqueItems { args.append("uniqueItems: true") }
        if let mediaType = shape.mediaType { args.append("mediaType: \(SwiftLiteral.string(mediaType))") }
        if !shape.internalEnumValues.isEmpty {
            args.append(
                "internalEnumValues: [" + shape.internalEnumValues.map(SwiftLiteral.string).joined(separator: ", ") + "]")
        }

        w.line("// \(id)")
        if memberLines.isEmpty {
            w.line("shapes.append(ShapeSchema(" + args.joined(separator: ", ") + "))")
            return
        }
        let head = args[0...1].joined(separator: ", ")
        let tail = args.dropFirst(2)
        w.line("shapes.append(ShapeSchema(")
        w.indent()
        w.line(head + ",")
        w.line("members: [")
        w.indent()
        for member in memberLines { w.line(member + ",") }
        w.dedent()
        w.line(tail.isEmpty ? "]" : "],")
        for (offset, arg) in tail.enumerated() { w.line(arg + (offset == tail.count - 1 ? "" : ",")) }
        w.dedent()
        w.line("))")
    }

    private func emitOperation(_ operation: Operation, index: [String: Int], into w: inout SwiftWriter) throws {
        var args = [
            "name: \(SwiftLiteral.string(operation.name))",
            "httpMethod: \(SwiftLiteral.string(operation.httpMethod))",
            "requestURI: \(SwiftLiteral.string(operation.requestURI))",
        ]
        if let code = operation.responseCode { args.append("responseCode: \(code)") }
        if let input = operation.input { args.append("input: \(try memberExpression(input, index: index))") }
        if let output = operation.output { args.append("output: \(try memberExpression(output, index: index))") }
        if !operation.errors.isEmpty {
            let ids = try operation.errors.map { "\(try shapeID($0, index)) /* \($0) */" }
            args.append("errors: [" + ids.joined(separator: ", ") + "]")
        }
        if let prefix = operation.hostPrefix { args.append("hostPrefix: \(SwiftLiteral.string(prefix))") }
        if operation.isDeprecated { args.append("isDeprecated: true") }
        if operation.httpChecksumRequired { args.append("httpChecksumRequired: true") }
        if let auth = operation.authType { args.append("authType: \(SwiftLiteral.string(auth))") }
        w.line("operations.append(OperationSchema(")
        w.indent()
        for (offset, arg) in args.enumerated() { w.line(arg + (offset == args.count - 1 ? "" : ",")) }
        w.dedent()
        w.line("))")
    }
}

extension SchemaEmitter {
    /// The schema table of an AWS service model: `ServiceSchema.<property>`, tables enum `<name>SchemaTables`.
    init(serviceModel model: ServiceModel, name: String, property: String) {
        self.init(
            model: model,
            propertyName: property,
            tablesName: "\(name)SchemaTables",
            summary: "The `\(model.modelName)` model (\(model.serviceID) \(model.apiVersion)) as a schema table."
        )
    }
}
