// RuntimeAPIEvent: what happens in an execution environment, as the environment consumes it.

/// What happened in an environment, in the order it happened; the environment consumes these one at a time.
package enum RuntimeAPIEvent: Sendable {
    /// The runtime asked for its first invocation: initialization is done.
    case ready
    /// The runtime posted `/init/error` with the `Lambda-Runtime-Function-Error-Type` header and body.
    case initError(errorType: String?, body: [UInt8])
    /// The runtime posted the response of the invocation with this id.
    case response(requestID: String, body: [UInt8])
    /// The runtime posted a response larger than the limit.
    case responseTooLarge(requestID: String, size: Int)
    /// The runtime posted `/error` for the invocation with this id.
    case error(requestID: String, errorType: String?, body: [UInt8])
    /// The invocation with this id outlived its deadline.
    case timedOut(requestID: String)
    /// Initialization outlived its limit.
    case initTimedOut
    /// The environment's main process exited (`exit status N` or `signal: killed`, as Lambda words it).
    case exited(status: String)
}
