import Foundation
import HTTPTypes
import StratusAWSCore
import StratusServiceKit

/// The web console at `/_stratus/console`: its pages, their static assets, and the JSON API under
/// `/_stratus/console/api/` (see ``ConsoleAPI``), served by the server that serves the AWS APIs.
///
/// Pages: `/_stratus/console` (state machines), `/_stratus/console/state-machine?arn=…` (graph, executions, start
/// form) and `/_stratus/console/execution?arn=…` (graph coloured by the execution's history, live while it runs).
/// Every page is the same HTML document; its scripts read the URL and ask the API. Unknown console paths get 404,
/// methods other than GET and HEAD on pages and assets get 405.
package struct ConsoleEndpoints: Sendable {
    /// Where the console is served.
    package static let basePath = "/_stratus/console"
    /// The page paths below ``basePath`` that serve the console's HTML document.
    static let pagePaths: Set<String> = [
        "", "/", "/state-machine", "/execution", "/lambda", "/lambda/function", "/dynamodb", "/dynamodb/table", "/sqs",
        "/sqs/queue", "/s3", "/s3/bucket", "/sns", "/sns/topic", "/events", "/events/bus", "/events/rule",
    ]

    let api: ConsoleAPI

    /// A console whose API calls services through `invoker`, as the account and region given (the server's defaults),
    /// with request ids from `requestIDs` and "now" from `clock`.
    package init(invoker: any ServiceInvoker, accountID: String = AWSDefaults.accountID,
                 region: String = AWSDefaults.region, clock: any WallClock = SystemWallClock(),
                 requestIDs: any RequestIDGenerator = RandomRequestIDGenerator()) {
        api = ConsoleAPI(invoker: invoker, accountID: accountID, region: region, clock: clock, requestIDs: requestIDs)
    }

    /// `true` when `path` is the console's (``basePath`` or below it).
    package static func handles(path: String) -> Bool {
        path == basePath || path.hasPrefix(basePath + "/")
    }

    /// Answers one console request; never throws (API errors are JSON answers).
    package func respond(to request: ConsoleRequest) async -> ConsoleResponse {
        let relative = String(request.path.dropFirst(Self.basePath.count))
        if relative == "/api" || relative.hasPrefix("/api/") {
            return await api.respond(to: request, route: String(relative.dropFirst("/api".count)))
        }
        guard request.method == .get || request.method == .head else { return .methodNotAllowed(allowed: .get) }
        let response: ConsoleResponse
        if Self.pagePaths.contains(relative) {
            response = ConsoleResponse(status: .ok, contentType: ConsoleAsset.page.contentType, body: ConsoleAsset.page.bytes)
        } else if relative.hasPrefix("/assets/"), let asset = ConsoleAsset.named(String(relative.dropFirst("/assets/".count))) {
            response = ConsoleResponse(status: .ok, contentType: asset.contentType, body: asset.bytes)
        } else {
            response = ConsoleResponse(
                status: .notFound, contentType: "text/html; charset=utf-8",
                body: Array(Self.notFoundPage(path: request.path).utf8))
        }
        return request.method == .head ? response.withoutBody : response
    }

    /// A small HTML page naming the missing path, linking back to the console.
    package static func notFoundPage(path: String) -> String {
        let escaped = path.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        return """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found · Stratus console</title></head>
            <body><h1>Not found</h1><p>The Stratus console has no page at <code>\(escaped)</code>.</p>
            <p><a href="\(basePath)">State machines</a></p></body></html>
            """
    }
}
