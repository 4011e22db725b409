// StratusLambda: the Lambda service (business rules; ports for storage and execution environments).

/// The Lambda service. Built in issue 7.
package enum LambdaServiceNamespace {}
