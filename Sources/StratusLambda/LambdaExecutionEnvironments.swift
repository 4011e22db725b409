// LambdaExecutionEnvironments: the port through which the Lambda service runs function code.

/// Runs invocations of function versions in execution environments (local processes speaking the Lambda Runtime
/// API). Adapter: `LambdaProcessEnvironments` (StratusLambdaRuntime, L4).
///
/// Guarantees required of every adapter: an invocation runs on a warm environment of the same function version
/// and revision when one is idle, else on a new one (cold start) while the function has fewer than its
/// concurrency limit, else it is throttled at once (``LambdaEnvironmentError/throttled``), as Lambda throttles;
/// one environment runs one invocation at a time; an invocation that outlives the function's timeout has its
/// process killed and answers Lambda's timeout error; a process that exits mid-invocation answers
/// `Runtime.ExitError`; every process is stopped by ``retire(functionArn:)`` (changed or deleted function),
/// after it has been idle for a while, and by ``shutdown()``; none outlive the server.
package protocol LambdaExecutionEnvironments: Sendable {
    /// Runs one invocation of `function` and answers its outcome (function errors are outcomes, not throws).
    /// - Throws: ``LambdaEnvironmentError`` when the invocation could not run at all.
    func invoke(_ function: FunctionRuntimeConfiguration, _ request: LambdaInvocationRequest) async throws
        -> LambdaInvocationOutcome
    /// Stops every environment of the function with this unqualified ARN (all versions) but the provisioned ones
    /// (``provision(_:count:)``: they run published versions, which never change).
    func retire(functionArn: String) async
    /// Keeps `count` environments of `function` (a published version) initialised and waiting for its invocations
    /// (provisioned concurrency), their runtime told `AWS_LAMBDA_INITIALIZATION_TYPE=provisioned-concurrency`: started
    /// in the background after this call returns, never stopped for being idle, replaced when one dies; invocations
    /// of the version use them first. `count` 0 releases them. ``provisioning(of:)`` reports the progress.
    func provision(_ function: FunctionRuntimeConfiguration, count: Int) async
    /// How many provisioned environments of `function` are ready, and why the last attempt to start one failed.
    func provisioning(of function: FunctionRuntimeConfiguration) async -> LambdaProvisioning
    /// Stops every environment.
    func shutdown() async
}

/// Everything an execution environment needs to run one function version.
///
/// Guarantees: `codeDirectory` holds the unpacked deployment package and `layerDirectories` the unpacked layers in
/// the function's order (merged as Lambda's `/opt`: later layers win); `revision` changes whenever the code or the
/// configuration changes, so environments of an older revision are never reused.
package struct FunctionRuntimeConfiguration: Sendable, Hashable {
    /// `arn:aws:lambda:<region>:<account>:function:<name>` (unqualified).
    package var functionArn: String
    /// The function's name.
    package var functionName: String
    /// `$LATEST` or the published version number.
    package var version: String
    /// `python3.12`, `nodejs20.x`, `provided.al2023`, …
    package var runtime: String
    /// `file.function` for the managed runtimes; whatever the bootstrap reads for `provided*`.
    package var handler: String
    /// Directory with the unpacked code (Lambda's `/var/task`).
    package var codeDirectory: String
    /// Directories with the unpacked layers, in order (Lambda's `/opt`).
    package var layerDirectories: [String]
    /// The function's own `Environment.Variables`.
    package var environment: [String: String]
    /// `MemorySize` in MB.
    package var memorySize: Int
    /// `Timeout` in seconds.
    package var timeoutSeconds: Int
    /// Most environments at once: the reserved concurrency if set, else the account's unreserved limit.
    package var maximumConcurrency: Int
    /// The function's region and account.
    package var region: String
    package var accountID: String
    /// Changes with every code or configuration change (the function's `RevisionId`).
    package var revision: String
    /// The endpoint handler code should use to reach Stratus (`AWS_ENDPOINT_URL`), e.g. `http://127.0.0.1:4566`.
    package var stratusEndpoint: String
    /// `AWS_LAMBDA_INITIALIZATION_TYPE`: `on-demand`, or `provisioned-concurrency` for provisioned environments.
    package var initializationType = "on-demand"

    package init(functionArn: String, functionName: String, version: String, runtime: String, handler: String,
                 codeDirectory: String, layerDirectories: [String], environment: [String: String], memorySize: Int,
                 timeoutSeconds: Int, maximumConcurrency: Int, region: String, accountID: String, revision: String,
                 stratusEndpoint: String) {
        self.functionArn = functionArn
        self.functionName = functionName
        self.version = version
        self.runtime = runtime
        self.handler = handler
        self.codeDirectory = codeDirectory
        self.layerDirectories = layerDirectories
        self.environment = environment
        self.memorySize = memorySize
        self.timeoutSeconds = timeoutSeconds
        self.maximumConcurrency = maximumConcurrency
        self.region = region
        self.accountID = accountID
        self.revision = revision
        self.stratusEndpoint = stratusEndpoint
    }
}

