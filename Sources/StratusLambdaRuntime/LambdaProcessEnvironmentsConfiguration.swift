// LambdaProcessEnvironmentsConfiguration: the knobs of the process-based execution environments.

import Foundation

/// How ``LambdaProcessEnvironments`` runs functions.
///
/// Guarantees: every field has a working default; ``fromProcessEnvironment(_:)`` reads only the documented
/// `STRATUS_LAMBDA_*` variables of the server's own environment (never handed to functions).
package struct LambdaProcessEnvironmentsConfiguration: Sendable {
    /// An environment idle for longer than this is stopped (default 5 minutes).
    package var idleTimeout: Duration
    /// How often idle environments are looked for (default 5 seconds).
    package var reapInterval: Duration
    /// Longest initialization (process start until the runtime's first `/next`): Lambda's 10 seconds.
    package var initTimeout: Duration
    /// Where Stratus writes its own runtime bootstraps (Lambda's `/var/runtime`); created when missing.
    package var runtimeDirectory: String
    /// Interpreter command (a name looked up on the server's `PATH`, or a path) per runtime family or runtime:
    /// keys `python`, `nodejs`, or an exact runtime such as `python3.12`. Missing keys use `python3.x` then
    /// `python3`, and `node`.
    package var interpreters: [String: String]
    /// Largest response a runtime may post (Lambda: 6291556 bytes for synchronous invocations).
    package var maximumResponseSize: Int
    /// Most bytes of output kept for one invocation's log (older output is dropped first).
    package var maximumLogSize: Int

    /// The defaults, with bootstraps under `<temporary directory>/stratus-lambda-runtime`.
    package init(
        idleTimeout: Duration = .seconds(300),
        reapInterval: Duration = .seconds(5),
        initTimeout: Duration = .seconds(10),
        runtimeDirectory: String = FileManager.default.temporaryDirectory.path + "/stratus-lambda-runtime",
        interpreters: [String: String] = [:],
        maximumResponseSize: Int = 6_291_556,
        maximumLogSize: Int = 1 << 20
    ) {
        self.idleTimeout = idleTimeout
        self.reapInterval = reapInterval
        self.initTimeout = initTimeout
        self.runtimeDirectory = runtimeDirectory
        self.interpreters = interpreters
        self.maximumResponseSize = maximumResponseSize
        self.maximumLogSize = maximumLogSize
    }

    /// The defaults, with `STRATUS_LAMBDA_PYTHON` and `STRATUS_LAMBDA_NODE` (interpreter for every `python3.x`
    /// and `nodejs*` runtime) and `STRATUS_LAMBDA_IDLE_SECONDS` taken from `environment`.
    package static func fromProcessEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> LambdaProcessEnvironmentsConfiguration {
        var configuration = LambdaProcessEnvironmentsConfiguration()
        if let python = environment["STRATUS_LAMBDA_PYTHON"], !python.isEmpty {
            configuration.interpreters["python"] = python
        }
        if let node = environment["STRATUS_LAMBDA_NODE"], !node.isEmpty {
            configuration.interpreters["nodejs"] = node
        }
        if let idle = environment["STRATUS_LAMBDA_IDLE_SECONDS"].flatMap(Int.init), idle > 0 {
            configuration.idleTimeout = .seconds(idle)
        }
        return configuration
    }
}
