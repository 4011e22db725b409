import Foundation
import StratusJSON
import StratusLambda
import StratusLambdaRuntime

/// A function's code in a fresh temporary directory, and helpers to run it in real processes.
struct RuntimeFixture {
    let directory: String
    let environments: LambdaProcessEnvironments

    init(configuration: LambdaProcessEnvironmentsConfiguration = LambdaProcessEnvironmentsConfiguration()) throws {
        directory = FileManager.default.temporaryDirectory.path + "/stratus-runtime-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var configuration = configuration
        configuration.runtimeDirectory = FileManager.default.temporaryDirectory.path + "/stratus-runtime-test-bootstraps"
        environments = LambdaProcessEnvironments(configuration: configuration)
    }

    /// Writes `files` (relative path → content) under a new code directory; answers the directory.
    func code(_ files: [String: String], executable: Set<String> = []) throws -> String {
        let root = directory + "/code-" + UUID().uuidString
        for (path, content) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(content.utf8).write(to: URL(fileURLWithPath: full))
            if executable.contains(path) { chmod(full, 0o755) }
        }
        if files.isEmpty { try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true) }
        return root
    }

    func function(
        name: String = "fn", runtime: String, handler: String, code: String, layers: [String] = [],
        environment: [String: String] = [:], timeout: Int = 10, memorySize: Int = 128, concurrency: Int = 10,
        revision: String = "r1", version: String = "$LATEST"
    ) -> FunctionRuntimeConfiguration {
        FunctionRuntimeConfiguration(
            functionArn: "arn:aws:lambda:us-east-1:000000000000:function:\(name)", functionName: name,
            version: version, runtime: runtime, handler: handler, codeDirectory: code, layerDirectories: layers,
            environment: environment, memorySize: memorySize, timeoutSeconds: timeout,
            maximumConcurrency: concurrency, region: "us-east-1", accountID: "000000000000", revision: revision,
            stratusEndpoint: "http://127.0.0.1:4566")
    }

    func invoke(_ function: FunctionRuntimeConfiguration, _ payload: String = "{}", requestID: String = UUID().uuidString.lowercased(),
                clientContext: String? = nil) async throws -> LambdaInvocationOutcome {
        try await environments.invoke(
            function,
            LambdaInvocationRequest(
                requestID: requestID, payload: Array(payload.utf8), clientContext: clientContext,
                traceID: "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1",
                invokedFunctionArn: function.functionArn))
    }

    /// Stops everything and removes the files.
    func tearDown() async {
        await environments.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

extension LambdaInvocationOutcome {
    var json: JSONValue? { try? JSONValue.parse(payload) }
    var text: String { String(decoding: payload, as: UTF8.self) }
}

/// Live processes (ids) whose process group is `group`, read from /proc. Zombies are left out: a killed child
/// whose parent died is re-parented to init, which reaps it when it gets to it (lazily in some containers).
func processes(inGroup group: Int32) -> [Int32] {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
    return entries.compactMap { entry -> Int32? in
        guard let pid = Int32(entry),
              let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")")
        else { return nil }
        // Fields after the command: state, ppid, pgrp, …
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 2, Int32(fields[2]) == group, fields[0] != "Z", fields[0] != "X" else { return nil }
        return pid
    }
}

/// Whether a process with this id exists and is not a zombie.
func isRunning(_ pid: Int32) -> Bool {
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")")
    else { return false }
    let state = stat[stat.index(after: close)...].split(separator: " ").first
    return state != "Z" && state != "X"
}

/// The path of the project's virtual environment's Python, when it has awslambdaric.
func venvPythonWithAwslambdaric() -> String? {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    let python = url.path + "/.venv/bin/python"
    let packages = url.path + "/.venv/lib"
    guard FileManager.default.isExecutableFile(atPath: python),
          let versions = try? FileManager.default.contentsOfDirectory(atPath: packages),
          versions.contains(where: { FileManager.default.fileExists(atPath: "\(packages)/\($0)/site-packages/awslambdaric") })
    else { return nil }
    return python
}

/// Runs `body` with a fresh fixture and always tears it down (every process stopped, files removed).
func withRuntime(
    _ configuration: LambdaProcessEnvironmentsConfiguration = LambdaProcessEnvironmentsConfiguration(),
    _ body: (RuntimeFixture) async throws -> Void
) async throws {
    let fixture = try RuntimeFixture(configuration: configuration)
    do {
        try await body(fixture)
    } catch {
        await fixture.tearDown()
        throw error
    }
    await fixture.tearDown()
}
