// StepFunctionsIntegrations+AWSSDK: `aws-sdk:<service>:<action>` Tasks on the services Stratus runs in-process.
import Foundation
import OrderedCollections
import StratusAPIDynamoDB
import StratusAPILambda
import StratusAPIEventBridge
import StratusAPIS3
import StratusAPISNS
import StratusAPISQS
import StratusAPIStepFunctions
import StratusJSON
import StratusServiceKit
import StratusStatesEngine

extension StepFunctionsIntegrations {
    /// A service `aws-sdk:<service>:<action>` can reach: its model and how the AWS SDK (v2, which Step Functions
    /// uses for these integrations) names its exceptions.
    package struct AWSSDKService: Sendable {
        /// The API model.
        let schema: ServiceSchema
        /// The SDK's service name in exception names and causes (`DynamoDb`, `Sqs`, `Lambda`).
        let exceptionPrefix: String
        /// The model's exception codes (each gets its own SDK exception class).
        let modeledErrors: Set<String>
    }

    /// The services `aws-sdk:` Tasks reach in-process, by the name the resource uses.
    package static let awsSDKServices: [String: AWSSDKService] = [
        "dynamodb": AWSSDKService(
            schema: .dynamoDB, exceptionPrefix: "DynamoDb", modeledErrors: Set(DynamoDBErrors.byShapeName.keys)),
        "sqs": AWSSDKService(schema: .sqs, exceptionPrefix: "Sqs", modeledErrors: Set(SQSErrors.byShapeName.keys)),
        "lambda": AWSSDKService(
            schema: .lambda, exceptionPrefix: "Lambda", modeledErrors: Set(LambdaErrors.byShapeName.keys)),
        "sfn": AWSSDKService(
            schema: .stepFunctions, exceptionPrefix: "Sfn", modeledErrors: Set(StepFunctionsErrors.byShapeName.keys)),
        "s3": AWSSDKService(schema: .s3, exceptionPrefix: "S3", modeledErrors: Set(S3Errors.byShapeName.keys)),
        "eventbridge": AWSSDKService(
            schema: .eventBridge, exceptionPrefix: "EventBridge", modeledErrors: Set(EventBridgeErrors.byShapeName.keys)),
        "sns": AWSSDKService(schema: .sns, exceptionPrefix: "Sns", modeledErrors: Set(SNSErrors.byShapeName.values.map(\.code))),
    ]

    /// The kind an `arn:<partition>:states:::aws-sdk:<service>:<action>[.waitForTaskToken]` resource names, when
    /// Stratus runs that service and the action is one of its API operations (`putItem` → `PutItem`).
    static func awsSDKKind(of resource: String) -> Kind? {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 8, parts[0] == "arn", parts[2] == "states", parts[3].isEmpty, parts[4].isEmpty,
            parts[5] == "aws-sdk", let service = awsSDKServices[String(parts[6])]
        else { return nil }
        var action = String(parts[7])
        let waits = action.hasSuffix(".waitForTaskToken")
        if waits { action.removeLast(".waitForTaskToken".count) }
        guard let first = action.first, first.isLowercase, !action.contains(".") else { return nil }
        let operation = first.uppercased() + action.dropFirst()
        guard service.schema.operation(named: operation) != nil else { return nil }
        return .awsSDK(service: String(parts[6]), operation: operation, waitsForTaskToken: waits)
    }

