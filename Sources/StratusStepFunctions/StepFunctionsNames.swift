// StepFunctionsNames: resource names and ARNs of Step Functions.

/// Name rules and ARN formats of Step Functions resources.
///
/// Guarantees: ``isValidName(_:)`` applies AWS's rules (1–80 characters; no whitespace, brackets `< > { } [ ]`,
/// wildcards `? *`, the characters `" # % \ ^ | ~ ` $ & , ; : /`, or control characters U+0000–U+001F and
/// U+007F–U+009F); ``parseStateMachineArn(_:)`` accepts exactly the ARNs ``stateMachineArn(accountID:region:name:)``
/// produces.
package enum StepFunctionsNames {
    /// Characters AWS refuses in names.
    static let forbidden: Set<Character> = [
        "<", ">", "{", "}", "[", "]", "?", "*", "\"", "#", "%", "\\", "^", "|", "~", "`", "$", "&", ",", ";", ":",
        "/",
    ]

    /// Whether `name` is a valid state machine (or execution) name.
    package static func isValidName(_ name: String) -> Bool {
        guard (1...80).contains(name.count) else { return false }
        for scalar in name.unicodeScalars {
            let value = scalar.value
            if value <= 0x1F || (0x7F...0x9F).contains(value) { return false }
            if scalar.properties.isWhitespace { return false }
        }
        return !name.contains(where: { forbidden.contains($0) })
    }

    /// `arn:aws:states:<region>:<account>:stateMachine:<name>`.
    package static func stateMachineArn(accountID: String, region: String, name: String) -> String {
        "arn:aws:states:\(region):\(accountID):stateMachine:\(name)"
    }

    /// The parts of a state machine ARN, or why it is not one (AWS's `Invalid Arn` reason).
    package static func parseStateMachineArn(_ arn: String) -> Result<(region: String, accountID: String, name: String), ArnProblem> {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 6, parts[0] == "arn", parts[2] == "states" else { return .failure(.prefix) }
        guard parts[5] == "stateMachine" else { return .failure(.resourceType) }
        guard parts.count == 7, !parts[3].isEmpty, !parts[4].isEmpty, isValidName(parts[6]) else {
            return .failure(.resourceType)
        }
        return .success((region: parts[3], accountID: parts[4], name: parts[6]))
    }

    /// Why an ARN is refused.
    package enum ArnProblem: Error, Sendable {
        /// Not `arn:<partition>:states:…`.
        case prefix
        /// Not a state machine, or malformed after the resource type.
        case resourceType

        /// AWS's wording.
        package var reason: String {
            switch self {
            case .prefix: "Invalid ARN prefix"
            case .resourceType: "Resource type not valid in this context"
            }
        }
    }

    /// Whether `arn` looks like an IAM role ARN (`arn:<partition>:iam::<account>:role/<path/name>`).
    package static func isRoleArn(_ arn: String) -> Bool {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && parts[0] == "arn" && parts[2] == "iam" && parts[5].hasPrefix("role/")
            && parts[5].count > "role/".count
    }
}
