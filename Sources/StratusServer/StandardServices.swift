import ServiceLifecycle
import StratusAPIDynamoDB
import StratusAPIDynamoDBStreams
import StratusAPIEventBridge
import StratusAPILambda
import StratusAPIS3
import StratusAPISNS
import StratusAPISQS
import StratusAPIStepFunctions
import Foundation
import StratusAWSCore
import StratusDynamoDB
import StratusLambda
import StratusLambdaRuntime
import StratusS3
import StratusSNS
import StratusEventBridge
import StratusSQS
import StratusServiceKit
import StratusStepFunctions
import StratusStoreSQLite
import Synchronization

/// The eight services Stratus serves, wired to their implementations and storage.
enum StandardServices {
    /// Every service model Stratus routes requests for.
    static let schemas: [ServiceSchema] = [
        .stepFunctions, .lambda, .s3, .sns, .sqs, .dynamoDB, .dynamoDBStreams, .eventBridge,
    ]

    /// The registry and the background services of the implemented services.
    struct Assembly: Sendable {
        /// The handlers and their resets.
        var registry: ServiceRegistry
        /// Long-running work to run in the server's `ServiceGroup`.
        var services: [any Service]
        /// The Lambda service (its function logs are read by `/_stratus/lambda/logs`).
        var lambda: LambdaService? = nil
        /// The SNS service (its sent SMS messages are read by `/_stratus/sns/sms`).
        var sns: SNSService? = nil
        /// The S3 service (CORS preflights and headers are answered beside the wire gateway).
        var s3: S3Service? = nil
    }

    /// Builds the registry. A service without an implementation yet is still routed and decoded, and answers
    /// every operation with `NotImplemented` (HTTP 501) in its own protocol.
    /// `endpoint` is the URL handler code reaches the server at (`AWS_ENDPOINT_URL` of Lambda functions), asked
    /// for at each cold start because the bound port is known only once the server listens.
    static func makeRegistry(
        storage: StorageSetup, clock: any WallClock, fastForward: Bool = false,
        smtp: StratusConfiguration.MailServer? = nil,
        endpoint: @escaping @Sendable () -> String = { "http://127.0.0.1:4566" }
    ) throws -> Assembly {
        var registry = ServiceRegistry()
        var services: [any Service] = []
        let sqsStore = SQLiteSQSStore(database: try storage.factory.database(for: "sqs"))
        let stepFunctionsStore = SQLiteStepFunctionsStore(database: try storage.factory.database(for: "stepfunctions"))
        let sqs = SQSService(store: sqsStore, clock: clock)
        let dynamoDBStore = SQLiteDynamoDBStore(database: try storage.factory.database(for: "dynamodb"))
        // DynamoDB writes table exports to S3 in-process (S3 registers itself once built).
        let dynamoDBInvoker = HandlerServiceInvoker(handlers: [])
        let dynamoDB = DynamoDBService(store: dynamoDBStore, clock: clock, invoker: dynamoDBInvoker)
        // DynamoDB Streams reads the streams DynamoDB writes, from its store.
        let dynamoDBStreams = DynamoDBStreamsService(store: dynamoDBStore, clock: clock)
        let lambda = try makeLambda(storage: storage, clock: clock, sqs: sqs, endpoint: endpoint)
        // S3 sends its event notifications to SQS queues and Lambda functions in-process.
        let s3Store = try makeS3Store(storage: storage)
        let s3Destinations = HandlerServiceInvoker(handlers: [sqs, lambda.service])
        let s3 = S3Service(store: s3Store, clock: clock, events: S3EventDelivery(invoker: s3Destinations))
        (lambda.service.invoker as? HandlerServiceInvoker)?.register(s3)  // function code from S3Bucket/S3Key
        (lambda.service.invoker as? HandlerServiceInvoker)?.register(dynamoDBStreams)  // stream event sources
        dynamoDBInvoker.register(s3)
        // SNS delivers to SQS queues and Lambda functions in-process, to HTTP(S) endpoints and over SMTP.
        let snsStore = SQLiteSNSStore(database: try storage.factory.database(for: "sns"))
        let sns = SNSService(store: snsStore, clock: clock,
                             destinations: SNSDelivery(invoker: HandlerServiceInvoker(handlers: [sqs, lambda.service]),
                                                       smtp: smtp))
        // EventBridge sends to SQS, SNS, Lambda and Step Functions (registered below, once built) in-process.
        let eventTargets = HandlerServiceInvoker(handlers: [sqs, lambda.service, sns])
        let eventsStore = SQLiteEventBridgeStore(database: try storage.factory.database(for: "events"))
        let events = EventBridgeService(store: eventsStore, clock: clock, targets: EventBridgeDelivery(invoker: eventTargets))
        s3Destinations.register(events)  // S3 puts its EventBridge notifications on the default bus
        // Asynchronous invocation records go to SNS topics and EventBridge buses too.
        (lambda.service.invoker as? HandlerServiceInvoker)?.register(sns)
        (lambda.service.invoker as? HandlerServiceInvoker)?.register(events)
        s3Destinations.register(sns)  // and publishes to topics
        registry.register(lambda.service, isImplemented: true, reset: lambda.reset)
        services += lambda.services
        for schema in schemas {
            if schema.modelName == ServiceSchema.sqs.modelName {
                registry.register(sqs, isImplemented: true, reset: { try await sqsStore.prepare() })
                services.append(SQSMaintenanceService(service: sqs))
                continue
            }
            if schema.modelName == ServiceSchema.lambda.modelName { continue }
            if schema.modelName == ServiceSchema.eventBridge.modelName {
                registry.register(events, isImplemented: true, reset: { try await eventsStore.prepare() })
                services.append(EventBridgeScheduler(service: events))
                services.append(EventBridgeCallWorker(service: events))
                continue
            }
            if schema.modelName == ServiceSchema.sns.modelName {
                registry.register(sns, isImplemented: true, reset: { try await snsStore.prepare() })
                services.append(SNSDeliveryWorker(service: sns))
                continue
            }
            if schema.modelName == ServiceSchema.s3.modelName {
                registry.register(s3, isImplemented: true, reset: { try await s3Store.prepare() })
                services.append(S3EventSweeper(service: s3))
                services.append(S3ScheduledWorker(service: s3))
                continue
            }
            if schema.modelName == ServiceSchema.stepFunctions.modelName {
                let store = stepFunctionsStore
                // Task states call SQS, Lambda, DynamoDB, S3 and (aws-sdk:sfn) Step Functions itself in-process.
                let invoker = HandlerServiceInvoker(handlers: [sqs, lambda.service, dynamoDB, s3, sns, events])
                let stepFunctions = StepFunctionsService(
                    store: store, clock: clock, invoker: invoker, fastForward: fastForward)
                invoker.register(stepFunctions)
                eventTargets.register(stepFunctions)
                let runner = stepFunctions.runner
                registry.register(stepFunctions, isImplemented: true, reset: {
                    try await store.prepare()
                    await runner.reset()
                })
                services.append(runner)
                continue
            }
            if schema.modelName == ServiceSchema.dynamoDB.modelName {
                let store = dynamoDBStore
                registry.register(dynamoDB, isImplemented: true, reset: { try await store.prepare() })
                registry.onReset { try await store.reset() }
                services.append(DynamoDBTimeToLiveService(service: dynamoDB))
                continue
            }
            if schema.modelName == ServiceSchema.dynamoDBStreams.modelName {
                let store = dynamoDBStore
                registry.register(dynamoDBStreams, isImplemented: true, reset: { try await store.prepare() })
                continue
            }
            registry.register(UnimplementedServiceHandler(schema: schema), isImplemented: false)
        }
        registry.onReset { try await storage.reset() }
        // The wipe bypasses the store: drop its cached queue records afterwards.
        registry.onReset { sqsStore.invalidateCaches() }
        registry.onReset { stepFunctionsStore.invalidateCaches() }
        registry.onReset { lambda.afterWipe() }
        registry.onReset { s3Store.wipeBlobs() }
        return Assembly(registry: registry, services: services, lambda: lambda.service, sns: sns, s3: s3)
    }

