// StepFunctionsRunner+Redrive: RedriveExecution, and whether an execution can be redriven.
import StratusAPIStepFunctions
import StratusASL
import StratusServiceKit
import StratusStatesEngine

extension StepFunctionsRunner {
    /// AWS: an execution can be redriven for 14 days after it stopped.
    static let redrivablePeriodMilliseconds: Int64 = 14 * 86_400_000
    /// AWS: an execution may stay open for at most one year from its start.
    static let maximumExecutionMilliseconds: Int64 = 365 * 86_400_000
    /// AWS: a client token answers idempotently for 15 minutes after its first use…
    static let clientTokenLifetimeMilliseconds: Int64 = 15 * 60_000
    /// …among the last 10 tokens that redrove the execution.
    static let rememberedClientTokens = 10

    /// Whether an execution can be redriven now: `REDRIVABLE`, or `NOT_REDRIVABLE` with AWS's reason; `nil` if it
    /// does not exist.
    package func redriveStatus(arn: String) async throws -> (status: String, reason: String?)? {
        try await recovered()
        guard let run = runs[arn] else { return nil }
        guard let reason = redriveBlocker(run, now: nowMilliseconds(of: arn)) else { return ("REDRIVABLE", nil) }
        return ("NOT_REDRIVABLE", reason)
    }

    /// `RedriveExecution`: restarts an execution that ended `FAILED`, `TIMED_OUT` or `ABORTED` (the engine re-enters
    /// the states that did not succeed) and returns its record and redrive date once the redrive is journaled; `nil`
    /// if the execution does not exist. A `clientToken` that redrove this execution in the last 15 minutes (among
    /// its last 10 redrives) answers that redrive's date again without redriving.
    /// - Throws: `ExecutionNotRedrivable` with AWS's reason (running, succeeded, Express, more than a year open,
    ///   stopped more than 14 days ago, history full).
    package func redrive(arn: String, clientToken: String?) async throws -> (record: ExecutionRecord, redriveDate: Int64)? {
        try await recovered()
        guard let run = runs[arn] else { return nil }
        let now = nowMilliseconds(of: arn)
        if let clientToken,
           let earlier = run.machine.redrives.suffix(Self.rememberedClientTokens).last(where: { $0.clientToken == clientToken }),
           now - earlier.at.milliseconds <= Self.clientTokenLifetimeMilliseconds {
            return (run.record, earlier.at.milliseconds)
        }
        if let reason = redriveBlocker(run, now: now) {
            throw AWSServiceError(StepFunctionsErrors.executionNotRedrivable, reason)
        }
        apply([], to: arn, event: (.redrive(clientToken: clientToken), now))
        try await committed(for: arn)
        guard let record = runs[arn]?.record else { return nil }
        return (record, record.redriveDate ?? now)
    }

    /// Why `run` cannot be redriven at `now`, in AWS's words (`redriveStatusReason`), or `nil` if it can.
    func redriveBlocker(_ run: Run, now: Int64) -> String? {
        switch run.machine.redriveEligibility {
        case .running: return "Execution is RUNNING and cannot be redriven"
        case .succeeded: return "Execution is SUCCEEDED and cannot be redriven"
        case .historyLimitExceeded, .redrivable: break
        }
        if Self.isExpress(arn: run.record.arn) {
            // AWS: RedriveExecution is not supported for Express state machines (its wording is not documented).
            return "Execution of an EXPRESS state machine cannot be redriven"
        }
        if now - run.record.startedAt > Self.maximumExecutionMilliseconds {
            return "Execution has exceeded the max execution time"
        }
        if let stoppedAt = run.record.stoppedAt, now - stoppedAt > Self.redrivablePeriodMilliseconds {
            return "Execution redrivable period exceeded"
        }
        if run.machine.redriveEligibility == .historyLimitExceeded { return "Execution history event limit exceeded" }
        return nil
    }

    /// Whether an execution ARN names an Express execution (`…:express:…`).
    static func isExpress(arn: String) -> Bool {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count > 5 && parts[5] == "express"
    }

    /// Copies the machine's redrive count and date into the record; a redriven (running again) execution has no
    /// stop date, output, error or cause until it ends again.
    static func refreshRedrive(_ run: inout Run) {
        run.record.redriveCount = run.machine.context.redriveCount
        run.record.redriveDate = run.machine.context.redriveTime?.milliseconds
        if !run.machine.status.isFinished, run.record.stoppedAt != nil {
            run.record.stoppedAt = nil
            run.record.output = nil
            run.record.error = nil
            run.record.cause = nil
        }
    }
}
