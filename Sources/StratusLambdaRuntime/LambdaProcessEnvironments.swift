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
/// `idleTimeout`. Provisioned environments (``provision(_:count:)``) are started in a task of their own, one after
/// another, are never stopped for idleness or by ``retire(functionArn:)``, and are replaced when one is discarded.
/// ``retire(functionArn:)`` stops the function's other idle environments at once and its busy ones as
/// soon as their invocation ends; ``shutdown()`` stops all of them (provisioned ones included, and forgets them) (invocations in flight end with
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
            self.configuration.initializationType = ""
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
    /// Provisioned concurrency: environments wanted per configuration, those kept for it (idle or busy), why the last
    /// start failed, and the configurations a provisioning task is working on.
    private var provisionTargets: [Key: Int] = [:]
    private var provisioned: [Key: Set<ObjectIdentifier>] = [:]
    private var provisionFailures: [Key: String] = [:]
    private var provisioningKeys: Set<Key> = []

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
            if provisioned[key]?.remove(id) != nil { startProvisioning(key) }
        }
        return outcome
    }

    package func provision(_ function: FunctionRuntimeConfiguration, count: Int) async {
        let key = Key(function)
        provisionFailures[key] = nil
        if count > 0 {
            provisionTargets[key] = count
            startProvisioning(key)
            return
        }
        provisionTargets[key] = nil
        // Released: the environments stay as ordinary ones, reaped once idle for long enough.
        provisioned[key] = nil
    }

    package func provisioning(of function: FunctionRuntimeConfiguration) async -> LambdaProvisioning {
        let key = Key(function)
        return LambdaProvisioning(allocated: provisioned[key]?.count ?? 0, requested: provisionTargets[key] ?? 0,
                                  failure: provisionFailures[key])
    }

    /// Starts the task that brings the provisioned environments of `key` to their target, unless one is at it.
    private func startProvisioning(_ key: Key) {
        guard provisionTargets[key] != nil, provisioningKeys.insert(key).inserted else { return }
        Task { await self.provisionEnvironments(key) }
    }

    /// Starts environments for `key` one after another until its target is reached (or the target is gone, or one
    /// fails to start: the failure is kept and the attempt ends), and releases environments above the target.
    private func provisionEnvironments(_ key: Key) async {
        defer { provisioningKeys.remove(key) }
        var function = key.configuration
        function.initializationType = "provisioned-concurrency"
        while let target = provisionTargets[key], (provisioned[key]?.count ?? 0) < target {
            do throws(LambdaProcessEnvironment.LaunchFailure) {
                let environment = try await LambdaProcessEnvironment.launch(
                    function, requestID: "provisioned-concurrency", launcher: launcher, configuration: configuration,
                    group: group)
                guard provisionTargets[key] != nil else {
                    await environment.stop()
                    return
                }
                provisioned[key, default: []].insert(ObjectIdentifier(environment))
                idle[key, default: []].append(IdleEnvironment(environment: environment, since: .now))
            } catch {
                switch error {
                case .failed(let failure): provisionFailures[key] = Self.describe(failure)
                case .timedOut: provisionFailures[key] = "The function's initialization timed out."
                }
                return
            }
        }
        // Above the target: release the extra ones (idle first; busy ones stay ordinary environments).
        if let target = provisionTargets[key], var kept = provisioned[key], kept.count > target {
            for environment in idle[key] ?? [] where kept.count > target {
                kept.remove(ObjectIdentifier(environment.environment))
            }
            provisioned[key] = kept
        }
    }

    private static func describe(_ error: LambdaEnvironmentError) -> String {
        switch error {
        case .throttled: "The function is at its concurrency limit."
        case .runtimeUnavailable(let message): message
        case .initializationFailed(let type, let message): "\(type): \(message)"
        }
    }

    package func retire(functionArn: String) async {
        var doomed: [LambdaProcessEnvironment] = []
        for key in idle.keys where key.functionArn == functionArn {
            let kept = provisioned[key] ?? []
            let environments = idle.removeValue(forKey: key) ?? []
            doomed += environments.filter { !kept.contains(ObjectIdentifier($0.environment)) }.map(\.environment)
            let staying = environments.filter { kept.contains(ObjectIdentifier($0.environment)) }
            if !staying.isEmpty { idle[key] = staying }
        }
        let keptIDs = provisioned.values.reduce(into: Set<ObjectIdentifier>()) { $0.formUnion($1) }
        for (id, environment) in busy where environment.function.functionArn == functionArn && !keptIDs.contains(id) {
            retiring.insert(id)
        }
        await Self.stopAll(doomed)
    }

    package func shutdown() async {
        let doomed = idle.values.flatMap { $0.map(\.environment) } + Array(busy.values)
        idle = [:]
        provisionTargets = [:]
        provisioned = [:]
        provisionFailures = [:]
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
            let pinned = provisioned[key] ?? []
            func expires(_ idle: IdleEnvironment) -> Bool {
                !idle.environment.isAlive
                    || (now - idle.since >= configuration.idleTimeout && !pinned.contains(ObjectIdentifier(idle.environment)))
            }
            let (expired, kept) = (environments.filter(expires), environments.filter { !expires($0) })
            doomed += expired.map(\.environment)
            idle[key] = kept.isEmpty ? nil : kept
            // A provisioned environment that died is replaced.
            let lost = expired.filter { pinned.contains(ObjectIdentifier($0.environment)) }
            if !lost.isEmpty {
                for environment in lost { provisioned[key]?.remove(ObjectIdentifier(environment.environment)) }
                startProvisioning(key)
            }
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
