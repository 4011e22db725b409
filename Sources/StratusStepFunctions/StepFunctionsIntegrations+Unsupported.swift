// StepFunctionsIntegrations+Unsupported: the answer to a Task resource no integration runs.

extension StepFunctionsIntegrations {
    /// The cause of `Stratus.UnsupportedIntegration` for `resource`: names it and lists what Stratus does run.
    /// The same text for executions and `TestState`.
    static func unsupportedCause(resource: String) -> String {
        "Stratus does not run the Task resource '\(resource)' yet: the supported integrations are "
            + "arn:aws:states:::lambda:invoke (and Lambda function ARNs), arn:aws:states:::sqs:sendMessage, "
            + "arn:aws:states:::dynamodb:getItem, putItem, updateItem and deleteItem (with .waitForTaskToken where AWS "
            + "offers it), and activities."
    }
}
