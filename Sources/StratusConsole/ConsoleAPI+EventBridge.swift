import StratusAPIEventBridge
import StratusServiceKit

/// The EventBridge calls behind the console API (routes under `/_stratus/console/api/events/`), through the generated typed client.
extension ConsoleAPI {
    /// Answers the EventBridge route `route` (the path after `/events`).
    func eventBridge(_ route: String, _ request: ConsoleRequest, context: RequestContext) async throws -> ConsoleResponse {
        Self.noRoute("/events" + route)
    }
}
