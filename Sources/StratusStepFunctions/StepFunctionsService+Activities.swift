// StepFunctionsService+Activities: CreateActivity, DescribeActivity, DeleteActivity, ListActivities, GetActivityTask.
import Foundation
import StratusAPIStepFunctions
import StratusServiceKit

extension StepFunctionsService {
    /// Creates an activity (name rules as for state machines, at most 50 tags). Idempotent on the name as AWS
    /// documents it: creating an existing name answers that activity's ARN and creation date, whatever the tags.
    package func createActivity(
        _ input: StepFunctions.CreateActivityInput, context: RequestContext
    ) async throws -> StepFunctions.CreateActivityOutput {
        guard StepFunctionsNames.isValidName(input.name) else { throw StepFunctionsFailure.invalidName(input.name) }
        if input.encryptionConfiguration != nil {
            throw StepFunctionsFailure.unsupported("encryption configurations")
        }
        let arn = ActivityRecord.arn(accountID: context.accountID, region: context.region, name: input.name)
        let record = ActivityRecord(
            accountID: context.accountID, region: context.region, name: input.name, createdAt: nowMilliseconds(),
            tags: try Self.tags(input.tags ?? [], arn: arn))
        let stored: ActivityRecord
        switch try await store.insertActivity(record) {
        case .inserted: stored = record
        case .existing(let existing): stored = existing
        }
        try await runner.activityCreated(arn: stored.arn)
        return StepFunctions.CreateActivityOutput(activityArn: stored.arn, creationDate: Self.date(stored.createdAt))
    }

    /// Describes an activity: ARN, name, creation date, and the AWS-owned-key encryption every activity has here.
    package func describeActivity(
        _ input: StepFunctions.DescribeActivityInput, context: RequestContext
    ) async throws -> StepFunctions.DescribeActivityOutput {
        let record = try await activity(arn: input.activityArn)
        return StepFunctions.DescribeActivityOutput(
            activityArn: record.arn, name: record.name, creationDate: Self.date(record.createdAt),
            encryptionConfiguration: StepFunctions.EncryptionConfiguration(type: .awsOwnedKey))
    }

    /// Deletes an activity; an unknown (well-formed) ARN succeeds, as on AWS.
    package func deleteActivity(
        _ input: StepFunctions.DeleteActivityInput, context: RequestContext
    ) async throws -> StepFunctions.DeleteActivityOutput {
        try Self.checkActivityArn(input.activityArn)
        _ = try await store.deleteActivity(arn: input.activityArn)
        try await runner.activityDeleted(arn: input.activityArn)
        return StepFunctions.DeleteActivityOutput()
    }

    /// The caller's activities in its region, by name; `maxResults` 1–1000 (0/absent = 100), opaque `nextToken`.
    package func listActivities(
        _ input: StepFunctions.ListActivitiesInput, context: RequestContext
    ) async throws -> StepFunctions.ListActivitiesOutput {
        let limit = try Self.pageSize(input.maxResults)
        let after = try input.nextToken.map(Self.decodeActivityToken)
        var records = try await store.activities(
            accountID: context.accountID, region: context.region, afterName: after, limit: limit + 1)
        var nextToken: String?
        if records.count > limit {
            records.removeLast(records.count - limit)
            nextToken = records.last.map { Self.encodeActivityToken($0.name) }
        }
        return StepFunctions.ListActivitiesOutput(
            activities: records.map {
                StepFunctions.ActivityListItem(activityArn: $0.arn, name: $0.name, creationDate: Self.date($0.createdAt))
            },
            nextToken: nextToken)
    }

    /// `GetActivityTask`: a long poll of up to 60 seconds for the oldest task queued on the activity. Answers
    /// `taskToken` and `input`, or an empty answer (no token) when no task came in time.
    package func getActivityTask(
        _ input: StepFunctions.GetActivityTaskInput, context: RequestContext
    ) async throws -> StepFunctions.GetActivityTaskOutput {
        try await getActivityTask(input, context: context, pollTimeout: StepFunctionsRunner.activityPollTimeout)
    }

    /// `GetActivityTask` with a poll of at most `pollTimeout` (tests shorten it).
    package func getActivityTask(
        _ input: StepFunctions.GetActivityTaskInput, context: RequestContext, pollTimeout: Duration
    ) async throws -> StepFunctions.GetActivityTaskOutput {
        try Self.checkActivityArn(input.activityArn)
        guard let handout = try await runner.pollActivityTask(
            activityArn: input.activityArn, workerName: input.workerName ?? "", timeout: pollTimeout)
        else { return StepFunctions.GetActivityTaskOutput() }
        return StepFunctions.GetActivityTaskOutput(taskToken: handout.token, input: handout.input)
    }

    /// `ActivityDoesNotExist: Activity Does Not Exist: '<arn>'`.
    static func activityDoesNotExist(_ arn: String) -> AWSServiceError {
        AWSServiceError(StepFunctionsErrors.activityDoesNotExist, "Activity Does Not Exist: '\(arn)'")
    }

    /// Refuses an ARN that is not an activity ARN with `InvalidArn`.
    static func checkActivityArn(_ arn: String) throws {
        if case .failure(let problem) = ActivityRecord.checkArn(arn) {
            throw StepFunctionsFailure.invalidArn(arn, reason: problem.reason)
        }
    }

    /// The activity an ARN names.
    /// - Throws: `InvalidArn` for a malformed ARN, `ActivityDoesNotExist` for an unknown one.
    func activity(arn: String) async throws -> ActivityRecord {
        try Self.checkActivityArn(arn)
        guard let record = try await store.activity(arn: arn) else { throw Self.activityDoesNotExist(arn) }
        return record
    }

    /// The page token continuing after the activity `name`.
    static func encodeActivityToken(_ name: String) -> String { Data(("act:" + name).utf8).base64EncodedString() }

    /// The name an activity page token continues after.
    /// - Throws: `InvalidToken` for a token this service did not issue for `ListActivities`.
    static func decodeActivityToken(_ token: String) throws -> String {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("act:")
        else { throw StepFunctionsFailure.invalidToken() }
        return String(text.dropFirst(4))
    }
}
