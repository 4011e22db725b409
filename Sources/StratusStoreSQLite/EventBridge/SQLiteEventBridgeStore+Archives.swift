// SQLiteEventBridgeStore+Archives: archives with their events, and replays.
import GRDB
import StratusEventBridge

extension SQLiteEventBridgeStore {
    package func createArchive(_ archive: EventArchiveRecord) async throws -> Bool {
        let text = try StoredJSON.encode(archive)
        return try await write { db -> Bool in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM events_archives WHERE arn = ?", arguments: [archive.arn]) != true
            else { return false }
            try db.execute(sql: """
                INSERT INTO events_archives (arn, account_id, region, name, bus_arn, record) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [archive.arn, archive.accountID, archive.region, archive.name, archive.busARN, text])
            return true
        }
    }

    package func archive(arn: String) async throws -> EventArchiveRecord? {
        try await record(EventArchiveRecord.self, table: "events_archives", arn: arn)
    }

    package func archives(accountID: String, region: String) async throws -> [EventArchiveRecord] {
        try await records(EventArchiveRecord.self, table: "events_archives", accountID: accountID, region: region)
    }

    package func archives(busARN: String) async throws -> [EventArchiveRecord] {
        try await read { db in
            try String.fetchAll(db, sql: "SELECT record FROM events_archives WHERE bus_arn = ? ORDER BY name", arguments: [busARN])
                .map { try StoredJSON.decode(EventArchiveRecord.self, $0) }
        }
    }

    package func updateArchive(arn: String, _ change: @escaping @Sendable (inout EventArchiveRecord) throws -> Void)
        async throws -> EventArchiveRecord?
    {
        try await update(EventArchiveRecord.self, table: "events_archives", arn: arn, change)
    }

    package func deleteArchive(arn: String) async throws -> Bool {
        try await write { db -> Bool in
            try db.execute(sql: "DELETE FROM events_archived_events WHERE archive_arn = ?", arguments: [arn])
            try db.execute(sql: "DELETE FROM events_archives WHERE arn = ?", arguments: [arn])
            return db.changesCount > 0
        }
    }

    package func appendArchivedEvent(archiveARN: String, _ event: ArchivedEvent, forgetBefore: Int64?) async throws {
        try await write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM events_archives WHERE arn = ?", arguments: [archiveARN]) == true
            else { return }
            try db.execute(sql: "INSERT INTO events_archived_events (archive_arn, event_time, event) VALUES (?, ?, ?)",
                           arguments: [archiveARN, event.time, event.event])
            if let forgetBefore {
                try db.execute(sql: "DELETE FROM events_archived_events WHERE archive_arn = ? AND event_time < ?",
                               arguments: [archiveARN, forgetBefore])
            }
        }
    }

    package func archivedEvents(archiveARN: String, from: Int64, to: Int64) async throws -> [ArchivedEvent] {
        try await read { db in
            try Row.fetchAll(db, sql: """
                SELECT event_time, event FROM events_archived_events
                WHERE archive_arn = ? AND event_time >= ? AND event_time < ? ORDER BY event_time, seq
                """, arguments: [archiveARN, from, to])
                .map { ArchivedEvent(time: $0[0], event: $0[1]) }
        }
    }

    package func archiveSize(archiveARN: String) async throws -> (count: Int, bytes: Int) {
        try await read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(*), COALESCE(SUM(LENGTH(CAST(event AS BLOB))), 0) FROM events_archived_events WHERE archive_arn = ?
                """, arguments: [archiveARN])
            return (row?[0] ?? 0, row?[1] ?? 0)
        }
    }

    package func createReplay(_ replay: EventReplayRecord) async throws -> Bool {
        let text = try StoredJSON.encode(replay)
        return try await write { db -> Bool in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM events_replays WHERE arn = ?", arguments: [replay.arn]) != true
            else { return false }
            try db.execute(sql: "INSERT INTO events_replays (arn, account_id, region, name, record) VALUES (?, ?, ?, ?, ?)",
                           arguments: [replay.arn, replay.accountID, replay.region, replay.name, text])
            return true
        }
    }

    package func replay(arn: String) async throws -> EventReplayRecord? {
        try await record(EventReplayRecord.self, table: "events_replays", arn: arn)
    }

    package func replays(accountID: String, region: String) async throws -> [EventReplayRecord] {
        try await records(EventReplayRecord.self, table: "events_replays", accountID: accountID, region: region)
    }

    package func updateReplay(arn: String, _ change: @escaping @Sendable (inout EventReplayRecord) throws -> Void)
        async throws -> EventReplayRecord?
    {
        try await update(EventReplayRecord.self, table: "events_replays", arn: arn, change)
    }
}
