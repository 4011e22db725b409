// SQLiteStepFunctionsStore: the Step Functions storage port on one SQLite database.
import Foundation
import GRDB
import StratusStepFunctions
import Synchronization

/// ``StepFunctionsStore`` on a ``SQLiteDatabase`` (normally `SQLiteStoreFactory.database(for: "stepfunctions")`).
///
/// Guarantees: every write goes through the database's group commit, so a returned call is durable and a failed
/// one changed nothing; insert-unless-exists is one statement, so two concurrent creates of one name cannot both
/// insert; the schema is migrated on first use. State machine records read are cached in memory (this store is
/// their only writer; a write drops the cached record once it committed or failed); call
/// ``invalidateCaches()`` after wiping the database behind the store's back (`/_stratus/reset`).
package final class SQLiteStepFunctionsStore: PreparedSQLiteStore, StepFunctionsStore {
    let database: SQLiteDatabase
    private let migration = MigrationOnce(SQLiteStepFunctionsSchema.migrations)
    private struct RecordCache {
        var records: [String: StateMachineRecord] = [:]
        var version: UInt64 = 0
    }
    private let recordCache = Mutex(RecordCache())

    /// A store on `database`.
    package init(database: SQLiteDatabase) {
        self.database = database
    }

    /// Applies the schema migrations (done automatically on first use; call it to fail early).
    package func prepare() async throws {
        try await migration.run(on: database)
    }

    /// Forgets every cached state machine record.
    package func invalidateCaches() {
        recordCache.withLock { cache in
            cache.records.removeAll(keepingCapacity: true)
            cache.version &+= 1
        }
    }

    /// A write that changes the record of `arn`: its cached copy is dropped once the write committed (or failed).
    private func recordWrite<T: Sendable>(arn: String, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        defer {
            recordCache.withLock { cache in
                cache.records.removeValue(forKey: arn)
                cache.version &+= 1
            }
        }
        return try await write(body)
    }

    /// The state machines' table.
    static let stateMachines = SQLiteRecordTable(name: "sfn_state_machines")

    /// Inserts the record unless its ARN exists (one statement); then returns the stored one.
    package func insertStateMachine(_ record: StateMachineRecord) async throws -> StateMachineInsertOutcome {
        let document = try SQLiteRecordTable.encode(record)
        return try await recordWrite(arn: record.arn) { database in
            guard let existing = try Self.stateMachines.insertUnlessExists(
                database, arn: record.arn, accountID: record.accountID, region: record.region, name: record.name,
                document: document)
            else { return .inserted }
            return .existing(try SQLiteRecordTable.decode(existing, as: StateMachineRecord.self))
        }
    }

    /// The state machine with this ARN, if any.
    package func stateMachine(arn: String) async throws -> StateMachineRecord? {
        let (cached, version) = recordCache.withLock { ($0.records[arn], $0.version) }
        if let cached { return cached }
        let text = try await read { database in try Self.stateMachines.record(database, arn: arn) }
        guard let record = try text.map({ try SQLiteRecordTable.decode($0, as: StateMachineRecord.self) }) else {
            return nil
        }
        // Cached only if no write happened meanwhile (it might have changed the row after this read).
        recordCache.withLock { cache in
            if cache.version == version { cache.records[arn] = record }
        }
        return record
    }

    /// Replaces the record with the same ARN; `false` if there is none.
    package func replaceStateMachine(_ record: StateMachineRecord) async throws -> Bool {
        let document = try SQLiteRecordTable.encode(record)
        return try await recordWrite(arn: record.arn) { database in
            try Self.stateMachines.replace(database, arn: record.arn, document: document)
        }
    }

    /// Deletes by ARN; `false` if there was nothing to delete.
    package func deleteStateMachine(arn: String) async throws -> Bool {
        try await recordWrite(arn: arn) { database in try Self.stateMachines.delete(database, arn: arn) }
    }

    /// Up to `limit` state machines of an account and region after `afterName`, by name.
    package func stateMachines(
        accountID: String, region: String, afterName: String?, limit: Int
    ) async throws -> [StateMachineRecord] {
        let texts = try await read { database in
            try Self.stateMachines.page(database, accountID: accountID, region: region, afterName: afterName, limit: limit)
        }
        return try texts.map { try SQLiteRecordTable.decode($0, as: StateMachineRecord.self) }
    }
}
