// LambdaLogRecord: one invocation's log as the log book keeps it.

/// The log of one invocation: `START RequestId: …`, the function's own stdout/stderr lines, `END …`, `REPORT …`.
///
/// Guarantees: `recordedAt` is unique and strictly increasing within one ``LambdaLogBook`` (it is the book's
/// cursor); `timestamp` is when the invocation started, so records of overlapping invocations may appear out of
/// `timestamp` order.
package struct LambdaLogRecord: Sendable, Equatable {
    /// The unqualified ARN of the function.
    package var functionArn: String
    /// The invocation's request id.
    package var requestID: String
    /// The version that ran (`$LATEST` or a number).
    package var version: String
    /// When the invocation started, milliseconds since the epoch (from the service's injected clock).
    package var timestamp: Int64
    /// When the log was recorded (the invocation ended), milliseconds since the epoch; the cursor of
    /// ``LambdaLogBook/records(functionArn:since:limit:)``.
    package var recordedAt: Int64
    /// The log text, as the invocation produced it (possibly shortened to the book's per-function byte limit).
    package var message: String

    /// A record; ``LambdaLogBook/append(functionArn:requestID:version:timestamp:recordedAt:message:)`` makes
    /// `recordedAt` unique.
    package init(functionArn: String, requestID: String, version: String, timestamp: Int64, recordedAt: Int64,
                 message: String) {
        self.functionArn = functionArn
        self.requestID = requestID
        self.version = version
        self.timestamp = timestamp
        self.recordedAt = recordedAt
        self.message = message
    }
}
