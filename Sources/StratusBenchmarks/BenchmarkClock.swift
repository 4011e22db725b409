/// Repeats a piece of work on the monotonic clock (`ContinuousClock`) until a minimum time has passed.
///
/// Guarantees: at least one warm-up run that is not measured, then at least one measured run; the reported time
/// covers only measured runs.
struct BenchmarkClock {
    /// The minimum measured time per case.
    var minimumSeconds: Double

    /// What repeating the work measured.
    struct Result {
        /// Measured runs.
        var runs: Int
        /// Their total time, in seconds.
        var seconds: Double
    }

    /// Runs `work` once to warm up, then repeatedly until `minimumSeconds` have passed.
    func measure(_ work: () -> Void) -> Result {
        work()
        let clock = ContinuousClock()
        let start = clock.now
        var runs = 0
        var elapsed = 0.0
        repeat {
            work()
            runs += 1
            elapsed = Self.seconds(clock.now - start)
        } while elapsed < minimumSeconds
        return Result(runs: runs, seconds: elapsed)
    }

    /// A duration in seconds.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
