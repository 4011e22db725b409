import Foundation

/// Finds and loads model files: the newest version directory of a botocore model, gzip or plain JSON.
enum ModelLoader {
    /// `<data>/<model>/<newest version>/service-2.json[.gz]`.
    static func botocoreModelFile(dataDirectory: URL, model: String) throws -> URL {
        let modelDirectory = dataDirectory.appendingPathComponent(model)
        let versions = try FileManager.default.contentsOfDirectory(atPath: modelDirectory.path).sorted(by: >)
        for version in versions {
            for name in ["service-2.json", "service-2.json.gz"] {
                let file = modelDirectory.appendingPathComponent(version).appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: file.path) { return file }
            }
        }
        throw ModelError("no service-2.json under \(modelDirectory.path)")
    }

    /// The file's JSON; `.gz` files are decompressed with `gzip -dc`.
    static func loadJSON(_ file: URL) throws -> JSON {
        let data: Data
        if file.pathExtension == "gz" {
            data = try gunzip(file)
        } else {
            data = try Data(contentsOf: file)
        }
        do {
            return try JSONParser.parse(data)
        } catch {
            throw ModelError("\(file.path): \(error)")
        }
    }

    private static func gunzip(_ file: URL) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gzip", "-dc", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ModelError("gzip -dc \(file.path) failed") }
        return data
    }

    /// The botocore data directory inside the project's virtual environment.
    static func defaultBotocoreData(repo: URL) throws -> URL {
        let lib = repo.appendingPathComponent(".venv/lib")
        let pythons = (try? FileManager.default.contentsOfDirectory(atPath: lib.path))?.filter { $0.hasPrefix("python3") }.sorted() ?? []
        for python in pythons.reversed() {
            let data = lib.appendingPathComponent(python).appendingPathComponent("site-packages/botocore/data")
            if FileManager.default.fileExists(atPath: data.path) { return data }
        }
        throw ModelError("botocore not found under \(lib.path); run scripts/bootstrap-venv.sh")
    }
}
