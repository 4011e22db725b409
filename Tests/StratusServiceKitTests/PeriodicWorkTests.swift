import Logging
import ServiceLifecycle
import StratusServiceKit
import Synchronization
import Testing

/// The loop of periodic services: runs at once, again at once while more is waiting, and ends at graceful
/// shutdown even in the middle of a long pause.
@Suite struct PeriodicWorkTests {
    /// A service doing its work every hour, with `backlog` runs' worth waiting at the start.
    private final class Hourly: Service, Sendable {
        let runs = Mutex(0)
        let backlog: Mutex<Int>

        init(backlog: Int) { self.backlog = Mutex(backlog) }

        func run() async throws {
            await PeriodicWork.run(every: .seconds(3_600)) {
                runs.withLock { $0 += 1 }
                return backlog.withLock { backlog in
                    guard backlog > 0 else { return false }
                    backlog -= 1
                    return true
                }
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aLongPauseEndsAtGracefulShutdown() async throws {
        let service = Hourly(backlog: 2)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: service)], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            // Two runs find more waiting, the third pauses for an hour; shutdown must end that pause.
            while service.runs.withLock({ $0 }) < 3 { try await Task.sleep(for: .milliseconds(10)) }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(service.runs.withLock { $0 } == 3)
    }
}
