// SchemaMigration: one named, append-only, plain-SQL schema step.

/// One schema migration: a unique name and the plain SQL it runs (one or more statements).
///
/// Guarantees: applied at most once per database, in list order, inside a transaction; once released a
/// migration is never edited or removed, only new ones are appended (a database that has applied a name this
/// build does not list is refused, see ``SQLiteDatabase/migrate(_:)``).
package struct SchemaMigration: Sendable, Equatable {
    /// The unique, stable name, e.g. `"001-create-queues"`.
    package var name: String
    /// The SQL to execute.
    package var sql: String

    /// Creates a migration.
    package init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }
}
