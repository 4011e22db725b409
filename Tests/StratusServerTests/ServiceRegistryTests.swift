import Foundation
import Synchronization
import Testing

@testable import StratusServer
import StratusServiceKit

@Suite struct ServiceRegistryTests {
    @Test func resetRunsServiceResetsThenSharedResets() async throws {
        let order = Mutex<[String]>([])
        var registry = ServiceRegistry()
        registry.register(
            UnimplementedServiceHandler(schema: StandardServices.schemas[0]), isImplemented: false,
            reset: { order.withLock { $0.append("service") } })
        registry.onReset { order.withLock { $0.append("storage") } }
        try await registry.resetAll()
        #expect(order.withLock { $0 } == ["service", "storage"])
    }

    @Test func unimplementedHandlerAnswersNotImplementedWithTheOperationName() async throws {
        let schema = StandardServices.schemas.first { $0.modelName == "sqs" }!
        let handler = UnimplementedServiceHandler(schema: schema)
        let operation = schema.operation(named: "SendMessage")!
        let context = RequestContext(
            accountID: "000000000000", region: "us-east-1", requestID: "r", host: "localhost", receivedAt: .init())
        await #expect(throws: AWSServiceError.notImplemented(service: "SQS", operation: "SendMessage")) {
            _ = try await handler.handle(operation: operation, input: .emptyObject, context: context)
        }
    }
}
