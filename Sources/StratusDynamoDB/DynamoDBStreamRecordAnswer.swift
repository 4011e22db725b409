import Crypto
import Foundation
import OrderedCollections
import StratusAPIDynamoDB
import StratusAPIDynamoDBStreams
import StratusDynamoDBExpressions
import StratusServiceKit

/// How a recorded change reads in `GetRecords`: DynamoDB Streams' record with the images its stream's view type
/// shows.
enum DynamoDBStreamRecordAnswer {
    /// The record of `change` in `stream`: `INSERT` (no item before), `REMOVE` (none after) or `MODIFY`; `Keys`
    /// always, `NewImage` with `NEW_IMAGE`/`NEW_AND_OLD_IMAGES`, `OldImage` with `OLD_IMAGE`/`NEW_AND_OLD_IMAGES`
    /// (where the item exists); `SizeBytes` the DynamoDB size of the keys and images shown;
    /// `ApproximateCreationDateTime` the change's time to the second; a deletion by the time to live carries
    /// DynamoDB's service identity. The `eventID` is derived from the stream and sequence number, so it is the
    /// same on every read.
    static func record(of change: DynamoDBStreamChange, in stream: DynamoDBStreamRecord) throws -> DynamoDBStreams.Record {
        let old = try change.oldBody.map(DynamoDBItemCodec.decode)
        let new = try change.newBody.map(DynamoDBItemCodec.decode)
        let eventName = old == nil ? "INSERT" : new == nil ? "REMOVE" : "MODIFY"
        let source = new ?? old ?? [:]
        var keys: DynamoDBItem = [:]
        for element in stream.keySchema { keys[element.attributeName] = source[element.attributeName] }
        var size = DynamoDBItemSize.of(keys)
        var body: OrderedDictionary<String, AWSValue> = [
            "ApproximateCreationDateTime": .timestamp(
                Date(timeIntervalSince1970: change.changedAt.timeIntervalSince1970.rounded(.down))),
            "Keys": DynamoDBValue.awsValue(item: keys),
        ]
        if ["NEW_IMAGE", "NEW_AND_OLD_IMAGES"].contains(stream.viewType), let new {
            body["NewImage"] = DynamoDBValue.awsValue(item: new)
            size += DynamoDBItemSize.of(new)
        }
        if ["OLD_IMAGE", "NEW_AND_OLD_IMAGES"].contains(stream.viewType), let old {
            body["OldImage"] = DynamoDBValue.awsValue(item: old)
            size += DynamoDBItemSize.of(old)
        }
        let sequence = DynamoDBStreamsService.sequenceText(change.sequence)
        body["SequenceNumber"] = .string(sequence)
        body["SizeBytes"] = .integer(Int64(size))
        body["StreamViewType"] = .string(stream.viewType)
        var record: OrderedDictionary<String, AWSValue> = [
            "awsRegion": .string(stream.region),
            "dynamodb": .object(body),
            "eventID": .string(eventID(stream: stream.arn, sequence: sequence)),
            "eventName": .string(eventName),
            "eventSource": .string("aws:dynamodb"),
            "eventVersion": .string("1.1"),
        ]
        if change.expired {
            record["userIdentity"] = .object(["PrincipalId": .string("dynamodb.amazonaws.com"), "Type": .string("Service")])
        }
        return try DynamoDBStreams.Record(awsValue: .object(record))
    }

    /// 32 hexadecimal digits, as DynamoDB's event ids.
    private static func eventID(stream: String, sequence: String) -> String {
        SHA256.hash(data: Data("\(stream)|\(sequence)".utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
