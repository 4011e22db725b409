// StepFunctionsIntegrations+DynamoDB: the optimized DynamoDB integrations (getItem, putItem, updateItem, deleteItem).
import Foundation
import OrderedCollections
import StratusAWSCore
import StratusAPIDynamoDB
import StratusJSON
import StratusServiceKit
import StratusStatesEngine

extension StepFunctionsIntegrations {
    /// The DynamoDB operations Step Functions' optimized integration offers, by the action a resource names.
    static let dynamoDBOperations: [String: String] = [
        "getItem": "GetItem", "putItem": "PutItem", "updateItem": "UpdateItem", "deleteItem": "DeleteItem",
    ]

    /// The DynamoDB kind a resource names: `arn:<partition>:states:::dynamodb:<getItem|putItem|updateItem|deleteItem>`
    /// (request-response only: AWS offers neither `.sync` nor `.waitForTaskToken` for these).
    static func dynamoDBKind(of resource: String) -> Kind? {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 7, parts[0] == "arn", parts[2] == "states", parts[3].isEmpty, parts[4].isEmpty,
            parts[5] == "dynamodb", let operation = dynamoDBOperations[String(parts[6])]
        else { return nil }
        return .dynamoDB(operation: operation)
    }

    /// Runs one DynamoDB item operation with the Task's effective parameters (PascalCase members of the
    /// operation's request, as the DynamoDB API names them), through the DynamoDB handler in-process.
    ///
    /// Guarantees: the parameters are converted along the DynamoDB model (attribute values as in the API:
    /// `{"S": "…"}`, `{"N": "1"}`, `{"B": "<base64>"}`, …; a `null` member counts as absent, as the AWS SDK
    /// treats it); a member the operation does not have, or a value of the wrong type, fails the task with
    /// `States.Runtime` before any call. A missing required member fails as DynamoDB's `ValidationException`
    /// would. The result is the operation's response (`Item`, `Attributes`, `ConsumedCapacity`, …) plus the
    /// `SdkHttpMetadata`/`SdkResponseMetadata` Step Functions adds; a DynamoDB error becomes
    /// `DynamoDB.<Code>` for the model's exceptions (`DynamoDB.ConditionalCheckFailedException`,
    /// `DynamoDB.ResourceNotFoundException`) and `DynamoDB.AmazonDynamoDBException` for the others (such as
    /// `ValidationException`), with the AWS SDK's cause text.
    func invokeDynamoDB(_ invocation: TaskInvocation, operation: String, invoker: any ServiceInvoker,
                        context: RequestContext) async -> Outcome
    {
        let request: AWSValue
        do {
            request = try Self.dynamoDBRequest(invocation.input, operation: operation)
        } catch let error as AWSServiceError {
            return Self.dynamoDBFailure(error, requestID: context.requestID)
        } catch let problem as ParameterProblem {
            return .failed(error: "States.Runtime", cause: problem.reason)
        } catch {
            return .failed(error: "States.Runtime", cause: "\(error)")
        }
        let response: AWSValue
        do {
            response = try await invoker.invoke(service: ServiceSchema.dynamoDB.modelName, operation: operation,
                                                input: request, context: context)
        } catch let error as AWSServiceError {
            return Self.dynamoDBFailure(error, requestID: context.requestID)
        } catch {
            return .failed(error: "States.Runtime", cause: "\(error)")
        }
        return .succeeded(Self.dynamoDBOutput(response.jsonValue, operation: operation, requestID: context.requestID,
                                              date: context.receivedAt))
    }

    /// The request of `operation` (`PutItem`, …) from a Task's effective parameters.
    /// - Throws: ``ParameterProblem`` for parameters the model cannot hold; `AWSServiceError` (`ValidationException`,
    ///   DynamoDB's wording) when required members are missing.
    package static func dynamoDBRequest(_ input: JSONValue, operation: String) throws -> AWSValue {
        let action = operation.prefix(1).lowercased() + operation.dropFirst()
        return try serviceRequest(input, schema: .dynamoDB, operation: operation, integration: "dynamodb:\(action)")
    }

    /// The request of `operation` of the service `schema` describes, from a Task's effective parameters;
    /// `integration` (`dynamodb:putItem`, `aws-sdk:sqs:sendMessage`) names the Task in messages.
    /// - Throws: ``ParameterProblem`` for parameters the model cannot hold; `AWSServiceError` (`ValidationException`,
    ///   the services' wording) when required members are missing.
    static func serviceRequest(_ input: JSONValue, schema: ServiceSchema, operation: String, integration: String)
        throws -> AWSValue
    {
        guard let operationSchema = schema.operation(named: operation), let inputMember = operationSchema.input else {
            throw ParameterProblem(reason: "\(schema.modelName) has no operation '\(operation)'.")
        }
        guard case .object = input else {
            throw ParameterProblem(reason: "The parameters of \(integration) must be an object.")
        }
        let converter = ServiceParameterConverter(schema: schema, integration: integration)
        let request = try converter.value(input, shape: inputMember.shape, path: "")
        let shape = schema[shape: inputMember.shape]
        let missing = shape.members.filter { $0.isRequired && request[member: $0.name] == nil }
        if !missing.isEmpty {
            let sentences = missing.map { member in
                "Value null at '\(member.name.prefix(1).lowercased() + member.name.dropFirst())' failed to satisfy "
                    + "constraint: Member must not be null"
            }
            let count = missing.count == 1 ? "1 validation error detected" : "\(missing.count) validation errors detected"
            throw AWSServiceError.validation("\(count): \(sentences.joined(separator: "; "))")
        }
        return request
    }

