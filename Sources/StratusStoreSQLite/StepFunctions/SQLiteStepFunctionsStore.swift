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
package final class SQLiteStepFunctionsStore: StepFunctionsStore {
    let database: SQLiteDatabase
    private let migrated = Mutex(false)
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
        if migrated.withLock({ $0 }) { return }
        try await database.migrate(SQLiteStepFunctionsSchema.migrations)
        migrated.withLock { $0 = true }
    }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await prepare()
        return try await database.write(body)
    }

    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await prepare()
        return try await database.read(body)
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

    static func encode(_ record: StateMachineRecord) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(record), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> StateMachineRecord {
        try JSONDecoder().decode(StateMachineRecord.self, from: Data(text.utf8))
    }

    /// Inserts the record unless its ARN exists (one statement); then returns the stored one.
    package func insertStateMachine(_ record: StateMachineRecord) async throws -> StateMachineInsertOutcome {
        let document = try Self.encode(record)
        return try await recordWrite(arn: record.arn) { database in
            try database.execute(
                sql: """
                    INSERT INTO sfn_state_machines (arn, account_id, region, name, record) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (arn) DO NOTHING
                    """,
                arguments: [record.arn, record.accountID, record.region, record.name, document])
            if database.changesCount > 0 { return .inserted }
            guard let text = try String.fetchOne(
                database, sql: "SELECT record FROM sfn_state_machines WHERE arn = ?", arguments: [record.arn])
            else { throw SQLiteStepFunctionsStoreError.missingConflictingRow(arn: record.arn) }
            return .existing(try Self.decode(text))
        }
    }

    /// The state machine with this ARN, if any.
    package func stateMachine(arn: String) async throws -> StateMachineRecord? {
        let (cached, version) = recordCache.withLock { ($0.records[arn], $0.version) }
        if let cached { return cached }
        let text = try await read { database in
            try String.fetchOne(database, sql: "SELECT record FROM sfn_state_machines WHERE arn = ?", arguments: [arn])
        }
        guard let record = try text.map(Self.decode) else { return nil }
        // Cached only if no write happened meanwhile (it might have changed the row after this read).
        recordCache.withLock { cache in
            if cache.version == version { cache.records[arn] = record }
        }
        return record
    }

    /// Replaces the record with the same ARN; `false` if there is none.
    package func replaceStateMachine(_ record: StateMachineRecord) async throws -> Bool {
        let document = try Self.encode(record)
        return try await recordWrite(arn: record.arn) { database in
            try database.execute(
                sql: "UPDATE sfn_state_machines SET record = ? WHERE arn = ?", arguments: [document, record.arn])
            return database.changesCount > 0
        }
    }

    /// Deletes by ARN; `false` if there was nothing to delete.
    package func deleteStateMachine(arn: String) async throws -> Bool {
        try await recordWrite(arn: arn) { database in
            try database.execute(sql: "DELETE FROM sfn_state_machines WHERE arn = ?", arguments: [arn])
            return database.changesCount > 0
        }
    }

    /// Up to `limit` state machines of an account and region after `afterName`, by name.
    package func stateMachines(
        accountID: String, region: String, afterName: String?, limit: Int
    ) async throws -> [StateMachineRecord] {
        let texts = try await read { database in
            try String.fetchAll(
                database,
                sql: """
                    SELECT record FROM sfn_state_machines
                    WHERE account_id = ? AND region = ? AND name > ?
                    ORDER BY name LIMIT ?
                    """,
                arguments: [accountID, region, afterName ?? "", limit])
        }
        return try texts.map(Self.decode)
    }
}
