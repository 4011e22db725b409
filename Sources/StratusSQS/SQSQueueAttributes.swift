import Foundation
import StratusServiceKit

/// The rules of queue attributes: which names exist, which values they take, their defaults, and the
/// normalized form the store keeps.
///
/// Guarantees: ``normalize(_:value:isFIFO:creating:)`` either throws AWS's error for the attribute or returns
/// the value in the form `GetQueueAttributes` echoes (integers without sign or leading zeros, booleans
/// lowercase, redrive policies as compact JSON); nil means "unset".
package enum SQSQueueAttributes {
    /// Defaults of the attributes every queue has.
    package static let defaults: [String: String] = [
        "DelaySeconds": "0", "MaximumMessageSize": "1048576", "MessageRetentionPeriod": "345600",
        "ReceiveMessageWaitTimeSeconds": "0", "VisibilityTimeout": "30",
    ]
    /// Defaults of the attributes only FIFO queues have.
    package static let fifoDefaults: [String: String] = [
        "FifoQueue": "true", "ContentBasedDeduplication": "false", "DeduplicationScope": "queue",
        "FifoThroughputLimit": "perQueue",
    ]
    /// Attributes SQS computes (readable, not settable).
    package static let computed: Set<String> = [
        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed",
        "CreatedTimestamp", "LastModifiedTimestamp", "QueueArn",
    ]
    /// Settable attributes of every queue.
    package static let settable: Set<String> = [
        "DelaySeconds", "MaximumMessageSize", "MessageRetentionPeriod", "Policy", "ReceiveMessageWaitTimeSeconds",
        "VisibilityTimeout", "RedrivePolicy", "RedriveAllowPolicy", "KmsMasterKeyId", "KmsDataKeyReusePeriodSeconds",
        "SqsManagedSseEnabled",
    ]
    /// Settable attributes of FIFO queues only.
    package static let fifoSettable: Set<String> = ["ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"]

    private static let integerRanges: [String: ClosedRange<Int>] = [
        "DelaySeconds": 0...900, "MaximumMessageSize": 1024...1_048_576, "MessageRetentionPeriod": 60...1_209_600,
        "ReceiveMessageWaitTimeSeconds": 0...20, "VisibilityTimeout": 0...43_200,
        "KmsDataKeyReusePeriodSeconds": 60...86_400,
    ]

    /// Validates and normalizes one attribute set by `CreateQueue` (`creating`) or `SetQueueAttributes`.
    /// - Returns: the stored form, or nil to unset it (an empty `Policy`, `RedrivePolicy`, …).
    /// - Throws: `InvalidAttributeName` for names the queue does not have, `InvalidAttributeValue` or
    ///   `InvalidParameterValue` (redrive policies) for bad values.
    package static func normalize(_ name: String, value: String, isFIFO: Bool, creating: Bool) throws -> String? {
        if let range = integerRanges[name] {
            guard let number = parseInteger(value), range.contains(number) else {
                throw SQSFailure.invalidAttributeValue(name)
            }
            return String(number)
        }
        switch name {
        case "FifoQueue":
            guard creating else { throw SQSFailure.unknownAttribute(name) }
            guard let flag = parseBoolean(value) else { throw SQSFailure.invalidAttributeValue(name) }
            if flag != isFIFO {
                if !flag { throw SQSFailure.invalidAttributeValue(name) }
                throw SQSFailure.invalidParameterValue(fifoNameRule)
            }
            return nil
        case "ContentBasedDeduplication", "SqsManagedSseEnabled":
            if name == "ContentBasedDeduplication" && !isFIFO { throw SQSFailure.unknownAttribute(name) }
            guard let flag = parseBoolean(value) else { throw SQSFailure.invalidAttributeValue(name) }
            return flag ? "true" : "false"
        case "DeduplicationScope":
            guard isFIFO else { throw SQSFailure.unknownAttribute(name) }
            guard value == "queue" || value == "messageGroup" else { throw SQSFailure.invalidAttributeValue(name) }
            return value
        case "FifoThroughputLimit":
            guard isFIFO else { throw SQSFailure.unknownAttribute(name) }
            guard value == "perQueue" || value == "perMessageGroupId" else {
                throw SQSFailure.invalidAttributeValue(name)
            }
            return value
        case "Policy":
            if value.isEmpty { return nil }
            guard let data = value.data(using: .utf8),
                (try? JSONSerialization.jsonObject(with: data)) is [String: Any]
            else { throw SQSFailure.invalidAttributeValue(name) }
            return value
        case "KmsMasterKeyId":
            return value.isEmpty ? nil : value
        case "RedrivePolicy":
            return value.isEmpty ? nil : try SQSRedrivePolicy(json: value).json
        case "RedriveAllowPolicy":
            return value.isEmpty ? nil : try normalizeRedriveAllowPolicy(value)
        default:
            throw SQSFailure.unknownAttribute(name)
        }
    }

    /// Checks combinations AWS rejects after the single attributes passed (high-throughput FIFO settings).
    package static func checkCombination(_ attributes: [String: String], isFIFO: Bool) throws {
        guard isFIFO else { return }
        if attributes["FifoThroughputLimit"] == "perMessageGroupId" && attributes["DeduplicationScope"] == "queue" {
            throw SQSFailure.invalidAttributeValue(
                "FifoThroughputLimit", reason: "perMessageGroupId is allowed only when DeduplicationScope is messageGroup.")
        }
    }

    /// The value of `name` for `queue`: set or default (nil for unset optional attributes).
    package static func value(_ name: String, of queue: SQSQueueRecord) -> String? {
        if let set = queue.attributes[name] { return set }
        if let base = defaults[name] { return base }
        if queue.isFIFO, let fifo = fifoDefaults[name] { return fifo }
        switch name {
        case "SqsManagedSseEnabled": return queue.attributes["KmsMasterKeyId"] == nil ? "true" : "false"
        case "KmsDataKeyReusePeriodSeconds": return queue.attributes["KmsMasterKeyId"] == nil ? nil : "300"
        default: return nil
        }
    }

    /// An integer attribute of `queue` (set or default).
    package static func integer(_ name: String, of queue: SQSQueueRecord) -> Int {
        value(name, of: queue).flatMap(Int.init) ?? 0
    }

    /// Every settable attribute `queue` reports (set values and defaults).
    package static func reported(of queue: SQSQueueRecord) -> [String: String] {
        var names = settable
        if queue.isFIFO { names.formUnion(fifoSettable); names.insert("FifoQueue") }
        var result: [String: String] = [:]
        for name in names { if let value = value(name, of: queue) { result[name] = value } }
        return result
    }

    /// The FIFO name rule, as AWS words it.
    package static let fifoNameRule =
        "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length."

    /// Parses AWS's integer attribute text.
    package static func parseInteger(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.utf8.count <= 18 else { return nil }
        return Int(trimmed)
    }

    /// Parses `true`/`false` in any case.
    package static func parseBoolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    private static func normalizeRedriveAllowPolicy(_ value: String) throws -> String {
        func invalid(_ reason: String) -> AWSServiceError {
            SQSFailure.invalidParameter("RedriveAllowPolicy", value: value, reason: reason)
        }
        guard let data = value.data(using: .utf8),
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { throw invalid("Redrive allow policy is not a valid JSON map.") }
        guard let permission = object["redrivePermission"] as? String,
            ["allowAll", "denyAll", "byQueue"].contains(permission)
        else { throw invalid("Invalid value for redrivePermission. Valid values are allowAll, denyAll and byQueue.") }
        let unknown = object.keys.filter { $0 != "redrivePermission" && $0 != "sourceQueueArns" }
        if let first = unknown.sorted().first { throw invalid("Unknown key \(first).") }
        let sources = object["sourceQueueArns"]
        if permission == "byQueue" {
            guard let arns = sources as? [String], (1...10).contains(arns.count),
                arns.allSatisfy({ SQSQueueAddress.parse(arn: $0) != nil })
            else { throw invalid("sourceQueueArns must list 1 to 10 queue ARNs when redrivePermission is byQueue.") }
            let list = arns.map { "\"\($0)\"" }.joined(separator: ",")
            return "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\(list)]}"
        }
        if sources != nil { throw invalid("sourceQueueArns is allowed only when redrivePermission is byQueue.") }
        return "{\"redrivePermission\":\"\(permission)\"}"
    }
}
