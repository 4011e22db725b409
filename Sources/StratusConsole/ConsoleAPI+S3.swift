import StratusAPIS3
import StratusServiceKit

/// The S3 calls behind the console API (routes under `/_stratus/console/api/s3/`), through the generated typed client.
extension ConsoleAPI {
    /// Answers the S3 route `route` (the path after `/s3`).
    func s3(_ route: String, _ request: ConsoleRequest, context: RequestContext) async throws -> ConsoleResponse {
        Self.noRoute("/s3" + route)
    }
}
