import Foundation
import StratusAPIStepFunctions
import StratusAWSCore
import StratusServiceKit

/// The Step Functions service over a ``StepFunctionsStore``: state machines, definition validation, and executions
/// run by a ``StepFunctionsRunner``.
///
/// Guarantees: AWS's validation rules, error codes and messages for the operations it implements (see
/// docs/stepfunctions.md); each operation makes at most one write to the store, so a failed request changes
/// nothing; time comes from `clock` and revision ids from `ids`. Operations not implemented yet answer the
/// generated `NotImplemented` (HTTP 501).
package struct StepFunctionsService: StepFunctionsHandler {
    /// Where state machines live.
    package let store: any StepFunctionsStore
    /// The source of "now".
    package let clock: any WallClock
    /// The source of revision ids and default execution names.
    package let ids: any RequestIDGenerator
    /// Runs executions and holds their timers (run it in the server's `ServiceGroup`).
    package let runner: StepFunctionsRunner
    /// Draws a number in 0..<100 to route an alias execution by weight (injected randomness).
    package let routingDraw: @Sendable () -> Int
    /// Definitions parsed for earlier executions.
    let definitions = ParsedDefinitionCache()

    /// A service over `store`; executions run on `runner` (by default one on `clock`, durable in `store`, whose
    /// Task states call other services through `invoker`; without one every Task fails with
    /// `Stratus.UnsupportedIntegration`; `fastForward` makes that runner skip waits, see
    /// ``StepFunctionsRunner/init(clock:store:automaticTimers:integrations:fastForward:)``); `routingDraw` picks
    /// alias routes.
    package init(
        store: any StepFunctionsStore, clock: any WallClock = SystemWallClock(),
        ids: any RequestIDGenerator = RandomRequestIDGenerator(), runner: StepFunctionsRunner? = nil,
        invoker: (any ServiceInvoker)? = nil, fastForward: Bool = false,
        routingDraw: @escaping @Sendable () -> Int = { Int.random(in: 0..<100) }
    ) {
        self.routingDraw = routingDraw
        self.store = store
        self.clock = clock
        self.ids = ids
        self.runner = runner ?? StepFunctionsRunner(
            clock: clock, store: store, integrations: StepFunctionsIntegrations(invoker: invoker, ids: ids),
            fastForward: fastForward)
    }

    /// Most tags one resource may carry.
    static let maximumTags = 50

    /// Now in milliseconds since the epoch.
    func nowMilliseconds() -> Int64 { Int64((clock.now().timeIntervalSince1970 * 1000).rounded(.down)) }

    /// The date of a millisecond timestamp.
    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    /// The state machine an ARN names, in any region of the caller's account that the ARN states.
    func stateMachine(arn: String) async throws -> StateMachineRecord {
        if case .failure(let problem) = StepFunctionsNames.parseStateMachineArn(arn) {
            throw StepFunctionsFailure.invalidArn(arn, reason: problem.reason)
        }
        guard let record = try await store.stateMachine(arn: arn) else {
            throw StepFunctionsFailure.stateMachineDoesNotExist(arn)
        }
        return record
    }
}
