import StratusAPISNS
import StratusServiceKit

/// The SNS calls behind the console API (routes under `/_stratus/console/api/sns/`), through the generated typed client.
extension ConsoleAPI {
    /// Answers the SNS route `route` (the path after `/sns`).
    func sns(_ route: String, _ request: ConsoleRequest, context: RequestContext) async throws -> ConsoleResponse {
        Self.noRoute("/sns" + route)
    }
}
