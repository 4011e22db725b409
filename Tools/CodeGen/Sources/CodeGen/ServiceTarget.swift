/// One of the eight services Stratus generates typed code for.
struct ServiceTarget {
    /// botocore model directory name (`sqs`, `events`).
    var model: String
    /// Swift name: namespace enum, file prefix, `StratusAPI<name>` target (`SQS`, `EventBridge`).
    var name: String
    /// `ServiceSchema.<schemaProperty>`.
    var schemaProperty: String

    var targetName: String { "StratusAPI\(name)" }

    static let all: [ServiceTarget] = [
        ServiceTarget(model: "dynamodb", name: "DynamoDB", schemaProperty: "dynamoDB"),
        ServiceTarget(model: "dynamodbstreams", name: "DynamoDBStreams", schemaProperty: "dynamoDBStreams"),
        ServiceTarget(model: "events", name: "EventBridge", schemaProperty: "eventBridge"),
        ServiceTarget(model: "lambda", name: "Lambda", schemaProperty: "lambda"),
        ServiceTarget(model: "s3", name: "S3", schemaProperty: "s3"),
        ServiceTarget(model: "sns", name: "SNS", schemaProperty: "sns"),
        ServiceTarget(model: "sqs", name: "SQS", schemaProperty: "sqs"),
        ServiceTarget(model: "stepfunctions", name: "StepFunctions", schemaProperty: "stepFunctions"),
    ]
}
