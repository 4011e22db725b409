// StepFunctionsService+Tags: TagResource, UntagResource and ListTagsForResource on state machines and activities.
import StratusAPIStepFunctions
import StratusServiceKit

extension StepFunctionsService {
    /// A resource that carries tags.
    enum Taggable {
        case stateMachine(StateMachineRecord)
        case activity(ActivityRecord)

        var tags: [StateMachineTag] {
            switch self {
            case .stateMachine(let record): record.tags
            case .activity(let record): record.tags
            }
        }
    }

    /// Adds or replaces tags of a state machine or activity.
    package func tagResource(
        _ input: StepFunctions.TagResourceInput, context: RequestContext
    ) async throws -> StepFunctions.TagResourceOutput {
        let resource = try await taggable(input.resourceArn)
        let tags = try Self.tags(
            resource.tags.map { StepFunctions.Tag(key: $0.key, value: $0.value) } + input.tags, arn: input.resourceArn)
        try await replaceTags(of: resource, with: tags, arn: input.resourceArn)
        return StepFunctions.TagResourceOutput()
    }

    /// Removes tags of a state machine or activity by key.
    package func untagResource(
        _ input: StepFunctions.UntagResourceInput, context: RequestContext
    ) async throws -> StepFunctions.UntagResourceOutput {
        let resource = try await taggable(input.resourceArn)
        let removed = Set(input.tagKeys)
        try await replaceTags(
            of: resource, with: resource.tags.filter { !removed.contains($0.key) }, arn: input.resourceArn)
        return StepFunctions.UntagResourceOutput()
    }

    /// The tags of a state machine or activity.
    package func listTagsForResource(
        _ input: StepFunctions.ListTagsForResourceInput, context: RequestContext
    ) async throws -> StepFunctions.ListTagsForResourceOutput {
        let resource = try await taggable(input.resourceArn)
        return StepFunctions.ListTagsForResourceOutput(
            tags: resource.tags.map { StepFunctions.Tag(key: $0.key, value: $0.value) })
    }

    /// `ResourceNotFound: Resource not found: '<arn>'`.
    static func resourceNotFound(_ arn: String) -> AWSServiceError {
        AWSServiceError(StepFunctionsErrors.resourceNotFound, "Resource not found: '\(arn)'")
    }

    /// The state machine or activity a tag operation names. Any other well-formed Step Functions ARN (executions,
    /// versions, aliases), or one naming nothing, is `ResourceNotFound`; anything else `InvalidArn`.
    func taggable(_ arn: String) async throws -> Taggable {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 7, parts[0] == "arn", parts[2] == "states" else {
            throw StepFunctionsFailure.invalidArn(arn, reason: "Invalid ARN prefix")
        }
        if case .success = StepFunctionsNames.parseStateMachineArn(arn),
            let record = try await store.stateMachine(arn: arn)
        {
            return .stateMachine(record)
        }
        if case .success = ActivityRecord.checkArn(arn), let record = try await store.activity(arn: arn) {
            return .activity(record)
        }
        throw Self.resourceNotFound(arn)
    }

    /// Stores a resource's new tags.
    private func replaceTags(of resource: Taggable, with tags: [StateMachineTag], arn: String) async throws {
        let replaced: Bool
        switch resource {
        case .stateMachine(var record):
            record.tags = tags
            replaced = try await store.replaceStateMachine(record)
        case .activity(var record):
            record.tags = tags
            replaced = try await store.replaceActivity(record)
        }
        guard replaced else { throw Self.resourceNotFound(arn) }
    }
}
