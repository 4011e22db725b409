/// One static file of the web UI, compiled into the binary (`Resources/`, embedded by SwiftPM as byte arrays, so the
/// one `stratus` binary serves the console with no files beside it).
struct ConsoleAsset: Sendable {
    /// The `Content-Type` it is served with.
    let contentType: String
    /// The file's bytes.
    let bytes: [UInt8]

    /// The HTML page every console page loads; the scripts draw what the URL asks for.
    static let page = ConsoleAsset(contentType: "text/html; charset=utf-8", bytes: PackageResources.index_html)

    /// The asset served at `/_stratus/console/assets/<name>`, or nil.
    static func named(_ name: String) -> ConsoleAsset? {
        switch name {
        case "console.css": ConsoleAsset(contentType: "text/css; charset=utf-8", bytes: PackageResources.console_css)
        case "console.js": ConsoleAsset(contentType: "text/javascript; charset=utf-8", bytes: PackageResources.console_js)
        case "stepfunctions.js":
            ConsoleAsset(contentType: "text/javascript; charset=utf-8", bytes: PackageResources.stepfunctions_js)
        case "graph.js": ConsoleAsset(contentType: "text/javascript; charset=utf-8", bytes: PackageResources.graph_js)
        case "statuses.js": ConsoleAsset(contentType: "text/javascript; charset=utf-8", bytes: PackageResources.statuses_js)
        case "resources.js": ConsoleAsset(contentType: "text/javascript; charset=utf-8", bytes: PackageResources.resources_js)
        case "lambda.js": ConsoleAsset(contentType: "text/javascript; charset=utf-8", bytes: PackageResources.lambda_js)
        case "dynamodb.js": ConsoleAsset(contentType: "text/javascript; charset=utf-8", bytes: PackageResources.dynamodb_js)
        case "sqs.js": ConsoleAsset(contentType: "text/javascript; charset=utf-8", bytes: PackageResources.sqs_js)
        case "s3.js": ConsoleAsset(contentType: "text/javascript; charset=utf-8", bytes: PackageResources.s3_js)
        case "sns.js": ConsoleAsset(contentType: "text/javascript; charset=utf-8", bytes: PackageResources.sns_js)
        case "events.js": ConsoleAsset(contentType: "text/javascript; charset=utf-8", bytes: PackageResources.events_js)
        default: nil
        }
    }

    /// The names `named(_:)` knows.
    static let names = [
        "console.css", "console.js", "stepfunctions.js", "graph.js", "statuses.js", "resources.js", "lambda.js", "dynamodb.js",
        "sqs.js", "s3.js", "sns.js", "events.js",
    ]
}
