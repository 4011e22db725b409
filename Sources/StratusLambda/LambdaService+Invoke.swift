// LambdaService+Invoke: Invoke (RequestResponse, Event, DryRun) and the one path every invocation runs through.
import Foundation
import OrderedCollections
import StratusAPILambda
import StratusJSON
import StratusServiceKit

extension LambdaService {
    /// `Invoke`.
    package func invoke(_ input: Lambda.InvocationRequest, context: RequestContext) async throws
        -> Lambda.InvocationResponse
    {
        let type = input.invocationType?.rawValue ?? "RequestResponse"
        let payload = input.payload ?? Data()
        switch type {
        case "RequestResponse":
            guard payload.count <= Self.synchronousPayloadLimit else {
                throw LambdaFailure.payloadTooLarge(limit: Self.synchronousPayloadLimit)
            }
            let target = try await invocationTarget(input.functionName, qualifier: input.qualifier, context: context)
            try Self.checkJSON(payload)
            let outcome = try await run(target, payload: [UInt8](payload), requestID: context.requestID,
                                        clientContext: input.clientContext)
            var response = Lambda.InvocationResponse(
                statusCode: 200, functionError: outcome.functionError, payload: Data(outcome.payload),
                executedVersion: target.version.version)
            if input.logType?.rawValue == "Tail" { response.logResult = Self.logTail(outcome.log) }
            return response
        case "Event":
            guard payload.count <= Self.asynchronousPayloadLimit else {
                throw LambdaFailure.payloadTooLarge(limit: Self.asynchronousPayloadLimit)
            }
            let target = try await invocationTarget(input.functionName, qualifier: input.qualifier, context: context)
            try Self.checkJSON(payload)
            let now = nowMilliseconds()
            try await store.enqueueAsyncInvocation(LambdaAsyncInvocationRecord(
                id: context.requestID, accountID: target.function.accountID, region: target.function.region,
                functionName: target.function.name, qualifier: target.qualifier,
                payload: payload.isEmpty ? Data("{}".utf8) : payload, enqueuedAt: now, attempts: 0, dueAt: now))
            queueSignal.signal()
            return Lambda.InvocationResponse(statusCode: 202)
        case "DryRun":
            _ = try await invocationTarget(input.functionName, qualifier: input.qualifier, context: context)
            return Lambda.InvocationResponse(statusCode: 204)
        default:
            throw LambdaFailure.invalidParameter("Unsupported InvocationType: \(type)")
        }
    }

    /// `InvokeAsync` (the deprecated form of an `Event` invoke): answers 202 `Status`.
    package func invokeAsync(_ input: Lambda.InvokeAsyncRequest, context: RequestContext) async throws
        -> Lambda.InvokeAsyncResponse
    {
        _ = try await invoke(Lambda.InvocationRequest(functionName: input.functionName, invocationType: "Event",
                                                      payload: input.invokeArgs), context: context)
        return Lambda.InvokeAsyncResponse(status: 202)
    }

    /// Resolves what an invocation runs, refusing functions that are not `Active`.
    package func invocationTarget(_ functionName: String, qualifier: String?, context: RequestContext) async throws
        -> LambdaInvocationTarget
    {
        let (reference, named) = try parse(functionName, qualifier: qualifier, context: context)
        guard let function = try await store.function(accountID: reference.accountID ?? context.accountID,
                                                      region: reference.region ?? context.region, name: reference.name)
        else {
            // Invoke names the version it looked for, `$LATEST` when none was given.
            throw LambdaFailure.functionNotFound(self.functionArn(reference, context: context) + ":" + (named ?? "$LATEST"))
        }
        let qualifier = named
        var version = try version(of: function, qualifier: qualifier)
        if let qualifier, let alias = function.alias(qualifier), let (extra, weight) = alias.additionalVersionWeights.first,
            Double.random(in: 0..<1) < weight, let routed = function.version(extra)
        {
            version = routed
        }
        guard version.state == "Active" else {
            throw LambdaFailure.notReady(state: version.state, arn: function.arn)
        }
        return LambdaInvocationTarget(function: function, version: version, qualifier: qualifier)
    }

