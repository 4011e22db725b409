import Foundation
import HTTPTypes
import OrderedCollections
import StratusAPILambda
import StratusAWSCore
import StratusJSON
import StratusServiceKit

/// The Lambda calls behind the console API (routes under `/_stratus/console/api/lambda/`), through the generated typed client.
///
/// | method and path | operation | answer |
/// |---|---|---|
/// | `GET functions` | `ListFunctions` (every page) | `{"functions": [...], "truncated": bool}` |
/// | `GET function?name=` | `GetFunction`, `ListAliases`, `ListVersionsByFunction`, `ListEventSourceMappings`, `GetFunctionUrlConfig` | `GetFunction`'s output with `"aliases"`, `"versions"`, `"eventSourceMappings"` and `"url"` |
/// | `POST invoke` `{"functionName", "payload"?, "qualifier"?}` | `Invoke` (`RequestResponse`, `LogType` `Tail`) | `{"statusCode", "functionError"?, "executedVersion", "payload", "log"}` |
extension ConsoleAPI {
    /// The path below the server's address where `GetFunction`'s code `Location` points (the server's own download).
    static let lambdaCodePath = "/_stratus/lambda/code/"

    /// Answers the Lambda route `route` (the path after `/lambda`): 404 for an unknown route, 405 (with `Allow`) for a
    /// wrong method, 400 for a missing parameter; service errors are thrown as the service answered them.
    func lambda(_ route: String, _ request: ConsoleRequest, context: RequestContext) async throws -> ConsoleResponse {
        let client = LambdaClient(invoker: invoker, context: context)
        switch (route, request.method) {
        case ("/functions", .get):
            return .json(.ok, try await listFunctions(client))
        case ("/function", .get):
            return .json(.ok, try await describeFunction(name: try required("name", request.parameters), client))
        case ("/invoke", .post):
            return .json(.ok, try await invokeFunction(try jsonBody(request), client))
        case ("/functions", _), ("/function", _):
            return Self.methodNotAllowed(.get)
        case ("/invoke", _):
            return Self.methodNotAllowed(.post)
        default:
            return Self.noRoute("/lambda" + route)
        }
    }

    /// Every function's `$LATEST` configuration (`ListFunctions`, page after page), at most ``maximumListed``.
    func listFunctions(_ client: LambdaClient) async throws -> JSONValue {
        var functions: [JSONValue] = []
        var marker: String?
        repeat {
            let page = try await client.listFunctions(Lambda.ListFunctionsRequest(marker: marker, maxItems: Self.maximumListed))
            functions += (page.functions ?? []).map(\.awsValue.jsonValue)
            marker = page.nextMarker
        } while marker != nil && functions.count < Self.maximumListed
        return ["functions": .array(Array(functions.prefix(Self.maximumListed))), "truncated": .bool(marker != nil)]
    }

    /// `GetFunction`'s output (`Configuration`, `Code`, `Tags`, `Concurrency`) with the function's `"aliases"`
    /// (`ListAliases`) and `"versions"` (`ListVersionsByFunction`, `$LATEST` first), each at most ``maximumListed``
    /// (`"aliasesTruncated"`, `"versionsTruncated"` say when there were more). `Code.Location`, the server's download
    /// URL built from the console request's host, is answered as its same-origin path (`/_stratus/lambda/code/<sha>`)
    /// so the page can link it whatever address the browser used; any other location is left out.
    func describeFunction(name: String, _ client: LambdaClient) async throws -> JSONValue {
        let function = try await client.getFunction(Lambda.GetFunctionRequest(functionName: name))
        var answer = function.awsValue.jsonValue.objectValue ?? [:]
        if var code = answer["Code"]?.objectValue {
            code["Location"] = code["Location"]?.stringValue.flatMap(Self.sameOriginCodePath).map(JSONValue.string)
            answer["Code"] = .object(code)
        }
        let functionName = function.configuration?.functionName ?? name
        var aliases: [JSONValue] = []
        var marker: String?
        repeat {
            let page = try await client.listAliases(
                Lambda.ListAliasesRequest(functionName: functionName, marker: marker, maxItems: Self.maximumListed))
            aliases += (page.aliases ?? []).map(\.awsValue.jsonValue)
            marker = page.nextMarker
        } while marker != nil && aliases.count < Self.maximumListed
        answer["aliases"] = .array(Array(aliases.prefix(Self.maximumListed)))
        answer["aliasesTruncated"] = .bool(marker != nil)
        var versions: [JSONValue] = []
        marker = nil
        repeat {
            let page = try await client.listVersionsByFunction(
                Lambda.ListVersionsByFunctionRequest(functionName: functionName, marker: marker, maxItems: Self.maximumListed))
            versions += (page.versions ?? []).map(\.awsValue.jsonValue)
            marker = page.nextMarker
        } while marker != nil && versions.count < Self.maximumListed
        answer["versions"] = .array(Array(versions.prefix(Self.maximumListed)))
        answer["versionsTruncated"] = .bool(marker != nil)
        answer["eventSourceMappings"] = try await eventSourceMappings(of: functionName, client)
        answer["url"] = try await functionURL(of: functionName, client) ?? .null
        return .object(answer)
    }

