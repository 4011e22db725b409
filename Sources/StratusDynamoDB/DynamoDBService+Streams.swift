import Crypto
import Foundation
import StratusAPIDynamoDB
import StratusAWSCore

extension DynamoDBService {
    /// The stream a table record describes as enabled (`StreamSpecification.StreamEnabled` with its
    /// `LatestStreamArn`), to open in the store as of `time`; nil when the table has no enabled stream.
    static func enabledStream(of table: DynamoDBTableRecord, at time: Date) -> DynamoDBStreamRecord? {
        let description = table.description
        guard let specification = description.streamSpecification, specification.streamEnabled,
              let arn = description.latestStreamArn, let viewType = specification.streamViewType
        else { return nil }
        return DynamoDBStreamRecord(
            arn: arn, label: description.latestStreamLabel ?? "", accountID: table.accountID, region: table.region,
            tableID: table.id, tableName: table.name, keySchema: description.keySchema ?? [],
            viewType: viewType.rawValue, shardID: shardID(streamARN: arn, createdAt: time), createdAt: time)
    }

    /// A shard id as DynamoDB Streams shows them: `shardId-<20-digit creation milliseconds>-<8 hex digits>` (the
    /// digits from the stream's ARN, so the id is the same every time it is derived).
    static func shardID(streamARN: String, createdAt: Date) -> String {
        let milliseconds = Int64((createdAt.timeIntervalSince1970 * 1000).rounded(.down))
        let digest = SHA256.hash(data: Data(streamARN.utf8))
        let suffix = digest.prefix(4).map { String(format: "%02x", $0) }.joined()
        let digits = String(milliseconds)
        return "shardId-" + String(repeating: "0", count: max(0, 20 - digits.count)) + digits + "-" + suffix
    }
}

extension DynamoDBService {
    /// Forgets the stream records older than 24 hours and the streams closed more than 24 hours ago. Returns how
    /// many records were forgotten. Run periodically by ``DynamoDBTimeToLiveService``.
    package func trimStreams() async throws -> Int {
        try await store.trimStreams(before: clock.now().addingTimeInterval(-DynamoDBStreamsService.retention))
    }
}
