// StepFunctionsIntegrations+Lambda: the lambda:invoke integration and Lambda function ARNs as Task resources.
import Foundation
import OrderedCollections
import StratusAPILambda
import StratusJSON
import StratusServiceKit
import StratusStatesEngine

extension StepFunctionsIntegrations {
    /// The Lambda kind a resource names: `arn:<partition>:states:::lambda:invoke[.waitForTaskToken]`, or a function
    /// ARN `arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]`.
    static func lambdaKind(of resource: String) -> Kind? {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 7, parts[0] == "arn", parts[2] == "states", parts[3].isEmpty, parts[4].isEmpty,
            parts[5] == "lambda"
        {
            switch parts[6] {
            case "invoke": return .lambdaInvoke(waitsForTaskToken: false)
            case "invoke.waitForTaskToken": return .lambdaInvoke(waitsForTaskToken: true)
            default: return nil
            }
        }
        if (7...8).contains(parts.count), parts[0] == "arn", parts[2] == "lambda", parts[5] == "function",
            !parts[6].isEmpty
        {
            return .lambdaFunction
        }
        return nil
    }

    /// Runs `lambda:invoke` (parameters as Step Functions documents them: `FunctionName`, `Payload`, `Qualifier`,
    /// `InvocationType`, `LogType`, `ClientContext`) or a function ARN (the effective input is the event, the
    /// result is the function's response).
    func invokeLambda(_ invocation: TaskInvocation, kind: Kind, invoker: any ServiceInvoker, context: RequestContext)
        async -> Outcome
    {
        let request: Lambda.InvocationRequest
        var waits = false
        switch kind {
        case .lambdaInvoke(let waitsForTaskToken):
            waits = waitsForTaskToken
            switch Self.lambdaInvokeRequest(invocation.input) {
            case .success(let built): request = built
            case .failure(let problem): return .failed(error: "States.Runtime", cause: problem.reason)
            }
        case .lambdaFunction:
            request = Lambda.InvocationRequest(functionName: invocation.resource,
                                               payload: Data(invocation.input.serialized()))
        default:
            return .failed(error: "States.Runtime", cause: "'\(invocation.resource)' is not a Lambda resource.")
        }
        let response: Lambda.InvocationResponse
        do {
            response = try await LambdaClient(invoker: invoker, context: context).invoke(request)
        } catch let error as AWSServiceError {
            let cause = "\(error.message ?? "") (Service: AWSLambda; Status Code: \(error.code.httpStatus); Error Code: "
                + "\(error.code.code); Request ID: \(context.requestID); Proxy: null)"
            return .failed(error: Self.errorName(service: "Lambda", code: error.code.code), cause: cause)
        } catch {
            return .failed(error: "Lambda.ServiceException", cause: "\(error)")
        }
        let payload = response.payload ?? Data()
        if response.functionError != nil {
            // For `lambda:invoke`, Step Functions re-serializes a JSON error payload compactly (the runtime's
            // `{"errorMessage": …}` becomes `{"errorMessage":…}`, members in their order); a function ARN's cause is
            // the payload as the function's runtime wrote it. Both as recorded from AWS.
            let parsed = try? JSONValue.parse(payload)
            let text = String(decoding: payload, as: UTF8.self)
            let cause = kind == .lambdaFunction ? text : parsed.map { String(decoding: $0.serialized(), as: UTF8.self) } ?? text
            return .failed(error: parsed?["errorType"]?.stringValue ?? "Lambda.Unknown", cause: cause)
        }
        let result = payload.isEmpty ? JSONValue.null
            : (try? JSONValue.parse(payload)) ?? .string(String(decoding: payload, as: UTF8.self))
        if case .lambdaFunction = kind { return .succeeded(result) }
        let output = Self.lambdaInvokeOutput(response, result: result, size: payload.count, requestID: context.requestID,
                                             date: context.receivedAt)
        return waits ? .awaitingCallback(submitted: output) : .succeeded(output)
    }

    /// The `Invoke` request of a `lambda:invoke` Task's effective parameters.
    static func lambdaInvokeRequest(_ input: JSONValue) -> Result<Lambda.InvocationRequest, ParameterProblem> {
        guard case .object(let members) = input else {
            return .failure(ParameterProblem(reason: "The parameters of lambda:invoke must be an object."))
        }
        guard case .string(let functionName)? = members["FunctionName"] else {
            return .failure(ParameterProblem(reason: "The field 'FunctionName' is required and must be a string."))
        }
        var request = Lambda.InvocationRequest(functionName: functionName)
        for (key, value) in members {
            switch (key, value) {
            case ("FunctionName", _): continue
            // A null Payload sends none (the function gets `{}`), as recorded from AWS; the text `"null"` sends null.
            case ("Payload", .null): continue
            case ("Payload", let payload): request.payload = Data(text(of: payload).utf8)
            case ("Qualifier", .string(let text)): request.qualifier = text
            case ("InvocationType", .string(let text)): request.invocationType = Lambda.InvocationType(rawValue: text)
            case ("LogType", .string(let text)): request.logType = Lambda.LogType(rawValue: text)
            case ("ClientContext", .string(let text)): request.clientContext = text
            default:
                return .failure(ParameterProblem(
                    reason: "The field '\(key)' is not supported by the lambda:invoke integration, or has the wrong type."))
            }
        }
        return .success(request)
    }

    /// The task result of an `Invoke` answer, as Step Functions shapes it: `SdkHttpMetadata` carries the headers
    /// Lambda sends (as recorded from AWS: `AllHttpHeaders` in Lambda's order, `HttpHeaders` sorted), `Date` of
    /// `date`, a trace id made from the request id.
    static func lambdaInvokeOutput(_ response: Lambda.InvocationResponse, result: JSONValue, size: Int,
                                   requestID: String, date: Date) -> JSONValue
    {
        var headers: [(String, String)] = [("X-Amz-Executed-Version", response.executedVersion ?? "$LATEST")]
        if let log = response.logResult { headers.append(("X-Amz-Log-Result", log)) }
        headers += [
            ("x-amzn-Remapped-Content-Length", "0"), ("Connection", "keep-alive"), ("x-amzn-RequestId", requestID),
            ("Content-Length", String(size)), ("Date", httpDate(date)),
            ("X-Amzn-Trace-Id", traceID(requestID: requestID, date: date)), ("Content-Type", "application/json"),
        ]
        var output = OrderedDictionary<String, JSONValue>()
        output["ExecutedVersion"] = .string(response.executedVersion ?? "$LATEST")
        if let log = response.logResult { output["LogResult"] = .string(log) }
        output["Payload"] = result
        output["SdkHttpMetadata"] = sdkHttpMetadata(headers, statusCode: response.statusCode ?? 200)
        output["SdkResponseMetadata"] = .object(["RequestId": .string(requestID)])
        output["StatusCode"] = .number(JSONNumber(response.statusCode ?? 200))
        return .object(output)
    }

    /// An X-Ray trace header as Lambda answers it (`Root=1-<epoch seconds, hex>-<24 hex digits>;Sampled=0`), the
    /// digits taken from the request id so it is as deterministic as the ids.
    static func traceID(requestID: String, date: Date) -> String {
        let digits = requestID.lowercased().filter(\.isHexDigit)
        let unique = String((digits + String(repeating: "0", count: 24)).prefix(24))
        let seconds = String(UInt64(max(0, date.timeIntervalSince1970)), radix: 16)
        return "Root=1-\(seconds)-\(unique);Sampled=0"
    }
}
