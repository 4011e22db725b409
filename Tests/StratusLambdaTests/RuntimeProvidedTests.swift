import Foundation
import StratusJSON
import StratusLambda
import StratusLambdaRuntime
import Testing

@Suite struct RuntimeProvidedTests {
    /// A custom runtime in shell and curl, as in Lambda's tutorial.
    static let shellBootstrap = """
        #!/bin/sh
        set -eu
        echo "shell runtime starting for $_HANDLER"
        while true; do
          HEADERS="$(mktemp)"
          EVENT=$(curl -sS -LD "$HEADERS" "http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/next")
          REQUEST_ID=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)
          rm -f "$HEADERS"
          echo "shell got $EVENT"
          curl -sS -X POST "http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/$REQUEST_ID/response" \\
            -d "{\\"echo\\": $EVENT, \\"handler\\": \\"$_HANDLER\\", \\"cwd\\": \\"$(pwd)\\"}" > /dev/null
        done
        """

    @Test(arguments: ["provided", "provided.al2", "provided.al2023"])
    func aShellBootstrapIsACustomRuntime(runtime: String) async throws {
        try await withRuntime { fixture in
            let code = try fixture.code(["bootstrap": Self.shellBootstrap], executable: ["bootstrap"])
            let function = fixture.function(runtime: runtime, handler: "function.handler", code: code)
            let outcome = try await fixture.invoke(function, #"{"a": [1, 2]}"#, requestID: "shell-1")
            #expect(outcome.functionError == nil, "\(outcome.log)")
            #expect(outcome.json?["echo"]?["a"] == .array([.number(1), .number(2)]))
            #expect(outcome.json?["handler"]?.stringValue == "function.handler")
            #expect(outcome.json?["cwd"]?.stringValue == code)
            #expect(outcome.log.contains("shell runtime starting for function.handler"))
            #expect(outcome.log.contains(#"shell got {"a": [1, 2]}"#))
            #expect(outcome.log.contains("Init Duration"))
            let warm = try await fixture.invoke(function, #"{"b": true}"#)
            #expect(warm.json?["echo"]?["b"] == .bool(true))
            #expect(warm.initDurationMilliseconds == nil)
        }
    }

    @Test func aBootstrapInALayerIsUsedWhenTheCodeHasNone() async throws {
        try await withRuntime { fixture in
            let layer = try fixture.code(["bootstrap": Self.shellBootstrap], executable: ["bootstrap"])
            let code = try fixture.code(["function.sh": "# the handler file\n"])
            let outcome = try await fixture.invoke(
                fixture.function(runtime: "provided.al2023", handler: "function.handler", code: code, layers: [layer]),
                #"{"from": "layer"}"#)
            #expect(outcome.json?["echo"]?["from"]?.stringValue == "layer", "\(outcome.log)")
        }
    }

    @Test func aMissingOrNonExecutableBootstrapIsAnInvalidEntrypoint() async throws {
        try await withRuntime { fixture in
            let empty = try fixture.code(["readme.txt": "no bootstrap here"])
            do {
                _ = try await fixture.invoke(fixture.function(runtime: "provided.al2023", handler: "h", code: empty))
                Issue.record("expected an initialization error")
            } catch let LambdaEnvironmentError.initializationFailed(type, message) {
                #expect(type == "Runtime.InvalidEntrypoint")
                #expect(message.hasPrefix("Couldn't find valid bootstrap(s): [\(empty)/bootstrap"))
            }
            let notExecutable = try fixture.code(["bootstrap": Self.shellBootstrap])
            do {
                _ = try await fixture.invoke(fixture.function(runtime: "provided", handler: "h", code: notExecutable))
                Issue.record("expected an initialization error")
            } catch let LambdaEnvironmentError.initializationFailed(type, message) {
                #expect(type == "Runtime.InvalidEntrypoint")
                #expect(message.contains("permission denied"))
            }
        }
    }

    @Test func aBootstrapThatExitsDuringInitIsAnExitError() async throws {
        try await withRuntime { fixture in
            let code = try fixture.code(
                ["bootstrap": "#!/bin/sh\necho 'cannot start' >&2\nexit 3\n"], executable: ["bootstrap"])
            do {
                _ = try await fixture.invoke(fixture.function(runtime: "provided", handler: "h", code: code), requestID: "x-1")
                Issue.record("expected an initialization error")
            } catch let LambdaEnvironmentError.initializationFailed(type, message) {
                #expect(type == "Runtime.ExitError")
                #expect(message.hasPrefix("RequestId: x-1 Error: Runtime exited with error: exit status 3"))
                #expect(message.contains("cannot start"))
            }
        }
    }

    @Test func awslambdaricIsAWorkingRuntimeAgainstStratussRuntimeAPI() async throws {
        let python = try #require(venvPythonWithAwslambdaric(), "run scripts/bootstrap-venv.sh to install awslambdaric")
        try await withRuntime { fixture in
            let code = try fixture.code([
                "bootstrap": "#!/bin/sh\nexec \(python) -m awslambdaric \"$_HANDLER\"\n",
                "handler.py": """
                    import os
                    def fn(event, context):
                        print("ric handling", event["n"])
                        return {"n": event["n"] * 10, "id": context.aws_request_id,
                                "remaining_ok": context.get_remaining_time_in_millis() > 0,
                                "arn": context.invoked_function_arn, "pid": os.getpid()}
                    def boom(event, context):
                        raise KeyError("missing")
                    """,
            ], executable: ["bootstrap"])
            // awslambdaric's Python start-up can take over 10 s while the whole suite runs on two cores (seen in CI);
            // the function gets a minute so the test checks the runtime, not the machine's load.
            let function = fixture.function(runtime: "provided.al2023", handler: "handler.fn", code: code, timeout: 60)
            let outcome = try await fixture.invoke(function, #"{"n": 4}"#, requestID: "ric-1")
            #expect(outcome.functionError == nil, "\(outcome.text)\n\(outcome.log)")
            #expect(outcome.json?["n"] == .number(40))
            #expect(outcome.json?["id"]?.stringValue == "ric-1")
            #expect(outcome.json?["remaining_ok"] == .bool(true))
            #expect(outcome.json?["arn"]?.stringValue == function.functionArn)
            #expect(outcome.log.contains("ric handling 4"))
            let warm = try await fixture.invoke(function, #"{"n": 5}"#)
            #expect(warm.json?["n"] == .number(50))
            #expect(warm.json?["pid"] == outcome.json?["pid"])
            let failing = try await fixture.invoke(
                fixture.function(name: "ric-boom", runtime: "provided.al2023", handler: "handler.boom", code: code, timeout: 60))
            #expect(failing.functionError == "Unhandled")
            #expect(failing.json?["errorType"]?.stringValue == "KeyError")
            #expect(failing.json?["errorMessage"]?.stringValue == "'missing'")
        }
    }
}
