// LambdaService+EventSourceMappings: Create/Get/List/Update/DeleteEventSourceMapping (SQS and DynamoDB stream sources).
import Foundation
import StratusAPILambda
import StratusAPISQS
import StratusAWSCore
import StratusEventPatterns
import StratusJSON
import StratusServiceKit

extension LambdaService {
    /// `CreateEventSourceMapping` from an SQS queue or a DynamoDB stream (``createStreamMapping(_:stream:sourceArn:context:)``);
    /// answers `Creating` (the poller makes it `Enabled`).
    package func createEventSourceMapping(_ input: Lambda.CreateEventSourceMappingRequest, context: RequestContext)
        async throws -> Lambda.EventSourceMappingConfiguration
    {
        if let sourceArn = input.eventSourceArn, let stream = LambdaStreamArn(sourceArn) {
            return try await createStreamMapping(input, stream: stream, sourceArn: sourceArn, context: context)
        }
        guard let sourceArn = input.eventSourceArn, let queue = LambdaQueueArn(sourceArn) else {
            throw LambdaFailure.invalidParameter(
                "Stratus supports event source mappings from SQS queues and DynamoDB streams only: EventSourceArn must be an SQS queue ARN or a DynamoDB stream ARN.")
        }
        let filterPatterns = try Self.checkedFilterPatterns(input.filterCriteria)
        try Self.refuseUnsupportedMappingOptions(
            startingPosition: input.startingPosition != nil,
            destination: input.destinationConfig != nil, others: input.topics != nil || input.queues != nil
                || input.selfManagedEventSource != nil || input.tumblingWindowInSeconds != nil
                || input.parallelizationFactor != nil || input.bisectBatchOnFunctionError != nil
                || input.maximumRecordAgeInSeconds != nil || input.maximumRetryAttempts != nil)
        let (function, qualifier) = try await lookUp(input.functionName, context: context)
        if let qualifier { _ = try version(of: function, qualifier: qualifier) }
        let batchSize = input.batchSize ?? 10
        let window = input.maximumBatchingWindowInSeconds ?? 0
        try Self.checkBatching(batchSize: batchSize, window: window, fifo: queue.isFIFO)
        let responseTypes = try Self.checkResponseTypes(input.functionResponseTypes)
        do {
            _ = try await sqs(queue)
        } catch let error as AWSServiceError where error.code.code != LambdaErrors.serviceException.code {
            throw LambdaFailure.invalidParameter("The provided event source \(sourceArn) does not exist or is not accessible.")
        }
        let functionArn = function.arn + (qualifier.map { ":\($0)" } ?? "")
        var mapping = try await newMappingRecord(
            functionArn: functionArn, sourceArn: sourceArn, batchSize: batchSize, window: window, enabled: input.enabled,
            reason: "USER_INITIATED", responseTypes: responseTypes, tags: input.tags, context: context
        ) { existing in
            "An event source mapping with SQS arn (\" \(sourceArn) \") and function (\" \(function.name) \") already exists. Please update or delete the existing mapping with UUID \(existing)"
        }
        mapping.maximumConcurrency = input.scalingConfig?.maximumConcurrency
        mapping.filterPatterns = filterPatterns
        return try await register(mapping)
    }

    /// The record of a new mapping from `sourceArn` to `functionArn` (state `Creating`, nothing processed yet, no
    /// maximum concurrency), once no mapping of that source and function exists.
    /// - Throws: `ResourceConflictException` with `conflict(uuid of the existing mapping)` as its message.
    func newMappingRecord(
        functionArn: String, sourceArn: String, batchSize: Int, window: Int, enabled: Bool?, reason: String,
        responseTypes: [String], tags: [String: String]?, context: RequestContext, conflict: (String) -> String
    ) async throws -> LambdaEventSourceMappingRecord {
        if let existing = try await store.eventSourceMappings().first(where: {
            $0.eventSourceArn == sourceArn && $0.functionArn == functionArn
        }) {
            throw LambdaFailure.conflict(conflict(existing.uuid))
        }
        return LambdaEventSourceMappingRecord(
            uuid: ids.next(), accountID: context.accountID, region: context.region, functionArn: functionArn,
            eventSourceArn: sourceArn, batchSize: batchSize, maximumBatchingWindowInSeconds: window,
            enabled: enabled ?? true, state: "Creating", stateTransitionReason: reason,
            functionResponseTypes: responseTypes, maximumConcurrency: nil,
            lastProcessingResult: "No records processed", tags: tags ?? [:], lastModified: nowMilliseconds())
    }