    /// The S3 store: records in `s3.sqlite`, bytes under `<data-dir>/s3/blobs` (a temporary directory in memory
    /// mode), synced like the databases.
    static func makeS3Store(storage: StorageSetup) throws -> SQLiteS3Store {
        let directory = storage.factory.dataDirectory.map { $0.appendingPathComponent("s3/blobs") }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("stratus-s3-\(UUID().uuidString)")
        let blobs = try S3BlobDirectory(root: directory, syncs: storage.factory.syncsWrites && !storage.factory.inMemory)
        return SQLiteS3Store(database: try storage.factory.database(for: "s3"), blobs: blobs)
    }

    /// The Lambda service on its SQLite store, a code store under `<data-dir>/lambda/code` (a temporary directory
    /// in memory mode), process execution environments, and SQS in-process (mappings, destinations).
    static func makeLambda(storage: StorageSetup, clock: any WallClock, sqs: SQSService,
                           endpoint: @escaping @Sendable () -> String) throws
        -> (service: LambdaService, services: [any Service], reset: @Sendable () async throws -> Void,
            afterWipe: @Sendable () -> Void)
    {
        let store = SQLiteLambdaStore(database: try storage.factory.database(for: "lambda"))
        let codeDirectory = storage.factory.dataDirectory.map { $0.appendingPathComponent("lambda/code").path }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("stratus-lambda-code-\(UUID().uuidString)").path
        let environments = LambdaProcessEnvironments()
        let service = LambdaService(
            store: store, codeStore: try LambdaZipCodeStore(directory: codeDirectory), environments: environments,
            invoker: HandlerServiceInvoker(handlers: [sqs]), clock: clock,
            settings: LambdaServiceSettings.fromProcessEnvironment(endpoint: endpoint))
        let reset: @Sendable () async throws -> Void = {
            try await store.prepare()
            await environments.shutdown()
            service.logBook.removeAll()
        }
        return (service, [environments, service.backgroundWorker, service.eventSourcePoller], reset,
                { store.invalidateCaches() })
    }

    /// The port the server listens on, known once it is bound.
    final class BoundPort: Sendable {
        private let port: Mutex<Int>
        private let host: String

        /// The configured host and port (port 0 until bound).
        init(host: String, port: Int) {
            self.host = host == "0.0.0.0" || host == "::" ? "127.0.0.1" : host
            self.port = Mutex(port)
        }

        /// Records the bound port.
        func set(_ port: Int) { self.port.withLock { $0 = port } }

        /// `http://<host>:<port>`.
        var endpoint: String { "http://\(host):\(port.withLock { $0 })" }
    }
}
