/// The version of Stratus, reported by `stratus --version` and `/_stratus/health`.
package enum StratusVersion {
    /// Semantic version of this build.
    package static let current = "0.1.0"
}
