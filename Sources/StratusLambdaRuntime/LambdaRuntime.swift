// StratusLambdaRuntime: execution environments (local processes) and the Lambda Runtime API they talk to.

/// Lambda execution environments. Built in issue 7.
package enum LambdaRuntimeNamespace {}
