// LambdaBackgroundWorker: activates new code and runs the durable queue of asynchronous invocations.
import Foundation
import Logging
import ServiceLifecycle
import StratusAWSCore
import StratusJSON
import StratusServiceKit
import Synchronization

/// The Lambda service's background work, run in the server's `ServiceGroup`:
/// - activation: unpacks the code and layers of versions that are `Pending` or `InProgress` and marks them
///   `Active`/`Successful` (or `Failed` with the reason), on every signal and once at start (so work cut short
///   by a crash is finished after a restart);
/// - the asynchronous queue: claims due invocations (a lease of 15 s, extended to the function's timeout plus
///   10 s before it runs, so an invocation whose run was cut short by a crash runs again after that), runs them, retries function errors after the configured
///   delays (Lambda: 1 and 2 minutes) up to `MaximumRetryAttempts`, retries throttles without counting them,
///   drops events older than `MaximumEventAgeInSeconds`, and sends the invocation record to the `OnSuccess`/
///   `OnFailure` SQS destination (and failed events to the function's dead-letter queue).
///
/// Guarantees: no polling loop — it sleeps until the next due invocation or a signal; it stops on graceful
/// shutdown (invocations then in flight run again after their lease once the server is back).
package struct LambdaBackgroundWorker: Service {
    /// The service whose work this is.
    package let service: LambdaService
    private let logger = Logger(label: "stratus.lambda.worker")

    /// The worker of `service`.
    package init(service: LambdaService) { self.service = service }

    /// Runs until cancelled or gracefully shut down.
    package func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.activationLoop() }
                group.addTask { await self.queueLoop() }
            }
        }
    }

    // MARK: Activation

    func activationLoop() async {
        await restoreProvisionedConcurrency()
        while !Task.isCancelled {
            await activatePending()
            await service.activationSignal.wait(timeout: .seconds(300))
        }
    }

    /// Starts the provisioned environments of every function that has provisioned concurrency (at server start:
    /// environments are processes and do not outlive the server).
    func restoreProvisionedConcurrency() async {
        do {
            for function in try await service.store.allFunctions() where function.provisionedConcurrency != nil {
                await service.applyProvisionedConcurrency(of: function)
            }
        } catch {
            logger.error("restoring provisioned concurrency failed", metadata: ["error": "\(error)"])
        }
    }

    /// Activates every version that waits for it.
    package func activatePending() async {
        do {
            for function in try await service.store.allFunctions() where function.versions.contains(where: \.needsActivation) {
                await activate(function)
            }
        } catch {
            logger.error("activation scan failed", metadata: ["error": "\(error)"])
        }
    }

    func activate(_ function: LambdaFunctionRecord) async {
        var results: [String: String?] = [:]  // revision → failure message (nil: success)
        for version in function.versions where version.needsActivation {
            do {
                _ = try await service.codeStore.directory(for: version.code)
                for layer in version.layers { _ = try await service.codeStore.directory(for: layer.code) }
                results[version.revisionID] = .some(nil)
            } catch let error as LambdaCodeStoreError {
                results[version.revisionID] = .some(error.message)
            } catch {
                results[version.revisionID] = .some("\(error)")
            }
        }
        let outcome = results
        do {
            _ = try await service.store.updateFunction(accountID: function.accountID, region: function.region,
                                                       name: function.name) { record in
                for index in record.versions.indices {
                    guard case .some(let failure) = outcome[record.versions[index].revisionID],
                        record.versions[index].needsActivation
                    else { continue }
                    Self.finishActivation(&record.versions[index], failure: failure)
                }
            }
        } catch {
            logger.error("activation failed", metadata: ["function": "\(function.arn)", "error": "\(error)"])
        }
    }

    static func finishActivation(_ version: inout LambdaVersionRecord, failure: String?) {
        if version.state == "Pending" {
            version.state = failure == nil ? "Active" : "Failed"
            version.stateReason = failure
            version.stateReasonCode = failure == nil ? nil : "InvalidZipFileException"
        }
        version.lastUpdateStatus = failure == nil ? "Successful" : "Failed"
        version.lastUpdateStatusReason = failure
        version.lastUpdateStatusReasonCode = failure == nil ? nil : "InvalidZipFileException"
    }

    // MARK: Asynchronous queue

    func queueLoop() async {
        let inFlight = SharedCount()
        await withDiscardingTaskGroup { group in
            while !Task.isCancelled {
                var nextDue: Int64?
                do {
                    let capacity = service.settings.asyncParallelism - inFlight.value.withLock { $0 }
                    if capacity > 0 {
                        let now = service.nowMilliseconds()
                        let claimed = try await service.store.claimAsyncInvocations(
                            now: now, leaseUntil: now + Self.claimLease, limit: capacity)
                        for invocation in claimed {
                            inFlight.value.withLock { $0 += 1 }
                            group.addTask {
                                await self.process(invocation)
                                inFlight.value.withLock { $0 -= 1 }
                                self.service.queueSignal.signal()
                            }
                        }
                        if claimed.count == capacity { continue }
                    }
                    nextDue = try await service.store.nextAsyncInvocationDue()
                } catch is CancellationError {
                    break
                } catch {
                    logger.error("asynchronous queue failed", metadata: ["error": "\(error)"])
                }
                let now = service.nowMilliseconds()
                let wait = nextDue.map { max(0, min($0 - now, 60_000)) } ?? 60_000
                if wait > 0 { await service.queueSignal.wait(timeout: .milliseconds(wait)) }
            }
        }
    }

    /// Runs one claimed invocation and decides what becomes of it.
    func process(_ invocation: LambdaAsyncInvocationRecord) async {
        let store = service.store
        do {
            guard let function = try await store.function(accountID: invocation.accountID, region: invocation.region,
                                                          name: invocation.functionName)
            else {
                try await store.finishAsyncInvocation(id: invocation.id)
                return
            }
            let key = invocation.qualifier ?? "$LATEST"
            let config = function.eventInvokeConfigs.first { $0.qualifier == key }
            let maximumRetries = config?.maximumRetryAttempts ?? 2
            let maximumAge = Int64(config?.maximumEventAgeInSeconds ?? 21_600) * 1000
            let functionArn = "\(function.arn):\(key)"
            let now = service.nowMilliseconds()
            if now - invocation.enqueuedAt > maximumAge {
                await fail(invocation, function: function, config: config, functionArn: functionArn,
                           condition: "EventAgeExceeded", invokeCount: invocation.attempts, outcome: nil, version: nil)
                try await store.finishAsyncInvocation(id: invocation.id)
                return
            }
            let context = RequestContext(accountID: invocation.accountID, region: invocation.region,
                                         requestID: invocation.id, host: "localhost", receivedAt: service.clock.now())
            let target: LambdaInvocationTarget
            do {
                target = try await service.invocationTarget(function.arn, qualifier: invocation.qualifier, context: context)
            } catch let error as AWSServiceError where error.code == LambdaFailure.conflict("").code {
                try await retryLater(invocation, attempts: invocation.attempts)
                return
            }
            // The run may take up to the function's timeout: hold the claim that long (plus a margin).
            let lease = Int64(target.version.timeout) * 1000 + Self.leaseMargin
            if lease > Self.claimLease {
                try await store.rescheduleAsyncInvocation(id: invocation.id, attempts: invocation.attempts,
                                                          dueAt: service.nowMilliseconds() + lease)
            }
            let outcome: LambdaInvocationOutcome
            do {
                outcome = try await service.run(target, payload: [UInt8](invocation.payload), requestID: invocation.id)
            } catch let error as AWSServiceError where error.code.code == "TooManyRequestsException" {
                try await retryLater(invocation, attempts: invocation.attempts)
                return
            }
            let attempts = invocation.attempts + 1
            if outcome.functionError == nil {
                if let destination = config?.onSuccess {
                    await send(Self.record(invocation, functionArn, "Success", attempts, outcome, target, service), to: destination)
                }
                try await store.finishAsyncInvocation(id: invocation.id)
                return
            }
            if attempts <= maximumRetries {
                let delays = service.settings.asyncRetryDelays
                let delay = delays.isEmpty ? .seconds(60) : delays[min(attempts - 1, delays.count - 1)]
                try await store.rescheduleAsyncInvocation(
                    id: invocation.id, attempts: attempts, dueAt: service.nowMilliseconds() + Self.milliseconds(delay))
                return
            }
            await fail(invocation, function: function, config: config, functionArn: functionArn,
                       condition: "RetriesExhausted", invokeCount: attempts, outcome: outcome, version: target.version)
            try await store.finishAsyncInvocation(id: invocation.id)
        } catch is CancellationError {
            // Shutting down: left in the queue, it runs again once its lease has passed.
        } catch {
            // Left in the queue: it runs again once its lease has passed.
            logger.error("asynchronous invocation failed", metadata: ["requestId": "\(invocation.id)", "error": "\(error)"])
        }
    }

    static func record(_ invocation: LambdaAsyncInvocationRecord, _ functionArn: String, _ condition: String,
                       _ count: Int, _ outcome: LambdaInvocationOutcome?, _ target: LambdaInvocationTarget,
                       _ service: LambdaService) -> JSONValue
    {
        LambdaService.invocationRecord(invocation, functionArn: functionArn, condition: condition, invokeCount: count,
                                       outcome: outcome, executedVersion: target.version.version,
                                       now: service.nowMilliseconds())
    }

    /// Sends the failure record to `OnFailure`, and the event to the function's dead-letter queue.
    func fail(_ invocation: LambdaAsyncInvocationRecord, function: LambdaFunctionRecord,
              config: LambdaEventInvokeConfigRecord?, functionArn: String, condition: String, invokeCount: Int,
              outcome: LambdaInvocationOutcome?, version: LambdaVersionRecord?) async
    {
        if let destination = config?.onFailure {
            let record = LambdaService.invocationRecord(
                invocation, functionArn: functionArn, condition: condition, invokeCount: invokeCount, outcome: outcome,
                executedVersion: version?.version, now: service.nowMilliseconds())
            await send(record, to: destination)
        }
        if let deadLetter = (version ?? function.latest).deadLetterTargetArn {
            let message = outcome.flatMap { (try? JSONValue.parse($0.payload))?["errorMessage"]?.stringValue }
                ?? condition
            do {
                try await service.deliverToDeadLetterQueue(invocation, target: deadLetter, errorMessage: message)
            } catch {
                logger.error("dead-letter delivery failed", metadata: ["target": "\(deadLetter)", "error": "\(error)"])
            }
        }
    }

    func send(_ record: JSONValue, to destination: String) async {
        do {
            try await service.deliver(record, to: destination)
        } catch {
            logger.error("destination delivery failed", metadata: ["destination": "\(destination)", "error": "\(error)"])
        }
    }

    /// Puts a throttled (or not yet ready) invocation back without counting an attempt.
    func retryLater(_ invocation: LambdaAsyncInvocationRecord, attempts: Int) async throws {
        try await service.store.rescheduleAsyncInvocation(
            id: invocation.id, attempts: attempts,
            dueAt: service.nowMilliseconds() + Self.milliseconds(service.settings.asyncThrottleDelay))
    }

    /// How long a claim holds an invocation before the function's timeout is known (ms).
    static let claimLease: Int64 = 15_000
    /// What a claim holds beyond the function's timeout (ms).
    static let leaseMargin: Int64 = 10_000

    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}

/// A count shared between the queue loop and its child tasks.
private final class SharedCount: Sendable {
    let value = Mutex(0)
}
