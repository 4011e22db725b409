// StepFunctionsService+Tags: TagResource, UntagResource and ListTagsForResource on state machines.
import StratusAPIStepFunctions
import StratusServiceKit

extension StepFunctionsService {
    /// Adds or replaces tags of a state machine.
    package func tagResource(
        _ input: StepFunctions.TagResourceInput, context: RequestContext
    ) async throws -> StepFunctions.TagResourceOutput {
        var record = try await taggable(input.resourceArn)
        record.tags = try Self.tags(
            record.tags.map { StepFunctions.Tag(key: $0.key, value: $0.value) } + input.tags, arn: record.arn)
        guard try await store.replaceStateMachine(record) else { throw Self.resourceNotFound(input.resourceArn) }
        return StepFunctions.TagResourceOutput()
    }

    /// Removes tags of a state machine by key.
    package func untagResource(
        _ input: StepFunctions.UntagResourceInput, context: RequestContext
    ) async throws -> StepFunctions.UntagResourceOutput {
        var record = try await taggable(input.resourceArn)
        let removed = Set(input.tagKeys)
        record.tags.removeAll { removed.contains($0.key) }
        guard try await store.replaceStateMachine(record) else { throw Self.resourceNotFound(input.resourceArn) }
        return StepFunctions.UntagResourceOutput()
    }

    /// The tags of a state machine.
    package func listTagsForResource(
        _ input: StepFunctions.ListTagsForResourceInput, context: RequestContext
    ) async throws -> StepFunctions.ListTagsForResourceOutput {
        let record = try await taggable(input.resourceArn)
        return StepFunctions.ListTagsForResourceOutput(
            tags: record.tags.map { StepFunctions.Tag(key: $0.key, value: $0.value) })
    }

    /// `ResourceNotFound: Resource not found: '<arn>'`.
    static func resourceNotFound(_ arn: String) -> AWSServiceError {
        AWSServiceError(StepFunctionsErrors.resourceNotFound, "Resource not found: '\(arn)'")
    }

    /// The state machine a tag operation names. Only state machines carry tags so far (activities do not exist
    /// yet): any other well-formed Step Functions ARN is `ResourceNotFound`, anything else `InvalidArn`.
    func taggable(_ arn: String) async throws -> StateMachineRecord {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 7, parts[0] == "arn", parts[2] == "states" else {
            throw StepFunctionsFailure.invalidArn(arn, reason: "Invalid ARN prefix")
        }
        guard case .success = StepFunctionsNames.parseStateMachineArn(arn),
            let record = try await store.stateMachine(arn: arn)
        else { throw Self.resourceNotFound(arn) }
        return record
    }
}
