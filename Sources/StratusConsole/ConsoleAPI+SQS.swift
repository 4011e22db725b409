import StratusAPISQS
import StratusServiceKit

/// The SQS calls behind the console API (routes under `/_stratus/console/api/sqs/`), through the generated typed client.
extension ConsoleAPI {
    /// Answers the SQS route `route` (the path after `/sqs`).
    func sqs(_ route: String, _ request: ConsoleRequest, context: RequestContext) async throws -> ConsoleResponse {
        Self.noRoute("/sqs" + route)
    }
}
