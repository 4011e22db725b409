// LambdaServiceSettings: the tunable parts of the Lambda service.

/// Limits, delays and the endpoint handed to functions.
///
/// Guarantees: the defaults are Lambda's (1000 concurrent executions per account and region, asynchronous
/// retries after 1 and 2 minutes); tests shorten the delays.
package struct LambdaServiceSettings: Sendable {
    /// Delays before the first and second retry of an asynchronous invocation that ended in a function error.
    package var asyncRetryDelays: [Duration]
    /// Delay before an asynchronous invocation that was throttled runs again (doubling up to 5 minutes).
    package var asyncThrottleDelay: Duration
    /// Concurrent executions per account and region (Lambda's `ConcurrentExecutions`).
    package var accountConcurrencyLimit: Int
    /// Most asynchronous invocations run at once by the background worker.
    package var asyncParallelism: Int
    /// Long-poll wait of event source mapping receives, in seconds (1–20).
    package var sourcePollWaitSeconds: Int
    /// The endpoint handler code reaches Stratus at (`AWS_ENDPOINT_URL`); known once the server is bound.
    package var endpoint: @Sendable () -> String

    /// Lambda's defaults, handing functions `endpoint`.
    package init(
        asyncRetryDelays: [Duration] = [.seconds(60), .seconds(120)], asyncThrottleDelay: Duration = .seconds(1),
        accountConcurrencyLimit: Int = 1000, asyncParallelism: Int = 16, sourcePollWaitSeconds: Int = 5,
        endpoint: @escaping @Sendable () -> String = { "http://127.0.0.1:4566" }
    ) {
        self.asyncRetryDelays = asyncRetryDelays
        self.asyncThrottleDelay = asyncThrottleDelay
        self.accountConcurrencyLimit = accountConcurrencyLimit
        self.asyncParallelism = asyncParallelism
        self.sourcePollWaitSeconds = sourcePollWaitSeconds
        self.endpoint = endpoint
    }
}
