// LambdaProcessEnvironment: one execution environment — a process group, its Runtime API listener, its output.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import NIOCore
import StratusLambda
import Subprocess
import Synchronization

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// One execution environment: the runtime's process (leader of its own process group), the Runtime API it talks
/// to, and the pipe its output goes to.
///
/// Guarantees: one invocation at a time (the caller, ``LambdaProcessEnvironments``, checks environments out);
/// ``stop()`` kills the whole process group with `SIGKILL`, waits until the main process is reaped and the group
/// is empty (up to a second for orphans init has not reaped yet), closes the listener and the pipe, and is
/// idempotent. The process is supervised by one unstructured task (the documented
/// bridge from swift-subprocess's structured `run` to an environment that outlives the call that started it);
/// ``stop()`` awaits it.
package final class LambdaProcessEnvironment: Sendable {
    /// Why an environment could not start: either Lambda's initialization error, or initialization outlived
    /// its limit.
    package enum LaunchFailure: Error, Sendable {
        /// Initialization failed as Lambda reports it (thrown on by ``LambdaProcessEnvironments``).
        case failed(LambdaEnvironmentError)
        /// Initialization outlived `initTimeout`; the invocation answers Lambda's timeout error.
        case timedOut
    }

    private struct ProcessState: ~Copyable {
        var pid: pid_t?
        var exited = false
        var stopped = false
        var supervisor: Task<Void, Never>?
    }

    /// The function version this environment runs.
    package let function: FunctionRuntimeConfiguration
    /// The Runtime API port (`AWS_LAMBDA_RUNTIME_API=127.0.0.1:<port>`).
    package var runtimeAPIPort: Int { server.port }
    /// How long initialization took (process start until the first `/next`), milliseconds.
    package var initDurationMilliseconds: Double { initDuration.withLock { $0 } }

    private let broker: RuntimeAPIBroker
    private let server: RuntimeAPIServer
    private let output: ProcessOutputCollector
    private let eventLoop: any EventLoop
    private let process = Mutex(ProcessState())
    private let initDuration = Mutex<Double>(0)
    private let maximumResponseSize: Int

    private init(function: FunctionRuntimeConfiguration, broker: RuntimeAPIBroker, server: RuntimeAPIServer,
                 output: ProcessOutputCollector, eventLoop: any EventLoop, maximumResponseSize: Int) {
        self.function = function
        self.broker = broker
        self.server = server
        self.output = output
        self.eventLoop = eventLoop
        self.maximumResponseSize = maximumResponseSize
    }

    /// The main process's id while it runs.
    package var processID: pid_t? { process.withLock { $0.exited ? nil : $0.pid } }

    /// Whether the main process is still running and the environment was not stopped.
    package var isAlive: Bool { process.withLock { !$0.exited && !$0.stopped } }

    /// Starts the runtime's process and waits until it asks for work (or fails, or outlives `initTimeout`).
    /// `requestID` names the invocation that caused the cold start, for Lambda's error messages.
    /// - Throws: ``LaunchFailure``; nothing is left running then.
    package static func launch(
        _ function: FunctionRuntimeConfiguration, requestID: String, launcher: LambdaRuntimeLauncher,
        configuration: LambdaProcessEnvironmentsConfiguration, group: any EventLoopGroup
    ) async throws(LaunchFailure) -> LambdaProcessEnvironment {
        let started = ContinuousClock.now
        let broker = RuntimeAPIBroker(maximumResponseSize: configuration.maximumResponseSize)
        let server: RuntimeAPIServer
        do {
            server = try await RuntimeAPIServer.start(broker: broker, group: group)
        } catch {
            throw .failed(.initializationFailed(errorType: "Runtime.Unknown", message: "Cannot start the Runtime API: \(error)"))
        }
        let plan: LambdaLaunchPlan
        let output: ProcessOutputCollector
        do {
            plan = try await launcher.plan(
                for: function, runtimeAPIPort: server.port, logStreamName: Self.logStreamName(function.version))
            output = try ProcessOutputCollector(limit: configuration.maximumLogSize)
        } catch {
            await server.close()
            throw .failed(error as? LambdaEnvironmentError
                ?? .initializationFailed(errorType: "Runtime.Unknown", message: "\(error)"))
        }
        output.startReading()
        let environment = LambdaProcessEnvironment(
            function: function, broker: broker, server: server, output: output, eventLoop: group.next(),
            maximumResponseSize: configuration.maximumResponseSize)
        environment.spawn(plan)
        let timer = environment.eventLoop.scheduleTask(in: .milliseconds(Int64(Self.milliseconds(configuration.initTimeout)))) {
            broker.post(.initTimedOut)
        }
        defer { timer.cancel() }
        while true {
            switch await broker.nextEvent() {
            case .ready:
                let elapsed = Self.milliseconds(ContinuousClock.now - started)
                environment.initDuration.withLock { $0 = elapsed }
                return environment
            case .initError(let errorType, let body):
                await environment.stop()
                let (type, message) = Self.errorTypeAndMessage(body, header: errorType)
                throw .failed(.initializationFailed(errorType: type ?? "Runtime.Unknown", message: message))
            case .exited(let status):
                let log = String(decoding: output.take(), as: UTF8.self)
                await environment.stop()
                if status.hasPrefix("launch: ") {
                    throw .failed(.initializationFailed(
                        errorType: "Runtime.InvalidEntrypoint",
                        message: "RequestId: \(requestID) Error: \(status.dropFirst("launch: ".count))"))
                }
                let tail = log.isEmpty ? "" : "\n" + log.suffix(2048)
                throw .failed(.initializationFailed(
                    errorType: "Runtime.ExitError",
                    message: "RequestId: \(requestID) Error: Runtime exited with error: \(status)" + tail))
            case .initTimedOut:
                await environment.stop()
                throw .timedOut
            case .response, .responseTooLarge, .error, .timedOut:
                continue
            }
        }
    }

    /// Runs one invocation; answers its outcome and whether the environment may be reused.
    package func invoke(_ request: LambdaInvocationRequest, initDuration: Double?) async
        -> (outcome: LambdaInvocationOutcome, reusable: Bool)
    {
        let requestID = request.requestID
        var log = String(decoding: output.take(), as: UTF8.self)
        log += "START RequestId: \(requestID) Version: \(function.version)\n"
        let started = ContinuousClock.now
        let deadline = Int64((Date().timeIntervalSince1970 * 1000).rounded()) + Int64(function.timeoutSeconds) * 1000
        var headers: [(String, String)] = [
            ("Lambda-Runtime-Aws-Request-Id", requestID),
            ("Lambda-Runtime-Deadline-Ms", String(deadline)),
            ("Lambda-Runtime-Invoked-Function-Arn", request.invokedFunctionArn),
            ("Lambda-Runtime-Trace-Id", request.traceID ?? Self.traceID()),
        ]
        if let clientContext = request.clientContext { headers.append(("Lambda-Runtime-Client-Context", clientContext)) }
        broker.enqueue(.init(requestID: requestID, payload: request.payload, headers: headers))
        let broker = self.broker
        let timer = eventLoop.scheduleTask(in: .seconds(Int64(function.timeoutSeconds))) {
            broker.post(.timedOut(requestID: requestID))
        }
        defer { timer.cancel() }
        var payload: [UInt8] = []
        var functionError: String?
        var reusable = true
        var extraLog = ""
        loop: while true {
            switch await broker.nextEvent() {
            case .response(let id, let body) where id == requestID:
                payload = body
                break loop
            case .responseTooLarge(let id, let size) where id == requestID:
                functionError = "Unhandled"
                payload = Array(
                    "{\"errorMessage\":\"Response payload size exceeded maximum allowed payload size (\(maximumResponseSize) bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}".utf8)
                extraLog = "RequestId: \(requestID) Error: Response payload size (\(size) bytes) exceeded maximum allowed payload size (\(maximumResponseSize) bytes).\n"
                break loop
            case .error(let id, let errorType, let body) where id == requestID:
                functionError = "Unhandled"
                payload = Self.errorPayload(body, header: errorType)
                break loop
            case .timedOut(let id) where id == requestID:
                broker.abandonInFlight()
                await stop()
                functionError = "Unhandled"
                let message = "RequestId: \(requestID) Error: Task timed out after \(function.timeoutSeconds).00 seconds"
                payload = Array("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\(jsonString(message))}".utf8)
                extraLog = "\(Self.timestamp()) \(requestID) Task timed out after \(function.timeoutSeconds).00 seconds\n"
                reusable = false
                break loop
            case .exited(let status):
                broker.abandonInFlight()
                await stop()
                functionError = "Unhandled"
                let message = "RequestId: \(requestID) Error: Runtime exited with error: \(status)"
                payload = Array("{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\(jsonString(message))}".utf8)
                extraLog = message + "\nRuntime.ExitError\n"
                reusable = false
                break loop
            default:
                continue
            }
        }
        let duration = Self.milliseconds(ContinuousClock.now - started)
        log += String(decoding: output.take(), as: UTF8.self)
        if !log.hasSuffix("\n") { log += "\n" }
        log += extraLog
        log += "END RequestId: \(requestID)\n"
        log += Self.reportLine(requestID: requestID, duration: duration, memorySize: function.memorySize,
                               maxMemoryUsed: maxMemoryUsedMegabytes(), initDuration: initDuration)
        return (LambdaInvocationOutcome(payload: payload, functionError: functionError, log: log,
                                        durationMilliseconds: duration, initDurationMilliseconds: initDuration),
                reusable && isAlive)
    }

    /// Kills the process group, waits for the main process to be reaped, closes the listener and the pipe.
    package func stop() async {
        let (pid, supervisor, first): (pid_t?, Task<Void, Never>?, Bool) = process.withLock { state in
            let first = !state.stopped
            state.stopped = true
            return (state.pid, state.supervisor, first)
        }
        if let pid, pid > 0 { _ = kill(-pid, SIGKILL) }
        await supervisor?.value
        // Children that outlived the main process are in the same group: kill until the group is empty (bounded,
        // in case an orphaned zombie waits for init to reap it).
        if let pid, pid > 0 {
            for _ in 0..<200 {
                guard kill(-pid, SIGKILL) == 0 else { break }
                try? await Task.sleep(for: .milliseconds(5))
            }
        }
        guard first else { return }
        broker.close()
        await server.close()
        output.stop()
    }

    // MARK: Process

    private func spawn(_ plan: LambdaLaunchPlan) {
        var options = PlatformOptions()
        options.processGroupID = 0
        var environment: [Environment.Key: String] = [:]
        for (key, value) in plan.environment { environment[Environment.Key(stringLiteral: key)] = value }
        let configuration = Configuration(
            executable: .path(FilePath(plan.executable)), arguments: Arguments(plan.arguments),
            environment: .custom(environment), workingDirectory: FilePath(plan.workingDirectory),
            platformOptions: options)
        let writeEnd = output.writeDescriptor
        let errorEnd = dup(writeEnd)
        let broker = self.broker
        let supervisor = Task { [self] in
            let status: String
            do {
                let result = try await Subprocess.run(
                    configuration, input: .none,
                    output: .fileDescriptor(FileDescriptor(rawValue: writeEnd), closeAfterSpawningProcess: true),
                    error: .fileDescriptor(FileDescriptor(rawValue: errorEnd), closeAfterSpawningProcess: true)
                ) { execution in
                    let pid = execution.processIdentifier.value
                    let stopped = self.process.withLock { state in
                        state.pid = pid
                        return state.stopped
                    }
                    if stopped { _ = kill(-pid, SIGKILL) }
                }
                switch result.terminationStatus {
                case .exited(let code): status = "exit status \(code)"
                case .signaled(let signal): status = "signal: \(Self.signalName(Int32(signal)))"
                }
            } catch {
                close(writeEnd)
                close(errorEnd)
                status = "launch: fork/exec \(plan.executable): \(error)"
            }
            self.process.withLock { $0.exited = true }
            broker.post(.exited(status: status))
        }
        process.withLock { $0.supervisor = supervisor }
    }

    /// Peak resident memory of the main process (`VmHWM`), in MB.
    private func maxMemoryUsedMegabytes() -> Int {
        guard let pid = processID,
              let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = line.split(separator: " ").compactMap({ Int($0) }).first
        else { return 0 }
        return (kilobytes + 1023) / 1024
    }
}
