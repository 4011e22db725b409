// StepFunctionsIntegrations: the service integrations Task states call (SQS sendMessage here, the others in extensions).
import Foundation
import OrderedCollections
import StratusAPISQS
import StratusAWSCore
import StratusJSON
import StratusServiceKit
import StratusStatesEngine

/// Runs the Task resources Stratus supports by calling the other services in-process through a `ServiceInvoker`.
///
/// Guarantees: supports exactly `arn:<partition>:states:::sqs:sendMessage`, `arn:<partition>:states:::lambda:invoke`
/// (each with its `.waitForTaskToken` form), Lambda function ARNs, `dynamodb:getItem|putItem|updateItem|deleteItem`,
/// `states:startExecution` (request-response, `.sync`, `.sync:2`, `.waitForTaskToken`)
/// and `aws-sdk:<dynamodb|sqs|lambda|sfn>:<action>` for every API operation of those services (``kind(of:)``); every other resource is refused by the runner with `Stratus.UnsupportedIntegration`. The
/// result of `sendMessage` is shaped as Step Functions shapes it (`MD5OfMessageBody`, `MessageId`, …,
/// `SdkHttpMetadata`, `SdkResponseMetadata`); an SQS error becomes the task error `SQS.<Code>Exception` with the
/// SQS message as cause; malformed parameters fail the task with `States.Runtime`.
package struct StepFunctionsIntegrations: Sendable {
    /// What a Task resource asks for.
    package enum Kind: Sendable, Equatable {
        /// `sqs:sendMessage`; `waitsForTaskToken` for the `.waitForTaskToken` form.
        case sqsSendMessage(waitsForTaskToken: Bool)
        /// `lambda:invoke`; `waitsForTaskToken` for the `.waitForTaskToken` form.
        case lambdaInvoke(waitsForTaskToken: Bool)
        /// A Lambda function ARN as the resource (the legacy form: the result is the function's response).
        case lambdaFunction
        /// `dynamodb:getItem`, `putItem`, `updateItem` or `deleteItem`; `operation` is the API name (`GetItem`).
        case dynamoDB(operation: String)
        /// `aws-sdk:<service>:<action>` on a service Stratus runs (``awsSDKServices``); `operation` is the API name
        /// (`Query`); `waitsForTaskToken` for the `.waitForTaskToken` form.
        case awsSDK(service: String, operation: String, waitsForTaskToken: Bool)
        /// `states:startExecution` in one of its patterns.
        case startExecution(StartExecutionPattern)
        /// A Distributed Map's `ItemReader` (`s3:getObject`, or `s3:listObjectsV2` when `listsObjects`).
        case mapItemReader(listsObjects: Bool)
        /// A Distributed Map's `ResultWriter` (`s3:putObject`).
        case mapResultWriter
        /// `sns:publish`; `waitsForTaskToken` for the `.waitForTaskToken` form.
        case snsPublish(waitsForTaskToken: Bool)
        /// `events:putEvents`; `waitsForTaskToken` for the `.waitForTaskToken` form.
        case eventsPutEvents(waitsForTaskToken: Bool)
    }

    /// How a call ended.
    package enum Outcome: Sendable {
        /// The task's result.
        case succeeded(JSONValue)
        /// The task's error and cause.
        case failed(error: String, cause: String?)
        /// The request went out and the service answered `submitted` (recorded as `TaskSubmitted`); the result
        /// comes later through `SendTaskSuccess`/`SendTaskFailure`.
        case awaitingCallback(submitted: JSONValue)
        /// The execution `executionArn` was started (its answer `submitted`, recorded as `TaskSubmitted`); the task
        /// ends when that execution does (``executionOutcome(executionArn:jsonData:parentExecutionArn:now:)``) or
        /// with a callback of its token, whichever comes first.
        case awaitingExecution(submitted: JSONValue, executionArn: String, jsonData: Bool)
    }

    /// Where calls go (`nil`: no other service is wired, so every integration fails).
    package let invoker: (any ServiceInvoker)?
    /// Request ids of the calls.
    package let ids: any RequestIDGenerator

    /// Integrations calling through `invoker`.
    package init(invoker: (any ServiceInvoker)?, ids: any RequestIDGenerator = RandomRequestIDGenerator()) {
        self.invoker = invoker
        self.ids = ids
    }

    /// The integration a resource names, if Stratus supports it.
    package static func kind(of resource: String) -> Kind? {
        if let lambda = lambdaKind(of: resource) { return lambda }
        if let dynamoDB = dynamoDBKind(of: resource) { return dynamoDB }
        if let sdk = awsSDKKind(of: resource) { return sdk }
        if let start = startExecutionKind(of: resource) { return start }
        if let storage = mapStorageKind(of: resource) { return storage }
        if let sns = snsKind(of: resource) { return sns }
        if let events = eventsKind(of: resource) { return events }
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 7, parts[0] == "arn", parts[2] == "states", parts[3].isEmpty, parts[4].isEmpty,
            parts[5] == "sqs"
        else { return nil }
        switch parts[6] {
        case "sendMessage": return .sqsSendMessage(waitsForTaskToken: false)
        case "sendMessage.waitForTaskToken": return .sqsSendMessage(waitsForTaskToken: true)
        default: return nil
        }
    }

    /// Calls the integration of `invocation` for the execution `executionArn` (whose account and region it runs
    /// in) at `now`.
    package func invoke(_ invocation: TaskInvocation, kind: Kind, executionArn: String, now: Date) async -> Outcome {
        guard let invoker else {
            return .failed(error: "States.Runtime", cause: "No service is wired to run '\(invocation.resource)'.")
        }
        let arnParts = executionArn.split(separator: ":", omittingEmptySubsequences: false)
        let region = arnParts.count > 4 ? String(arnParts[3]) : "us-east-1"
        let account = arnParts.count > 4 ? String(arnParts[4]) : "000000000000"
        let requestID = ids.next()
        let context = RequestContext(
            accountID: account, region: region, requestID: requestID, host: "localhost", receivedAt: now)
        switch kind {
        case .lambdaInvoke, .lambdaFunction:
            return await invokeLambda(invocation, kind: kind, invoker: invoker, context: context)
        case .dynamoDB(let operation):
            return await invokeDynamoDB(invocation, operation: operation, invoker: invoker, context: context)
        case .awsSDK(let service, let operation, let waits):
            return await invokeAWSSDK(
                invocation, service: service, operation: operation, waitsForTaskToken: waits, invoker: invoker,
                context: context)
        case .startExecution(let pattern):
            return await invokeStartExecution(invocation, pattern: pattern, invoker: invoker, context: context)
        case .mapItemReader(let listsObjects):
            return await readMapItems(invocation, listsObjects: listsObjects, invoker: invoker, context: context)
        case .mapResultWriter:
            return await writeMapResults(invocation, invoker: invoker, context: context)
        case .snsPublish(let waits):
            return await invokeSNSPublish(invocation, waitsForTaskToken: waits, invoker: invoker, context: context, now: now)
        case .eventsPutEvents(let waits):
            return await invokePutEvents(invocation, waitsForTaskToken: waits, executionArn: executionArn, invoker: invoker,
                                         context: context)
        case .sqsSendMessage(let waits):
            let request: SQS.SendMessageRequest
            switch Self.sendMessageRequest(invocation.input) {
            case .success(let built): request = built
            case .failure(let problem): return .failed(error: "States.Runtime", cause: problem.reason)
            }
            // The AWS SDK sends the request to the queue URL: one that is not a URL fails before reaching SQS.
            if !request.queueUrl.hasPrefix("http://"), !request.queueUrl.hasPrefix("https://") {
                let host = request.queueUrl.split(separator: "/", omittingEmptySubsequences: false).first ?? ""
                return .failed(
                    error: "SQS.SdkClientException", cause: "Unable to execute HTTP request: \(host): Name or service not known")
            }
            do {
                let result = try await SQSClient(invoker: invoker, context: context).sendMessage(request)
                let output = Self.sendMessageOutput(result, requestID: requestID, date: now)
                return waits ? .awaitingCallback(submitted: output) : .succeeded(output)
            } catch let error as AWSServiceError {
                return Self.sqsFailure(error, requestID: requestID)
            } catch {
                return .failed(error: "States.Runtime", cause: "\(error)")
            }
        }
    }

    /// A problem with a Task's parameters.
    package struct ParameterProblem: Error, Sendable {
        /// Why the parameters cannot be sent.
        package var reason: String
    }

    /// The `SendMessage` request of a Task's effective parameters (PascalCase, as Step Functions documents them).
    package static func sendMessageRequest(_ input: JSONValue) -> Result<SQS.SendMessageRequest, ParameterProblem> {
        guard case .object(let members) = input else {
            return .failure(ParameterProblem(reason: "The parameters of sqs:sendMessage must be an object."))
        }
        guard case .string(let queueUrl)? = members["QueueUrl"] else {
            return .failure(ParameterProblem(reason: "The field 'QueueUrl' is required and must be a string."))
        }
        guard let body = members["MessageBody"] else {
            return .failure(ParameterProblem(reason: "The field 'MessageBody' is required."))
        }
        var request = SQS.SendMessageRequest(queueUrl: queueUrl, messageBody: Self.text(of: body))
        for (key, value) in members {
            switch (key, value) {
            case ("QueueUrl", _), ("MessageBody", _): continue
            case ("DelaySeconds", .number(let number)):
                guard let seconds = number.intValue else {
                    return .failure(ParameterProblem(reason: "The field 'DelaySeconds' must be an integer."))
                }
                request.delaySeconds = seconds
            case ("MessageGroupId", .string(let text)): request.messageGroupId = text
            case ("MessageDeduplicationId", .string(let text)): request.messageDeduplicationId = text
            case ("MessageAttributes", .object(let attributes)):
                var converted: [String: SQS.MessageAttributeValue] = [:]
                for (name, attribute) in attributes {
                    guard let value = Self.attribute(attribute) else {
                        return .failure(ParameterProblem(
                            reason: "The message attribute '\(name)' must be an object with a string 'DataType' and a "
                                + "string 'StringValue' or base64 'BinaryValue'."))
                    }
                    converted[name] = value
                }
                request.messageAttributes = converted
            default:
                return .failure(ParameterProblem(
                    reason: "The field '\(key)' is not supported by the sqs:sendMessage integration, or has the wrong type."))
            }
        }
        return .success(request)
    }

    /// A string as it is; any other JSON value as its JSON text.
    static func text(of value: JSONValue) -> String {
        if case .string(let text) = value { return text }
        return value.serializedString()
    }

    static func attribute(_ value: JSONValue) -> SQS.MessageAttributeValue? {
        guard case .object(let fields) = value, case .string(let dataType)? = fields["DataType"] else { return nil }
        var attribute = SQS.MessageAttributeValue(dataType: dataType)
        for (key, field) in fields where key != "DataType" {
            switch (key, field) {
            case ("StringValue", .string(let text)): attribute.stringValue = text
            case ("BinaryValue", .string(let text)):
                guard let data = Data(base64Encoded: text) else { return nil }
                attribute.binaryValue = data
            default: return nil
            }
        }
        return attribute
    }

    /// The task result of a `SendMessage` answer, as Step Functions returns it: the response members, then
    /// `SdkHttpMetadata` with the headers SQS sends (as recorded from AWS: `x-amzn-RequestId`, `connection`,
    /// `Content-Length` of the compact JSON body, `Date` of `date`, `Content-Type`; `HttpHeaders` ordered by name
    /// ignoring case) and `SdkResponseMetadata`.
    static func sendMessageOutput(_ result: SQS.SendMessageResult, requestID: String, date: Date) -> JSONValue {
        var members: [(String, JSONValue)] = []
        if let md5 = result.md5OfMessageAttributes { members.append(("MD5OfMessageAttributes", .string(md5))) }
        if let md5 = result.md5OfMessageBody { members.append(("MD5OfMessageBody", .string(md5))) }
        if let id = result.messageId { members.append(("MessageId", .string(id))) }
        if let sequence = result.sequenceNumber { members.append(("SequenceNumber", .string(sequence))) }
        let body = JSONValue.object(.init(uniqueKeysWithValues: members)).serialized()
        let headers: [(String, String)] = [
            ("x-amzn-RequestId", requestID), ("connection", "keep-alive"), ("Content-Length", String(body.count)),
            ("Date", httpDate(date)), ("Content-Type", "application/x-amz-json-1.0"),
        ]
        var output = members
        output.append(("SdkHttpMetadata", sdkHttpMetadata(headers)))
        output.append(("SdkResponseMetadata", .object(["RequestId": .string(requestID)])))
        return .object(.init(uniqueKeysWithValues: output))
    }

    /// The task failure of an SQS error, as the AWS SDK (v1) Step Functions' SQS integration uses names it:
    /// `SQS.<Code>Exception` for the model's exceptions (`SQS.QueueDoesNotExistException`), `SQS.AmazonSQSException`
    /// for the others, with the SDK's cause text `<message> (Service: AmazonSQS; Status Code: <status>; Error Code:
    /// <the query protocol's code>; Request ID: <id>; Proxy: null)`.
    static func sqsFailure(_ error: AWSServiceError, requestID: String) -> Outcome {
        let code = error.code.code
        let name = SQSErrors.byShapeName[code] != nil ? errorName(service: "SQS", code: code) : "SQS.AmazonSQSException"
        let cause = "\(error.message ?? "null") (Service: AmazonSQS; Status Code: \(error.code.httpStatus); "
            + "Error Code: \(error.code.queryCode ?? SQSErrors.legacyQueryCodes[code] ?? code); Request ID: \(requestID); "
            + "Proxy: null)"
        return .failed(error: name, cause: cause)
    }

    /// The `SdkHttpMetadata` of an optimized integration's result, as the AWS SDK (v1) Step Functions uses reports
    /// an answer: `AllHttpHeaders` (each header's values as a list, in the order the service sends them),
    /// `HttpHeaders` (ordered by name ignoring case) and `HttpStatusCode`.
    static func sdkHttpMetadata(_ headers: [(String, String)], statusCode: Int = 200) -> JSONValue {
        .object([
            "AllHttpHeaders": .object(.init(uniqueKeysWithValues: headers.map { ($0.0, JSONValue.array([.string($0.1)])) })),
            "HttpHeaders": .object(.init(uniqueKeysWithValues: headers
                .sorted { $0.0.lowercased() < $1.0.lowercased() }.map { ($0.0, JSONValue.string($0.1)) })),
            "HttpStatusCode": .number(JSONNumber(statusCode)),
        ])
    }

    /// `<Service>.<Code>Exception` (a code that already ends in `Exception` keeps it).
    static func errorName(service: String, code: String) -> String {
        code.hasSuffix("Exception") ? "\(service).\(code)" : "\(service).\(code)Exception"
    }
}