/// One invocation handed to an environment.
package struct LambdaInvocationRequest: Sendable {
    /// The request id (`Lambda-Runtime-Aws-Request-Id`, `context.aws_request_id`).
    package var requestID: String
    /// The event, as the caller sent it.
    package var payload: [UInt8]
    /// `X-Amz-Client-Context` (base64 JSON), passed through to `Lambda-Runtime-Client-Context`.
    package var clientContext: String?
    /// `Lambda-Runtime-Trace-Id`.
    package var traceID: String?
    /// The ARN the caller invoked (qualified when it named a version or alias): `Lambda-Runtime-Invoked-Function-Arn`.
    package var invokedFunctionArn: String

    package init(requestID: String, payload: [UInt8], clientContext: String? = nil, traceID: String? = nil,
                 invokedFunctionArn: String) {
        self.requestID = requestID
        self.payload = payload
        self.clientContext = clientContext
        self.traceID = traceID
        self.invokedFunctionArn = invokedFunctionArn
    }
}

/// How an invocation ended.
package struct LambdaInvocationOutcome: Sendable {
    /// The response (or the error document for a function error).
    package var payload: [UInt8]
    /// `nil` on success; `Unhandled` for errors the runtime reported, timeouts and crashes (Lambda's
    /// `X-Amz-Function-Error`).
    package var functionError: String?
    /// The invocation's log: `START RequestId: …`, the function's own stdout/stderr lines, `END RequestId: …`,
    /// `REPORT RequestId: … Duration: … Billed Duration: … Memory Size: … Max Memory Used: …[ Init Duration: …]`.
    package var log: String
    /// Wall time of the invocation in milliseconds (without the cold start).
    package var durationMilliseconds: Double
    /// The cold start's init time in milliseconds, when this invocation started a new environment.
    package var initDurationMilliseconds: Double?

    package init(payload: [UInt8], functionError: String?, log: String, durationMilliseconds: Double,
                 initDurationMilliseconds: Double?) {
        self.payload = payload
        self.functionError = functionError
        self.log = log
        self.durationMilliseconds = durationMilliseconds
        self.initDurationMilliseconds = initDurationMilliseconds
    }
}

/// Why an invocation could not run at all.
package enum LambdaEnvironmentError: Error, Sendable, Equatable {
    /// The function is at its concurrency limit (Lambda: `TooManyRequestsException`, `Rate Exceeded.`).
    case throttled
    /// The runtime is not one this machine can run (e.g. no `node` installed), with the reason.
    case runtimeUnavailable(String)
    /// The environment could not start (bootstrap missing or not executable, init error), with Lambda's error
    /// type (`Runtime.InvalidEntrypoint`, `Runtime.ExitError`, …) and message.
    case initializationFailed(errorType: String, message: String)
}

/// The provisioned environments of one function version (``LambdaExecutionEnvironments/provisioning(of:)``).
package struct LambdaProvisioning: Sendable, Equatable {
    /// Environments started, initialised and kept for the version.
    package var allocated: Int
    /// The environments asked for.
    package var requested: Int
    /// Why the last environment could not start (its init error), nil when none failed.
    package var failure: String?

    package init(allocated: Int, requested: Int, failure: String? = nil) {
        self.allocated = allocated
        self.requested = requested
        self.failure = failure
    }
}
