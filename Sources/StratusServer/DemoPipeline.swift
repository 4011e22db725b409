import Foundation
import StratusAPIDynamoDB
import StratusAPIEventBridge
import StratusAPILambda
import StratusAPIS3
import StratusAPISNS
import StratusAPISQS
import StratusAPIStepFunctions
import StratusServiceKit
import StratusStepFunctions
import ZIPFoundation

/// The example pipeline of `stratus demo`, installed through the services in-process: a file uploaded to S3 starts
/// a workflow (EventBridge) that validates it and processes it with two Python Lambda functions, sends the work
/// through SQS, keeps results and a status history in DynamoDB and notifies through SNS, with Retry and Catch so a
/// failure ends in a recorded, notified failure instead of a stalled workflow.
///
/// Guarantees: installing is idempotent (what exists is kept or updated); every resource is named `stratus-demo-…`.
package struct DemoPipeline: Sendable {
    /// Reaches every service.
    let invoker: any ServiceInvoker
    /// The caller (account and region of the demo's resources).
    let context: RequestContext

    /// The demo's resource names.
    package enum Names {
        package static let bucket = "stratus-demo-uploads"
        package static let results = "stratus-demo-results"
        package static let history = "stratus-demo-status-history"
        package static let workQueue = "stratus-demo-work"
        package static let inbox = "stratus-demo-notifications-inbox"
        package static let topic = "stratus-demo-notifications"
        package static let validate = "stratus-demo-validate"
        package static let process = "stratus-demo-process"
        package static let machine = "stratus-demo-pipeline"
        package static let rule = "stratus-demo-uploads"
    }

    /// A pipeline installed through `invoker` as `context`.
    package init(invoker: any ServiceInvoker, context: RequestContext) {
        self.invoker = invoker
        self.context = context
    }

    /// Creates (or keeps) every resource of the pipeline.
    package func install() async throws {
        let account = context.accountID, region = context.region
        let role = "arn:aws:iam::\(account):role/stratus-demo"
        // Storage: the upload bucket (sending its events to EventBridge), the tables, the queues and the topic.
        let s3 = S3Client(invoker: invoker, context: context)
        if (try? await s3.headBucket(S3.HeadBucketRequest(bucket: Names.bucket))) == nil {
            _ = try await s3.createBucket(S3.CreateBucketRequest(bucket: Names.bucket))
        }
        var notifications = S3.NotificationConfiguration()
        notifications.eventBridgeConfiguration = S3.EventBridgeConfiguration()
        try await s3.putBucketNotificationConfiguration(
            S3.PutBucketNotificationConfigurationRequest(bucket: Names.bucket, notificationConfiguration: notifications))
        try await createTable(Names.results, keys: ["fileKey"])
        try await createTable(Names.history, keys: ["fileKey", "at"])
        let sqs = SQSClient(invoker: invoker, context: context)
        let workQueue = try await sqs.createQueue(SQS.CreateQueueRequest(queueName: Names.workQueue)).queueUrl ?? ""
        _ = try await sqs.createQueue(SQS.CreateQueueRequest(queueName: Names.inbox))
        let sns = SNSClient(invoker: invoker, context: context)
        let topic = try await sns.createTopic(SNS.CreateTopicInput(name: Names.topic)).topicArn ?? ""
        var subscribe = SNS.SubscribeInput(topicArn: topic, protocol: "sqs", endpoint: "arn:aws:sqs:\(region):\(account):\(Names.inbox)")
        subscribe.attributes = ["RawMessageDelivery": "true"]
        _ = try await sns.subscribe(subscribe)
        // The two functions.
        try await createFunction(Names.validate, source: Self.validateSource, role: role)
        try await createFunction(Names.process, source: Self.processSource, role: role)
        // The workflow, and the rule that starts it for every upload.
        let machineArn = try await createMachine(role: role, workQueue: workQueue, topic: topic)
        let events = EventBridgeClient(invoker: invoker, context: context)
        var rule = EventBridge.PutRuleRequest(name: Names.rule)
        rule.eventPattern = #"{"source": ["aws.s3"], "detail-type": ["Object Created"], "detail": {"bucket": {"name": ["\#(Names.bucket)"]}}}"#
        rule.description = "Starts the Stratus demo pipeline for every file uploaded to \(Names.bucket)"
        _ = try await events.putRule(rule)
        var target = EventBridge.Target(id: "pipeline", arn: machineArn)
        target.roleArn = role
        target.inputTransformer = EventBridge.InputTransformer(
            inputPathsMap: ["bucket": "$.detail.bucket.name", "key": "$.detail.object.key", "size": "$.detail.object.size"],
            inputTemplate: #"{"bucket": <bucket>, "key": <key>, "size": <size>}"#)
        _ = try await events.putTargets(EventBridge.PutTargetsRequest(rule: Names.rule, targets: [target]))
    }

    private func createTable(_ name: String, keys: [String]) async throws {
        let dynamoDB = DynamoDBClient(invoker: invoker, context: context)
        if (try? await dynamoDB.describeTable(DynamoDB.DescribeTableInput(tableName: name))) != nil { return }
        var request = DynamoDB.CreateTableInput(
            attributeDefinitions: keys.map { DynamoDB.AttributeDefinition(attributeName: $0, attributeType: "S") },
            tableName: name,
            keySchema: keys.enumerated().map { DynamoDB.KeySchemaElement(attributeName: $1, keyType: $0 == 0 ? "HASH" : "RANGE") })
        request.billingMode = "PAY_PER_REQUEST"
        _ = try await dynamoDB.createTable(request)
    }

    private func createFunction(_ name: String, source: String, role: String) async throws {
        let lambda = LambdaClient(invoker: invoker, context: context)
        let archive = try Archive(accessMode: .create)
        let bytes = Data(source.utf8)
        try archive.addEntry(with: "app.py", type: .file, uncompressedSize: Int64(bytes.count), provider: { position, size in
            bytes.subdata(in: Int(position)..<Int(position) + size)
        })
        let zip = archive.data ?? Data()
        if (try? await lambda.getFunction(Lambda.GetFunctionRequest(functionName: name))) != nil {
            var update = Lambda.UpdateFunctionCodeRequest(functionName: name)
            update.zipFile = zip
            _ = try await lambda.updateFunctionCode(update)
            return
        }
        var code = Lambda.FunctionCode()
        code.zipFile = zip
        var request = Lambda.CreateFunctionRequest(functionName: name, role: role, code: code)
        request.runtime = "python3.12"
        request.handler = "app.handler"
        request.timeout = 10
        _ = try await lambda.createFunction(request)
    }

    private func createMachine(role: String, workQueue: String, topic: String) async throws -> String {
        let sfn = StepFunctionsClient(invoker: invoker, context: context)
        let definition = Self.definition(workQueue: workQueue, topic: topic, account: context.accountID, region: context.region)
        let arn = "arn:aws:states:\(context.region):\(context.accountID):stateMachine:\(Names.machine)"
        if (try? await sfn.describeStateMachine(StepFunctions.DescribeStateMachineInput(stateMachineArn: arn))) != nil {
            var update = StepFunctions.UpdateStateMachineInput(stateMachineArn: arn)
            update.definition = definition
            _ = try await sfn.updateStateMachine(update)
            return arn
        }
        return try await sfn.createStateMachine(
            StepFunctions.CreateStateMachineInput(name: Names.machine, definition: definition, roleArn: role)).stateMachineArn
    }
}