    /// The task failure of a DynamoDB error: the name the AWS SDK's exception class gives it, the SDK's cause text.
    package static func dynamoDBFailure(_ error: AWSServiceError, requestID: String) -> Outcome {
        let code = error.code.code
        let name = DynamoDBErrors.byShapeName[code] != nil
            ? errorName(service: "DynamoDB", code: code) : "DynamoDB.AmazonDynamoDBException"
        let cause = "\(error.message ?? "null") (Service: AmazonDynamoDBv2; Status Code: \(error.code.httpStatus); "
            + "Error Code: \(code); Request ID: \(requestID); Proxy: null)"
        return .failed(error: name, cause: cause)
    }

    /// The task result of a DynamoDB answer (`body`, the response as the JSON protocol writes it), as Step
    /// Functions shapes it: the response members, then `SdkHttpMetadata` with the headers DynamoDB sends
    /// (`Content-Length` and `x-amz-crc32` of the compact body, `Date` of `date`) and `SdkResponseMetadata`.
    package static func dynamoDBOutput(_ body: JSONValue, operation: String, requestID: String, date: Date) -> JSONValue {
        let bytes = body.serialized()
        // DynamoDB's GetItem answer names the request id header in lower case (as recorded from AWS).
        let requestIDHeader = operation == "GetItem" ? "x-amzn-requestid" : "x-amzn-RequestId"
        let headers: [(String, String)] = [
            ("Server", "Server"), ("Connection", "keep-alive"), (requestIDHeader, requestID),
            ("x-amz-crc32", String(crc32(bytes))), ("Content-Length", String(bytes.count)),
            ("Date", httpDate(date)), ("Content-Type", "application/x-amz-json-1.0"),
        ]
        var output = OrderedDictionary<String, JSONValue>()
        if case .object(let members) = body {
            for (key, value) in members { output[key] = value }
        }
        output["SdkHttpMetadata"] = sdkHttpMetadata(headers)
        output["SdkResponseMetadata"] = .object(["RequestId": .string(requestID)])
        return .object(output)
    }

    /// The IEEE CRC-32 of `bytes` (what DynamoDB sends as `x-amz-crc32`, in decimal).
    package static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }

    /// `date` as an HTTP `Date` header (IMF-fixdate: `Thu, 26 Nov 2026 11:55:30 GMT`).
    package static func httpDate(_ date: Date) -> String { HTTPDate.text(date) }
}

/// Converts a Task's JSON parameters into a service request along the model's shapes (member names as the API
/// spells them; blobs as base64 text; timestamps as epoch seconds; `null` members absent).
struct ServiceParameterConverter {
    let schema: ServiceSchema
    /// The integration (`dynamodb:putItem`, `aws-sdk:sqs:sendMessage`), for messages.
    let integration: String

    func value(_ json: JSONValue, shape id: ShapeID, path: String) throws(StepFunctionsIntegrations.ParameterProblem)
        -> AWSValue
    {
        let shape = schema[shape: id]
        func mismatch(_ expected: String) -> StepFunctionsIntegrations.ParameterProblem {
            StepFunctionsIntegrations.ParameterProblem(
                reason: "The field '\(path)' of \(integration) must be \(expected), not \(json.serializedString().prefix(100)).")
        }
        switch shape.type {
        case .structure:
            guard case .object(let members) = json else { throw mismatch("an object") }
            var converted = OrderedDictionary<String, AWSValue>()
            for (key, member) in members {
                let field = path.isEmpty ? key : "\(path).\(key)"
                // The API's member name, or (models that write members in lowerCamelCase, such as Step Functions')
                // that name with a capital first letter, as the AWS SDK names its fields.
                guard let memberSchema = shape.member(named: key)
                    ?? shape.members.first(where: { $0.name.prefix(1).uppercased() + $0.name.dropFirst() == key })
                else {
                    throw StepFunctionsIntegrations.ParameterProblem(
                        reason: "The field '\(field)' is not supported by the \(integration) integration.")
                }
                if case .null = member { continue }
                converted[memberSchema.name] = try value(member, shape: memberSchema.shape, path: field)
            }
            return .object(converted)
        case .list:
            guard case .array(let elements) = json, let element = shape.listMember else { throw mismatch("an array") }
            var converted: [AWSValue] = []
            for (index, item) in elements.enumerated() {
                converted.append(try value(item, shape: element.shape, path: "\(path)[\(index)]"))
            }
            return .list(converted)
        case .map:
            guard case .object(let members) = json, let valueMember = shape.mapValue else { throw mismatch("an object") }
            var converted = OrderedDictionary<String, AWSValue>()
            for (key, member) in members {
                converted[key] = try value(member, shape: valueMember.shape, path: "\(path).\(key)")
            }
            return .object(converted)
        case .string:
            guard case .string(let text) = json else { throw mismatch("a string") }
            return .string(text)
        case .boolean:
            guard case .bool(let flag) = json else { throw mismatch("a boolean") }
            return .boolean(flag)
        case .integer, .long, .byte, .short:
            guard case .number(let number) = json, number.isInteger, let integer = number.int64Value else {
                throw mismatch("an integer")
            }
            return .integer(integer)
        case .float, .double:
            guard case .number(let number) = json else { throw mismatch("a number") }
            return .double(number.doubleValue)
        case .blob:
            guard case .string(let text) = json, let data = Data(base64Encoded: text) else {
                throw mismatch("base64 text")
            }
            return .blob(data)
        case .timestamp:
            guard case .number(let number) = json else { throw mismatch("epoch seconds") }
            return .timestamp(Date(timeIntervalSince1970: number.doubleValue))
        case .bigInteger, .bigDecimal:
            throw mismatch("a value of a type this integration does not convert")
        }
    }
}
