import OrderedCollections
/// Knobs of one execution.
///
/// Guarantees: defaults are AWS's Standard-workflow limits.
package struct EngineOptions: Sendable {
    /// Record history events (Express executions and benchmarks may turn it off; outcomes are identical).
    package var recordHistory: Bool
    /// Maximum history events before the execution fails (AWS: 25,000).
    package var maximumHistoryEvents: Int
    /// Maximum UTF-8 size of a state's input/output, a task's result and the execution's output (AWS: 256 KiB).
    package var maximumPayloadBytes: Int
    /// Maximum total size of the variables in scope (AWS: 10 MiB).
    package var maximumVariableBytes: Int = 10 * 1_048_576
    /// Seed of the execution's deterministic random source (`States.UUID`, `States.MathRandom`, retry jitter).
    package var randomSeed: UInt64

    /// Creates options.
    package init(recordHistory: Bool = true, maximumHistoryEvents: Int = 25_000, maximumPayloadBytes: Int = 262_144,
                 randomSeed: UInt64 = 0x5EED) {
        self.recordHistory = recordHistory
        self.maximumHistoryEvents = maximumHistoryEvents
        self.maximumPayloadBytes = maximumPayloadBytes
        self.randomSeed = randomSeed
    }
}
