import StratusAPIDynamoDB
import StratusServiceKit

/// The DynamoDB calls behind the console API (routes under `/_stratus/console/api/dynamodb/`), through the generated typed client.
extension ConsoleAPI {
    /// Answers the DynamoDB route `route` (the path after `/dynamodb`).
    func dynamoDB(_ route: String, _ request: ConsoleRequest, context: RequestContext) async throws -> ConsoleResponse {
        Self.noRoute("/dynamodb" + route)
    }
}
