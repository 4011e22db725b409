/// How a Task's `Resource` is shaped, as far as validation needs to know.
enum TaskResourceKind: Equatable {
    /// `arn:<partition>:states:::<service>:<action>[.sync|.sync:2|.waitForTaskToken]`.
    case integration(service: String, action: String, pattern: String?)
    /// `arn:<partition>:states:::aws-sdk:<service>:<action>[.waitForTaskToken]`.
    case sdk(service: String, action: String, pattern: String?)
    /// `arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]`. AWS checks only the ARN's shape
    /// here: its TestState accepted the documentation's `arn:aws:lambda:your-region:your-account-id:function:…`
    /// (recorded), so region and account need only be present.
    case lambdaFunction
    /// `arn:<partition>:states:<region>:<account>:activity:<name>`.
    case activity

    static let partitions: Set<Substring> = ["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b"]
    static let patterns = [".waitForTaskToken", ".sync:2", ".sync"]

    /// Classifies `resource`; `nil` when it is not one of the four shapes.
    init?(_ resource: String) {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 6, parts[0] == "arn", Self.partitions.contains(parts[1]) else { return nil }
        switch parts[2] {
        case "states" where parts[3].isEmpty && parts[4].isEmpty:
            // arn:aws:states:::service:action… (the action may carry `.sync:2`, which adds one more colon).
            var rest = parts[5...].joined(separator: ":")
            var pattern: String?
            for candidate in Self.patterns where rest.hasSuffix(candidate) {
                pattern = candidate
                rest.removeLast(candidate.count)
                break
            }
            let names = rest.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            if names.count == 3, names[0] == "aws-sdk", !names[1].isEmpty, !names[2].isEmpty, !names[2].contains(".") {
                self = .sdk(service: names[1], action: names[2], pattern: pattern)
            } else if names.count == 2, !names[0].isEmpty, !names[1].isEmpty, names[0] != "aws-sdk", !names[1].contains(".") {
                self = .integration(service: names[0], action: names[1], pattern: pattern)
            } else {
                return nil
            }
        case "states" where parts.count == 7 && !parts[3].isEmpty && Self.isAccount(parts[4]) && parts[5] == "activity" && !parts[6].isEmpty:
            self = .activity
        case "lambda" where (parts.count == 7 || parts.count == 8) && !parts[3].isEmpty && !parts[4].isEmpty
            && parts[5] == "function" && !parts[6].isEmpty && (parts.count == 7 || !parts[7].isEmpty):
            self = .lambdaFunction
        default:
            return nil
        }
    }

    static func isAccount(_ text: Substring) -> Bool { text.count == 12 && text.allSatisfy(\.isASCIIDigit) }

    /// The optimized integrations of the services Stratus implements: action → the patterns AWS accepts for it
    /// (`nil` = request-response). Other services' integrations are accepted by shape only.
    static let knownIntegrations: [String: [String: Set<String?>]] = [
        "lambda": ["invoke": [nil, ".waitForTaskToken"]],
        "sqs": ["sendMessage": [nil, ".waitForTaskToken"]],
        "sns": ["publish": [nil, ".waitForTaskToken"]],
        "dynamodb": ["getItem": [nil], "putItem": [nil], "updateItem": [nil], "deleteItem": [nil]],
        "states": ["startExecution": [nil, ".sync", ".sync:2", ".waitForTaskToken"]],
        "events": ["putEvents": [nil, ".waitForTaskToken"]],
    ]

    /// Whether AWS recognizes the resource (see ``knownIntegrations``; `aws-sdk` integrations never take `.sync`).
    var isRecognized: Bool {
        switch self {
        case .integration(let service, let action, let pattern):
            guard let actions = Self.knownIntegrations[service] else { return true }
            return actions[action]?.contains(pattern) == true
        case .sdk(_, _, let pattern):
            return pattern == nil || pattern == ".waitForTaskToken"
        case .lambdaFunction, .activity:
            return true
        }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

extension ASLParser {
    /// Checks a Task's `Resource`: a recognized ARN, and for EXPRESS machines no `.sync`, `.waitForTaskToken` or
    /// activity (AWS's wording for both).
    mutating func checkResource(_ resource: String, location: String) {
        let kind: TaskResourceKind?
        if let known = resourceKinds[resource] {
            kind = known
        } else {
            kind = TaskResourceKind(resource)
            resourceKinds[resource] = kind
        }
        guard let kind, kind.isRecognized else {
            report("The resource provided \(resource) is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.",
                   at: location)
            return
        }
        guard options.isExpress else { return }
        switch kind {
        case .integration(_, _, let pattern?), .sdk(_, _, let pattern?):
            if pattern.hasPrefix(".sync") {
                report("Express state machine does not support '.sync' service integration", at: location)
            } else {
                report("Express state machine does not support '.waitForTaskToken' service integration ", at: location)
            }
        case .activity:
            report("Express state machine does not support Activity ARN", at: location)
        default:
            break
        }
    }
}
