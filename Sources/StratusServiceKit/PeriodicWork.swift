import ServiceLifecycle

/// The loop of a service that does some work every so often until the server stops.
///
/// Guarantees: `work` runs at once, then again `interval` after each run that returns `false`, and again
/// immediately after one that returns `true` (more is waiting); the loop ends at graceful shutdown or
/// cancellation — at once when it is pausing, never in the middle of a run.
package enum PeriodicWork {
    /// Runs `work` as described above; returns when the server shuts down.
    package static func run(every interval: Duration, _ work: () async -> Bool) async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if await work() { continue }
            // The pause ends at graceful shutdown too, so a long interval never holds up the server's shutdown.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}
