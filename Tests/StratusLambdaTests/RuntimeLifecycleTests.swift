import Foundation
import StratusJSON
import StratusLambda
import StratusLambdaRuntime
import Testing

@Suite struct RuntimeLifecycleTests {
    static let handlers = """
        import os, sys, time, subprocess

        def pid(event, context):
            return os.getpid()

        def sleepy(event, context):
            print("going to sleep")
            time.sleep(event.get("seconds", 60))
            return "woke up"

        def spawner(event, context):
            child = subprocess.Popen(["sleep", "300"])
            open(event["pidfile"], "w").write(str(child.pid))
            time.sleep(60)

        def crash(event, context):
            print("about to crash")
            sys.stdout.flush()
            os._exit(event.get("code", 3))

        def killed(event, context):
            os.kill(os.getpid(), 9)

        def big(event, context):
            return "x" * event["size"]

        def gated(event, context):
            open(event["started"], "w").write("1")
            while not os.path.exists(event["release"]):
                time.sleep(0.02)
            return os.getpid()
        """

    @Test func aTimeoutKillsTheWholeProcessGroupAndAnswersLambdasTimeoutError() async throws {
        try await withRuntime { fixture in
            let code = try fixture.code(["app.py": Self.handlers])
            let quick = fixture.function(name: "slow", runtime: "python3.12", handler: "app.pid", code: code, timeout: 30)
            let pidText = try await fixture.invoke(quick).text
            let pid = try #require(Int32(pidText))
            #expect(isRunning(pid))
            let pidFile = fixture.directory + "/child.pid"
            let spawner = fixture.function(name: "slow", runtime: "python3.12", handler: "app.spawner", code: code, timeout: 1)
            let outcome = try await fixture.invoke(spawner, #"{"pidfile": "\#(pidFile)"}"#, requestID: "t-1")
            #expect(outcome.functionError == "Unhandled")
            #expect(outcome.json?["errorType"]?.stringValue == "Sandbox.Timedout")
            #expect(outcome.json?["errorMessage"]?.stringValue == "RequestId: t-1 Error: Task timed out after 1.00 seconds")
            #expect(outcome.log.contains(" t-1 Task timed out after 1.00 seconds\n"))
            #expect(outcome.log.contains("END RequestId: t-1\n"))
            #expect(outcome.durationMilliseconds >= 1000)
            let remaining = await fixture.environments.processIDs
            #expect(remaining == [pid], "the timed-out environment is discarded, the other one is kept")
            let child = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8)))
            #expect(!isRunning(child), "the handler's child process was killed with its group")
            // The quick function's environment (another configuration) is untouched.
            #expect(isRunning(pid))
            #expect(try await fixture.invoke(quick).text == pidText)
        }
    }

    @Test func aCrashIsARuntimeExitErrorAndTheEnvironmentIsReplaced() async throws {
        try await withRuntime { fixture in
            let code = try fixture.code(["app.py": Self.handlers])
            let crash = fixture.function(runtime: "python3.12", handler: "app.crash", code: code)
            let outcome = try await fixture.invoke(crash, #"{"code": 7}"#, requestID: "c-1")
            #expect(outcome.functionError == "Unhandled")
            #expect(outcome.json?["errorType"]?.stringValue == "Runtime.ExitError")
            #expect(outcome.json?["errorMessage"]?.stringValue == "RequestId: c-1 Error: Runtime exited with error: exit status 7")
            #expect(outcome.log.contains("about to crash\n"))
            #expect(outcome.log.contains("RequestId: c-1 Error: Runtime exited with error: exit status 7\nRuntime.ExitError\n"))
            #expect(await fixture.environments.environmentCount == 0)
            let next = try await fixture.invoke(crash, #"{"code": 1}"#)
            #expect(next.initDurationMilliseconds != nil, "a new environment started")
            let killed = try await fixture.invoke(
                fixture.function(runtime: "python3.12", handler: "app.killed", code: code), requestID: "k-1")
            #expect(killed.json?["errorMessage"]?.stringValue == "RequestId: k-1 Error: Runtime exited with error: signal: killed")
        }
    }

    @Test func anOversizedResponseIsLambdasResponseSizeError() async throws {
        try await withRuntime { fixture in
            let code = try fixture.code(["app.py": Self.handlers])
            let function = fixture.function(runtime: "python3.12", handler: "app.big", code: code)
            let large = try await fixture.invoke(function, #"{"size": 7000000}"#)
            #expect(large.functionError == "Unhandled")
            #expect(large.json?["errorType"]?.stringValue == "Function.ResponseSizeTooLarge")
            #expect(large.json?["errorMessage"]?.stringValue
                == "Response payload size exceeded maximum allowed payload size (6291556 bytes).")
            // A response just under the limit (sent with Content-Length) arrives whole.
            let fits = try await fixture.invoke(function, #"{"size": 6000000}"#)
            #expect(fits.functionError == nil)
            #expect(fits.payload.count == 6_000_002)
        }
    }

    @Test func concurrentInvocationsScaleOutAndAreThrottledAtTheLimit() async throws {
        try await withRuntime { fixture in
            let code = try fixture.code(["app.py": Self.handlers])
            let function = fixture.function(name: "wide", runtime: "python3.12", handler: "app.gated", code: code, concurrency: 3)
            let release = fixture.directory + "/release"
            let started = (0..<4).map { fixture.directory + "/started-\($0)" }
            try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<3 {
                    group.addTask {
                        try await fixture.invoke(
                            function, #"{"started": "\#(started[index])", "release": "\#(release)"}"#).text
                    }
                }
                // Wait until all three run (each has written its marker), then a fourth is throttled.
                while !started.prefix(3).allSatisfy({ FileManager.default.fileExists(atPath: $0) }) {
                    try await Task.sleep(for: .milliseconds(20))
                }
                await #expect(throws: LambdaEnvironmentError.throttled) {
                    _ = try await fixture.invoke(function, #"{"started": "\#(started[3])", "release": "\#(release)"}"#)
                }
                #expect(await fixture.environments.environmentCount == 3)
                #expect(FileManager.default.createFile(atPath: release, contents: Data()))
                var pids: Set<String> = []
                for try await pid in group { pids.insert(pid) }
                #expect(pids.count == 3, "three environments ran side by side")
            }
            // After the burst, the warm environments serve again without throttling.
            let again = try await fixture.invoke(function, #"{"started": "\#(started[3])", "release": "\#(release)"}"#)
            #expect(again.initDurationMilliseconds == nil)
            // A concurrency limit of zero throttles everything.
            var closed = function
            closed.maximumConcurrency = 0
            await #expect(throws: LambdaEnvironmentError.throttled) { _ = try await fixture.invoke(closed) }
        }
    }

    @Test func retireStopsOneFunctionsEnvironmentsAndShutdownStopsAllLeavingNoProcess() async throws {
        try await withRuntime { fixture in
            let code = try fixture.code(["app.py": Self.handlers])
            let shell = try fixture.code(["bootstrap": RuntimeProvidedTests.shellBootstrap], executable: ["bootstrap"])
            let first = fixture.function(name: "first", runtime: "python3.12", handler: "app.pid", code: code)
            let second = fixture.function(name: "second", runtime: "provided", handler: "x", code: shell)
            let firstPID = try #require(Int32(try await fixture.invoke(first).text))
            _ = try await fixture.invoke(second)
            let all = await fixture.environments.processIDs
            #expect(all.count == 2)
            let secondPID = try #require(all.first { $0 != firstPID })
            await fixture.environments.retire(functionArn: first.functionArn)
            #expect(!isRunning(firstPID))
            #expect(processes(inGroup: firstPID).isEmpty)
            #expect(isRunning(secondPID))
            #expect(await fixture.environments.processIDs == [secondPID])
            await fixture.environments.shutdown()
            #expect(!isRunning(secondPID))
            let left = processes(inGroup: secondPID)
            #expect(left.isEmpty, "the shell and its curl are gone: \(left.map { (try? String(contentsOfFile: "/proc/\($0)/stat", encoding: .utf8)) ?? "" })")
            #expect(await fixture.environments.environmentCount == 0)
            // After a shutdown, a new invocation starts a new environment.
            #expect(try await fixture.invoke(first).initDurationMilliseconds != nil)
        }
    }

    @Test func idleEnvironmentsAreStoppedAfterTheIdleTimeout() async throws {
        var configuration = LambdaProcessEnvironmentsConfiguration()
        configuration.idleTimeout = .seconds(300)
        try await withRuntime(configuration) { fixture in
            let code = try fixture.code(["app.py": Self.handlers])
            let function = fixture.function(runtime: "python3.12", handler: "app.pid", code: code)
            let pid = try #require(Int32(try await fixture.invoke(function).text))
            #expect(await fixture.environments.reapIdle() == 0, "not idle long enough yet")
            #expect(isRunning(pid))
            #expect(await fixture.environments.reapIdle(now: .now.advanced(by: .seconds(301))) == 1)
            #expect(!isRunning(pid))
            #expect(await fixture.environments.environmentCount == 0)
        }
    }

    @Test func theServiceRunLoopReapsAndStopsEverythingWhenCancelled() async throws {
        var configuration = LambdaProcessEnvironmentsConfiguration()
        configuration.idleTimeout = .milliseconds(1)
        configuration.reapInterval = .milliseconds(50)
        try await withRuntime(configuration) { fixture in
            let code = try fixture.code(["app.py": Self.handlers])
            let function = fixture.function(runtime: "python3.12", handler: "app.pid", code: code)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await fixture.environments.run() }
                let pid = try #require(Int32(try await fixture.invoke(function).text))
                while isRunning(pid) { try await Task.sleep(for: .milliseconds(20)) }
                #expect(await fixture.environments.environmentCount == 0)
                let slow = fixture.function(runtime: "python3.12", handler: "app.pid", code: code, revision: "r2")
                let second = try #require(Int32(try await fixture.invoke(slow).text))
                group.cancelAll()
                try await group.waitForAll()
                #expect(!isRunning(second))
            }
        }
    }

    @Test func provisionedEnvironmentsStartAheadStayThroughIdlenessAndRetirementAndAreReleased() async throws {
        var configuration = LambdaProcessEnvironmentsConfiguration()
        configuration.idleTimeout = .seconds(300)
        try await withRuntime(configuration) { fixture in
            let code = try fixture.code(["app.py": Self.handlers + "\ndef kind(event, context):\n    return os.environ['AWS_LAMBDA_INITIALIZATION_TYPE']\n"])
            let function = fixture.function(runtime: "python3.12", handler: "app.kind", code: code)
            let environments = fixture.environments
            await environments.provision(function, count: 2)
            var waited = 0
            while await environments.provisioning(of: function).allocated < 2 {
                waited += 1
                try #require(waited < 600, "two provisioned environments within 30 s")
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(await environments.provisioning(of: function) == LambdaProvisioning(allocated: 2, requested: 2))
            #expect(await environments.environmentCount == 2)
            // Invocations use them: no cold start, and the runtime was told how it was initialised.
            let outcome = try await fixture.invoke(function)
            #expect(outcome.text == "\"provisioned-concurrency\"")
            #expect(outcome.initDurationMilliseconds == nil)
            // Idleness and retirement (a change of the function's $LATEST) leave them alone.
            #expect(await environments.reapIdle(now: .now.advanced(by: .seconds(301))) == 0)
            await environments.retire(functionArn: function.functionArn)
            #expect(await environments.environmentCount == 2)
            // Released, they are ordinary environments again and go once idle for long enough.
            await environments.provision(function, count: 0)
            #expect(await environments.provisioning(of: function) == LambdaProvisioning(allocated: 0, requested: 0))
            #expect(await environments.reapIdle(now: .now.advanced(by: .seconds(301))) == 2)
            #expect(await environments.environmentCount == 0)
        }
    }

    @Test func aProvisionedEnvironmentThatCannotStartReportsWhy() async throws {
        try await withRuntime { fixture in
            let code = try fixture.code(["broken.py": "raise RuntimeError('no config')\ndef handler(event, context):\n    return 1\n"])
            let function = fixture.function(runtime: "python3.12", handler: "broken.handler", code: code)
            await fixture.environments.provision(function, count: 1)
            var waited = 0
            while await fixture.environments.provisioning(of: function).failure == nil {
                waited += 1
                try #require(waited < 600, "the init failure within 30 s")
                try await Task.sleep(for: .milliseconds(50))
            }
            let state = await fixture.environments.provisioning(of: function)
            #expect(state.allocated == 0 && state.requested == 1)
            #expect(state.failure?.contains("no config") == true)
        }
    }
}
