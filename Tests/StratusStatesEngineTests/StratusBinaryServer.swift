import Foundation

/// One `stratus serve` child process of the built binary, for tests that go through the real HTTP API.
///
/// Guarantees: `start` returns only once the server printed its `Listening on` line (its `endpoint`), or throws
/// with the server's output; the binary is `STRATUS_BIN` when set, else `.build/debug/stratus` of this checkout
/// (built by `swift build`/`swift test`); `stop` terminates the process and waits for it.
final class StratusBinaryServer: Sendable {
    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    /// The base URL, e.g. `http://127.0.0.1:50123`.
    let endpoint: URL
    private let process: Process
    private let directory: URL

    private init(endpoint: URL, process: Process, directory: URL) {
        self.endpoint = endpoint
        self.process = process
        self.directory = directory
    }

    static var binaryPath: String {
        if let path = ProcessInfo.processInfo.environment["STRATUS_BIN"], !path.isEmpty { return path }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/stratus").path
    }

    /// Starts `stratus serve --port 0 --in-memory --log-level error` plus `arguments`.
    static func start(arguments: [String] = []) async throws -> StratusBinaryServer {
        let binary = binaryPath
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw StartError(description: "stratus binary not found at \(binary); build it with `swift build --product stratus` or set STRATUS_BIN")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stratus-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let log = directory.appendingPathComponent("stdout.log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw StartError(description: "cannot create \(log.path)")
        }
        let output = try FileHandle(forWritingTo: log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["serve", "--port", "0", "--in-memory", "--log-level", "error",
                             "--data-dir", directory.appendingPathComponent("data").path] + arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("STRATUS_") }
        process.standardOutput = output
        process.standardError = output
        try process.run()
        try? output.close()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"Listening on (http://\S+)"#, options: .regularExpression) {
                let address = text[range].dropFirst("Listening on ".count)
                guard let url = URL(string: String(address)) else { break }
                return StratusBinaryServer(endpoint: url, process: process, directory: directory)
            }
            if !process.isRunning {
                throw StartError(description: "stratus exited (\(process.terminationStatus)) before listening: \(text)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.terminate()
        process.waitUntilExit()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        throw StartError(description: "stratus did not print 'Listening on' within 30 s: \(text)")
    }

    /// Terminates the server and removes its temporary directory.
    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}
