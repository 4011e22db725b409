/// Produces request ids. Injected so tests can predict them.
package protocol RequestIDGenerator: Sendable {
    /// A new id, unique for the life of the process.
    func next() -> String
}

/// Random version-4 UUIDs in lowercase (`4f0c…-…`), the form AWS uses for request and message ids, drawn from
/// the system's random number generator without opening files (Foundation's `UUID()` reads `/dev/urandom` on
/// Linux for every id).
///
/// Guarantees: 122 random bits per id, so ids are unique in practice.
package struct RandomRequestIDGenerator: RequestIDGenerator {
    package init() {}

    /// A new id.
    package func next() -> String {
        var generator = SystemRandomNumberGenerator()
        return UUIDText.version4(high: generator.next(), low: generator.next())
    }
}
