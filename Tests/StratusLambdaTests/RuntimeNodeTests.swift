import Foundation
import StratusJSON
import StratusLambda
import StratusLambdaRuntime
import Testing

@Suite struct RuntimeNodeTests {
    static let handlers = """
        console.log('loading module');
        exports.asyncHandler = async (event, context) => {
          console.log('handling', event.n);
          return {
            event,
            awsRequestId: context.awsRequestId,
            functionName: context.functionName,
            functionVersion: context.functionVersion,
            invokedFunctionArn: context.invokedFunctionArn,
            memoryLimitInMB: context.memoryLimitInMB,
            logGroupName: context.logGroupName,
            remaining: context.getRemainingTimeInMillis(),
            clientContext: context.clientContext,
            pid: process.pid,
            env: process.env,
          };
        };
        exports.callbackHandler = (event, context, callback) => {
          setTimeout(() => callback(null, { doubled: event.n * 2 }), 10);
        };
        exports.callbackError = (event, context, callback) => callback(new TypeError('wrong ' + event.n));
        exports.thrower = async () => { throw new RangeError('out of range'); };
        exports.nested = { deeper: { fn: async () => 'nested' } };
        """

    @Test func anAsyncNodeHandlerRunsWithLambdasContext() async throws {
        try await withRuntime { fixture in
            let code = try fixture.code(["index.js": Self.handlers])
            let function = fixture.function(
                name: "node", runtime: "nodejs20.x", handler: "index.asyncHandler", code: code, memorySize: 512)
            let clientContext = Data(#"{"custom":{"k":"v"}}"#.utf8).base64EncodedString()
            let outcome = try await fixture.invoke(function, #"{"n": 3}"#, requestID: "node-1", clientContext: clientContext)
            #expect(outcome.functionError == nil, "\(outcome.text)\n\(outcome.log)")
            let result = try #require(outcome.json)
            #expect(result["event"]?["n"] == .number(3))
            #expect(result["awsRequestId"]?.stringValue == "node-1")
            #expect(result["functionName"]?.stringValue == "node")
            #expect(result["functionVersion"]?.stringValue == "$LATEST")
            #expect(result["invokedFunctionArn"]?.stringValue == function.functionArn)
            #expect(result["memoryLimitInMB"]?.stringValue == "512")
            #expect(result["logGroupName"]?.stringValue == "/aws/lambda/node")
            #expect(result["clientContext"]?["custom"]?["k"]?.stringValue == "v")
            #expect(result["env"]?["AWS_EXECUTION_ENV"]?.stringValue == "AWS_Lambda_nodejs20.x")
            #expect(result["env"]?["NODE_PATH"]?.stringValue?.hasSuffix(code) == true)
            #expect(result["env"]?["HOME"] == nil)
            // console.log lines carry the timestamp, the request id and the level, as in Lambda.
            #expect(outcome.log.contains("\tnode-1\tINFO\thandling 3\n"))
            #expect(outcome.log.contains("\tundefined\tINFO\tloading module\n"))
            #expect(outcome.log.contains("REPORT RequestId: node-1\t"))
            let warm = try await fixture.invoke(function, #"{"n": 4}"#)
            #expect(warm.json?["pid"] == result["pid"])
        }
    }

    @Test func callbackHandlersNestedHandlersAndErrors() async throws {
        try await withRuntime { fixture in
            let code = try fixture.code(["index.js": Self.handlers])
            let callback = try await fixture.invoke(
                fixture.function(runtime: "nodejs20.x", handler: "index.callbackHandler", code: code), #"{"n": 21}"#)
            #expect(callback.text == #"{"doubled":42}"#)
            let nested = try await fixture.invoke(
                fixture.function(runtime: "nodejs20.x", handler: "index.nested.deeper.fn", code: code))
            #expect(nested.text == #""nested""#)
            let callbackError = try await fixture.invoke(
                fixture.function(runtime: "nodejs20.x", handler: "index.callbackError", code: code), #"{"n": 1}"#)
            #expect(callbackError.functionError == "Unhandled")
            #expect(callbackError.json?["errorType"]?.stringValue == "TypeError")
            #expect(callbackError.json?["errorMessage"]?.stringValue == "wrong 1")
            let thrown = try await fixture.invoke(
                fixture.function(runtime: "nodejs20.x", handler: "index.thrower", code: code))
            #expect(thrown.json?["errorType"]?.stringValue == "RangeError")
            #expect(thrown.json?["errorMessage"]?.stringValue == "out of range")
            guard case .array(let trace)? = thrown.json?["trace"] else {
                Issue.record("no trace")
                return
            }
            #expect(trace.first?.stringValue == "RangeError: out of range")
            #expect(thrown.log.contains("\tERROR\tInvoke Error \t"))
        }
    }

    @Test func esModuleHandlersLoad() async throws {
        try await withRuntime { fixture in
            let code = try fixture.code([
                "index.mjs": "export const handler = async (event) => ({ esm: true, got: event.x });\n",
                "pkg/package.json": #"{"type": "module"}"#,
                "pkg/app.js": "export async function handler() { return 'module js'; }\n",
            ])
            let mjs = try await fixture.invoke(
                fixture.function(runtime: "nodejs22.x", handler: "index.handler", code: code), #"{"x": 5}"#)
            #expect(mjs.text == #"{"esm":true,"got":5}"#, "\(mjs.log)")
            let moduleJS = try await fixture.invoke(
                fixture.function(runtime: "nodejs20.x", handler: "pkg/app.handler", code: code))
            #expect(moduleJS.text == #""module js""#, "\(moduleJS.log)")
        }
    }

    @Test(arguments: [
        ("missing.handler", "Runtime.ImportModuleError", "Error: Cannot find module 'missing'"),
        ("index.absent", "Runtime.HandlerNotFound", "index.absent is undefined or not exported"),
        ("nodot", "Runtime.MalformedHandlerName", "Bad handler"),
        ("broken.handler", "Runtime.UserCodeSyntaxError", "SyntaxError: "),
    ])
    func nodeInitErrorsAreLambdas(handler: String, errorType: String, message: String) async throws {
        try await withRuntime { fixture in
            let code = try fixture.code(["index.js": Self.handlers, "broken.js": "exports.handler = async () => {;\n"])
            do {
                _ = try await fixture.invoke(fixture.function(runtime: "nodejs20.x", handler: handler, code: code))
                Issue.record("expected an initialization error")
            } catch let LambdaEnvironmentError.initializationFailed(type, text) {
                #expect(type == errorType)
                #expect(text.hasPrefix(message), "\(text)")
            }
            #expect(await fixture.environments.environmentCount == 0)
        }
    }

    @Test func aMissingInterpreterIsRuntimeUnavailable() async throws {
        var configuration = LambdaProcessEnvironmentsConfiguration()
        configuration.interpreters["nodejs"] = "/nonexistent/node"
        try await withRuntime(configuration) { fixture in
            let code = try fixture.code(["index.js": Self.handlers])
            do {
                _ = try await fixture.invoke(fixture.function(runtime: "nodejs20.x", handler: "index.asyncHandler", code: code))
                Issue.record("expected runtimeUnavailable")
            } catch LambdaEnvironmentError.runtimeUnavailable(let message) {
                #expect(message.contains("/nonexistent/node"))
                #expect(message.contains("STRATUS_LAMBDA_NODE"))
            }
            do {
                _ = try await fixture.invoke(fixture.function(runtime: "java21", handler: "x", code: code))
                Issue.record("expected runtimeUnavailable")
            } catch LambdaEnvironmentError.runtimeUnavailable(let message) {
                #expect(message.contains("java21"))
            }
        }
    }

    @Test func theServerEnvironmentOverridesPickInterpreters() {
        let configuration = LambdaProcessEnvironmentsConfiguration.fromProcessEnvironment([
            "STRATUS_LAMBDA_PYTHON": "/opt/py/bin/python3", "STRATUS_LAMBDA_NODE": "/opt/node/bin/node",
            "STRATUS_LAMBDA_IDLE_SECONDS": "42",
        ])
        #expect(configuration.interpreters == ["python": "/opt/py/bin/python3", "nodejs": "/opt/node/bin/node"])
        #expect(configuration.idleTimeout == .seconds(42))
    }
}
