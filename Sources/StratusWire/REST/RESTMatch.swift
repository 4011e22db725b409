import StratusServiceKit

/// The operation a REST request was routed to, with its URI labels (percent-decoded, keyed by label name).
package struct RESTMatch: Sendable {
    /// The chosen operation.
    package let operation: OperationSchema
    /// Label name → decoded value (greedy labels keep their `/` separators).
    package let labels: [String: String]

    /// A match of `operation` with its decoded `labels`.
    package init(operation: OperationSchema, labels: [String: String]) {
        self.operation = operation
        self.labels = labels
    }
}
