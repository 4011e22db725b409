// LambdaInvocationTarget: the function version an invocation runs.

/// What an invocation resolved to: the function, the version that runs and the ARN the caller invoked.
///
/// Guarantees: `version` is `$LATEST`, the named version, or the version an alias routed to (weighted routing
/// decided once per invocation); `invokedArn` is qualified exactly when the caller named a qualifier.
package struct LambdaInvocationTarget: Sendable {
    /// The function.
    package var function: LambdaFunctionRecord
    /// The version that runs.
    package var version: LambdaVersionRecord
    /// The qualifier the caller named, if any.
    package var qualifier: String?

    /// The ARN the caller invoked (`Lambda-Runtime-Invoked-Function-Arn`).
    package var invokedArn: String { function.arn + (qualifier.map { ":\($0)" } ?? "") }

    package init(function: LambdaFunctionRecord, version: LambdaVersionRecord, qualifier: String?) {
        self.function = function
        self.version = version
        self.qualifier = qualifier
    }
}
