import Foundation
import StratusJSON
import StratusLambda
import StratusLambdaRuntime
import Testing

/// The Runtime API as a custom runtime sees it: a `provided` bootstrap (Python's standard library) that probes
/// the API and reports what it was answered.
@Suite struct RuntimeAPITests {
    static let probe = #"""
        #!/usr/bin/env python3
        import http.client, json, os
        host, port = os.environ["AWS_LAMBDA_RUNTIME_API"].split(":")
        def call(method, path, body=None, headers=None, chunked=False):
            c = http.client.HTTPConnection(host, int(port))
            if chunked:
                c.request(method, path, body=iter(body), headers=headers or {}, encode_chunked=True)
            else:
                c.request(method, path, body=body, headers=headers or {})
            r = c.getresponse()
            data = r.read()
            c.close()
            return r.status, dict(r.getheaders()), data.decode()
        base = "/2018-06-01/runtime"
        report = {}
        while True:
            status, headers, event = call("GET", base + "/invocation/next")
            rid = headers["Lambda-Runtime-Aws-Request-Id"]
            report["headers"] = {k: v for k, v in headers.items() if k.startswith("Lambda-Runtime")}
            report["event"] = event
            report["wrong_id"] = call("POST", base + "/invocation/not-" + rid + "/response", b"{}")
            report["unknown_path"] = call("GET", base + "/nothing")[0]
            report["wrong_method"] = call("POST", base + "/invocation/next", b"")[0]
            report["init_error_late"] = call("POST", base + "/init/error", b"{}")
            if json.loads(event).get("mode") == "error":
                report["error"] = call("POST", base + "/invocation/" + rid + "/error",
                                       json.dumps({"errorMessage": "custom failure", "errorType": "MyError", "stackTrace": []}).encode(),
                                       {"Lambda-Runtime-Function-Error-Type": "MyError"})
                report = {"after_error": call("POST", base + "/invocation/" + rid + "/response", b"{}")}
                continue
            if json.loads(event).get("mode") == "plain-error":
                call("POST", base + "/invocation/" + rid + "/error", b"not json", {"Lambda-Runtime-Function-Error-Type": "Plain"})
                continue
            body = json.dumps(report).encode()
            chunks = [body[i:i + 1000] for i in range(0, len(body), 1000)]
            accepted = call("POST", base + "/invocation/" + rid + "/response", chunks, chunked=True)
            report = {"previous_accepted": accepted,
                      "twice": call("POST", base + "/invocation/" + rid + "/response", b"{}")}
        """#

    @Test func theRuntimeAPIAnswersAsLambdasDoes() async throws {
        try await withRuntime { fixture in
            let code = try fixture.code(["bootstrap": Self.probe], executable: ["bootstrap"])
            let function = fixture.function(runtime: "provided.al2023", handler: "h", code: code, timeout: 9)
            let before = Int64(Date().timeIntervalSince1970 * 1000)
            let clientContext = Data(#"{"custom":{}}"#.utf8).base64EncodedString()
            let outcome = try await fixture.invoke(function, #"{"mode": "ok"}"#, requestID: "api-1", clientContext: clientContext)
            #expect(outcome.functionError == nil, "\(outcome.log)")
            let report = try #require(outcome.json)
            let headers = try #require(report["headers"])
            #expect(headers["Lambda-Runtime-Aws-Request-Id"]?.stringValue == "api-1")
            #expect(headers["Lambda-Runtime-Invoked-Function-Arn"]?.stringValue == function.functionArn)
            #expect(headers["Lambda-Runtime-Trace-Id"]?.stringValue == "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1")
            #expect(headers["Lambda-Runtime-Client-Context"]?.stringValue == clientContext)
            let deadline = try #require(headers["Lambda-Runtime-Deadline-Ms"]?.stringValue.flatMap { Int64($0) })
            let after = Int64(Date().timeIntervalSince1970 * 1000)
            #expect(deadline >= before + 9000 && deadline <= after + 9000, "handed out between the two, plus the timeout")
            #expect(report["event"]?.stringValue == #"{"mode": "ok"}"#)
            #expect(report["wrong_id"]?[0] == .number(400))
            #expect(report["wrong_id"]?[2]?.stringValue == #"{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}"#)
            #expect(report["unknown_path"] == .number(404))
            #expect(report["wrong_method"] == .number(405))
            #expect(report["init_error_late"]?[0] == .number(403))
            #expect(report["init_error_late"]?[2]?.stringValue?.contains("InvalidStateTransition") == true)

            // The chunked response was accepted with 202 {"status":"OK"}; a second response for it is refused.
            let second = try #require(try await fixture.invoke(function, #"{"mode": "ok"}"#, requestID: "api-2").json)
            #expect(second["previous_accepted"]?[0] == .number(202))
            #expect(second["previous_accepted"]?[2]?.stringValue == #"{"status":"OK"}"#)
            #expect(second["twice"]?[0] == .number(403))

            let failed = try await fixture.invoke(function, #"{"mode": "error"}"#, requestID: "api-3")
            #expect(failed.functionError == "Unhandled")
            #expect(failed.json?["errorType"]?.stringValue == "MyError")
            #expect(failed.json?["errorMessage"]?.stringValue == "custom failure")
            let afterError = try #require(try await fixture.invoke(function, #"{"mode": "ok"}"#).json)
            #expect(afterError["after_error"]?[0] == .number(403), "a response after the error is refused")
            let plain = try await fixture.invoke(function, #"{"mode": "plain-error"}"#)
            #expect(plain.functionError == "Unhandled")
            #expect(plain.text == #"{"errorType":"Plain","errorMessage":"not json"}"#)
        }
    }

    @Test func anInitErrorPostedByACustomRuntimeIsAnInitializationFailure() async throws {
        try await withRuntime { fixture in
            let code = try fixture.code([
                "bootstrap": #"""
                    #!/bin/sh
                    curl -sS -X POST -H "Lambda-Runtime-Function-Error-Type: Runtime.ConfigError" \
                      -d '{"errorMessage":"missing setting","errorType":"Runtime.ConfigError"}' \
                      "http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/init/error"
                    sleep 30
                    """#,
            ], executable: ["bootstrap"])
            do {
                _ = try await fixture.invoke(fixture.function(runtime: "provided", handler: "h", code: code))
                Issue.record("expected an initialization error")
            } catch let LambdaEnvironmentError.initializationFailed(type, message) {
                #expect(type == "Runtime.ConfigError")
                #expect(message == "missing setting")
            }
            #expect(await fixture.environments.environmentCount == 0)
        }
    }

    @Test func initializationLongerThanTheLimitIsATimeout() async throws {
        var configuration = LambdaProcessEnvironmentsConfiguration()
        configuration.initTimeout = .milliseconds(300)
        try await withRuntime(configuration) { fixture in
            let pidFile = fixture.directory + "/init.pid"
            let code = try fixture.code(["bootstrap": "#!/bin/sh\necho $$ > \(pidFile)\nexec sleep 30\n"], executable: ["bootstrap"])
            let outcome = try await fixture.invoke(
                fixture.function(runtime: "provided", handler: "h", code: code, timeout: 3), requestID: "slow-init")
            #expect(outcome.functionError == "Unhandled")
            #expect(outcome.json?["errorType"]?.stringValue == "Sandbox.Timedout")
            #expect(outcome.json?["errorMessage"]?.stringValue == "RequestId: slow-init Error: Task timed out after 3.00 seconds")
            let pid = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)))
            #expect(!isRunning(pid))
        }
    }
}
