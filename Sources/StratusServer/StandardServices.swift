import ServiceLifecycle
import StratusAPIDynamoDB
import StratusAPIEventBridge
import StratusAPILambda
import StratusAPIS3
import StratusAPISNS
import StratusAPISQS
import StratusAPIStepFunctions
import StratusAWSCore
import StratusSQS
import StratusServiceKit
import StratusStepFunctions
import StratusStoreSQLite

/// The seven services Stratus serves, wired to their implementations and storage.
enum StandardServices {
    /// Every service model Stratus routes requests for.
    static let schemas: [ServiceSchema] = [
        .stepFunctions, .lambda, .s3, .sns, .sqs, .dynamoDB, .eventBridge,
    ]

    /// The registry and the background services of the implemented services.
    struct Assembly: Sendable {
        /// The handlers and their resets.
        var registry: ServiceRegistry
        /// Long-running work to run in the server's `ServiceGroup`.
        var services: [any Service]
    }

    /// Builds the registry. A service without an implementation yet is still routed and decoded, and answers
    /// every operation with `NotImplemented` (HTTP 501) in its own protocol.
    static func makeRegistry(storage: StorageSetup, clock: any WallClock, fastForward: Bool = false) throws -> Assembly {
        var registry = ServiceRegistry()
        var services: [any Service] = []
        let sqsStore = SQLiteSQSStore(database: try storage.factory.database(for: "sqs"))
        let sqs = SQSService(store: sqsStore, clock: clock)
        for schema in schemas {
            if schema.modelName == ServiceSchema.sqs.modelName {
                registry.register(sqs, isImplemented: true, reset: { try await sqsStore.prepare() })
                services.append(SQSMaintenanceService(service: sqs))
                continue
            }
            if schema.modelName == ServiceSchema.stepFunctions.modelName {
                let store = SQLiteStepFunctionsStore(database: try storage.factory.database(for: "stepfunctions"))
                // Task states call SQS in-process.
                let stepFunctions = StepFunctionsService(
                    store: store, clock: clock, invoker: HandlerServiceInvoker(handlers: [sqs]), fastForward: fastForward)
                let runner = stepFunctions.runner
                registry.register(stepFunctions, isImplemented: true, reset: {
                    try await store.prepare()
                    await runner.reset()
                })
                services.append(runner)
                continue
            }
            registry.register(UnimplementedServiceHandler(schema: schema), isImplemented: false)
        }
        registry.onReset { try await storage.reset() }
        // The wipe bypasses the store: drop its cached queue records afterwards.
        registry.onReset { sqsStore.invalidateCaches() }
        return Assembly(registry: registry, services: services)
    }
}
