import Foundation

/// Tells the current wall-clock time. Injected wherever Stratus needs "now", so tests can fix time.
package protocol WallClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The machine's clock.
package struct SystemWallClock: WallClock {
    package init() {}
    package func now() -> Date { Date() }
}

/// A clock that always answers the same instant (tests).
package struct FixedWallClock: WallClock {
    /// The instant this clock reports.
    package let instant: Date
    package init(_ instant: Date) { self.instant = instant }
    package func now() -> Date { instant }
}
