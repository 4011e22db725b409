// StepFunctionsIntegrations+StartExecution: the states:startExecution integration (nested workflows).
import Foundation
import OrderedCollections
import StratusAPIStepFunctions
import StratusAWSCore
import StratusJSON
import StratusServiceKit
import StratusStatesEngine

extension StepFunctionsIntegrations {
    /// How a `states:startExecution` Task waits for the execution it starts.
    package enum StartExecutionPattern: Sendable, Equatable {
        /// `startExecution`: the task ends with `StartExecution`'s answer.
        case requestResponse
        /// `startExecution.sync`: the task ends with the execution (`Output` as JSON text).
        case sync
        /// `startExecution.sync:2`: the task ends with the execution (`Input` and `Output` as JSON).
        case sync2
        /// `startExecution.waitForTaskToken`: the task ends with a callback of its token.
        case waitForTaskToken
    }

    /// `arn:<partition>:states:::states:startExecution[.sync|.sync:2|.waitForTaskToken]`.
    package static func startExecutionKind(of resource: String) -> Kind? {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 7, parts[0] == "arn", parts[2] == "states", parts[3].isEmpty, parts[4].isEmpty,
            parts[5] == "states"
        else { return nil }
        switch parts[6...].joined(separator: ":") {
        case "startExecution": return .startExecution(.requestResponse)
        case "startExecution.sync": return .startExecution(.sync)
        case "startExecution.sync:2": return .startExecution(.sync2)
        case "startExecution.waitForTaskToken": return .startExecution(.waitForTaskToken)
        default: return nil
        }
    }

    /// Starts the execution a `states:startExecution` Task names (`StateMachineArn`, `Input` — text as it is, other
    /// JSON as its text, null or absent as `{}` —, `Name`, `TraceHeader`) through the Step Functions API. A `.sync`
    /// task without a `Name` names the execution after its task token, so calling it again after a restart finds the
    /// same execution instead of starting a second one.
    func invokeStartExecution(
        _ invocation: TaskInvocation, pattern: StartExecutionPattern, invoker: any ServiceInvoker, context: RequestContext
    ) async -> Outcome {
        let request: StepFunctions.StartExecutionInput
        switch Self.startExecutionRequest(invocation.input) {
        case .success(let built): request = built
        case .failure(let problem): return .failed(error: "States.Runtime", cause: problem.reason)
        }
        var named = request
        let waitsForExecution = pattern == .sync || pattern == .sync2
        if waitsForExecution, named.name == nil, let token = invocation.taskToken { named.name = token }
        let client = StepFunctionsClient(invoker: invoker, context: context)
        let started: StepFunctions.StartExecutionOutput
        do {
            started = try await client.startExecution(named)
        } catch let error as AWSServiceError {
            if waitsForExecution, request.name == nil, error.code == StepFunctionsErrors.executionAlreadyExists,
                let arn = Self.executionArn(stateMachineArn: named.stateMachineArn, name: named.name ?? ""),
                let existing = try? await client.describeExecution(StepFunctions.DescribeExecutionInput(executionArn: arn))
            {
                // Called again after a restart: the execution this task started is still the one it waits for.
                started = StepFunctions.StartExecutionOutput(executionArn: existing.executionArn, startDate: existing.startDate)
            } else {
                return Self.stepFunctionsFailure(error, requestID: context.requestID)
            }
        } catch {
            return .failed(error: "States.Runtime", cause: "\(error)")
        }
        let output = Self.startExecutionOutput(started, requestID: context.requestID, date: context.receivedAt)
        switch pattern {
        case .requestResponse: return .succeeded(output)
        case .waitForTaskToken: return .awaitingCallback(submitted: output)
        case .sync, .sync2:
            return .awaitingExecution(submitted: output, executionArn: started.executionArn, jsonData: pattern == .sync2)
        }
    }

    /// The `StartExecution` request of a Task's effective parameters.
    package static func startExecutionRequest(_ input: JSONValue) -> Result<StepFunctions.StartExecutionInput, ParameterProblem> {
        guard case .object(let members) = input else {
            return .failure(ParameterProblem(reason: "The parameters of states:startExecution must be an object."))
        }
        guard case .string(let stateMachineArn)? = members["StateMachineArn"] else {
            return .failure(ParameterProblem(reason: "The field 'StateMachineArn' is required and must be a string."))
        }
        var request = StepFunctions.StartExecutionInput(stateMachineArn: stateMachineArn)
        for (key, value) in members {
            switch (key, value) {
            case ("StateMachineArn", _), ("Input", .null): continue
            case ("Input", let input): request.input = text(of: input)
            case ("Name", .string(let name)): request.name = name
            case ("TraceHeader", .string(let header)): request.traceHeader = header
            default:
                return .failure(ParameterProblem(
                    reason: "The field '\(key)' is not supported by the states:startExecution integration, or has the wrong type."))
            }
        }
        return .success(request)
    }

