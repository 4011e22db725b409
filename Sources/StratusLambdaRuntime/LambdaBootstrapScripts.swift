// LambdaBootstrapScripts: Stratus's own runtime clients for the managed runtimes (Python, Node.js).

/// The bootstraps Stratus runs for `python3.x` and `nodejs*` functions: each speaks the Runtime API with the
/// standard library only, loads the handler named by `_HANDLER` from `LAMBDA_TASK_ROOT`, builds Lambda's
/// `context` object and reports results, function errors and initialization errors as Lambda's own runtimes do.
///
/// Guarantees: plain text, written to the configuration's runtime directory by ``LambdaRuntimeLauncher``.
package enum LambdaBootstrapScripts {
    /// File name of the Python bootstrap.
    package static let pythonFileName = "stratus_lambda_bootstrap.py"
    /// File name of the Node.js bootstrap (CommonJS).
    package static let nodeFileName = "stratus_lambda_bootstrap.cjs"
}