    /// Stores a new mapping, wakes the poller for it and answers its configuration.
    func register(_ mapping: LambdaEventSourceMappingRecord) async throws -> Lambda.EventSourceMappingConfiguration {
        try await store.createEventSourceMapping(mapping)
        mappingSignal.signal()
        return Self.mappingConfiguration(mapping)
    }

    /// `GetEventSourceMapping`.
    package func getEventSourceMapping(_ input: Lambda.GetEventSourceMappingRequest, context: RequestContext)
        async throws -> Lambda.EventSourceMappingConfiguration
    {
        Self.mappingConfiguration(try await mapping(input.uuid, context: context))
    }

    /// `ListEventSourceMappings`, optionally for one queue and/or function.
    package func listEventSourceMappings(_ input: Lambda.ListEventSourceMappingsRequest, context: RequestContext)
        async throws -> Lambda.ListEventSourceMappingsResponse
    {
        var functionArn: String?
        if let name = input.functionName {
            let (reference, qualifier) = try parse(name, qualifier: nil, context: context)
            functionArn = self.functionArn(reference, context: context) + (qualifier.map { ":\($0)" } ?? "")
        }
        let mappings = try await store.eventSourceMappings().filter {
            $0.accountID == context.accountID && $0.region == context.region
                && (input.eventSourceArn == nil || $0.eventSourceArn == input.eventSourceArn)
                && (functionArn == nil || $0.functionArn == functionArn)
        }
        let page = try Self.page(mappings.map(Self.mappingConfiguration), marker: input.marker, maxItems: input.maxItems)
        return Lambda.ListEventSourceMappingsResponse(nextMarker: page.nextMarker, eventSourceMappings: page.items)
    }

    /// `UpdateEventSourceMapping`; answers `Updating`, `Enabling` or `Disabling` (the poller settles the state).
    package func updateEventSourceMapping(_ input: Lambda.UpdateEventSourceMappingRequest, context: RequestContext)
        async throws -> Lambda.EventSourceMappingConfiguration
    {
        let current = try await mapping(input.uuid, context: context)
        let filterPatterns = try Self.checkedFilterPatterns(input.filterCriteria)
        let streamSettings = current.isStream ? try Self.updatedStreamSettings(input, current: current) : nil
        if !current.isStream {
            try Self.refuseUnsupportedMappingOptions(
                startingPosition: false, destination: input.destinationConfig != nil,
                others: input.tumblingWindowInSeconds != nil || input.parallelizationFactor != nil
                    || input.bisectBatchOnFunctionError != nil || input.maximumRecordAgeInSeconds != nil
                    || input.maximumRetryAttempts != nil)
        }
        var functionArn: String?
        if let name = input.functionName {
            let (function, qualifier) = try await lookUp(name, context: context)
            if let qualifier { _ = try version(of: function, qualifier: qualifier) }
            functionArn = function.arn + (qualifier.map { ":\($0)" } ?? "")
        }
        let batchSize = input.batchSize ?? current.batchSize
        let window = input.maximumBatchingWindowInSeconds ?? current.maximumBatchingWindowInSeconds
        if current.isStream {
            try Self.checkStreamBatching(batchSize: batchSize, window: window)
        } else {
            try Self.checkBatching(batchSize: batchSize, window: window,
                                   fifo: LambdaQueueArn(current.eventSourceArn)?.isFIFO ?? false)
        }
        let responseTypes = try input.functionResponseTypes.map { try Self.checkResponseTypes($0) }
        let now = nowMilliseconds()
        let newFunctionArn = functionArn
        guard let updated = try await store.updateEventSourceMapping(uuid: current.uuid, { mapping in
            if let newFunctionArn { mapping.functionArn = newFunctionArn }
            mapping.batchSize = batchSize
            mapping.maximumBatchingWindowInSeconds = window
            if let responseTypes { mapping.functionResponseTypes = responseTypes }
            if let concurrency = input.scalingConfig { mapping.maximumConcurrency = concurrency.maximumConcurrency }
            if input.filterCriteria != nil { mapping.filterPatterns = filterPatterns }
            if let streamSettings { mapping.apply(streamSettings) }
            if let enabled = input.enabled, enabled != mapping.enabled {
                mapping.enabled = enabled
                mapping.state = enabled ? "Enabling" : "Disabling"
            } else {
                mapping.state = "Updating"
            }
            mapping.stateTransitionReason = "USER_INITIATED"
            mapping.lastModified = now
        }) else { throw Self.mappingNotFound() }
        mappingSignal.signal()
        return Self.mappingConfiguration(updated)
    }

