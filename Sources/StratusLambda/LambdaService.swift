// LambdaService: the Lambda API over a LambdaStore, a LambdaCodeStore and LambdaExecutionEnvironments.
import Foundation
import StratusAPILambda
import StratusAWSCore
import StratusServiceKit

/// The Lambda service: functions, versions, aliases, layers, concurrency, tags, invocations (synchronous,
/// asynchronous through a durable queue, dry runs), asynchronous-invocation configs with SQS destinations, and
/// event source mappings from SQS.
///
/// Guarantees: Lambda's validation rules, error codes and messages for what it implements; operations it does
/// not implement answer `NotImplemented`; each write is one store transaction, so a failed request changes
/// nothing; time comes from `clock`, ids from `ids`; functions run only through `environments`. Background work
/// (activation of new code, the asynchronous queue, SQS polling) is done by ``backgroundWorker`` and
/// ``eventSourcePoller``, which the server runs in its `ServiceGroup`.
package struct LambdaService: LambdaHandler {
    /// Where functions, layers, mappings and queued invocations live.
    package let store: any LambdaStore
    /// Where deployment packages live.
    package let codeStore: any LambdaCodeStore
    /// Where functions run.
    package let environments: any LambdaExecutionEnvironments
    /// In-process calls to other services (SQS for mappings and destinations); nil when none is wired.
    package let invoker: (any ServiceInvoker)?
    /// The source of "now".
    package let clock: any WallClock
    /// Request ids, revision ids and mapping UUIDs.
    package let ids: any RequestIDGenerator
    /// Limits, delays and the endpoint.
    package let settings: LambdaServiceSettings
    /// Wakes the background worker's activation loop (new code to unpack).
    package let activationSignal: WakeupSignal
    /// Wakes the background worker's queue loop (new asynchronous invocations).
    package let queueSignal: WakeupSignal
    /// Wakes the event source poller (mappings changed).
    package let mappingSignal: WakeupSignal
    /// Every invocation's log, per function, in memory (see ``logs(functionName:accountID:region:since:limit:)``).
    package let logBook: LambdaLogBook

    /// A service over its ports.
    package init(
        store: any LambdaStore, codeStore: any LambdaCodeStore, environments: any LambdaExecutionEnvironments,
        invoker: (any ServiceInvoker)? = nil, clock: any WallClock = SystemWallClock(),
        ids: any RequestIDGenerator = RandomRequestIDGenerator(), settings: LambdaServiceSettings = LambdaServiceSettings(),
        logBook: LambdaLogBook = LambdaLogBook()
    ) {
        self.store = store
        self.codeStore = codeStore
        self.environments = environments
        self.invoker = invoker
        self.clock = clock
        self.ids = ids
        self.settings = settings
        self.activationSignal = WakeupSignal()
        self.queueSignal = WakeupSignal()
        self.mappingSignal = WakeupSignal()
        self.logBook = logBook
    }

    /// The background worker of this service (activation and the asynchronous queue).
    package var backgroundWorker: LambdaBackgroundWorker { LambdaBackgroundWorker(service: self) }

    /// The SQS poller of this service's event source mappings.
    package var eventSourcePoller: LambdaEventSourcePoller { LambdaEventSourcePoller(service: self) }

    /// Largest synchronous payload (request and response), bytes.
    package static let synchronousPayloadLimit = 6_291_456
    /// Largest asynchronous payload, bytes.
    package static let asynchronousPayloadLimit = 262_144

    /// Now in milliseconds since the epoch.
    func nowMilliseconds() -> Int64 { Int64((clock.now().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// A new revision id.
    func newRevisionID() -> String { ids.next() }

    /// The function a caller names, with the qualifier it carries in its name or in `qualifier`.
    /// - Throws: `InvalidParameterValueException` for malformed names or conflicting qualifiers,
    ///   `ResourceNotFoundException` when the function does not exist.
    func lookUp(_ functionName: String, qualifier: String? = nil, context: RequestContext) async throws
        -> (function: LambdaFunctionRecord, qualifier: String?)
    {
        let (reference, qualifier) = try parse(functionName, qualifier: qualifier, context: context)
        guard let function = try await store.function(accountID: reference.accountID ?? context.accountID,
                                                      region: reference.region ?? context.region, name: reference.name)
        else {
            let arn = functionArn(reference, context: context) + (qualifier.map { ":\($0)" } ?? "")
            throw LambdaFailure.functionNotFound(arn)
        }
        return (function, qualifier)
    }

    /// Parses a function name and merges its qualifier with the separate `Qualifier` parameter.
    func parse(_ functionName: String, qualifier: String?, context: RequestContext) throws
        -> (LambdaFunctionName, String?)
    {
        guard let reference = LambdaFunctionName(functionName) else {
            throw LambdaFailure.invalidParameter("Invalid function name: \(functionName)")
        }
        if let qualifier, let derived = reference.qualifier, qualifier != derived {
            throw LambdaFailure.invalidParameter("The derived qualifier from the function name does not match the specified qualifier.")
        }
        if let qualifier, !LambdaFunctionName.isQualifier(qualifier) {
            throw LambdaFailure.invalidParameter("Invalid qualifier: \(qualifier)")
        }
        return (reference, qualifier ?? reference.qualifier)
    }

    /// The unqualified ARN of a named function in the caller's (or the ARN's) account and region.
    func functionArn(_ reference: LambdaFunctionName, context: RequestContext) -> String {
        "arn:aws:lambda:\(reference.region ?? context.region):\(reference.accountID ?? context.accountID):function:\(reference.name)"
    }

    /// The version a qualifier selects (`nil` and `$LATEST`: `$LATEST`; a number; an alias's primary version).
    /// - Throws: `ResourceNotFoundException` with Lambda's messages.
    func version(of function: LambdaFunctionRecord, qualifier: String?) throws -> LambdaVersionRecord {
        let qualifier = qualifier ?? "$LATEST"
        if let version = function.version(qualifier) { return version }
        if let alias = function.alias(qualifier), let version = function.version(alias.functionVersion) {
            return version
        }
        throw LambdaFailure.functionNotFound("\(function.arn):\(qualifier)")
    }
}
