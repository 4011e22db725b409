import Foundation

/// The schema tables of the Smithy protocol-test services (`services/index.json` and the models it names).
struct ProtocolTestFiles {
    let servicesDirectory: URL

    func write(into output: inout OutputDirectory) throws {
        let index = try ModelLoader.loadJSON(servicesDirectory.appendingPathComponent("index.json"))
        guard let services = index["services"]?.members else {
            throw ModelError("\(servicesDirectory.path)/index.json has no services")
        }
        var byPath: [String: String] = [:]  // path → property name
        var generated: [(directory: String, property: String)] = []

        func generate(path: String) throws -> String {
            if let property = byPath[path] { return property }
            let directory = String(path.split(separator: "/").first ?? Substring(path))
            let swiftName = Naming.upperCamel(directory)
            let property = "protocolTest\(swiftName)"
            let document = try ModelLoader.loadJSON(servicesDirectory.appendingPathComponent(path))
            let model = try ModelReader.read(document, modelName: directory)
            let emitter = SchemaEmitter(
                model: model,
                propertyName: property,
                tablesName: "\(swiftName)SchemaTables",
                summary: "The Smithy protocol-test service `\(directory)` as a schema table."
            )
            try output.write("\(swiftName)+Schema.swift", emitter.emit())
            byPath[path] = property
            generated.append((directory, property))
            return property
        }

        var all: [(String, String)] = []
        for (serviceID, entry) in services {
            guard let path = entry["path"]?.string else { throw ModelError("index.json: \(serviceID) has no path") }
            all.append((serviceID, try generate(path: path)))
        }
        var unbound: [(String, String)] = []
        for (operationID, pathJSON) in index["unboundOperations"]?.members ?? [] {
            guard let path = pathJSON.string else { throw ModelError("index.json: \(operationID) has no path") }
            unbound.append((operationID, try generate(path: path)))
        }

        var w = SwiftWriter()
        w.line(SwiftWriter.header)
        w.line("import StratusServiceKit")
        w.line()
        w.line("/// The Smithy protocol-test services as schema tables, looked up the way the test vectors name them.")
        w.block("package enum ProtocolTestServices {") { w in
            w.line("/// Each service by its Smithy service shape id (a vector's `services` entry).")
            w.block("package static let all: [String: ServiceSchema] = [", closing: "]") { w in
                for (key, property) in all.sorted(by: { $0.0 < $1.0 }) {
                    w.line("\(SwiftLiteral.string(key)): .\(property),")
                }
            }
            w.line()
            w.line("/// The synthetic services holding operations no service binds, by operation shape id")
            w.line("/// (a vector's `operation_or_shape` when its `services` is empty).")
            if unbound.isEmpty {
                w.line("package static let unbound: [String: ServiceSchema] = [:]")
            } else {
                w.block("package static let unbound: [String: ServiceSchema] = [", closing: "]") { w in
                    for (key, property) in unbound.sorted(by: { $0.0 < $1.0 }) {
                        w.line("\(SwiftLiteral.string(key)): .\(property),")
                    }
                }
            }
        }
        try output.write("ProtocolTestServices.swift", w.text)
    }
}
