// SQLiteLambdaStore+Queue: event source mappings and the asynchronous-invocation queue.
import GRDB
import StratusLambda

extension SQLiteLambdaStore {
    // MARK: Event source mappings

    /// The ``LambdaStore`` requirement of the same name, in one transaction.
    package func createEventSourceMapping(_ mapping: LambdaEventSourceMappingRecord) async throws {
        let text = try StoredJSON.encode(mapping)
        try await write { database in
            try database.execute(
                sql: "INSERT INTO lambda_event_source_mappings (uuid, record) VALUES (?, ?)",
                arguments: [mapping.uuid, text])
        }
    }

    /// The ``LambdaStore`` requirement of the same name, in one transaction.
    package func eventSourceMapping(uuid: String) async throws -> LambdaEventSourceMappingRecord? {
        try await read { database in
            try String.fetchOne(
                database, sql: "SELECT record FROM lambda_event_source_mappings WHERE uuid = ?", arguments: [uuid]
            ).map { try StoredJSON.decode(LambdaEventSourceMappingRecord.self, $0) }
        }
    }

    /// The ``LambdaStore`` requirement of the same name, in one transaction.
    package func eventSourceMappings() async throws -> [LambdaEventSourceMappingRecord] {
        try await read { database in
            try String.fetchAll(database, sql: "SELECT record FROM lambda_event_source_mappings ORDER BY id")
                .map { try StoredJSON.decode(LambdaEventSourceMappingRecord.self, $0) }
        }
    }

    /// The ``LambdaStore`` requirement of the same name, in one transaction.
    package func updateEventSourceMapping(
        uuid: String, _ change: @escaping @Sendable (inout LambdaEventSourceMappingRecord) throws -> Void
    ) async throws -> LambdaEventSourceMappingRecord? {
        try await write { database in
            guard let text = try String.fetchOne(
                database, sql: "SELECT record FROM lambda_event_source_mappings WHERE uuid = ?", arguments: [uuid])
            else { return nil }
            var record = try StoredJSON.decode(LambdaEventSourceMappingRecord.self, text)
            try change(&record)
            try database.execute(
                sql: "UPDATE lambda_event_source_mappings SET record = ? WHERE uuid = ?",
                arguments: [try StoredJSON.encode(record), uuid])
            return record
        }
    }

    /// The ``LambdaStore`` requirement of the same name, in one transaction.
    package func deleteEventSourceMapping(uuid: String) async throws -> LambdaEventSourceMappingRecord? {
        try await write { database in
            guard let text = try String.fetchOne(
                database, sql: "SELECT record FROM lambda_event_source_mappings WHERE uuid = ?", arguments: [uuid])
            else { return nil }
            try database.execute(sql: "DELETE FROM lambda_event_source_mappings WHERE uuid = ?", arguments: [uuid])
            return try StoredJSON.decode(LambdaEventSourceMappingRecord.self, text)
        }
    }

    // MARK: Asynchronous invocations

    /// The ``LambdaStore`` requirement of the same name, in one transaction.
    package func enqueueAsyncInvocation(_ invocation: LambdaAsyncInvocationRecord) async throws {
        let text = try StoredJSON.encode(invocation)
        try await write { database in
            try database.execute(
                sql: "INSERT INTO lambda_async_invocations (id, due_at, record) VALUES (?, ?, ?)",
                arguments: [invocation.id, invocation.dueAt, text])
        }
    }

    /// The ``LambdaStore`` requirement of the same name, in one transaction.
    package func claimAsyncInvocations(now: Int64, leaseUntil: Int64, limit: Int) async throws
        -> [LambdaAsyncInvocationRecord]
    {
        try await write { database in
            let rows = try Row.fetchAll(
                database,
                sql: "SELECT id, record FROM lambda_async_invocations WHERE due_at <= ? ORDER BY due_at, id LIMIT ?",
                arguments: [now, limit])
            var claimed: [LambdaAsyncInvocationRecord] = []
            for row in rows {
                var record = try StoredJSON.decode(LambdaAsyncInvocationRecord.self, row["record"])
                record.dueAt = leaseUntil
                try database.execute(
                    sql: "UPDATE lambda_async_invocations SET due_at = ?, record = ? WHERE id = ?",
                    arguments: [leaseUntil, try StoredJSON.encode(record), record.id])
                claimed.append(record)
            }
            return claimed
        }
    }

    /// The ``LambdaStore`` requirement of the same name, in one transaction.
    package func rescheduleAsyncInvocation(id: String, attempts: Int, dueAt: Int64) async throws {
        try await write { database in
            guard let text = try String.fetchOne(
                database, sql: "SELECT record FROM lambda_async_invocations WHERE id = ?", arguments: [id])
            else { return }
            var record = try StoredJSON.decode(LambdaAsyncInvocationRecord.self, text)
            record.attempts = attempts
            record.dueAt = dueAt
            try database.execute(
                sql: "UPDATE lambda_async_invocations SET due_at = ?, record = ? WHERE id = ?",
                arguments: [dueAt, try StoredJSON.encode(record), id])
        }
    }

    /// The ``LambdaStore`` requirement of the same name, in one transaction.
    package func finishAsyncInvocation(id: String) async throws {
        try await write { database in
            try database.execute(sql: "DELETE FROM lambda_async_invocations WHERE id = ?", arguments: [id])
        }
    }

    /// The ``LambdaStore`` requirement of the same name, in one transaction.
    package func nextAsyncInvocationDue() async throws -> Int64? {
        try await read { database in
            try Int64.fetchOne(database, sql: "SELECT min(due_at) FROM lambda_async_invocations")
        }
    }
}