    /// `DeleteEventSourceMapping`: answers the mapping in state `Deleting`; polling stops.
    package func deleteEventSourceMapping(_ input: Lambda.DeleteEventSourceMappingRequest, context: RequestContext)
        async throws -> Lambda.EventSourceMappingConfiguration
    {
        _ = try await mapping(input.uuid, context: context)
        guard var deleted = try await store.deleteEventSourceMapping(uuid: input.uuid) else { throw Self.mappingNotFound() }
        mappingSignal.signal()
        deleted.state = "Deleting"
        return Self.mappingConfiguration(deleted)
    }

    func mapping(_ uuid: String, context: RequestContext) async throws -> LambdaEventSourceMappingRecord {
        guard let mapping = try await store.eventSourceMapping(uuid: uuid),
            mapping.accountID == context.accountID, mapping.region == context.region
        else { throw Self.mappingNotFound() }
        return mapping
    }

    static func mappingNotFound() -> AWSServiceError {
        LambdaFailure.notFound("The resource you requested does not exist.")
    }

    /// The patterns of `FilterCriteria`, checked as event patterns (at most 5); nil for none (an empty list clears).
    static func checkedFilterPatterns(_ criteria: Lambda.FilterCriteria?) throws -> [String]? {
        guard let filters = criteria?.filters, !filters.isEmpty else { return nil }
        guard filters.count <= 5 else {
            throw LambdaFailure.invalidParameter("The number of filters in FilterCriteria exceeds the limit of 5.")
        }
        return try filters.map { filter in
            guard let text = filter.pattern, let pattern = try? JSONValue.parse(text), case .object = pattern,
                  EventPattern.problem(in: pattern) == nil else {
                throw LambdaFailure.invalidParameter("Invalid filter pattern definition.")
            }
            return text
        }
    }

    static func refuseUnsupportedMappingOptions(startingPosition: Bool, destination: Bool, others: Bool) throws {
        if startingPosition || others {
            throw LambdaFailure.invalidParameter(
                "Unsupported parameters for SQS event source mappings (StartingPosition, Topics, TumblingWindowInSeconds, ParallelizationFactor, BisectBatchOnFunctionError, MaximumRecordAgeInSeconds, MaximumRetryAttempts apply to stream sources).")
        }
        if destination {
            throw LambdaFailure.invalidParameter("DestinationConfig is not supported for SQS event source mappings.")
        }
    }

    static func checkBatching(batchSize: Int, window: Int, fifo: Bool) throws {
        let maximum = fifo ? 10 : 10_000
        guard (1...maximum).contains(batchSize) else {
            throw LambdaFailure.invalidParameter("BatchSize must be between 1 and \(maximum) for \(fifo ? "FIFO" : "standard") SQS queues.")
        }
        guard (0...300).contains(window) else {
            throw LambdaFailure.invalidParameter("MaximumBatchingWindowInSeconds must be between 0 and 300.")
        }
        if batchSize > 10 && window == 0 {
            throw LambdaFailure.invalidParameter(
                "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10")
        }
    }

    static func checkResponseTypes(_ types: [Lambda.FunctionResponseType]?) throws -> [String] {
        let values = types?.map(\.rawValue) ?? []
        for value in values where value != "ReportBatchItemFailures" {
            throw LambdaFailure.invalidParameter("Unsupported FunctionResponseType: \(value)")
        }
        return values
    }

    static func mappingConfiguration(_ mapping: LambdaEventSourceMappingRecord) -> Lambda.EventSourceMappingConfiguration {
        var configuration = Lambda.EventSourceMappingConfiguration()
        configuration.uuid = mapping.uuid
        configuration.batchSize = mapping.batchSize
        configuration.maximumBatchingWindowInSeconds = mapping.maximumBatchingWindowInSeconds
        configuration.eventSourceArn = mapping.eventSourceArn
        configuration.functionArn = mapping.functionArn
        configuration.lastModified = Date(timeIntervalSince1970: Double(mapping.lastModified) / 1000)
        configuration.state = mapping.state
        configuration.stateTransitionReason = mapping.stateTransitionReason
        configuration.functionResponseTypes = mapping.functionResponseTypes.map(Lambda.FunctionResponseType.init(rawValue:))
        configuration.scalingConfig = mapping.maximumConcurrency.map { Lambda.ScalingConfig(maximumConcurrency: $0) }
        configuration.eventSourceMappingArn = mapping.arn
        if let patterns = mapping.filterPatterns {
            configuration.filterCriteria = Lambda.FilterCriteria(filters: patterns.map { Lambda.Filter(pattern: $0) })
        }
        addStreamMembers(mapping, to: &configuration)
        return configuration
    }
}
