import Foundation

/// A queue's `RedrivePolicy`: where messages go after `maxReceiveCount` receives.
///
/// Guarantees: a parsed policy names a well-formed queue ARN and a count in 1…1000; ``json`` is the form
/// AWS echoes (`{"deadLetterTargetArn":"…","maxReceiveCount":5}`).
package struct SQSRedrivePolicy: Sendable, Equatable {
    /// The dead-letter queue's ARN.
    package var deadLetterTargetArn: String
    /// Receives after which a message moves.
    package var maxReceiveCount: Int

    /// Parses the attribute text.
    /// - Throws: `InvalidParameterValue` with AWS's reasons.
    package init(json value: String) throws {
        func invalid(_ reason: String) -> any Error {
            SQSFailure.invalidParameter("RedrivePolicy", value: value, reason: reason)
        }
        guard let data = value.data(using: .utf8),
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { throw invalid("Redrive policy is not a valid JSON map.") }
        guard let arn = object["deadLetterTargetArn"] as? String else {
            throw invalid("Redrive policy does not contain mandatory attribute: deadLetterTargetArn.")
        }
        guard SQSQueueAddress.parse(arn: arn) != nil else { throw invalid("Invalid value for deadLetterTargetArn.") }
        let count: Int?
        switch object["maxReceiveCount"] {
        case let number as NSNumber:
            count = number.doubleValue == Double(number.intValue) ? number.intValue : nil
        case let text as String: count = Int(text)
        case nil: throw invalid("Redrive policy does not contain mandatory attribute: maxReceiveCount.")
        default: count = nil
        }
        guard let count, (1...1000).contains(count) else {
            throw invalid("Invalid value for maxReceiveCount: \(object["maxReceiveCount"].map { "\($0)" } ?? ""), valid values are from 1 to 1000 both inclusive.")
        }
        let unknown = object.keys.filter { $0 != "deadLetterTargetArn" && $0 != "maxReceiveCount" }
        if let first = unknown.sorted().first { throw invalid("Unknown key \(first).") }
        self.deadLetterTargetArn = arn
        self.maxReceiveCount = count
    }

    /// The stored and echoed form.
    package var json: String { "{\"deadLetterTargetArn\":\"\(deadLetterTargetArn)\",\"maxReceiveCount\":\(maxReceiveCount)}" }
}
