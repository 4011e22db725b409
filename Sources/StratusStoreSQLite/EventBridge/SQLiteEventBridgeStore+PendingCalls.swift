// SQLiteEventBridgeStore+PendingCalls: the API destination calls still to make.
import GRDB
import StratusEventBridge

extension SQLiteEventBridgeStore {
    package func enqueueCall(_ call: EventPendingCall, dueAt: Int64) async throws {
        let text = try StoredJSON.encode(call)
        try await write { db in
            try db.execute(sql: "INSERT INTO events_pending_calls (due_at, record) VALUES (?, ?)", arguments: [dueAt, text])
        }
    }

    package func claimDueCalls(now: Int64, limit: Int) async throws -> [EventPendingCall] {
        try await write { db -> [EventPendingCall] in
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, record FROM events_pending_calls WHERE claimed = 0 AND due_at <= ? ORDER BY due_at, id LIMIT ?
                """, arguments: [now, limit])
            var calls: [EventPendingCall] = []
            for row in rows {
                let id: Int64 = row[0]
                var call = try StoredJSON.decode(EventPendingCall.self, row[1])
                call.id = id
                try db.execute(sql: "UPDATE events_pending_calls SET claimed = 1 WHERE id = ?", arguments: [id])
                calls.append(call)
            }
            return calls
        }
    }

    package func rescheduleCall(_ call: EventPendingCall, dueAt: Int64) async throws {
        let text = try StoredJSON.encode(call)
        try await write { db in
            try db.execute(sql: "UPDATE events_pending_calls SET claimed = 0, due_at = ?, record = ? WHERE id = ?",
                           arguments: [dueAt, text, call.id])
        }
    }

    package func removeCall(id: Int64) async throws {
        try await write { db in try db.execute(sql: "DELETE FROM events_pending_calls WHERE id = ?", arguments: [id]) }
    }

    package func releaseClaimedCalls() async throws {
        try await write { db in try db.execute(sql: "UPDATE events_pending_calls SET claimed = 0 WHERE claimed = 1") }
    }
}
