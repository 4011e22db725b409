// DynamoDBItemCollectionMetrics: the `ItemCollectionMetrics` of writes that asked for them.
import StratusAPIDynamoDB
import StratusDynamoDBExpressions

/// `ItemCollectionMetrics` as DynamoDB reports them: only when the request says `ReturnItemCollectionMetrics`
/// `SIZE` and the table has local secondary indexes (only those tables have item collections), one per item
/// collection (partition key value) a write touched, with the collection's size after the request as a range of
/// whole gigabytes (`[0.0, 1.0]` below 1 GB).
enum DynamoDBItemCollectionMetrics {
    /// Bytes in the gigabyte of `SizeEstimateRangeGB`.
    static let bytesPerGigabyte = 1 << 30

    /// Whether `value` asks for the metrics (`SIZE`; `NONE` and absent do not).
    static func requested(_ value: DynamoDB.ReturnItemCollectionMetrics?) -> Bool {
        value?.rawValue == "SIZE"
    }

    /// The partition key value of `item` (an item or a key) to measure the collection of, when `request` asks for
    /// the metrics; nil otherwise.
    static func key(of item: DynamoDBItem, schema: DynamoDBKeySchema, request: DynamoDB.ReturnItemCollectionMetrics?)
        -> DynamoDBValue?
    {
        requested(request) ? item[schema.hash.name] : nil
    }

    /// The metrics of the collection of partition key `attribute` = `value`, `bytes` large.
    static func metrics(attribute: String, value: DynamoDBValue, bytes: Int) -> DynamoDB.ItemCollectionMetrics {
        let lower = Double(bytes / bytesPerGigabyte)
        return DynamoDB.ItemCollectionMetrics(
            itemCollectionKey: DynamoDBValue.wire(item: [attribute: value]), sizeEstimateRangeGB: [lower, lower + 1])
    }

    /// The metrics of several writes (a batch or a transaction) by table name: one per collection, in the order the
    /// collections were first written, each with the size measured by the last write to it.
    static func byTable(_ writes: [DynamoDBItemWrite], _ outcomes: [DynamoDBItemWrite.Outcome])
        -> [String: [DynamoDB.ItemCollectionMetrics]]?
    {
        var result: [String: [DynamoDB.ItemCollectionMetrics]] = [:]
        for (write, outcome) in zip(writes, outcomes) {
            guard let metrics = outcome.itemCollectionMetrics else { continue }
            let tableName = write.tableName
            var list = result[tableName, default: []]
            if let index = list.firstIndex(where: { $0.itemCollectionKey == metrics.itemCollectionKey }) {
                list[index] = metrics
            } else {
                list.append(metrics)
            }
            result[tableName] = list
        }
        return result.isEmpty ? nil : result
    }
}
