import Foundation

/// Reads and writes the queue `Policy` JSON that `AddPermission` and `RemovePermission` edit.
///
/// Guarantees: ``render(queueArn:statements:)`` writes `Version`, `Id`, `Statement` in AWS's order and each
/// statement's keys in AWS's order (`Sid`, `Effect`, `Principal`, `Action`, `Resource`, then the rest sorted);
/// statements of a policy set by `SetQueueAttributes` are kept as they were.
package enum SQSPolicyDocument {
    /// The statements of a policy text (empty when there is none or it has none).
    package static func statements(of policy: String?) -> [[String: Any]] {
        guard let policy, let data = policy.data(using: .utf8),
            let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else { return [] }
        if let list = object["Statement"] as? [[String: Any]] { return list }
        if let single = object["Statement"] as? [String: Any] { return [single] }
        return []
    }

    /// The policy document holding `statements`.
    package static func render(queueArn: String, statements: [[String: Any]]) -> String {
        let body = statements.map { write($0, order: statementOrder) }.joined(separator: ",")
        return "{\"Version\":\"2012-10-17\",\"Id\":\(quote(queueArn + "/SQSDefaultPolicy")),\"Statement\":[\(body)]}"
    }

    private static let statementOrder = ["Sid", "Effect", "Principal", "Action", "Resource"]

    private static func write(_ value: Any, order: [String] = []) -> String {
        switch value {
        case let text as String: return quote(text)
        case let object as [String: Any]:
            let keys = order.filter { object[$0] != nil } + object.keys.filter { !order.contains($0) }.sorted()
            return "{" + keys.map { "\(quote($0)):\(write(object[$0]!))" }.joined(separator: ",") + "}"
        case let list as [Any]: return "[" + list.map { write($0) }.joined(separator: ",") + "]"
        case let number as NSNumber: return number.stringValue
        case is NSNull: return "null"
        default: return "null"
        }
    }

    private static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
