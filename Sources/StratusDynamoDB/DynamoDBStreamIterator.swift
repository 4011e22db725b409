import Foundation

/// A shard iterator of DynamoDB Streams: which stream and shard, the next sequence number to read and when it was
/// issued, written as `<stream ARN>|1|<base64 of shard, position and issue time>` (the shape of AWS's iterators:
/// the stream's ARN, then an opaque part).
///
/// Guarantees: `DynamoDBStreamIterator(text: iterator.text) == iterator` (times to the millisecond); any other
/// text, however long, decodes to nil.
struct DynamoDBStreamIterator: Equatable {
    /// The stream's ARN.
    var streamARN: String
    /// The shard's id.
    var shardID: String
    /// The sequence number to read from (records with this number or greater).
    var position: Int64
    /// When the iterator was issued.
    var issuedAt: Date

    init(streamARN: String, shardID: String, position: Int64, issuedAt: Date) {
        self.streamARN = streamARN
        self.shardID = shardID
        self.position = position
        self.issuedAt = Date(timeIntervalSince1970: (issuedAt.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }

    /// Decodes an iterator's text; nil when it is not one.
    init?(text: String) {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1] == "1", parts[0].hasPrefix("arn:"),
              let data = Data(base64Encoded: String(parts[2])), let opaque = String(data: data, encoding: .utf8)
        else { return nil }
        let fields = opaque.split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].hasPrefix("shardId-"), let position = Int64(fields[1]),
              let issued = Int64(fields[2])
        else { return nil }
        self.init(
            streamARN: String(parts[0]), shardID: String(fields[0]), position: position,
            issuedAt: Date(timeIntervalSince1970: Double(issued) / 1000))
    }

    /// The iterator as the API carries it.
    var text: String {
        let issued = Int64((issuedAt.timeIntervalSince1970 * 1000).rounded())
        let opaque = Data("\(shardID)|\(position)|\(issued)".utf8).base64EncodedString()
        return "\(streamARN)|1|\(opaque)"
    }
}
