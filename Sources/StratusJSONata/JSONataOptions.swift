/// Evaluation settings for ``JSONataExpression/evaluate(input:bindings:options:)``: injected time and randomness,
/// guards, and the AWS Step Functions dialect.
///
/// Guarantees: the evaluator reads no clock and no randomness except through these closures (with one documented
/// exception: without `random`, `$random`/`$shuffle`/`$uuid` use the system random generator).
public struct JSONataOptions: Sendable {
    /// Milliseconds since the Unix epoch, read **once** per evaluation for `$now()` and `$millis()` (as jsonata-js
    /// fixes one timestamp per evaluation). When nil, those functions raise `D3150`.
    public var currentTime: (@Sendable () -> Double)?
    /// A random double in `[0, 1)` for `$random()`, `$shuffle()` and `$uuid()`.
    public var random: (@Sendable () -> Double)?
    /// Makes the text of a v4 UUID for `$uuid()` (AWS mode); when nil one is built from `random`.
    public var makeUUID: (@Sendable () -> String)?
    /// The maximum nesting of evaluation steps before `U1001`. It guards non-tail recursion (about three steps per
    /// call) so that evaluation stops before the thread stack overflows: each step takes about 0.5 KB of stack in
    /// release builds and about 3 KB in debug builds (measured), so the default needs about 0.5 MB (release) or
    /// 3 MB (debug) of stack at worst.
    public var maximumDepth: Int
    /// A time budget in milliseconds, measured with `monotonicClock`; exceeding it raises `U1001`.
    public var timeLimitMilliseconds: Double?
    /// A monotonic clock in milliseconds used for `timeLimitMilliseconds`.
    public var monotonicClock: (@Sendable () -> Double)?
    /// The AWS Step Functions dialect: adds `$partition`, `$range`, `$hash`, `$random(seed)`, `$uuid`, `$parse`,
    /// removes `$eval`, and rejects the JSONata 2.1 operators `?:` and `??` (they do not parse).
    public var awsStepFunctions: Bool

    /// Creates options; the defaults inject nothing, allow a depth of 1,000 and use standard JSONata.
    public init(currentTime: (@Sendable () -> Double)? = nil, random: (@Sendable () -> Double)? = nil,
                makeUUID: (@Sendable () -> String)? = nil, maximumDepth: Int = 1_000,
                timeLimitMilliseconds: Double? = nil, monotonicClock: (@Sendable () -> Double)? = nil,
                awsStepFunctions: Bool = false) {
        self.currentTime = currentTime
        self.random = random
        self.makeUUID = makeUUID
        self.maximumDepth = maximumDepth
        self.timeLimitMilliseconds = timeLimitMilliseconds
        self.monotonicClock = monotonicClock
        self.awsStepFunctions = awsStepFunctions
    }
}
