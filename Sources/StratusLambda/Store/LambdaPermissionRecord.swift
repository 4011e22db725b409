/// One statement of a function's resource-based policy (`AddPermission`), kept as Lambda renders it.
package struct LambdaPermissionRecord: Sendable, Equatable, Codable {
    /// The qualifier the statement was added for (a version or alias), nil for the unqualified function.
    package var qualifier: String?
    /// The statement id (`Sid`), unique within its policy.
    package var statementID: String
    /// The statement as JSON text (`Sid`, `Effect`, `Principal`, `Action`, `Resource`, `Condition`).
    package var statement: String

    /// A statement.
    package init(qualifier: String?, statementID: String, statement: String) {
        self.qualifier = qualifier
        self.statementID = statementID
        self.statement = statement
    }
}
