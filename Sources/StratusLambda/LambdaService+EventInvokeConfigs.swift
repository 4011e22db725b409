// LambdaService+EventInvokeConfigs: Put/Update/Get/Delete/ListFunctionEventInvokeConfigs.
import Foundation
import StratusAPILambda
import StratusServiceKit

extension LambdaService {
    /// `PutFunctionEventInvokeConfig`: replaces the qualifier's settings.
    package func putFunctionEventInvokeConfig(_ input: Lambda.PutFunctionEventInvokeConfigRequest,
                                              context: RequestContext) async throws -> Lambda.FunctionEventInvokeConfig
    {
        try await saveEventInvokeConfig(
            input.functionName, qualifier: input.qualifier, retries: input.maximumRetryAttempts,
            age: input.maximumEventAgeInSeconds, destinations: input.destinationConfig, merge: false, context: context)
    }

    /// `UpdateFunctionEventInvokeConfig`: changes only the given settings.
    package func updateFunctionEventInvokeConfig(_ input: Lambda.UpdateFunctionEventInvokeConfigRequest,
                                                 context: RequestContext) async throws
        -> Lambda.FunctionEventInvokeConfig
    {
        try await saveEventInvokeConfig(
            input.functionName, qualifier: input.qualifier, retries: input.maximumRetryAttempts,
            age: input.maximumEventAgeInSeconds, destinations: input.destinationConfig, merge: true, context: context)
    }

    /// `GetFunctionEventInvokeConfig`.
    package func getFunctionEventInvokeConfig(_ input: Lambda.GetFunctionEventInvokeConfigRequest,
                                              context: RequestContext) async throws -> Lambda.FunctionEventInvokeConfig
    {
        let (function, qualifier) = try await lookUp(input.functionName, qualifier: input.qualifier, context: context)
        let key = qualifier ?? "$LATEST"
        guard let config = function.eventInvokeConfigs.first(where: { $0.qualifier == key }) else {
            throw LambdaFailure.notFound("The function \(function.arn):\(key) doesn't have an EventInvokeConfig")
        }
        return Self.eventInvokeConfig(function, config)
    }

    /// `DeleteFunctionEventInvokeConfig`.
    package func deleteFunctionEventInvokeConfig(_ input: Lambda.DeleteFunctionEventInvokeConfigRequest,
                                                 context: RequestContext) async throws
    {
        let (function, qualifier) = try await lookUp(input.functionName, qualifier: input.qualifier, context: context)
        let key = qualifier ?? "$LATEST"
        guard function.eventInvokeConfigs.contains(where: { $0.qualifier == key }) else {
            throw LambdaFailure.notFound("The function \(function.arn):\(key) doesn't have an EventInvokeConfig")
        }
        _ = try await store.updateFunction(accountID: function.accountID, region: function.region, name: function.name) {
            $0.eventInvokeConfigs.removeAll { $0.qualifier == key }
        }
    }

    /// `ListFunctionEventInvokeConfigs`.
    package func listFunctionEventInvokeConfigs(_ input: Lambda.ListFunctionEventInvokeConfigsRequest,
                                                context: RequestContext) async throws
        -> Lambda.ListFunctionEventInvokeConfigsResponse
    {
        let (function, _) = try await lookUp(input.functionName, context: context)
        let page = try Self.page(function.eventInvokeConfigs.map { Self.eventInvokeConfig(function, $0) },
                                 marker: input.marker, maxItems: input.maxItems)
        return Lambda.ListFunctionEventInvokeConfigsResponse(functionEventInvokeConfigs: page.items,
                                                             nextMarker: page.nextMarker)
    }

    func saveEventInvokeConfig(
        _ functionName: String, qualifier: String?, retries: Int?, age: Int?, destinations: Lambda.DestinationConfig?,
        merge: Bool, context: RequestContext
    ) async throws -> Lambda.FunctionEventInvokeConfig {
        let (function, qualifier) = try await lookUp(functionName, qualifier: qualifier, context: context)
        let key = qualifier ?? "$LATEST"
        _ = try version(of: function, qualifier: key)
        if let retries, !(0...2).contains(retries) {
            throw AWSServiceError.validation(
                "1 validation error detected: Value '\(retries)' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value \(retries < 0 ? "greater than or equal to 0" : "less than or equal to 2")")
        }
        if let age, !(60...21600).contains(age) {
            throw AWSServiceError.validation(
                "1 validation error detected: Value '\(age)' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value \(age < 60 ? "greater than or equal to 60" : "less than or equal to 21600")")
        }
        let onSuccess = destinations?.onSuccess?.destination, onFailure = destinations?.onFailure?.destination
        for destination in [onSuccess, onFailure].compactMap({ $0 }) where !destination.isEmpty {
            guard Self.isDestination(destination) else {
                throw LambdaFailure.invalidParameter(
                    "The destination ARN \(destination) is invalid: it must be an SQS queue, SNS topic, Lambda function or EventBridge event bus.")
            }
        }
        let now = nowMilliseconds()
        let updated = try await store.updateFunction(accountID: function.accountID, region: function.region,
                                                     name: function.name) { record in
            let existing = record.eventInvokeConfigs.first { $0.qualifier == key }
            var config = merge && existing != nil ? existing!
                : LambdaEventInvokeConfigRecord(qualifier: key, maximumRetryAttempts: nil, maximumEventAgeInSeconds: nil,
                                                onSuccess: nil, onFailure: nil, lastModified: now)
            if let retries { config.maximumRetryAttempts = retries }
            if let age { config.maximumEventAgeInSeconds = age }
            if let destinations {
                if let success = destinations.onSuccess { config.onSuccess = success.destination.flatMap { $0.isEmpty ? nil : $0 } }
                if let failure = destinations.onFailure { config.onFailure = failure.destination.flatMap { $0.isEmpty ? nil : $0 } }
            }
            config.lastModified = now
            record.eventInvokeConfigs.removeAll { $0.qualifier == key }
            record.eventInvokeConfigs.append(config)
        }
        guard let updated, let config = updated.eventInvokeConfigs.first(where: { $0.qualifier == key }) else {
            throw LambdaFailure.functionNotFound(function.arn)
        }
        return Self.eventInvokeConfig(updated, config)
    }

    static func eventInvokeConfig(_ function: LambdaFunctionRecord, _ config: LambdaEventInvokeConfigRecord)
        -> Lambda.FunctionEventInvokeConfig
    {
        var destinations: Lambda.DestinationConfig?
        if config.onSuccess != nil || config.onFailure != nil {
            destinations = Lambda.DestinationConfig(
                onSuccess: Lambda.OnSuccess(destination: config.onSuccess),
                onFailure: Lambda.OnFailure(destination: config.onFailure))
        }
        return Lambda.FunctionEventInvokeConfig(
            lastModified: Date(timeIntervalSince1970: Double(config.lastModified) / 1000),
            functionArn: "\(function.arn):\(config.qualifier)", maximumRetryAttempts: config.maximumRetryAttempts,
            maximumEventAgeInSeconds: config.maximumEventAgeInSeconds, destinationConfig: destinations)
    }
}
