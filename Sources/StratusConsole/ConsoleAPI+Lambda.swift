import StratusAPILambda
import StratusServiceKit

/// The Lambda calls behind the console API (routes under `/_stratus/console/api/lambda/`), through the generated typed client.
extension ConsoleAPI {
    /// Answers the Lambda route `route` (the path after `/lambda`).
    func lambda(_ route: String, _ request: ConsoleRequest, context: RequestContext) async throws -> ConsoleResponse {
        Self.noRoute("/lambda" + route)
    }
}
