// ActivityRecord: one activity as the store keeps it, and the activity ARN format.

/// An activity: a named queue of Task work that workers take with `GetActivityTask`, as ``StepFunctionsStore``
/// keeps it.
///
/// Guarantees: `Codable` round-trips every field (adapters may store it as one JSON document); `createdAt` is integer
/// milliseconds since the epoch; `arn` is ``arn(accountID:region:name:)`` of account, region and name and never
/// changes.
package struct ActivityRecord: Codable, Sendable, Equatable {
    /// The owning account.
    package var accountID: String
    /// The region it lives in.
    package var region: String
    /// The name (unique per account and region).
    package var name: String
    /// `arn:aws:states:<region>:<account>:activity:<name>`.
    package var arn: String
    /// When it was created.
    package var createdAt: Int64
    /// Tags in the order given, later duplicates replacing earlier values.
    package var tags: [StateMachineTag]

    /// Creates a record whose ARN is derived from account, region and name.
    package init(accountID: String, region: String, name: String, createdAt: Int64, tags: [StateMachineTag] = []) {
        self.accountID = accountID
        self.region = region
        self.name = name
        self.arn = Self.arn(accountID: accountID, region: region, name: name)
        self.createdAt = createdAt
        self.tags = tags
    }

    /// `arn:aws:states:<region>:<account>:activity:<name>`.
    package static func arn(accountID: String, region: String, name: String) -> String {
        "arn:aws:states:\(region):\(accountID):activity:\(name)"
    }

    /// Whether `arn` has the shape of an activity ARN (`arn:<partition>:states:<region>:<account>:activity:<name>`
    /// with a valid name); otherwise why not, in AWS's words (``StepFunctionsNames/ArnProblem``).
    package static func checkArn(_ arn: String) -> Result<Void, StepFunctionsNames.ArnProblem> {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 6, parts[0] == "arn", parts[2] == "states" else { return .failure(.prefix) }
        guard parts[5] == "activity", parts.count == 7, !parts[3].isEmpty, !parts[4].isEmpty,
            StepFunctionsNames.isValidName(parts[6])
        else { return .failure(.resourceType) }
        return .success(())
    }

    /// Whether a Task state's `Resource` names an activity (rather than a service integration or a Lambda function).
    package static func isActivityResource(_ resource: String) -> Bool {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count >= 6 && parts[0] == "arn" && parts[2] == "states" && parts[5] == "activity"
    }
}