    /// Runs one API operation with the Task's effective parameters (PascalCase members of the operation's request,
    /// as the API names them), through the service's handler in-process.
    ///
    /// Guarantees: the parameters are converted along the service's model as for the optimized DynamoDB
    /// integration (a `null` member counts as absent; an unknown member or a value of the wrong type fails the task
    /// with `States.Runtime` before any call; a missing required member fails as the service's `ValidationException`
    /// would). The result is the operation's response as the AWS SDK's result object reads (``sdkResult(_:shape:schema:)``:
    /// member names with a capital first letter), without the `SdkHttpMetadata` of the optimized integrations; with `.waitForTaskToken` the task waits for its callback instead. A service error
    /// becomes `<Prefix>.<Code>` (`Exception` appended when the code lacks it: `DynamoDb.ResourceNotFoundException`,
    /// `Sqs.QueueDoesNotExistException`) for the model's exceptions and `<Prefix>.<Prefix>Exception` for the others
    /// (`DynamoDb.DynamoDbException` for a `ValidationException`), with the SDK's cause text
    /// `<message> (Service: <Prefix>, Status Code: <status>, Request ID: <id>) (SDK Attempt Count: 1)`.
    func invokeAWSSDK(
        _ invocation: TaskInvocation, service name: String, operation: String, waitsForTaskToken: Bool,
        invoker: any ServiceInvoker, context: RequestContext
    ) async -> Outcome {
        guard let service = Self.awsSDKServices[name] else {
            return .failed(error: "States.Runtime", cause: "Stratus does not run the service '\(name)'.")
        }
        let action = operation.prefix(1).lowercased() + operation.dropFirst()
        let request: AWSValue
        let (parameters, body) = name == "s3" ? Self.s3Body(of: invocation.input, operation: operation) : (invocation.input, nil)
        do {
            request = Self.s3Request(try Self.serviceRequest(
                parameters, schema: service.schema, operation: operation, integration: "aws-sdk:\(name):\(action)"), body: body)
        } catch let error as AWSServiceError {
            return Self.awsSDKFailure(error, service: service, requestID: context.requestID)
        } catch let problem as ParameterProblem {
            return .failed(error: "States.Runtime", cause: problem.reason)
        } catch {
            return .failed(error: "States.Runtime", cause: "\(error)")
        }
        do {
            let response = try await invoker.invoke(
                service: service.schema.modelName, operation: operation, input: request, context: context)
            let outputShape = service.schema.operation(named: operation)?.output?.shape
            var result = outputShape.map { Self.sdkResult(response, shape: $0, schema: service.schema) } ?? response.jsonValue
            if name == "s3" { result = Self.s3Result(result, response: response, operation: operation) }
            return waitsForTaskToken ? .awaitingCallback(submitted: result) : .succeeded(result)
        } catch let error as AWSServiceError {
            return Self.awsSDKFailure(error, service: service, requestID: context.requestID)
        } catch {
            return .failed(error: "States.Runtime", cause: "\(error)")
        }
    }

    /// A response as the AWS SDK's result object reads in JSON: structure members named with a capital first letter
    /// (`executionArn` → `ExecutionArn`, as Step Functions' own model writes them; PascalCase models are unchanged),
    /// map keys and values as they are.
    package static func sdkResult(_ value: AWSValue, shape id: ShapeID, schema: ServiceSchema) -> JSONValue {
        let shape = schema[shape: id]
        switch (shape.type, value) {
        case (.structure, .object(let members)):
            var converted = OrderedDictionary<String, JSONValue>(minimumCapacity: members.count)
            for (key, member) in members {
                guard let memberSchema = shape.member(named: key) else {
                    converted[key] = member.jsonValue
                    continue
                }
                let name = key.prefix(1).uppercased() + key.dropFirst()
                converted[name] = sdkResult(member, shape: memberSchema.shape, schema: schema)
            }
            return .object(converted)
        case (.list, .list(let elements)):
            guard let element = shape.listMember else { return value.jsonValue }
            return .array(elements.map { sdkResult($0, shape: element.shape, schema: schema) })
        case (.map, .object(let members)):
            guard let valueMember = shape.mapValue else { return value.jsonValue }
            var converted = OrderedDictionary<String, JSONValue>(minimumCapacity: members.count)
            for (key, member) in members { converted[key] = sdkResult(member, shape: valueMember.shape, schema: schema) }
            return .object(converted)
        default:
            return value.jsonValue
        }
    }

    /// The task failure of a service error, as the AWS SDK v2 names and describes it.
    package static func awsSDKFailure(_ error: AWSServiceError, service: AWSSDKService, requestID: String) -> Outcome {
        if service.schema.modelName == ServiceSchema.s3.modelName { return s3Failure(error, requestID: requestID) }
        let code = error.code.code
        let prefix = service.exceptionPrefix
        let name = service.modeledErrors.contains(code) ? errorName(service: prefix, code: code) : "\(prefix).\(prefix)Exception"
        let cause = "\(error.message ?? "null") (Service: \(prefix), Status Code: \(error.code.httpStatus), "
            + "Request ID: \(requestID)) (SDK Attempt Count: 1)"
        return .failed(error: name, cause: cause)
    }
}
