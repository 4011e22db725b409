// SQLiteEventBridgeStore: the EventBridge storage port on one SQLite database.
import Foundation
import GRDB
import StratusEventBridge
import Synchronization

/// ``EventBridgeStore`` on a ``SQLiteDatabase`` (normally `SQLiteStoreFactory.database(for: "events")`).
///
/// Guarantees: every write goes through the database's group commit, one savepoint per call, so a returned call
/// is durable and a failed one changed nothing; the schema is migrated on first use.
package final class SQLiteEventBridgeStore: PreparedSQLiteStore, EventBridgeStore {
    let database: SQLiteDatabase
    private let migration = MigrationOnce(SQLiteEventBridgeSchema.migrations)

    /// A store on `database`.
    package init(database: SQLiteDatabase) {
        self.database = database
    }

    /// Applies the schema migrations (done automatically on first use; call it to fail early).
    package func prepare() async throws {
        try await migration.run(on: database)
    }

    package func createBus(_ bus: EventBusRecord) async throws -> Bool {
        let text = try StoredJSON.encode(bus)
        return try await write { db -> Bool in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM events_buses WHERE arn = ?", arguments: [bus.arn]) != true else {
                return false
            }
            try db.execute(sql: "INSERT INTO events_buses (arn, account_id, region, name, record) VALUES (?, ?, ?, ?, ?)",
                           arguments: [bus.arn, bus.accountID, bus.region, bus.name, text])
            return true
        }
    }

    package func bus(arn: String) async throws -> EventBusRecord? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT record FROM events_buses WHERE arn = ?", arguments: [arn])
                .map { try StoredJSON.decode(EventBusRecord.self, $0) }
        }
    }

    package func buses(accountID: String, region: String) async throws -> [EventBusRecord] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT record FROM events_buses WHERE account_id = ? AND region = ? ORDER BY name",
                                arguments: [accountID, region])
                .map { try StoredJSON.decode(EventBusRecord.self, $0) }
        }
    }

    package func updateBus(arn: String, _ change: @escaping @Sendable (inout EventBusRecord) throws -> Void) async throws
        -> EventBusRecord?
    {
        try await write { db -> EventBusRecord? in
            guard let text = try String.fetchOne(db, sql: "SELECT record FROM events_buses WHERE arn = ?", arguments: [arn])
            else { return nil }
            var bus = try StoredJSON.decode(EventBusRecord.self, text)
            try change(&bus)
            try db.execute(sql: "UPDATE events_buses SET record = ? WHERE arn = ?", arguments: [try StoredJSON.encode(bus), arn])
            return bus
        }
    }

    package func deleteBus(arn: String) async throws -> Bool {
        try await write { db -> Bool in
            try db.execute(sql: "DELETE FROM events_rules WHERE bus_arn = ?", arguments: [arn])
            try db.execute(sql: "DELETE FROM events_buses WHERE arn = ?", arguments: [arn])
            return db.changesCount > 0
        }
    }

    package func putRule(_ rule: EventRuleRecord) async throws {
        let text = try StoredJSON.encode(rule)
        try await write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO events_rules (arn, bus_arn, name, scheduled, record) VALUES (?, ?, ?, ?, ?)
                """, arguments: [rule.arn, rule.busARN, rule.name, rule.scheduleExpression != nil, text])
        }
    }

    package func rule(arn: String) async throws -> EventRuleRecord? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT record FROM events_rules WHERE arn = ?", arguments: [arn])
                .map { try StoredJSON.decode(EventRuleRecord.self, $0) }
        }
    }

    package func rules(busARN: String) async throws -> [EventRuleRecord] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT record FROM events_rules WHERE bus_arn = ? ORDER BY name", arguments: [busARN])
                .map { try StoredJSON.decode(EventRuleRecord.self, $0) }
        }
    }

    package func scheduledRules() async throws -> [EventRuleRecord] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT record FROM events_rules WHERE scheduled = 1 ORDER BY arn")
                .map { try StoredJSON.decode(EventRuleRecord.self, $0) }
        }
    }

    package func updateRule(arn: String, _ change: @escaping @Sendable (inout EventRuleRecord) throws -> Void) async throws
        -> EventRuleRecord?
    {
        try await write { db -> EventRuleRecord? in
            guard let text = try String.fetchOne(db, sql: "SELECT record FROM events_rules WHERE arn = ?", arguments: [arn])
            else { return nil }
            var rule = try StoredJSON.decode(EventRuleRecord.self, text)
            try change(&rule)
            try db.execute(sql: "UPDATE events_rules SET record = ?, scheduled = ? WHERE arn = ?",
                           arguments: [try StoredJSON.encode(rule), rule.scheduleExpression != nil, arn])
            return rule
        }
    }

    package func deleteRule(arn: String) async throws -> Bool {
        try await write { db -> Bool in
            try db.execute(sql: "DELETE FROM events_rules WHERE arn = ?", arguments: [arn])
            return db.changesCount > 0
        }
    }
}
