import StratusServiceKit

/// The services Stratus serves, with what each one can do and how to wipe its state.
package struct ServiceRegistry: Sendable {
    /// One registered service.
    package struct Entry: Sendable {
        /// Answers the service's operations.
        package let handler: any AWSServiceHandler
        /// `true` when a real implementation is registered, `false` when every operation answers `NotImplemented`.
        package let isImplemented: Bool
        /// Wipes the service's state (`/_stratus/reset`).
        package let reset: @Sendable () async throws -> Void
    }

    /// The entries, in a stable order.
    package private(set) var entries: [Entry] = []

    package init() {}

    /// Adds a service.
    package mutating func register(
        _ handler: any AWSServiceHandler, isImplemented: Bool, reset: @escaping @Sendable () async throws -> Void = {}
    ) {
        entries.append(Entry(handler: handler, isImplemented: isImplemented, reset: reset))
    }

    /// Other state to wipe on reset (shared storage), run after the services' own resets.
    package private(set) var additionalResets: [@Sendable () async throws -> Void] = []

    /// Adds state to wipe on reset.
    package mutating func onReset(_ reset: @escaping @Sendable () async throws -> Void) {
        additionalResets.append(reset)
    }

    /// The handlers, for the wire gateway.
    package var handlers: [any AWSServiceHandler] { entries.map(\.handler) }

    /// Wipes the state of every service.
    package func resetAll() async throws {
        for entry in entries { try await entry.reset() }
        for reset in additionalResets { try await reset() }
    }
}
