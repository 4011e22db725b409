// LambdaRuntimeLauncher: what to execute for a runtime, and the environment Lambda gives it.

import Crypto
import Foundation
import StratusLambda
import Subprocess
import Synchronization

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Turns a runtime identifier into a ``LambdaLaunchPlan``.
///
/// Guarantees: `python3.x` runs Stratus's Python bootstrap on the configured interpreter (else `python3.x`, else
/// `python3`, whichever actually runs, resolved once to its real executable); `nodejs*` runs Stratus's Node.js
/// bootstrap on the configured interpreter (else `node`); `provided`, `provided.al2` and `provided.al2023` run the
/// code directory's executable `bootstrap`, else the last layer's; anything else, or a missing interpreter, is
/// ``LambdaEnvironmentError/runtimeUnavailable(_:)``; a missing or non-executable `bootstrap` is
/// ``LambdaEnvironmentError/initializationFailed(errorType:message:)`` with `Runtime.InvalidEntrypoint`.
package final class LambdaRuntimeLauncher: Sendable {
    private let configuration: LambdaProcessEnvironmentsConfiguration
    private let interpreterCache = Mutex<[String: String]>([:])
    private let bootstrapDirectory = Mutex<String?>(nil)

    package init(configuration: LambdaProcessEnvironmentsConfiguration) {
        self.configuration = configuration
    }

    /// The plan for `function`, whose Runtime API listens on `runtimeAPIPort`.
    package func plan(for function: FunctionRuntimeConfiguration, runtimeAPIPort: Int, logStreamName: String)
        async throws -> LambdaLaunchPlan
    {
        let runtime = function.runtime
        let layers = function.layerDirectories.reversed()  // later layers win, as in Lambda's merged /opt
        var environment = baseEnvironment(function, runtimeAPIPort: runtimeAPIPort, logStreamName: logStreamName)
        let executable: String
        var arguments: [String] = []
        var runtimeDirectory = ""
        if let version = Self.pythonVersion(runtime) {
            let python = try await interpreter(for: runtime, family: "python", candidates: ["python\(version)", "python3"],
                                               probe: ["-c", "import sys; sys.stdout.write(sys.executable)"])
            runtimeDirectory = try bootstrapFiles()
            executable = python
            arguments = ["-u", runtimeDirectory + "/" + LambdaBootstrapScripts.pythonFileName]
            var pythonPath = [function.codeDirectory]
            for layer in layers {
                pythonPath += ["\(layer)/python/lib/python\(version)/site-packages", "\(layer)/python"]
            }
            pythonPath.append(runtimeDirectory)
            environment["PYTHONPATH"] = pythonPath.joined(separator: ":")
            environment["PYTHONUNBUFFERED"] = "1"
            environment["AWS_EXECUTION_ENV"] = "AWS_Lambda_\(runtime)"
        } else if runtime.hasPrefix("nodejs") {
            let node = try await interpreter(for: runtime, family: "nodejs", candidates: ["node"],
                                             probe: ["-e", "process.stdout.write(process.execPath)"])
            runtimeDirectory = try bootstrapFiles()
            executable = node
            arguments = [runtimeDirectory + "/" + LambdaBootstrapScripts.nodeFileName]
            let major = runtime.dropFirst("nodejs".count).prefix { $0.isNumber }
            var nodePath: [String] = []
            for layer in layers {
                if !major.isEmpty { nodePath.append("\(layer)/nodejs/node\(major)/node_modules") }
                nodePath.append("\(layer)/nodejs/node_modules")
            }
            nodePath += [runtimeDirectory + "/node_modules", runtimeDirectory, function.codeDirectory]
            environment["NODE_PATH"] = nodePath.joined(separator: ":")
            environment["AWS_EXECUTION_ENV"] = "AWS_Lambda_\(runtime)"
        } else if ["provided", "provided.al2", "provided.al2023"].contains(runtime) {
            let candidates = [function.codeDirectory + "/bootstrap"] + layers.map { $0 + "/bootstrap" }
            guard let bootstrap = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
                throw LambdaEnvironmentError.initializationFailed(
                    errorType: "Runtime.InvalidEntrypoint",
                    message: "Couldn't find valid bootstrap(s): [\(candidates.joined(separator: " "))]")
            }
            guard access(bootstrap, X_OK) == 0 else {
                throw LambdaEnvironmentError.initializationFailed(
                    errorType: "Runtime.InvalidEntrypoint",
                    message: "fork/exec \(bootstrap): permission denied")
            }
            executable = bootstrap
            runtimeDirectory = try bootstrapFiles()
        } else {
            throw LambdaEnvironmentError.runtimeUnavailable(
                "The runtime \(runtime) is not supported by Stratus (python3.x, nodejs*, provided, provided.al2 and provided.al2023 are).")
        }
        environment["LAMBDA_RUNTIME_DIR"] = runtimeDirectory
        // The function's own variables come last; the ones Lambda reserves keep Lambda's values.
        for (key, value) in function.environment where !Self.reservedVariables.contains(key) {
            environment[key] = value
        }
        return LambdaLaunchPlan(executable: executable, arguments: arguments, environment: environment,
                                workingDirectory: function.codeDirectory)
    }

    /// Variables a function cannot override (Lambda's reserved keys).
    static let reservedVariables: Set<String> = [
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
        "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
        "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    ]

    /// `3.12` for `python3.12`, else `nil`.
    static func pythonVersion(_ runtime: String) -> String? {
        guard runtime.hasPrefix("python3") else { return nil }
        let version = runtime.dropFirst("python".count)
        guard version.allSatisfy({ $0.isNumber || $0 == "." }), version.contains(".") else { return nil }
        return String(version)
    }

    private func baseEnvironment(_ function: FunctionRuntimeConfiguration, runtimeAPIPort: Int,
                                 logStreamName: String) -> [String: String] {
        let layers = Array(function.layerDirectories.reversed())
        return [
            "AWS_LAMBDA_FUNCTION_NAME": function.functionName,
            "AWS_LAMBDA_FUNCTION_VERSION": function.version,
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": String(function.memorySize),
            "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/\(function.functionName)",
            "AWS_LAMBDA_LOG_STREAM_NAME": logStreamName,
            "AWS_LAMBDA_INITIALIZATION_TYPE": function.initializationType,
            "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:\(runtimeAPIPort)",
            "AWS_REGION": function.region,
            "AWS_DEFAULT_REGION": function.region,
            "AWS_ACCESS_KEY_ID": function.accountID.count == 12 ? function.accountID : "test",
            "AWS_SECRET_ACCESS_KEY": "test",
            "AWS_SESSION_TOKEN": "test",
            "AWS_ENDPOINT_URL": function.stratusEndpoint,
            "LAMBDA_TASK_ROOT": function.codeDirectory,
            "_HANDLER": function.handler,
            "TZ": ":UTC",
            "LANG": "en_US.UTF-8",
            "PATH": (["/usr/local/bin", "/usr/bin", "/bin"] + layers.map { $0 + "/bin" }).joined(separator: ":"),
            "LD_LIBRARY_PATH": (["/lib64", "/usr/lib64", function.codeDirectory, function.codeDirectory + "/lib"]
                + layers.map { $0 + "/lib" }).joined(separator: ":"),
        ]
    }

    /// The interpreter's real executable, probed once per runtime.
    private func interpreter(for runtime: String, family: String, candidates: [String], probe: [String])
        async throws -> String
    {
        if let cached = interpreterCache.withLock({ $0[runtime] }) { return cached }
        let configured = configuration.interpreters[runtime] ?? configuration.interpreters[family]
        let tried = configured.map { [$0] } ?? candidates
        for candidate in tried {
            if let path = await Self.probe(candidate, arguments: probe) {
                interpreterCache.withLock { $0[runtime] = path }
                return path
            }
        }
        let variable = family == "python" ? "STRATUS_LAMBDA_PYTHON" : "STRATUS_LAMBDA_NODE"
        throw LambdaEnvironmentError.runtimeUnavailable(
            "The runtime \(runtime) needs an interpreter, and none of \(tried.joined(separator: ", ")) runs on this machine (set \(variable) to one that does).")
    }

    /// Runs `command arguments` with the server's environment; its standard output is the executable's path.
    private static func probe(_ command: String, arguments: [String]) async -> String? {
        let executable: Executable = command.contains("/") ? .path(FilePath(command)) : .name(command)
        guard let result = try? await Subprocess.run(
            executable, arguments: Arguments(arguments), output: .string(limit: 4096), error: .discarded)
        else { return nil }
        let standardOutput: String? = result.standardOutput
        guard case .exited(0) = result.terminationStatus,
              let path = standardOutput?.trimmingCharacters(in: .whitespacesAndNewlines),
              path.hasPrefix("/"), access(path, X_OK) == 0
        else { return nil }
        return path
    }

    /// Writes Stratus's bootstraps once (under a directory named after their content) and answers it.
    private func bootstrapFiles() throws -> String {
        if let directory = bootstrapDirectory.withLock({ $0 }) { return directory }
        let files = [
            LambdaBootstrapScripts.pythonFileName: LambdaBootstrapScripts.python,
            LambdaBootstrapScripts.nodeFileName: LambdaBootstrapScripts.node,
        ]
        let digest = SHA256.hash(data: Data((LambdaBootstrapScripts.python + LambdaBootstrapScripts.node).utf8))
        let name = digest.prefix(8).map { String(format: "%02x", $0) }.joined()
        let directory = configuration.runtimeDirectory + "/" + name
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for (file, content) in files {
                let path = directory + "/" + file
                if let existing = FileManager.default.contents(atPath: path), existing == Data(content.utf8) { continue }
                let temporary = path + ".\(UUID().uuidString)"
                try Data(content.utf8).write(to: URL(fileURLWithPath: temporary))
                guard rename(temporary, path) == 0 else {
                    try? FileManager.default.removeItem(atPath: temporary)
                    throw LambdaEnvironmentError.runtimeUnavailable("Cannot write the runtime bootstrap \(path)")
                }
            }
        } catch let error as LambdaEnvironmentError {
            throw error
        } catch {
            throw LambdaEnvironmentError.runtimeUnavailable(
                "Cannot write the runtime bootstraps under \(directory): \(error)")
        }
        bootstrapDirectory.withLock { $0 = directory }
        return directory
    }
}
