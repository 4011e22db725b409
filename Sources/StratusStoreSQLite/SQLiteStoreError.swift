// SQLiteStoreError: failures of the SQLite storage machinery itself (not of the SQL a service runs).

/// An error raised by the storage machinery: opening, migrating, naming, closing.
///
/// Guarantees: errors from a service's own SQL are passed through unchanged (GRDB's `DatabaseError`); this type
/// is only for the machinery's rules.
package struct SQLiteStoreError: Error, Sendable, Equatable {
    /// The kind of failure.
    package enum Code: Sendable, Equatable {
        /// The database has applied migrations this build does not know: it was migrated by a newer Stratus.
        case migratedByNewerBuild
        /// The migration list is invalid (duplicate or empty names).
        case invalidMigrations
        /// A service name that cannot be a file name (`[a-z0-9-]` only).
        case invalidServiceName
        /// A file-backed store was requested without a data directory.
        case missingDataDirectory
        /// The database or factory was closed.
        case closed
    }

    /// The kind of failure.
    package var code: Code
    /// What exactly was wrong.
    package var message: String

    /// Creates an error.
    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }
}
