// LambdaProcessEnvironments: the LambdaExecutionEnvironments adapter — execution environments as local processes.

import NIOCore
import NIOPosix
import ServiceLifecycle
import StratusLambda

/// Runs Lambda invocations in local processes that speak the Lambda Runtime API (one listener per environment on
/// `127.0.0.1:0`). A `Service`: ``run()`` stops idle environments every `reapInterval` and, on graceful shutdown
/// (or cancellation), stops every environment.
///
/// Guarantees: everything ``LambdaExecutionEnvironments`` promises. Concurrency is counted per unqualified
/// function ARN as invocations in flight (idle environments do not count, as in Lambda); an idle environment of
/// the same version and revision (and otherwise the same configuration) is reused, most recently used first,
/// else a new one starts; at `maximumConcurrency` in flight the invocation is throttled at once. An environment is discarded after a
/// timeout, a crash or a response the runtime could not deliver; idle environments are stopped after
/// `idleTimeout`. ``retire(functionArn:)`` stops the function's idle environments at once and its busy ones as
/// soon as their invocation ends; ``shutdown()`` stops all of them (invocations in flight end with
/// `Runtime.ExitError`) and waits until every process is reaped. Invocations after ``shutdown()`` start new
/// environments (used by a state reset).
package actor LambdaProcessEnvironments: LambdaExecutionEnvironments, Service {
    /// Environments are reused only for exactly the same configuration (revision, code, handler, variables, …);
    /// only the concurrency limit may differ.
    private struct Key: Hashable {
        var configuration: FunctionRuntimeConfiguration
        var functionArn: String { configuration.functionArn }

        init(_ configuration: FunctionRuntimeConfiguration) {
            self.configuration = configuration
            self.configuration.maximumConcurrency = 0
        }
    }

    private struct IdleEnvironment {
        var environment: LambdaProcessEnvironment
        var since: ContinuousClock.Instant
    }

    /// How environments are run (fixed for the adapter's lifetime).
    package nonisolated let configuration: LambdaProcessEnvironmentsConfiguration
    private let launcher: LambdaRuntimeLauncher
    private let group: any EventLoopGroup
    private var idle: [Key: [IdleEnvironment]] = [:]
    private var busy: [ObjectIdentifier: LambdaProcessEnvironment] = [:]
    private var inFlight: [String: Int] = [:]
    private var retiring: Set<ObjectIdentifier> = []

    /// Environments configured by `configuration`, their Runtime API listeners on `group`.
    package init(configuration: LambdaProcessEnvironmentsConfiguration = .fromProcessEnvironment(),
                 group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) {
        self.configuration = configuration
        self.launcher = LambdaRuntimeLauncher(configuration: configuration)
        self.group = group
    }

    package func invoke(_ function: FunctionRuntimeConfiguration, _ request: LambdaInvocationRequest) async throws
        -> LambdaInvocationOutcome
    {
        let arn = function.functionArn
        guard inFlight[arn, default: 0] < function.maximumConcurrency else { throw LambdaEnvironmentError.throttled }
        inFlight[arn, default: 0] += 1
        defer { inFlight[arn, default: 1] -= 1 }
        let key = Key(function)
        var initDuration: Double?
        let environment: LambdaProcessEnvironment
        if let warm = await takeIdle(key) {
            environment = warm
        } else {
            do {
                environment = try await LambdaProcessEnvironment.launch(
                    function, requestID: request.requestID, launcher: launcher, configuration: configuration,
                    group: group)
            } catch .failed(let error) {
                throw error
            } catch .timedOut {
                return Self.initTimeoutOutcome(function, request)
            }
            initDuration = environment.initDurationMilliseconds
        }
        let id = ObjectIdentifier(environment)
        busy[id] = environment
        let (outcome, reusable) = await environment.invoke(request, initDuration: initDuration)
        busy[id] = nil
        if reusable, !retiring.contains(id) {
            idle[key, default: []].append(IdleEnvironment(environment: environment, since: .now))
        } else {
            retiring.remove(id)
            await environment.stop()
        }
        return outcome
    }

    package func retire(functionArn: String) async {
        var doomed: [LambdaProcessEnvironment] = []
        for key in idle.keys where key.functionArn == functionArn {
            doomed += idle.removeValue(forKey: key)?.map(\.environment) ?? []
        }
        for (id, environment) in busy where environment.function.functionArn == functionArn {
            retiring.insert(id)
        }
        await Self.stopAll(doomed)
    }

    package func shutdown() async {
        let doomed = idle.values.flatMap { $0.map(\.environment) } + Array(busy.values)
        idle = [:]
        for id in busy.keys { retiring.insert(id) }
        await Self.stopAll(doomed)
    }

    /// Stops idle environments every `reapInterval` until graceful shutdown or cancellation, then stops all.
    package func run() async throws {
        let interval = configuration.reapInterval
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: interval)
                } catch {
                    break
                }
                await self.reapIdle()
            }
        }
        await shutdown()
    }

    /// Stops environments idle for longer than `idleTimeout` at `now` (and any whose process has exited);
    /// answers how many were stopped.
    @discardableResult
    package func reapIdle(now: ContinuousClock.Instant = .now) async -> Int {
        var doomed: [LambdaProcessEnvironment] = []
        for (key, environments) in idle {
            let (expired, kept) = (
                environments.filter { now - $0.since >= configuration.idleTimeout || !$0.environment.isAlive },
                environments.filter { now - $0.since < configuration.idleTimeout && $0.environment.isAlive }
            )
            doomed += expired.map(\.environment)
            idle[key] = kept.isEmpty ? nil : kept
        }
        await Self.stopAll(doomed)
        return doomed.count
    }

    /// How many environments exist (idle and busy), for tests and metrics.
    package var environmentCount: Int { idle.values.reduce(0) { $0 + $1.count } + busy.count }

    /// The main process ids of every environment (idle and busy), for tests.
    package var processIDs: [Int32] {
        (idle.values.flatMap { $0.map(\.environment) } + Array(busy.values)).compactMap(\.processID)
    }

    /// The most recently used live idle environment for `key` (dead ones are stopped on the way).
    private func takeIdle(_ key: Key) async -> LambdaProcessEnvironment? {
        var dead: [LambdaProcessEnvironment] = []
        var found: LambdaProcessEnvironment?
        while found == nil, var environments = idle[key], let last = environments.popLast() {
            idle[key] = environments.isEmpty ? nil : environments
            if last.environment.isAlive { found = last.environment } else { dead.append(last.environment) }
        }
        await Self.stopAll(dead)
        return found
    }

    private static func stopAll(_ environments: [LambdaProcessEnvironment]) async {
        await withTaskGroup(of: Void.self) { group in
            for environment in environments {
                group.addTask { await environment.stop() }
            }
        }
    }

    /// The outcome of an invocation whose cold start outlived the init limit: Lambda's timeout error.
    private static func initTimeoutOutcome(_ function: FunctionRuntimeConfiguration, _ request: LambdaInvocationRequest)
        -> LambdaInvocationOutcome
    {
        let id = request.requestID
        let message = "RequestId: \(id) Error: Task timed out after \(function.timeoutSeconds).00 seconds"
        let payload = Array("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\(jsonString(message))}".utf8)
        let log = "START RequestId: \(id) Version: \(function.version)\n"
            + "\(LambdaProcessEnvironment.timestamp()) \(id) Task timed out after \(function.timeoutSeconds).00 seconds\n"
            + "END RequestId: \(id)\n"
            + LambdaProcessEnvironment.reportLine(requestID: id, duration: 0, memorySize: function.memorySize,
                                                  maxMemoryUsed: 0, initDuration: nil)
        return LambdaInvocationOutcome(payload: payload, functionError: "Unhandled", log: log,
                                       durationMilliseconds: 0, initDurationMilliseconds: nil)
    }
}
