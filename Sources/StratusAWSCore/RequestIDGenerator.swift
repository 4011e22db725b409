import Foundation

/// Produces request ids. Injected so tests can predict them.
package protocol RequestIDGenerator: Sendable {
    /// A new id, unique for the life of the process.
    func next() -> String
}

/// Random UUIDs in AWS's lowercase form (`c6fbd4f8-...`), as most services return in `x-amzn-RequestId`.
package struct RandomRequestIDGenerator: RequestIDGenerator {
    package init() {}
    package func next() -> String { UUID().uuidString.lowercased() }
}
