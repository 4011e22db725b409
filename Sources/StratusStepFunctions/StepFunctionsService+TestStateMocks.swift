// StepFunctionsService+TestStateMocks: TestState's check of a mocked Task result against the integrated API's model.
import OrderedCollections
import StratusAPIDynamoDB
import StratusAPIEventBridge
import StratusAPILambda
import StratusAPIS3
import StratusAPISchemas
import StratusAPISNS
import StratusAPISQS
import StratusAPIStepFunctions
import StratusJSON
import StratusServiceKit

extension StepFunctionsService {
    /// How strictly a mocked result is checked (`mock.fieldValidationMode`).
    enum MockValidationMode: String {
        /// Every field the API model has is checked, and its required fields must be there (the default).
        case strict = "STRICT"
        /// Only the fields present are checked.
        case present = "PRESENT"
        /// Nothing is checked.
        case none = "NONE"
    }

    /// The API models Stratus has, by the service name a Task resource uses (`lambda`, `aws-sdk:s3`, …).
    static let mockModels: [String: ServiceSchema] = [
        "lambda": .lambda, "dynamodb": .dynamoDB, "events": .eventBridge, "eventbridge": .eventBridge,
        "states": .stepFunctions, "sfn": .stepFunctions, "sqs": .sqs, "sns": .sns, "s3": .s3,
        // Services Stratus does not run, whose models it carries for this check only.
        "kms": .kms, "secretsmanager": .secretsManager,
    ]

    /// The output shape of the API operation a request-response Task resource calls
    /// (`arn:aws:states:::lambda:invoke`, `arn:aws:states:::aws-sdk:s3:getObject`); `nil` for other resources
    /// (callbacks, jobs, Lambda function ARNs, activities) and for services whose model Stratus does not have.
    static func mockedOutputShape(resource: String) -> (ServiceSchema, ShapeID)? {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 7, parts[0] == "arn", parts[2] == "states", parts[3].isEmpty, parts[4].isEmpty else { return nil }
        let service: String
        let action: String
        if parts[5] == "aws-sdk", parts.count == 8 {
            service = parts[6]
            action = parts[7]
        } else if parts.count == 7 {
            service = parts[5]
            action = parts[6]
        } else {
            return nil
        }
        guard !action.contains("."), let first = action.first, let schema = mockModels[service] else { return nil }
        let operationName = first.uppercased() + action.dropFirst()
        guard let operation = schema.operations.first(where: { $0.name == operationName }), let output = operation.output else {
            return nil
        }
        return (schema, output.shape)
    }

    /// Checks a mocked Task result as AWS does (`Mock result schema validation error: …`). Field names are the
    /// model's member names with a capital first letter, as Step Functions shapes service results.
    static func validateMockResult(_ result: JSONValue, resource: String, mode: MockValidationMode) throws {
        guard mode != .none, case .object = result, let (schema, shape) = mockedOutputShape(resource: resource) else { return }
        let validator = MockResultValidator(schema: schema, requiresFields: mode == .strict)
        if let problem = validator.problem(result, shape: shape, field: "") {
            throw AWSServiceError.validation("Mock result schema validation error: \(problem)")
        }
    }
}

/// Walks a mocked result along an API model's shapes and names the first field that does not fit.
struct MockResultValidator {
    let schema: ServiceSchema
    let requiresFields: Bool

    static func fieldName(_ member: String) -> String {
        guard let first = member.first else { return member }
        return first.uppercased() + member.dropFirst()
    }

    func problem(_ value: JSONValue, shape id: ShapeID, field: String) -> String? {
        let shape = schema.shapes[id]
        switch shape.type {
        case .structure:
            guard case .object(let members) = value else { return "Field '\(field)' must be an object" }
            for member in shape.members {
                let name = Self.fieldName(member.name)
                if let present = members[name] {
                    if let problem = problem(present, shape: member.shape, field: name) { return problem }
                } else if requiresFields && member.isRequired {
                    return "Required field '\(name)' is missing"
                }
            }
            return nil
        case .list:
            guard case .array(let elements) = value else { return "Field '\(field)' must be an array" }
            if let limit = shape.min, Double(elements.count) < limit { return "Field '\(field)' is smaller than the minimum length" }
            if let limit = shape.max, Double(elements.count) > limit { return "Field '\(field)' exceeds the maximum length" }
            guard let element = shape.listMember else { return nil }
            for item in elements {
                if let problem = problem(item, shape: element.shape, field: field) { return problem }
            }
            return nil
        case .map:
            guard case .object(let entries) = value else { return "Field '\(field)' must be an object" }
            guard let valueMember = shape.mapValue else { return nil }
            for (_, entry) in entries {
                if let problem = problem(entry, shape: valueMember.shape, field: field) { return problem }
            }
            return nil
        case .string, .blob:
            guard case .string(let text) = value else { return "Field '\(field)' must be a string" }
            if !shape.enumValues.isEmpty && !shape.enumValues.contains(text) { return "Field '\(field)' is not an expected value" }
            if let limit = shape.min, Double(text.count) < limit { return "Field '\(field)' is smaller than the minimum length" }
            if let limit = shape.max, Double(text.count) > limit { return "Field '\(field)' exceeds the maximum length" }
            return nil
        case .timestamp:
            guard case .string = value else { return "Field '\(field)' must be a string" }
            return nil
        case .boolean:
            guard case .bool = value else { return "Field '\(field)' must be a boolean" }
            return nil
        case .integer, .long, .byte, .short, .float, .double, .bigInteger, .bigDecimal:
            guard case .number(let number) = value else { return "Field '\(field)' must be a number" }
            if let limit = shape.min, number.doubleValue < limit { return "Field '\(field)' is less than the minimum value" }
            if let limit = shape.max, number.doubleValue > limit { return "Field '\(field)' exceeds the maximum value" }
            return nil
        }
    }
}
