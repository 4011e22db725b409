import Foundation
import OrderedCollections
import StratusAPILambda
import StratusAPISQS
import StratusJSON
import StratusLambda
import StratusServiceKit
import StratusStoreSQLite
import Synchronization
import Testing

@Suite("Lambda service: invocations")
struct ServiceInvokeTests {
    @Test func requestResponseAnswersPayloadVersionAndLogTail() async throws {
        let fixture = try LambdaFixture()
        try await fixture.createActiveFunction("f")
        let response = try await fixture.invoke("f", #"{"a":1}"#, logType: "Tail")
        #expect(response.statusCode == 200 && response.functionError == nil && response.executedVersion == "$LATEST")
        #expect(response.payload == Data(#"{"a":1}"#.utf8))
        let log = String(decoding: Data(base64Encoded: response.logResult ?? "") ?? Data(), as: UTF8.self)
        #expect(log.hasPrefix("START RequestId: ") && log.contains("hello\n"))
        let (configuration, request) = fixture.environments.invocations.withLock { $0[0] }
        #expect(configuration.functionName == "f" && configuration.handler == "app.handler")
        #expect(configuration.codeDirectory.hasPrefix("/code/") && configuration.timeoutSeconds == 3)
        #expect(configuration.maximumConcurrency == 1000 && configuration.stratusEndpoint == "http://127.0.0.1:4566")
        #expect(request.invokedFunctionArn == "arn:aws:lambda:us-east-1:000000000000:function:f")
        let quiet = try await fixture.invoke("f", "")
        #expect(quiet.logResult == nil)
        #expect(fixture.environments.invocations.withLock { $0[1].1.payload } == Array("{}".utf8))
    }

    @Test func functionErrorsAndInitFailuresAreUnhandled() async throws {
        let fixture = try LambdaFixture(environments: ScriptedEnvironments { _, request in ScriptedEnvironments.failure(request) })
        try await fixture.createActiveFunction("f")
        let failed = try await fixture.invoke("f")
        #expect(failed.statusCode == 200 && failed.functionError == "Unhandled")
        #expect(try JSONValue.parse(failed.payload ?? Data())["errorMessage"] == "boom")
        fixture.environments.setHandler { _, _ in
            throw LambdaEnvironmentError.initializationFailed(errorType: "Runtime.InvalidEntrypoint", message: "no bootstrap")
        }
        let broken = try await fixture.invoke("f")
        #expect(broken.functionError == "Unhandled")
        #expect(try JSONValue.parse(broken.payload ?? Data())["errorType"] == "Runtime.InvalidEntrypoint")
        fixture.environments.setHandler { _, _ in throw LambdaEnvironmentError.runtimeUnavailable("no node") }
        await expectAWSError("InvalidRuntimeException", "no node") { _ = try await fixture.invoke("f") }
    }

    @Test func payloadLimitsJSONAndDryRun() async throws {
        let fixture = try LambdaFixture()
        try await fixture.createActiveFunction("f")
        let big = "\"" + String(repeating: "x", count: 6_291_456) + "\""
        let tooLarge = await expectAWSError("RequestEntityTooLargeException",
                                            "Request must be smaller than 6291456 bytes for the InvokeFunction operation") {
            _ = try await fixture.invoke("f", big)
        }
        #expect(tooLarge?.code.httpStatus == 413)
        let asyncBig = "\"" + String(repeating: "x", count: 262_144) + "\""
        await expectAWSError("RequestEntityTooLargeException",
                             "Request must be smaller than 262144 bytes for the InvokeFunction operation") {
            _ = try await fixture.invoke("f", asyncBig, type: "Event")
        }
        await expectAWSError("InvalidRequestContentException") { _ = try await fixture.invoke("f", "{nope") }
        let dry = try await fixture.invoke("f", type: "DryRun")
        #expect(dry.statusCode == 204)
        #expect(fixture.environments.count == 0)
        await expectAWSError("ResourceNotFoundException") { _ = try await fixture.invoke("g", type: "DryRun") }
    }

    @Test func throttlingAnswersTooManyRequestsWithTheReason() async throws {
        let fixture = try LambdaFixture()
        try await fixture.createActiveFunction("f")
        _ = try await fixture.service.putFunctionConcurrency(
            Lambda.PutFunctionConcurrencyRequest(functionName: "f", reservedConcurrentExecutions: 0), context: fixture.context)
        let zero = await expectAWSError("TooManyRequestsException", "Rate Exceeded.") { _ = try await fixture.invoke("f") }
        #expect(zero?.fields["Reason"] == .string("ReservedFunctionConcurrentInvocationLimitExceeded"))
        #expect(zero?.code.httpStatus == 429)
        try await fixture.service.deleteFunctionConcurrency(Lambda.DeleteFunctionConcurrencyRequest(functionName: "f"),
                                                            context: fixture.context)
        fixture.environments.setHandler { _, _ in throw LambdaEnvironmentError.throttled }
        let busy = await expectAWSError("TooManyRequestsException") { _ = try await fixture.invoke("f") }
        #expect(busy?.fields["Reason"] == .string("ConcurrentInvocationLimitExceeded"))
    }

    @Test func pendingFunctionsCannotBeInvoked() async throws {
        let fixture = try LambdaFixture()
        _ = try await fixture.service.createFunction(
            Lambda.CreateFunctionRequest(functionName: "f", runtime: "python3.12", role: LambdaFixture.role,
                                         handler: "app.handler", code: Lambda.FunctionCode(zipFile: LambdaFixture.zip)),
            context: fixture.context)
        await expectAWSError(
            "ResourceConflictException",
            "The operation cannot be performed at this time. The function is currently in the following state: Pending"
        ) { _ = try await fixture.invoke("f") }
    }

    @Test func asyncInvocationsRetryTwiceThenGoToTheFailureDestination() async throws {
        let fixture = try LambdaFixture(environments: ScriptedEnvironments { _, request in ScriptedEnvironments.failure(request) })
        try await fixture.createActiveFunction("f")
        let failures = try await fixture.createQueue("failures")
        _ = try await fixture.service.putFunctionEventInvokeConfig(
            Lambda.PutFunctionEventInvokeConfigRequest(
                functionName: "f", destinationConfig: Lambda.DestinationConfig(
                    onFailure: Lambda.OnFailure(destination: "arn:aws:sqs:us-east-1:000000000000:failures"))),
            context: fixture.context)
        let accepted = try await fixture.invoke("f", #"{"n":1}"#, type: "Event")
        #expect(accepted.statusCode == 202)
        try await withWorker(fixture) {
            let messages = try await waitForMessages(fixture, failures)
            let record = try JSONValue.parse(messages[0].body ?? "")
            #expect(record["version"] == "1.0")
            #expect(record["requestContext"]?["condition"] == "RetriesExhausted")
            #expect(record["requestContext"]?["approximateInvokeCount"] == 3)
            #expect(record["requestContext"]?["functionArn"] == "arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST")
            #expect(record["requestPayload"] == ["n": 1])
            #expect(record["responseContext"]?["functionError"] == "Unhandled")
            #expect(record["responsePayload"]?["errorMessage"] == "boom")
        }
        #expect(fixture.environments.count == 3)
    }

    @Test func asyncSuccessGoesToTheSuccessDestinationAndRetriesFollowTheConfig() async throws {
        let fixture = try LambdaFixture()
        try await fixture.createActiveFunction("f")
        let successes = try await fixture.createQueue("successes")
        await expectAWSError("InvalidParameterValueException") {
            _ = try await fixture.service.putFunctionEventInvokeConfig(
                Lambda.PutFunctionEventInvokeConfigRequest(
                    functionName: "f", destinationConfig: Lambda.DestinationConfig(
                        onSuccess: Lambda.OnSuccess(destination: "arn:aws:s3:::a-bucket"))),
                context: fixture.context)
        }
        let config = try await fixture.service.putFunctionEventInvokeConfig(
            Lambda.PutFunctionEventInvokeConfigRequest(
                functionName: "f", maximumRetryAttempts: 0, destinationConfig: Lambda.DestinationConfig(
                    onSuccess: Lambda.OnSuccess(destination: "arn:aws:sqs:us-east-1:000000000000:successes"))),
            context: fixture.context)
        #expect(config.functionArn == "arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST")
        #expect(config.maximumRetryAttempts == 0)
        _ = try await fixture.invoke("f", #"{"ok":true}"#, type: "Event")
        try await withWorker(fixture) {
            let messages = try await waitForMessages(fixture, successes)
            let record = try JSONValue.parse(messages[0].body ?? "")
            #expect(record["requestContext"]?["condition"] == "Success")
            #expect(record["responsePayload"] == ["ok": true])
            #expect(record["responseContext"]?["executedVersion"] == "$LATEST")
        }
        let got = try await fixture.service.getFunctionEventInvokeConfig(
            Lambda.GetFunctionEventInvokeConfigRequest(functionName: "f"), context: fixture.context)
        #expect(got.destinationConfig?.onSuccess?.destination == "arn:aws:sqs:us-east-1:000000000000:successes")
        try await fixture.service.deleteFunctionEventInvokeConfig(
            Lambda.DeleteFunctionEventInvokeConfigRequest(functionName: "f"), context: fixture.context)
        await expectAWSError("ResourceNotFoundException") {
            _ = try await fixture.service.getFunctionEventInvokeConfig(
                Lambda.GetFunctionEventInvokeConfigRequest(functionName: "f"), context: fixture.context)
        }
    }

    @Test func queuedInvocationsSurviveARestart() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lambda-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("lambda.sqlite")
        do {
            let database = try SQLiteDatabase.open(name: "lambda", at: url)
            let fixture = try LambdaFixture(database: database)
            try await fixture.createActiveFunction("f")
            _ = try await fixture.invoke("f", #"{"queued":1}"#, type: "Event")
            #expect(fixture.environments.count == 0)
            try database.close()
        }
        let database = try SQLiteDatabase.open(name: "lambda", at: url)
        let fixture = try LambdaFixture(database: database)
        // The code store is per fixture: the new one gets the same package (content-addressed).
        _ = try await fixture.codeStore.store(zip: [UInt8](LambdaFixture.zip))
        try await withWorker(fixture) {
            for _ in 0..<200 where fixture.environments.count == 0 { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(fixture.environments.invocations.withLock { $0.first?.1.payload } == Array(#"{"queued":1}"#.utf8))
        #expect(try await fixture.store.nextAsyncInvocationDue() == nil)
        try database.close()
    }
}

/// Runs the fixture's background worker around `body`.
func withWorker(_ fixture: LambdaFixture, _ body: () async throws -> Void) async throws {
    let worker = fixture.service.backgroundWorker
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await worker.run() }
        defer { group.cancelAll() }
        try await body()
    }
}

/// Receives from `url` until something arrives (at most about 5 seconds).
func waitForMessages(_ fixture: LambdaFixture, _ url: String) async throws -> [SQS.Message] {
    for _ in 0..<5 {
        let messages = try await fixture.receive(url, wait: 1)
        if !messages.isEmpty { return messages }
    }
    Issue.record("no message arrived in \(url)")
    return []
}
