// LambdaServiceSettings: the tunable parts of the Lambda service.
import Foundation

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

    /// Lambda's defaults, with `STRATUS_LAMBDA_ASYNC_RETRY_DELAYS` (comma-separated seconds, e.g. `1,2`: the
    /// delays before the first and second asynchronous retry) and `STRATUS_LAMBDA_CONCURRENCY` (the account's
    /// concurrent executions) taken from `environment` when they are valid.
    package static func fromProcessEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        endpoint: @escaping @Sendable () -> String
    ) -> LambdaServiceSettings {
        var settings = LambdaServiceSettings(endpoint: endpoint)
        if let text = environment["STRATUS_LAMBDA_ASYNC_RETRY_DELAYS"] {
            let delays = text.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            if !delays.isEmpty, delays.allSatisfy({ $0 >= 0 }) {
                settings.asyncRetryDelays = delays.map { .milliseconds(Int64($0 * 1000)) }
                settings.asyncThrottleDelay = min(settings.asyncThrottleDelay, settings.asyncRetryDelays[0])
            }
        }
        if let limit = environment["STRATUS_LAMBDA_CONCURRENCY"].flatMap(Int.init), limit > 100 {
            settings.accountConcurrencyLimit = limit
        }
        return settings
    }
}
