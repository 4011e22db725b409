// LambdaLaunchPlan: what an execution environment's main process runs.

/// The command line and environment of one execution environment's main process.
package struct LambdaLaunchPlan: Sendable, Equatable {
    /// Absolute path of the executable.
    package var executable: String
    /// Arguments after the executable.
    package var arguments: [String]
    /// The complete environment (nothing is inherited from the server).
    package var environment: [String: String]
    /// The working directory (the code directory, Lambda's `/var/task`).
    package var workingDirectory: String
}
