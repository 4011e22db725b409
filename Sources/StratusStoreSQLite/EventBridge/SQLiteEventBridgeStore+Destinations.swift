// SQLiteEventBridgeStore+Destinations: connections and API destinations.
import GRDB
import StratusEventBridge

extension SQLiteEventBridgeStore {
    /// Inserts a JSON record into `table` unless the account and region have one of its name.
    private func insertNamed(table: String, arn: String, accountID: String, region: String, name: String, text: String)
        async throws -> Bool
    {
        try await write { db -> Bool in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM \(table) WHERE account_id = ? AND region = ? AND name = ?",
                                    arguments: [accountID, region, name]) != true else { return false }
            try db.execute(sql: "INSERT INTO \(table) (arn, account_id, region, name, record) VALUES (?, ?, ?, ?, ?)",
                           arguments: [arn, accountID, region, name, text])
            return true
        }
    }

    private func delete(table: String, arn: String) async throws -> Bool {
        try await write { db -> Bool in
            try db.execute(sql: "DELETE FROM \(table) WHERE arn = ?", arguments: [arn])
            return db.changesCount > 0
        }
    }

    package func createConnection(_ connection: EventConnectionRecord) async throws -> Bool {
        try await insertNamed(table: "events_connections", arn: connection.arn, accountID: connection.accountID,
                              region: connection.region, name: connection.name, text: try StoredJSON.encode(connection))
    }

    package func connections(accountID: String, region: String) async throws -> [EventConnectionRecord] {
        try await records(EventConnectionRecord.self, table: "events_connections", accountID: accountID, region: region)
    }

    package func connection(arn: String) async throws -> EventConnectionRecord? {
        try await record(EventConnectionRecord.self, table: "events_connections", arn: arn)
    }

    package func updateConnection(arn: String, _ change: @escaping @Sendable (inout EventConnectionRecord) throws -> Void)
        async throws -> EventConnectionRecord?
    {
        try await update(EventConnectionRecord.self, table: "events_connections", arn: arn, change)
    }

    package func deleteConnection(arn: String) async throws -> Bool {
        try await delete(table: "events_connections", arn: arn)
    }

    package func createApiDestination(_ destination: EventApiDestinationRecord) async throws -> Bool {
        try await insertNamed(table: "events_api_destinations", arn: destination.arn, accountID: destination.accountID,
                              region: destination.region, name: destination.name, text: try StoredJSON.encode(destination))
    }

    package func apiDestinations(accountID: String, region: String) async throws -> [EventApiDestinationRecord] {
        try await records(EventApiDestinationRecord.self, table: "events_api_destinations", accountID: accountID, region: region)
    }

    package func apiDestination(arn: String) async throws -> EventApiDestinationRecord? {
        try await record(EventApiDestinationRecord.self, table: "events_api_destinations", arn: arn)
    }

    package func updateApiDestination(
        arn: String, _ change: @escaping @Sendable (inout EventApiDestinationRecord) throws -> Void
    ) async throws -> EventApiDestinationRecord? {
        try await update(EventApiDestinationRecord.self, table: "events_api_destinations", arn: arn, change)
    }

    package func deleteApiDestination(arn: String) async throws -> Bool {
        try await delete(table: "events_api_destinations", arn: arn)
    }
}
