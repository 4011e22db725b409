// LambdaService+StreamMappings: event source mappings from DynamoDB streams (creation, update, their settings).
import Foundation
import StratusAPIDynamoDBStreams
import StratusAPILambda
import StratusAWSCore
import StratusServiceKit

extension LambdaService {
    /// A DynamoDB Streams client acting in the stream's account and region.
    /// - Throws: `ServiceException` when no DynamoDB Streams service is wired.
    func dynamoDBStreams(_ stream: LambdaStreamArn) throws -> DynamoDBStreamsClient {
        guard let invoker else {
            throw LambdaFailure.service("No DynamoDB Streams service is wired to reach the stream of \(stream.tableName).")
        }
        let context = RequestContext(accountID: stream.accountID, region: stream.region, requestID: ids.next(),
                                     host: "localhost", receivedAt: clock.now())
        return DynamoDBStreamsClient(invoker: invoker, context: context)
    }

    /// The stream settings of a mapping, checked as Lambda checks them for DynamoDB streams.
    struct StreamSettings: Sendable {
        var maximumRetryAttempts: Int
        var maximumRecordAgeInSeconds: Int
        var bisectBatchOnFunctionError: Bool
        var parallelizationFactor: Int
        var onFailureDestination: String?

        /// The settings `current` has with the given parameters applied (nil: unchanged).
        static func checked(
            _ current: StreamSettings, retries: Int?, recordAge: Int?, bisect: Bool?, parallelization: Int?,
            destination: Lambda.DestinationConfig?
        ) throws -> StreamSettings {
            var settings = current
            if let retries {
                guard (-1...10_000).contains(retries) else {
                    throw LambdaFailure.invalidParameter("MaximumRetryAttempts must be between -1 and 10000.")
                }
                settings.maximumRetryAttempts = retries
            }
            if let recordAge {
                guard recordAge == -1 || (60...604_800).contains(recordAge) else {
                    throw LambdaFailure.invalidParameter(
                        "MaximumRecordAgeInSeconds must be -1 (no limit) or between 60 and 604800.")
                }
                settings.maximumRecordAgeInSeconds = recordAge
            }
            if let bisect { settings.bisectBatchOnFunctionError = bisect }
            if let parallelization {
                guard (1...10).contains(parallelization) else {
                    throw LambdaFailure.invalidParameter("ParallelizationFactor must be between 1 and 10.")
                }
                settings.parallelizationFactor = parallelization
            }
            if let destination {
                if destination.onSuccess?.destination != nil {
                    throw LambdaFailure.invalidParameter(
                        "Unsupported DestinationConfig parameter for given event source mapping type: OnSuccess.")
                }
                let target = destination.onFailure?.destination
                if let target, !(LambdaQueueArn(target) != nil || target.hasPrefix("arn:aws:sns:") && isDestination(target)) {
                    throw LambdaFailure.invalidParameter(
                        "The OnFailure destination of a DynamoDB stream event source mapping must be an SQS queue or an SNS topic: \(target)")
                }
                settings.onFailureDestination = target
            }
            return settings
        }

        static let defaults = StreamSettings(
            maximumRetryAttempts: -1, maximumRecordAgeInSeconds: -1, bisectBatchOnFunctionError: false,
            parallelizationFactor: 1, onFailureDestination: nil)
    }

    /// `CreateEventSourceMapping` from a DynamoDB stream (`StartingPosition` `TRIM_HORIZON` or `LATEST`); answers
    /// `Creating` (the poller makes it `Enabled`).
    func createStreamMapping(
        _ input: Lambda.CreateEventSourceMappingRequest, stream: LambdaStreamArn, sourceArn: String,
        context: RequestContext
    ) async throws -> Lambda.EventSourceMappingConfiguration {
        if input.topics != nil || input.queues != nil || input.selfManagedEventSource != nil
            || input.tumblingWindowInSeconds != nil || input.startingPositionTimestamp != nil
        {
            throw LambdaFailure.invalidParameter(
                "Stratus does not support Topics, Queues, SelfManagedEventSource, TumblingWindowInSeconds or StartingPositionTimestamp for DynamoDB stream event source mappings.")
        }
        guard let position = input.startingPosition?.rawValue, ["TRIM_HORIZON", "LATEST"].contains(position) else {
            throw LambdaFailure.invalidParameter(
                "StartingPosition must be TRIM_HORIZON or LATEST for a DynamoDB stream event source (got \(input.startingPosition?.rawValue ?? "none")).")
        }
        let filterPatterns = try Self.checkedFilterPatterns(input.filterCriteria)
        let settings = try StreamSettings.checked(
            .defaults, retries: input.maximumRetryAttempts, recordAge: input.maximumRecordAgeInSeconds,
            bisect: input.bisectBatchOnFunctionError, parallelization: input.parallelizationFactor,
            destination: input.destinationConfig)
        let (function, qualifier) = try await lookUp(input.functionName, context: context)
        if let qualifier { _ = try version(of: function, qualifier: qualifier) }
        let batchSize = input.batchSize ?? 100
        let window = input.maximumBatchingWindowInSeconds ?? 0
        try Self.checkStreamBatching(batchSize: batchSize, window: window)
        let responseTypes = try Self.checkResponseTypes(input.functionResponseTypes)
        do {
            _ = try await dynamoDBStreams(stream).describeStream(DynamoDBStreams.DescribeStreamInput(streamArn: sourceArn))
        } catch let error as AWSServiceError where error.code.code != LambdaErrors.serviceException.code {
            throw LambdaFailure.invalidParameter("Stream not found: \(sourceArn)")
        }
        let functionArn = function.arn + (qualifier.map { ":\($0)" } ?? "")
        var mapping = try await newMappingRecord(
            functionArn: functionArn, sourceArn: sourceArn, batchSize: batchSize, window: window, enabled: input.enabled,
            reason: "User action", responseTypes: responseTypes, tags: input.tags, context: context
        ) { existing in
            "The event source arn (\" \(sourceArn) \") and function (\" \(function.name) \") provided mapping already exists. Please update or delete the existing mapping with UUID \(existing)"
        }
        mapping.filterPatterns = filterPatterns
        mapping.startingPosition = position
        mapping.apply(settings)
        return try await register(mapping)
    }