    /// The function's event source mappings (`ListEventSourceMappings` with its name, every page, at most
    /// ``maximumListed``).
    func eventSourceMappings(of functionName: String, _ client: LambdaClient) async throws -> JSONValue {
        var mappings: [JSONValue] = []
        var marker: String?
        repeat {
            var request = Lambda.ListEventSourceMappingsRequest()
            request.functionName = functionName
            request.marker = marker
            request.maxItems = 100
            let page = try await client.listEventSourceMappings(request)
            mappings += (page.eventSourceMappings ?? []).map(\.awsValue.jsonValue)
            marker = page.nextMarker
        } while marker != nil && mappings.count < Self.maximumListed
        return .array(Array(mappings.prefix(Self.maximumListed)))
    }

    /// `GetFunctionUrlConfig` of the unqualified function, or nil when it has no URL.
    func functionURL(of functionName: String, _ client: LambdaClient) async throws -> JSONValue? {
        do {
            return try await client.getFunctionUrlConfig(Lambda.GetFunctionUrlConfigRequest(functionName: functionName))
                .awsValue.jsonValue
        } catch let error as AWSServiceError where error.code.code == "ResourceNotFoundException" {
            return nil
        }
    }

    /// The path of `location` when it is the server's own code download (`<scheme>://<host>/_stratus/lambda/code/…`),
    /// else nil.
    static func sameOriginCodePath(_ location: String) -> String? {
        guard let url = URL(string: location), url.path.hasPrefix(lambdaCodePath) else { return nil }
        return url.path
    }

    /// `Invoke` (`RequestResponse`, `LogType` `Tail`) from `{"functionName", "payload"?, "qualifier"?}`; `payload` is
    /// JSON text, or any JSON value, which is sent as its text. Answers `{"statusCode", "functionError"? (only when
    /// the function failed), "executedVersion", "payload": <the response payload as UTF-8 text>, "log": <the decoded
    /// log tail>}`.
    func invokeFunction(_ body: JSONValue, _ client: LambdaClient) async throws -> JSONValue {
        guard let name = body["functionName"]?.stringValue, !name.isEmpty else {
            throw RequestError.badRequest("The member functionName is required.")
        }
        var input = Lambda.InvocationRequest(functionName: name)
        input.invocationType = .requestResponse
        input.logType = .tail
        switch body["payload"] {
        case nil, .null?: break
        case .string(let text)?: input.payload = Data(text.utf8)
        case let value?: input.payload = Data(value.serialized())
        }
        if let qualifier = body["qualifier"]?.stringValue, !qualifier.isEmpty { input.qualifier = qualifier }
        let output = try await client.invoke(input)
        var answer: OrderedDictionary<String, JSONValue> = [:]
        answer["statusCode"] = output.statusCode.map { .number(JSONNumber(Int64($0))) } ?? .null
        if let functionError = output.functionError { answer["functionError"] = .string(functionError) }
        answer["executedVersion"] = output.executedVersion.map(JSONValue.string) ?? .null
        answer["payload"] = .string(String(decoding: output.payload ?? Data(), as: UTF8.self))
        let log = output.logResult.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
        answer["log"] = .string(log ?? "")
        return .object(answer)
    }
}