    /// The task result of a `StartExecution` answer, as Step Functions shapes it: `ExecutionArn`, `StartDate`
    /// (epoch milliseconds), then `SdkHttpMetadata` with the headers Step Functions sends (as recorded from AWS) and
    /// `SdkResponseMetadata`.
    package static func startExecutionOutput(_ started: StepFunctions.StartExecutionOutput, requestID: String, date: Date) -> JSONValue {
        let body = JSONValue.object([
            "executionArn": .string(started.executionArn),
            "startDate": .number(JSONNumber(started.startDate.timeIntervalSince1970)),
        ]).serialized()
        let headers: [(String, String)] = [
            ("x-amzn-RequestId", requestID), ("connection", "keep-alive"), ("Content-Length", String(body.count)),
            ("Date", httpDate(date)), ("Content-Type", "application/x-amz-json-1.0"),
        ]
        return .object([
            "ExecutionArn": .string(started.executionArn),
            "StartDate": Self.epochMilliseconds(started.startDate),
            "SdkHttpMetadata": sdkHttpMetadata(headers),
            "SdkResponseMetadata": .object(["RequestId": .string(requestID)]),
        ])
    }

    /// How a `.sync` task ends once the execution it started has: `DescribeExecution`'s answer with capitalized
    /// names and dates in epoch milliseconds (`.sync:2`: `Input` and `Output` as JSON); an execution that did not
    /// succeed fails the task with `States.TaskFailed` and that answer (with its `Error` and `Cause`) as the cause.
    func executionOutcome(executionArn: String, jsonData: Bool, parentExecutionArn: String, now: Date) async -> Outcome {
        guard let invoker else { return .failed(error: "States.Runtime", cause: "No service is wired.") }
        let parts = parentExecutionArn.split(separator: ":", omittingEmptySubsequences: false)
        let context = RequestContext(
            accountID: parts.count > 4 ? String(parts[4]) : "000000000000",
            region: parts.count > 4 ? String(parts[3]) : "us-east-1", requestID: ids.next(), host: "localhost",
            receivedAt: now)
        let described: StepFunctions.DescribeExecutionOutput
        do {
            described = try await StepFunctionsClient(invoker: invoker, context: context)
                .describeExecution(StepFunctions.DescribeExecutionInput(executionArn: executionArn))
        } catch let error as AWSServiceError {
            return Self.stepFunctionsFailure(error, requestID: context.requestID)
        } catch {
            return .failed(error: "States.Runtime", cause: "\(error)")
        }
        var result = OrderedDictionary<String, JSONValue>()
        guard let shape = ServiceSchema.stepFunctions.operation(named: "DescribeExecution")?.output?.shape,
            case .object(let members) = Self.sdkResult(described.awsValue, shape: shape, schema: .stepFunctions)
        else { return .failed(error: "States.Runtime", cause: "DescribeExecution gave no object.") }
        for (key, value) in members {
            switch key {
            case "StartDate": result[key] = Self.epochMilliseconds(described.startDate)
            case "StopDate": result[key] = described.stopDate.map(Self.epochMilliseconds) ?? value
            case "RedriveDate": result[key] = described.redriveDate.map(Self.epochMilliseconds) ?? value
            case "Input", "Output":
                if jsonData, case .string(let text) = value, let parsed = try? JSONValue.parse(Array(text.utf8)) {
                    result[key] = parsed
                } else {
                    result[key] = value
                }
            default: result[key] = value
            }
        }
        guard described.status == .succeeded else {
            return .failed(error: "States.TaskFailed", cause: JSONValue.object(result).serializedString())
        }
        return .succeeded(.object(result))
    }

    /// The ARN of the execution `name` of a state machine (its version or alias qualifier dropped).
    package static func executionArn(stateMachineArn: String, name: String) -> String? {
        let parts = stateMachineArn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 7, parts[5] == "stateMachine" else { return nil }
        return (parts[0..<5] + ["execution", parts[6], Substring(name)]).joined(separator: ":")
    }

    /// The task failure of a Step Functions API error, as the AWS SDK (v1) names and describes it.
    static func stepFunctionsFailure(_ error: AWSServiceError, requestID: String) -> Outcome {
        let code = error.code.code
        let cause = "\(error.message ?? "null") (Service: AWSStepFunctions; Status Code: \(error.code.httpStatus); "
            + "Error Code: \(code); Request ID: \(requestID); Proxy: null)"
        return .failed(error: errorName(service: "StepFunctions", code: code), cause: cause)
    }

    static func epochMilliseconds(_ date: Date) -> JSONValue {
        .number(JSONNumber(Int64((date.timeIntervalSince1970 * 1000).rounded(.down))))
    }
}
