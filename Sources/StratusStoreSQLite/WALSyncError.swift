// WALSyncError: why a write-ahead log could not be made durable.

/// The WAL file could not be made durable; the transactions waiting for it may be lost on an OS crash.
package struct WALSyncError: Error, CustomStringConvertible {
    /// The WAL file.
    package let path: String
    /// The system call that failed (`open`, `fdatasync`).
    package let operation: String
    /// `errno`.
    package let code: Int32

    package var description: String { "\(operation) of \(path) failed with errno \(code)" }
}