    /// Runs one invocation of `target` in an execution environment.
    /// - Throws: `TooManyRequestsException` when throttled (reserved concurrency 0 or the limit reached),
    ///   `InvalidRuntimeException` when the runtime cannot run here, `ServiceException` when the code is missing.
    /// Every invocation (synchronous, `Event`, event source mappings, Step Functions tasks) passes here; the log of
    /// each one that ran (or failed to initialise) is kept in ``logBook``.
    package func run(_ target: LambdaInvocationTarget, payload: [UInt8], requestID: String, clientContext: String? = nil)
        async throws -> LambdaInvocationOutcome
    {
        let startedAt = nowMilliseconds()
        let outcome = try await runInEnvironment(target, payload: payload, requestID: requestID, clientContext: clientContext)
        logBook.append(functionArn: target.function.arn, requestID: requestID, version: target.version.version,
                       timestamp: startedAt, recordedAt: nowMilliseconds(), message: outcome.log)
        return outcome
    }

    private func runInEnvironment(_ target: LambdaInvocationTarget, payload: [UInt8], requestID: String,
                                  clientContext: String?) async throws -> LambdaInvocationOutcome
    {
        let reserved = target.function.reservedConcurrency
        let reason = reserved == nil ? "ConcurrentInvocationLimitExceeded" : "ReservedFunctionConcurrentInvocationLimitExceeded"
        if reserved == 0 { throw LambdaFailure.throttled(reason: reason) }
        let configuration = try await runtimeConfiguration(target)
        let request = LambdaInvocationRequest(
            requestID: requestID, payload: payload.isEmpty ? Array("{}".utf8) : payload, clientContext: clientContext,
            invokedFunctionArn: target.invokedArn)
        do {
            var outcome = try await environments.invoke(configuration, request)
            if outcome.functionError == nil, outcome.payload.count > Self.synchronousPayloadLimit {
                outcome.functionError = "Unhandled"
                outcome.payload = Array(JSONValue.object([
                    "errorMessage": .string("Response payload size exceeded maximum allowed payload size (\(Self.synchronousPayloadLimit) bytes)."),
                    "errorType": .string("Function.ResponseSizeTooLarge"),
                ]).serialized())
            }
            return outcome
        } catch let error as LambdaEnvironmentError {
            switch error {
            case .throttled:
                throw LambdaFailure.throttled(reason: reason)
            case .runtimeUnavailable(let message):
                throw AWSServiceError(LambdaErrors.invalidRuntimeException, message, fields: ["Type": .string("User")])
            case .initializationFailed(let errorType, let message):
                let document = JSONValue.object(["errorType": .string(errorType), "errorMessage": .string(message)])
                return LambdaInvocationOutcome(
                    payload: Array(document.serialized()), functionError: "Unhandled",
                    log: "START RequestId: \(requestID) Version: \(target.version.version)\n\(errorType): \(message)\n"
                        + "END RequestId: \(requestID)\nREPORT RequestId: \(requestID)\tDuration: 0 ms\n",
                    durationMilliseconds: 0, initDurationMilliseconds: nil)
            }
        }
    }

    /// What the execution environment needs to run `target`'s version: its unpacked code and layers.
    func runtimeConfiguration(_ target: LambdaInvocationTarget) async throws -> FunctionRuntimeConfiguration {
        let version = target.version
        let codeDirectory: String
        var layerDirectories: [String] = []
        do {
            codeDirectory = try await codeStore.directory(for: version.code)
            for layer in version.layers { layerDirectories.append(try await codeStore.directory(for: layer.code)) }
        } catch let error as LambdaCodeStoreError {
            throw LambdaFailure.service("The code of \(target.invokedArn) is not available: \(error.message)")
        }
        return FunctionRuntimeConfiguration(
            functionArn: target.function.arn, functionName: target.function.name, version: version.version,
            runtime: version.runtime, handler: version.handler, codeDirectory: codeDirectory,
            layerDirectories: layerDirectories, environment: version.environment ?? [:], memorySize: version.memorySize,
            timeoutSeconds: version.timeout,
            maximumConcurrency: target.function.reservedConcurrency ?? settings.accountConcurrencyLimit,
            region: target.function.region, accountID: target.function.accountID, revision: version.revisionID,
            stratusEndpoint: settings.endpoint())
    }

    /// Base64 of the last 4 KB of a log (`X-Amz-Log-Result`).
    static func logTail(_ log: String) -> String {
        let bytes = Array(log.utf8)
        return Data(bytes.suffix(4096)).base64EncodedString()
    }

    /// Refuses payloads that are not JSON (an empty payload is `{}`).
    static func checkJSON(_ payload: Data) throws {
        guard !payload.isEmpty else { return }
        do {
            _ = try JSONValue.parse(payload)
        } catch {
            throw LambdaFailure.invalidRequestContent(error.message)
        }
    }
}
