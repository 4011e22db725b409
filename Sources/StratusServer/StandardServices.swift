import StratusAPIDynamoDB
import StratusAPIEventBridge
import StratusAPILambda
import StratusAPIS3
import StratusAPISNS
import StratusAPISQS
import StratusAPIStepFunctions
import StratusServiceKit

/// The seven services Stratus serves, wired to their implementations and storage.
enum StandardServices {
    /// Every service model Stratus routes requests for.
    static let schemas: [ServiceSchema] = [
        .stepFunctions, .lambda, .s3, .sns, .sqs, .dynamoDB, .eventBridge,
    ]

    /// Builds the registry. A service without an implementation yet is still routed and decoded, and answers
    /// every operation with `NotImplemented` (HTTP 501) in its own protocol.
    static func makeRegistry(storage: StorageSetup) -> ServiceRegistry {
        var registry = ServiceRegistry()
        for schema in schemas {
            registry.register(UnimplementedServiceHandler(schema: schema), isImplemented: false)
        }
        registry.onReset { try await storage.reset() }
        return registry
    }
}
