import Foundation
import HTTPTypes
import StratusAWSCore
import StratusJSON
import StratusServiceKit

/// The console's JSON API under `/_stratus/console/api/`, answered by calling the Step Functions operations
/// in-process through the same ``ServiceInvoker`` that Step Functions tasks and event deliveries use: what the
/// console shows is what `ListStateMachines`, `DescribeExecution`, `GetExecutionHistory`… answer to the AWS SDKs.
///
/// | method and path | operation | answer |
/// |---|---|---|
/// | `GET state-machines` | `ListStateMachines` (every page) | `{"stateMachines": [...], "truncated": bool}` |
/// | `GET state-machine?arn=` (a machine, version or alias ARN) | `DescribeStateMachine` | its output |
/// | `GET state-machine/versions?arn=` | `ListStateMachineVersions` (every page) | `{"versions": [...], "truncated": bool}` |
/// | `GET state-machine/aliases?arn=` | `ListStateMachineAliases`, `DescribeStateMachineAlias` of each | `{"aliases": [...], "truncated": bool}` |
/// | `GET executions?stateMachineArn=&status=` | `ListExecutions` (newest first, `statusFilter`) | `{"executions": [...], "truncated": bool}` |
/// | `GET executions?mapRunArn=&status=` | `ListExecutions` of a Map Run's children | the same |
/// | `POST executions` `{"stateMachineArn", "name"?, "input"?}` | `StartExecution` | its output |
/// | `GET execution?arn=` | `DescribeExecution` | its output |
/// | `GET execution/history?arn=` | `GetExecutionHistory` (every page) | `{"events": [...], "truncated": bool}` |
/// | `POST execution/stop` `{"executionArn", "error"?, "cause"?}` | `StopExecution` | its output |
/// | `POST execution/redrive` `{"executionArn", "clientToken"?}` | `RedriveExecution` | its output |
/// | `GET map-runs?executionArn=` | `ListMapRuns` (every page), `DescribeMapRun` of each | `{"mapRuns": [...], "truncated": bool}` |
/// | `GET map-run?arn=` | `DescribeMapRun` | its output |
///
/// Values are written as the AWS JSON protocol writes them (member names, timestamps in epoch seconds). Errors are
/// `{"error": code, "message": text}` with the service's HTTP status. POST bodies must be `application/json`, which a
/// page of another origin cannot send without a CORS preflight that Stratus never grants.
struct ConsoleAPI: Sendable {
    /// Where calls go (the server's in-process invoker over every service handler).
    let invoker: any ServiceInvoker
    /// The account and region the console acts in.
    let accountID: String, region: String
    /// "Now" of each call.
    let clock: any WallClock
    /// Request ids of the calls.
    let requestIDs: any RequestIDGenerator

    /// Most state machines or executions one list answer carries; more are reported as `"truncated": true`.
    static let maximumListed = 1000
    /// Most history events one answer carries.
    static let maximumEvents = 25_000

    /// A request the API refuses before calling any service.
    struct RequestError: Error {
        var status: HTTPResponse.Status
        var code: String
        var message: String

        static func badRequest(_ message: String) -> RequestError {
            RequestError(status: .badRequest, code: "ValidationException", message: message)
        }
    }

    /// The AWS regions the console offers to switch to (its calls work in any region name).
    static let regions = [
        "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-1", "ap-south-2",
        "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-northeast-1", "ap-northeast-2",
        "ap-northeast-3", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-west-1", "eu-west-2",
        "eu-west-3", "eu-south-1", "eu-south-2", "eu-north-1", "il-central-1", "me-south-1", "me-central-1", "sa-east-1",
    ]

