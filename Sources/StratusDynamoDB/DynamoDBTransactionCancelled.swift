import OrderedCollections
import StratusAPIDynamoDB
import StratusServiceKit

/// A transaction cancelled inside the store (thrown to roll it back), with its reasons in action order.
struct DynamoDBTransactionCancelled: Error, Sendable {
    var reasons: [DynamoDB.CancellationReason]

    /// DynamoDB's `TransactionCanceledException`.
    var error: AWSServiceError {
        let codes = reasons.map { $0.code ?? "None" }.joined(separator: ", ")
        var fields: [String: AWSValue] = [:]
        if let encoded = try? AWSValueEncoder().encode(reasons) { fields["CancellationReasons"] = encoded }
        return AWSServiceError(
            DynamoDBErrors.transactionCanceledException,
            "Transaction cancelled, please refer cancellation reasons for specific reasons [\(codes)]",
            fields: .init(uniqueKeysWithValues: fields.map { ($0.key, $0.value) }))
    }
}
