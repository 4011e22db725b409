// StepFunctionsService+Redrive: RedriveExecution and the redrive fields of DescribeExecution/ListExecutions.
import StratusAPIStepFunctions
import StratusServiceKit

extension StepFunctionsService {
    /// Restarts a Standard execution that ended `FAILED`, `TIMED_OUT` or `ABORTED` from the states that did not
    /// succeed; answers `redriveDate` once the redrive is durable.
    /// - Throws: `InvalidArn` (not an execution ARN), `ExecutionDoesNotExist`, `ExecutionNotRedrivable` (with the
    ///   reason DescribeExecution's `redriveStatusReason` gives).
    package func redriveExecution(
        _ input: StepFunctions.RedriveExecutionInput, context: RequestContext
    ) async throws -> StepFunctions.RedriveExecutionOutput {
        _ = try await execution(arn: input.executionArn)
        guard let redriven = try await runner.redrive(arn: input.executionArn, clientToken: input.clientToken) else {
            throw Self.executionDoesNotExist(input.executionArn)
        }
        return StepFunctions.RedriveExecutionOutput(redriveDate: Self.date(redriven.redriveDate))
    }

    /// `redriveStatus` and `redriveStatusReason` of an execution for DescribeExecution.
    func redriveStatus(of record: ExecutionRecord) async throws -> (StepFunctions.ExecutionRedriveStatus?, String?) {
        guard let status = try await runner.redriveStatus(arn: record.arn) else { return (nil, nil) }
        return (StepFunctions.ExecutionRedriveStatus(rawValue: status.status), status.reason)
    }

    /// Whether a record passes ListExecutions' `redriveFilter` (`REDRIVEN`: redriven at least once).
    static func passes(_ filter: StepFunctions.ExecutionRedriveFilter?, _ record: ExecutionRecord) throws -> Bool {
        switch filter {
        case nil: return true
        case .redriven?: return record.redriveCount > 0
        case .notRedriven?: return record.redriveCount == 0
        case let other?:
            throw AWSServiceError.validation(
                "1 validation error detected: Value '\(other.rawValue)' at 'redriveFilter' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [REDRIVEN, NOT_REDRIVEN]")
        }
    }
}