    /// The stream settings of `UpdateEventSourceMapping` applied to a stream mapping's current ones.
    static func updatedStreamSettings(
        _ input: Lambda.UpdateEventSourceMappingRequest, current: LambdaEventSourceMappingRecord
    ) throws -> StreamSettings {
        if input.tumblingWindowInSeconds != nil {
            throw LambdaFailure.invalidParameter(
                "Stratus does not support TumblingWindowInSeconds for DynamoDB stream event source mappings.")
        }
        let currentSettings = StreamSettings(
            maximumRetryAttempts: current.maximumRetryAttempts ?? -1,
            maximumRecordAgeInSeconds: current.maximumRecordAgeInSeconds ?? -1,
            bisectBatchOnFunctionError: current.bisectBatchOnFunctionError ?? false,
            parallelizationFactor: current.parallelizationFactor ?? 1, onFailureDestination: current.onFailureDestination)
        return try StreamSettings.checked(
            currentSettings, retries: input.maximumRetryAttempts, recordAge: input.maximumRecordAgeInSeconds,
            bisect: input.bisectBatchOnFunctionError, parallelization: input.parallelizationFactor,
            destination: input.destinationConfig)
    }

    /// Lambda's batching limits for stream sources: `BatchSize` 1–10,000, `MaximumBatchingWindowInSeconds` 0–300.
    static func checkStreamBatching(batchSize: Int, window: Int) throws {
        guard (1...10_000).contains(batchSize) else {
            throw LambdaFailure.invalidParameter("BatchSize must be between 1 and 10000 for DynamoDB stream event sources.")
        }
        guard (0...300).contains(window) else {
            throw LambdaFailure.invalidParameter("MaximumBatchingWindowInSeconds must be between 0 and 300.")
        }
    }

    /// The stream members of a mapping's configuration (as Lambda answers them for DynamoDB streams).
    static func addStreamMembers(_ mapping: LambdaEventSourceMappingRecord, to configuration: inout Lambda.EventSourceMappingConfiguration) {
        guard let position = mapping.startingPosition else { return }
        configuration.startingPosition = Lambda.EventSourcePosition(rawValue: position)
        configuration.parallelizationFactor = mapping.parallelizationFactor ?? 1
        configuration.maximumRetryAttempts = mapping.maximumRetryAttempts ?? -1
        configuration.maximumRecordAgeInSeconds = mapping.maximumRecordAgeInSeconds ?? -1
        configuration.bisectBatchOnFunctionError = mapping.bisectBatchOnFunctionError ?? false
        configuration.tumblingWindowInSeconds = 0
        configuration.destinationConfig = Lambda.DestinationConfig(
            onFailure: Lambda.OnFailure(destination: mapping.onFailureDestination))
        configuration.lastProcessingResult = mapping.lastProcessingResult
    }
}

extension LambdaEventSourceMappingRecord {
    /// Sets the stream settings.
    mutating func apply(_ settings: LambdaService.StreamSettings) {
        maximumRetryAttempts = settings.maximumRetryAttempts
        maximumRecordAgeInSeconds = settings.maximumRecordAgeInSeconds
        bisectBatchOnFunctionError = settings.bisectBatchOnFunctionError
        parallelizationFactor = settings.parallelizationFactor
        onFailureDestination = settings.onFailureDestination
    }
}
