import Foundation

/// `CodeGen [--repo DIR] [--botocore DATA_DIR] [--protocol-tests SERVICES_DIR] [--overlays DIR]`
///
/// Regenerates `Sources/StratusAPI*/Generated/` from the pinned botocore models (with the overlays of
/// `Models/overlays/`; `StratusAPISchemas` holds only the schema tables of services Stratus does not implement) and, when `--protocol-tests` is given, `Tests/StratusProtocolTestServices/Generated/`.
@main
struct CodeGen {
    static func main() {
        do {
            try run(arguments: Array(CommandLine.arguments.dropFirst()))
        } catch {
            FileHandle.standardError.write(Data("codegen: error: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run(arguments: [String]) throws {
        var options: [String: String] = [:]
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            guard ["--repo", "--botocore", "--protocol-tests", "--overlays"].contains(argument),
                let value = iterator.next()
            else {
                throw ModelError(
                    "usage: CodeGen [--repo DIR] [--botocore DATA_DIR] [--protocol-tests SERVICES_DIR] [--overlays DIR] (bad argument \(argument))"
                )
            }
            options[argument] = value
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let repo = options["--repo"].map { URL(fileURLWithPath: $0, relativeTo: cwd).standardizedFileURL } ?? cwd
        let botocore = try options["--botocore"].map { URL(fileURLWithPath: $0, relativeTo: cwd) }
            ?? ModelLoader.defaultBotocoreData(repo: repo)
        let overlays = options["--overlays"].map { URL(fileURLWithPath: $0, relativeTo: cwd) }
            ?? repo.appendingPathComponent("Models/overlays")

        /// A botocore model with its overlay (if any) applied, and the file it came from.
        func load(_ modelName: String) throws -> (ServiceModel, URL) {
            let file = try ModelLoader.botocoreModelFile(dataDirectory: botocore, model: modelName)
            var document = try ModelLoader.loadJSON(file)
            let overlayFile = overlays.appendingPathComponent("\(modelName).json")
            if FileManager.default.fileExists(atPath: overlayFile.path) {
                document = try Overlay.apply(
                    overlay: try ModelLoader.loadJSON(overlayFile), to: document, file: overlayFile.lastPathComponent)
            }
            return (try ModelReader.read(document, modelName: modelName), file)
        }

        for service in ServiceTarget.all {
            let (model, file) = try load(service.model)
            var output = try OutputDirectory(
                repo.appendingPathComponent("Sources/\(service.targetName)/Generated"))
            try ServiceFiles(model: model, target: service).write(into: &output)
            try output.removeStale()
            print("codegen: \(service.targetName): \(model.shapes.count) shapes, \(model.operations.count) operations (\(file.path))")
        }

        var schemasOutput = try OutputDirectory(repo.appendingPathComponent("Sources/\(SchemaOnlyTarget.targetName)/Generated"))
        for service in SchemaOnlyTarget.all {
            let (model, file) = try load(service.model)
            let emitter = SchemaEmitter(serviceModel: model, name: service.name, property: service.schemaProperty)
            try schemasOutput.write("\(service.name)+Schema.swift", emitter.emit())
            print("codegen: \(SchemaOnlyTarget.targetName): \(service.name): \(model.shapes.count) shapes, \(model.operations.count) operations (\(file.path))")
        }
        try schemasOutput.removeStale()

        if let tests = options["--protocol-tests"] {
            let servicesDirectory = URL(fileURLWithPath: tests, relativeTo: cwd)
            var output = try OutputDirectory(
                repo.appendingPathComponent("Tests/StratusProtocolTestServices/Generated"))
            try ProtocolTestFiles(servicesDirectory: servicesDirectory).write(into: &output)
            try output.removeStale()
            print("codegen: StratusProtocolTestServices: \(output.written.count) files")
        } else {
            print("codegen: no --protocol-tests directory given; Tests/StratusProtocolTestServices left unchanged")
        }
    }
}
