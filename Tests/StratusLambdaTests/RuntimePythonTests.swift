import Foundation
import StratusJSON
import StratusLambda
import StratusLambdaRuntime
import Testing

@Suite struct RuntimePythonTests {
    static let handler = """
        import json, os, sys, time, logging
        print("loading module")

        def handler(event, context):
            print("handling", event.get("n"))
            sys.stderr.write("to stderr\\n")
            return {
                "event": event,
                "request_id": context.aws_request_id,
                "function_name": context.function_name,
                "function_version": context.function_version,
                "invoked_function_arn": context.invoked_function_arn,
                "memory_limit_in_mb": context.memory_limit_in_mb,
                "log_group_name": context.log_group_name,
                "log_stream_name": context.log_stream_name,
                "remaining": context.get_remaining_time_in_millis(),
                "pid": os.getpid(),
                "cwd": os.getcwd(),
                "env": dict(os.environ),
            }

        def fail(event, context):
            raise ValueError("bad value " + str(event.get("n")))

        def unserializable(event, context):
            return {"when": object()}
        """

    @Test func aPythonHandlerRunsWithLambdasContextEnvironmentAndLogs() async throws {
        try await withRuntime { fixture in
            setenv("STRATUS_TEST_SERVER_SECRET", "leak", 1)
            let code = try fixture.code(["app.py": Self.handler])
            let function = fixture.function(
                name: "py", runtime: "python3.12", handler: "app.handler", code: code,
                environment: ["MY_SETTING": "on", "AWS_REGION": "eu-west-9"], timeout: 7, memorySize: 256)
            let outcome = try await fixture.invoke(function, #"{"n": 1}"#, requestID: "req-1")
            #expect(outcome.functionError == nil)
            let result = try #require(outcome.json)
            #expect(result["event"]?["n"] == .number(1))
            #expect(result["request_id"]?.stringValue == "req-1")
            #expect(result["function_name"]?.stringValue == "py")
            #expect(result["function_version"]?.stringValue == "$LATEST")
            #expect(result["invoked_function_arn"]?.stringValue == function.functionArn)
            #expect(result["memory_limit_in_mb"]?.stringValue == "256")
            #expect(result["log_group_name"]?.stringValue == "/aws/lambda/py")
            #expect(result["log_stream_name"]?.stringValue?.contains("/[$LATEST]") == true)
            if case .number(let remaining)? = result["remaining"] {
                #expect(remaining.doubleValue > 0 && remaining.doubleValue <= 7000, "counted down from the 7 s timeout")
            } else {
                Issue.record("no remaining time")
            }
            #expect(result["cwd"]?.stringValue == code)
            let env = try #require(result["env"])
            #expect(env["AWS_LAMBDA_FUNCTION_NAME"]?.stringValue == "py")
            #expect(env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"]?.stringValue == "256")
            #expect(env["AWS_LAMBDA_FUNCTION_VERSION"]?.stringValue == "$LATEST")
            #expect(env["AWS_REGION"]?.stringValue == "us-east-1")  // reserved: the function cannot override it
            #expect(env["AWS_DEFAULT_REGION"]?.stringValue == "us-east-1")
            #expect(env["AWS_EXECUTION_ENV"]?.stringValue == "AWS_Lambda_python3.12")
            #expect(env["LAMBDA_TASK_ROOT"]?.stringValue == code)
            #expect(env["_HANDLER"]?.stringValue == "app.handler")
            #expect(env["TZ"]?.stringValue == ":UTC")
            #expect(env["MY_SETTING"]?.stringValue == "on")
            #expect(env["AWS_ENDPOINT_URL"]?.stringValue == "http://127.0.0.1:4566")
            #expect(env["AWS_ACCESS_KEY_ID"]?.stringValue == "000000000000")
            #expect(env["AWS_SECRET_ACCESS_KEY"] != nil && env["AWS_SESSION_TOKEN"] != nil)
            #expect(env["AWS_LAMBDA_RUNTIME_API"]?.stringValue?.hasPrefix("127.0.0.1:") == true)
            #expect(env["_X_AMZN_TRACE_ID"]?.stringValue == "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")
            #expect(env["PYTHONPATH"]?.stringValue?.hasPrefix(code) == true)
            #expect(env["STRATUS_TEST_SERVER_SECRET"] == nil, "nothing is inherited from the server's environment")
            #expect(env["HOME"] == nil)
            // The log: init output, START, the handler's stdout and stderr, END, REPORT with the init duration.
            let lines = outcome.log.split(separator: "\n").map(String.init)
            #expect(lines.first == "loading module")
            #expect(lines.contains("START RequestId: req-1 Version: $LATEST"))
            #expect(lines.contains("handling 1"))
            #expect(lines.contains("to stderr"))
            #expect(lines.contains("END RequestId: req-1"))
            let report = try #require(lines.last)
            #expect(report.hasPrefix("REPORT RequestId: req-1\tDuration: "))
            #expect(report.contains("\tBilled Duration: "))
            #expect(report.contains("\tMemory Size: 256 MB\tMax Memory Used: "))
            #expect(report.contains("\tInit Duration: "))
            #expect(outcome.initDurationMilliseconds != nil)
            #expect(lines.firstIndex(of: "handling 1")! > lines.firstIndex(of: "START RequestId: req-1 Version: $LATEST")!)
            #expect(lines.firstIndex(of: "handling 1")! < lines.firstIndex(of: "END RequestId: req-1")!)

            // Warm: the same process, no init duration, only this invocation's output.
            let second = try await fixture.invoke(function, #"{"n": 2}"#, requestID: "req-2")
            #expect(second.json?["pid"] == result["pid"])
            #expect(second.initDurationMilliseconds == nil)
            #expect(!second.log.contains("Init Duration"))
            #expect(!second.log.contains("loading module"))
            #expect(!second.log.contains("req-1"))
            #expect(second.log.contains("handling 2"))
            #expect(await fixture.environments.environmentCount == 1)
        }
    }

    @Test func aPythonExceptionIsReportedAsLambdaFormatsIt() async throws {
        try await withRuntime { fixture in
            let code = try fixture.code(["app.py": Self.handler])
            let function = fixture.function(runtime: "python3.11", handler: "app.fail", code: code)
            let outcome = try await fixture.invoke(function, #"{"n": 7}"#, requestID: "req-err")
            #expect(outcome.functionError == "Unhandled")
            let error = try #require(outcome.json)
            #expect(error["errorMessage"]?.stringValue == "bad value 7")
            #expect(error["errorType"]?.stringValue == "ValueError")
            #expect(error["requestId"]?.stringValue == "req-err")
            guard case .array(let stack)? = error["stackTrace"] else {
                Issue.record("no stackTrace")
                return
            }
            #expect(stack.first?.stringValue?.contains("app.py") == true)
            #expect(stack.first?.stringValue?.contains("in fail") == true)
            #expect(outcome.log.contains("[ERROR] ValueError: bad value 7"))
            // The environment survives a function error.
            let again = try await fixture.invoke(function, #"{"n": 8}"#)
            #expect(again.initDurationMilliseconds == nil)
            #expect(again.json?["errorMessage"]?.stringValue == "bad value 8")
        }
    }

    @Test func anUnserializableResultIsAMarshalError() async throws {
        try await withRuntime { fixture in
            let code = try fixture.code(["app.py": Self.handler])
            let outcome = try await fixture.invoke(
                fixture.function(runtime: "python3.12", handler: "app.unserializable", code: code))
            #expect(outcome.functionError == "Unhandled")
            #expect(outcome.json?["errorType"]?.stringValue == "Runtime.MarshalError")
            #expect(outcome.json?["errorMessage"]?.stringValue?.hasPrefix("Unable to marshal response:") == true)
        }
    }

    @Test(arguments: [
        ("missing.handler", "Runtime.ImportModuleError", "Unable to import module 'missing': No module named 'missing'"),
        ("app.nothing", "Runtime.HandlerNotFound", "Handler 'nothing' missing on module 'app'"),
        ("nodot", "Runtime.MalformedHandlerName", "Bad handler 'nodot': not enough values to unpack (expected 2, got 1)"),
        ("broken.handler", "Runtime.UserCodeSyntaxError", "Syntax error in module 'broken'"),
    ])
    func pythonInitErrorsAreLambdas(handler: String, errorType: String, message: String) async throws {
        try await withRuntime { fixture in
            let code = try fixture.code(["app.py": Self.handler, "broken.py": "def handler(:\n"])
            let function = fixture.function(runtime: "python3.12", handler: handler, code: code)
            do {
                _ = try await fixture.invoke(function)
                Issue.record("expected an initialization error")
            } catch let LambdaEnvironmentError.initializationFailed(type, text) {
                #expect(type == errorType)
                #expect(text.hasPrefix(message), "\(text)")
            }
            #expect(await fixture.environments.environmentCount == 0)
        }
    }

    @Test func layersAreOnThePythonPathAndLaterLayersWin() async throws {
        try await withRuntime { fixture in
            let first = try fixture.code([
                "python/shared.py": "WHO = 'first'\n", "python/only_first.py": "X = 1\n",
            ])
            let second = try fixture.code(["python/lib/python3.12/site-packages/shared.py": "WHO = 'second'\n"])
            let code = try fixture.code([
                "app.py": "import shared, only_first\ndef handler(e, c):\n    return [shared.WHO, only_first.X]\n",
            ])
            let outcome = try await fixture.invoke(
                fixture.function(runtime: "python3.12", handler: "app.handler", code: code, layers: [first, second]))
            #expect(outcome.text == #"["second", 1]"#)
        }
    }

    @Test func theConfiguredInterpreterRunsTheFunction() async throws {
        let python = try #require(venvPythonWithAwslambdaric(), "run scripts/bootstrap-venv.sh")
        var configuration = LambdaProcessEnvironmentsConfiguration()
        configuration.interpreters["python3.12"] = python
        try await withRuntime(configuration) { fixture in
            let code = try fixture.code(["app.py": "import sys\ndef handler(e, c):\n    return sys.executable\n"])
            let outcome = try await fixture.invoke(fixture.function(runtime: "python3.12", handler: "app.handler", code: code))
            #expect(outcome.json?.stringValue == python)
        }
    }

    @Test func aHandlerInASubdirectoryIsImportedByItsPath() async throws {
        try await withRuntime { fixture in
            let code = try fixture.code([
                "src/__init__.py": "", "src/handlers/__init__.py": "",
                "src/handlers/main.py": "def run(e, c):\n    return 'nested'\n",
            ])
            let outcome = try await fixture.invoke(
                fixture.function(runtime: "python3.12", handler: "src/handlers/main.run", code: code))
            #expect(outcome.text == #""nested""#)
        }
    }
}
