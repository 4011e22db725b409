// SQLiteStepFunctionsStoreError: inconsistencies the Step Functions adapter detects in its own tables.

/// An inconsistency found by ``SQLiteStepFunctionsStore`` (never expected; reported rather than papered over).
package enum SQLiteStepFunctionsStoreError: Error, Sendable, Equatable {
    /// An insert conflicted on an ARN whose row could then not be read.
    case missingConflictingRow(arn: String)
}
