// SQLiteSNSStore+Phones: mobile push applications, their endpoints and the notifications sent; the SMS sandbox.
import GRDB
import StratusSNS

extension SQLiteSNSStore {
    package func putPlatformApplication(_ application: SNSPlatformApplicationRecord) async throws -> Bool {
        let text = try StoredJSON.encode(application)
        return try await write { db -> Bool in
            let exists = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM sns_platform_applications WHERE arn = ?", arguments: [application.arn]) ?? false
            try db.execute(sql: """
                INSERT OR REPLACE INTO sns_platform_applications (arn, account_id, region, record) VALUES (?, ?, ?, ?)
                """, arguments: [application.arn, application.accountID, application.region, text])
            return !exists
        }
    }

    package func platformApplication(arn: String) async throws -> SNSPlatformApplicationRecord? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT record FROM sns_platform_applications WHERE arn = ?", arguments: [arn])
                .map { try StoredJSON.decode(SNSPlatformApplicationRecord.self, $0) }
        }
    }

    package func platformApplications(accountID: String, region: String, afterARN: String?, limit: Int) async throws
        -> [SNSPlatformApplicationRecord]
    {
        try await read { db in
            try String.fetchAll(db, sql: """
                SELECT record FROM sns_platform_applications WHERE account_id = ? AND region = ? AND arn > ?
                ORDER BY arn LIMIT ?
                """, arguments: [accountID, region, afterARN ?? "", limit])
                .map { try StoredJSON.decode(SNSPlatformApplicationRecord.self, $0) }
        }
    }

    package func updatePlatformApplication(
        arn: String, _ change: @escaping @Sendable (inout SNSPlatformApplicationRecord) throws -> Void
    ) async throws -> SNSPlatformApplicationRecord? {
        try await update(SNSPlatformApplicationRecord.self, table: "sns_platform_applications", arn: arn, change)
    }

    package func deletePlatformApplication(arn: String) async throws -> Bool {
        try await write { db -> Bool in
            try db.execute(sql: "DELETE FROM sns_platform_endpoints WHERE application_arn = ?", arguments: [arn])
            try db.execute(sql: "DELETE FROM sns_platform_applications WHERE arn = ?", arguments: [arn])
            return db.changesCount > 0
        }
    }

    package func createPlatformEndpoint(_ endpoint: SNSPlatformEndpointRecord) async throws -> SNSPlatformEndpointRecord? {
        let text = try StoredJSON.encode(endpoint)
        return try await write { db -> SNSPlatformEndpointRecord? in
            guard try Bool.fetchOne(
                db, sql: "SELECT 1 FROM sns_platform_applications WHERE arn = ?", arguments: [endpoint.applicationARN]) != nil
            else { throw SNSStoreMissing() }
            if let existing = try String.fetchOne(db, sql: """
                SELECT record FROM sns_platform_endpoints WHERE application_arn = ? AND token = ?
                """, arguments: [endpoint.applicationARN, endpoint.token]) {
                return try StoredJSON.decode(SNSPlatformEndpointRecord.self, existing)
            }
            try db.execute(sql: """
                INSERT INTO sns_platform_endpoints (arn, application_arn, token, record) VALUES (?, ?, ?, ?)
                """, arguments: [endpoint.arn, endpoint.applicationARN, endpoint.token, text])
            return nil
        }
    }

    package func platformEndpoint(arn: String) async throws -> SNSPlatformEndpointRecord? {
        try await read { db in
            try String.fetchOne(db, sql: "SELECT record FROM sns_platform_endpoints WHERE arn = ?", arguments: [arn])
                .map { try StoredJSON.decode(SNSPlatformEndpointRecord.self, $0) }
        }
    }

    package func platformEndpoints(applicationARN: String, afterARN: String?, limit: Int) async throws
        -> [SNSPlatformEndpointRecord]
    {
        try await read { db in
            try String.fetchAll(db, sql: """
                SELECT record FROM sns_platform_endpoints WHERE application_arn = ? AND arn > ? ORDER BY arn LIMIT ?
                """, arguments: [applicationARN, afterARN ?? "", limit])
                .map { try StoredJSON.decode(SNSPlatformEndpointRecord.self, $0) }
        }
    }

    package func updatePlatformEndpoint(
        arn: String, _ change: @escaping @Sendable (inout SNSPlatformEndpointRecord) throws -> Void
    ) async throws -> SNSPlatformEndpointRecord? {
        try await write { db -> SNSPlatformEndpointRecord? in
            guard let text = try String.fetchOne(
                db, sql: "SELECT record FROM sns_platform_endpoints WHERE arn = ?", arguments: [arn])
            else { return nil }
            var endpoint = try StoredJSON.decode(SNSPlatformEndpointRecord.self, text)
            try change(&endpoint)
            try db.execute(sql: "UPDATE sns_platform_endpoints SET token = ?, record = ? WHERE arn = ?",
                           arguments: [endpoint.token, try StoredJSON.encode(endpoint), arn])
            return endpoint
        }
    }

    package func deletePlatformEndpoint(arn: String) async throws -> Bool {
        try await write { db -> Bool in
            try db.execute(sql: "DELETE FROM sns_platform_endpoints WHERE arn = ?", arguments: [arn])
            return db.changesCount > 0
        }
    }

    package func recordPushMessage(_ message: SNSPushMessage) async throws {
        let text = try StoredJSON.encode(message)
        try await write { db in
            try db.execute(sql: "INSERT INTO sns_push_messages (endpoint_arn, record) VALUES (?, ?)",
                           arguments: [message.endpointARN, text])
        }
    }

    package func pushMessages(endpointARN: String?) async throws -> [SNSPushMessage] {
        try await read { db in
            let texts = if let endpointARN {
                try String.fetchAll(db, sql: "SELECT record FROM sns_push_messages WHERE endpoint_arn = ? ORDER BY seq",
                                    arguments: [endpointARN])
            } else {
                try String.fetchAll(db, sql: "SELECT record FROM sns_push_messages ORDER BY seq")
            }
            return try texts.map { try StoredJSON.decode(SNSPushMessage.self, $0) }
        }
    }
}

extension SQLiteSNSStore {
    package func smsSandboxNumbers(accountID: String, region: String) async throws -> [SNSSandboxPhoneNumber] {
        try await read { db in
            try String.fetchAll(db, sql: """
                SELECT record FROM sns_sms_sandbox_numbers WHERE account_id = ? AND region = ? ORDER BY phone_number
                """, arguments: [accountID, region])
                .map { try StoredJSON.decode(SNSSandboxPhoneNumber.self, $0) }
        }
    }

    package func putSMSSandboxNumber(_ number: SNSSandboxPhoneNumber) async throws {
        let text = try StoredJSON.encode(number)
        try await write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO sns_sms_sandbox_numbers (account_id, region, phone_number, record) VALUES (?, ?, ?, ?)
                """, arguments: [number.accountID, number.region, number.phoneNumber, text])
        }
    }

    package func deleteSMSSandboxNumber(accountID: String, region: String, phoneNumber: String) async throws -> Bool {
        try await write { db -> Bool in
            try db.execute(sql: "DELETE FROM sns_sms_sandbox_numbers WHERE account_id = ? AND region = ? AND phone_number = ?",
                           arguments: [accountID, region, phoneNumber])
            return db.changesCount > 0
        }
    }
}