    /// Answers `request`, whose path below `/_stratus/console/api` is `route`. Every route acts in the region of the
    /// `region` query parameter when there is one (a region name such as `eu-west-1`; anything else is a 400), else in
    /// the console's own.
    func respond(to request: ConsoleRequest, route: String) async -> ConsoleResponse {
        let parameters = request.parameters
        var region = self.region
        if let asked = parameters["region"], !asked.isEmpty {
            guard Self.isRegionName(asked) else {
                return .error(.badRequest, code: "ValidationException",
                              message: "The region '\(asked)' is not a region name such as us-east-1.")
            }
            region = asked
        }
        let context = requestContext(host: request.authority, region: region)
        if route == "/context" {
            guard request.method == .get else { return Self.methodNotAllowed(.get) }
            return .json(.ok, [
                "accountId": .string(accountID), "region": .string(self.region),
                "regions": .array(Self.regions.map(JSONValue.string)),
            ])
        }
        do {
            let service = route.dropFirst().prefix { $0 != "/" }
            let serviceRoute = String(route.dropFirst(service.count + 1))
            switch service {
            case "lambda": return try await lambda(serviceRoute, request, context: context)
            case "dynamodb": return try await dynamoDB(serviceRoute, request, context: context)
            case "sqs": return try await sqs(serviceRoute, request, context: context)
            case "s3": return try await s3(serviceRoute, request, context: context)
            case "sns": return try await sns(serviceRoute, request, context: context)
            case "events": return try await eventBridge(serviceRoute, request, context: context)
            default: break
            }
            switch (route, request.method) {
            case ("/state-machines", .get):
                return .json(.ok, try await listStateMachines(context: context))
            case ("/state-machine", .get):
                return .json(.ok, try await describeStateMachine(arn: try required("arn", parameters), context: context))
            case ("/executions", .get):
                let given = { (name: String) in parameters[name].flatMap { $0.isEmpty ? nil : $0 } }
                return .json(.ok, try await listExecutions(
                    stateMachineArn: given("stateMachineArn"), mapRunArn: given("mapRunArn"), status: given("status"),
                    context: context))
            case ("/executions", .post):
                return .json(.ok, try await startExecution(try jsonBody(request), context: context))
            case ("/execution", .get):
                return .json(.ok, try await describeExecution(arn: try required("arn", parameters), context: context))
            case ("/execution/history", .get):
                return .json(.ok, try await history(arn: try required("arn", parameters), context: context))
            case ("/execution/stop", .post):
                return .json(.ok, try await stopExecution(try jsonBody(request), context: context))
            case ("/state-machine/versions", .get):
                return .json(.ok, try await listVersions(stateMachineArn: try required("arn", parameters), context: context))
            case ("/state-machine/aliases", .get):
                return .json(.ok, try await listAliases(stateMachineArn: try required("arn", parameters), context: context))
            case ("/execution/redrive", .post):
                return .json(.ok, try await redriveExecution(try jsonBody(request), context: context))
            case ("/map-runs", .get):
                return .json(.ok, try await listMapRuns(executionArn: try required("executionArn", parameters), context: context))
            case ("/map-run", .get):
                return .json(.ok, try await describeMapRun(arn: try required("arn", parameters), context: context))
            case ("/state-machines", _), ("/state-machine", _), ("/execution", _), ("/execution/history", _),
                 ("/state-machine/versions", _), ("/state-machine/aliases", _), ("/map-runs", _), ("/map-run", _):
                return .methodNotAllowed(allowed: .get)
            case ("/execution/stop", _), ("/execution/redrive", _):
                return .methodNotAllowed(allowed: .post)
            case ("/executions", _):
                var response = ConsoleResponse.methodNotAllowed(allowed: .get)
                response.headerFields[.allow] = "GET, POST"
                return response
            default:
                return Self.noRoute(route)
            }
        } catch let error as RequestError {
            return .error(error.status, code: error.code, message: error.message)
        } catch let error as AWSServiceError {
            return .error(HTTPResponse.Status(code: error.code.httpStatus), code: error.code.code,
                          message: error.message ?? error.code.code)
        } catch {
            return .error(.internalServerError, code: "InternalFailure", message: "\(error)")
        }
    }

    /// 404 for an API path no route answers.
    static func noRoute(_ route: String) -> ConsoleResponse {
        .error(.notFound, code: "NotFound", message: "No console API at /_stratus/console/api\(route)")
    }

    /// 405 naming the methods `route` allows (the first is also the one ``ConsoleResponse/methodNotAllowed(allowed:)``
    /// names in its message).
    static func methodNotAllowed(_ allowed: HTTPRequest.Method...) -> ConsoleResponse {
        var response = ConsoleResponse.methodNotAllowed(allowed: allowed[0])
        response.headerFields[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        return response
    }

    /// The caller of the console's in-process calls, in `region`.
    func requestContext(host: String?, region: String) -> RequestContext {
        RequestContext(accountID: accountID, region: region, requestID: requestIDs.next(),
                       host: host ?? "127.0.0.1", receivedAt: clock.now())
    }

    /// Whether `text` has the shape of an AWS region name: lowercase words joined by `-`, the first two letters,
    /// the last a number (`us-east-1`, `ap-southeast-4`, `us-gov-west-1`).
    static func isRegionName(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let first = parts.first, let last = parts.last, first.count == 2,
              !last.isEmpty, last.allSatisfy(\.isASCII), last.allSatisfy(\.isNumber) else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= "a" && $0 <= "z" } }
    }

    /// The query parameter `name`.
    /// - Throws: ``RequestError`` when it is missing or empty.
    func required(_ name: String, _ parameters: [String: String]) throws(RequestError) -> String {
        guard let value = parameters[name], !value.isEmpty else {
            throw .badRequest("The query parameter \(name) is required.")
        }
        return value
    }

    /// The members of a POST's JSON object body.
    /// - Throws: ``RequestError`` for another content type (415) or a body that is not a JSON object.
    func jsonBody(_ request: ConsoleRequest) throws(RequestError) -> JSONValue {
        let contentType = request.headerFields[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") else {
            throw RequestError(status: .unsupportedMediaType, code: "UnsupportedMediaType",
                               message: "Send the body as application/json.")
        }
        guard let body = try? JSONValue.parse(request.body), case .object = body else {
            throw .badRequest("The body must be a JSON object.")
        }
        return body
    }
}
