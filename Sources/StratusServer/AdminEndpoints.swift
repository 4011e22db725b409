import HTTPTypes
import OrderedCollections
import StratusAWSCore
import StratusJSON
import StratusLambda
import StratusS3
import StratusSNS
import StratusServiceKit
import StratusWire

/// Stratus' own endpoints beside the AWS APIs: `/_stratus/health`, `/_stratus/reset`, `/_stratus/lambda/logs`
/// (see `AdminEndpoints+LambdaLogs.swift`), `/_stratus/sns/sms` (`AdminEndpoints+TextMessages.swift`),
/// `/_stratus/sns/push` (`AdminEndpoints+PushMessages.swift`), `/_stratus/lambda/code/<sha-256>` (below),
/// `/_stratus/s3/lifecycle` (`AdminEndpoints+S3Lifecycle.swift`), `/_stratus/s3/access-logs` (delivers the buffered S3
/// server access logs at once), `/_stratus/s3/inventory` (writes the S3 Inventory reports at once), and moto's `/moto-api/reset`, so test suites
/// written against moto's server run unchanged.
package struct AdminEndpoints: Sendable {
    /// The services whose status and state the endpoints report and wipe.
    let registry: ServiceRegistry
    /// `sqlite` or `memory`, reported by health.
    let storageDescription: String
    /// `full` or `process` for file storage (when writes are acknowledged), nil in memory; reported by health.
    let durability: String?
    /// The Lambda service whose function logs `/_stratus/lambda/logs` reads; nil when none is served.
    let lambda: LambdaService?
    /// The SNS service whose sent SMS and push messages `/_stratus/sns/sms` and `/_stratus/sns/push` read; nil when
    /// none is served.
    let sns: SNSService?
    /// The S3 service whose lifecycle rules `/_stratus/s3/lifecycle` applies; nil when none is served.
    var s3: S3Service? = nil
    /// The buffer of S3 server access log records `/_stratus/s3/access-logs` delivers; nil when S3 is not served.
    var s3AccessLogs: S3AccessLogRecorder? = nil
    /// The account and region of requests that name none (the server's defaults).
    let defaultAccountID: String, defaultRegion: String

    package init(registry: ServiceRegistry, storageDescription: String, durability: String? = nil,
                 lambda: LambdaService? = nil, sns: SNSService? = nil,
                 defaultAccountID: String = AWSDefaults.accountID, defaultRegion: String = AWSDefaults.region) {
        self.registry = registry
        self.storageDescription = storageDescription
        self.durability = durability
        self.lambda = lambda
        self.sns = sns
        self.defaultAccountID = defaultAccountID
        self.defaultRegion = defaultRegion
    }

    /// `true` when `path` belongs to these endpoints rather than to an AWS service.
    package static func handles(path: String) -> Bool {
        path.hasPrefix("/_stratus/") || path == "/_stratus" || path.hasPrefix("/moto-api/")
    }

    /// Answers an admin request. Unknown admin paths get 404, wrong methods 405, always with a JSON body.
    /// `query` is the raw query string (without `?`), if any.
    package func respond(method: HTTPRequest.Method, path: String, query: String? = nil) async -> WireResponse {
        let route = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        switch route {
        case "/_stratus/health":
            guard method == .get || method == .head else { return Self.methodNotAllowed(allowed: "GET") }
            return Self.json(200, health())
        case "/_stratus/reset":
            guard method == .post else { return Self.methodNotAllowed(allowed: "POST") }
            return await reset(body: ["reset": true])
        case "/moto-api/reset":
            // moto answers 400 with {"Error": "Need to POST to reset Moto"} for other methods.
            guard method == .post else { return Self.json(400, ["Error": "Need to POST to reset Moto"]) }
            return await reset(body: ["status": "ok"])
        case "/_stratus/lambda/logs":
            guard method == .get else { return Self.methodNotAllowed(allowed: "GET") }
            return await lambdaLogs(query: query)
        case "/_stratus/sns/sms":
            guard method == .get else { return Self.methodNotAllowed(allowed: "GET") }
            return await sentTextMessages(query: query)
        case "/_stratus/sns/push":
            guard method == .get else { return Self.methodNotAllowed(allowed: "GET") }
            return await sentPushMessages(query: query)
        case "/_stratus/s3/lifecycle":
            guard method == .post else { return Self.methodNotAllowed(allowed: "POST") }
            return await applyS3Lifecycle(query: query)
        case "/_stratus/s3/inventory":
            guard method == .post else { return Self.methodNotAllowed(allowed: "POST") }
            guard let s3 else { return Self.json(404, ["error": "S3 is not served by this server", "code": "NotFound"]) }
            do {
                let written = try await s3.writeInventoryReports(now: s3.clock.now(), dueOnly: false)
                return Self.json(200, ["reports": .number(JSONNumber(written))])
            } catch {
                return Self.json(500, ["error": .string("Writing the inventory reports failed: \(error)"),
                                       "code": "InternalFailure"])
            }
        case "/_stratus/s3/access-logs":
            guard method == .post else { return Self.methodNotAllowed(allowed: "POST") }
            guard let s3AccessLogs else { return Self.json(404, ["error": "S3 is not served by this server", "code": "NotFound"]) }
            let delivered = await s3AccessLogs.deliver()
            return Self.json(200, ["objects": .number(JSONNumber(delivered.objects)),
                                   "records": .number(JSONNumber(delivered.records))])
        case _ where route.hasPrefix(Self.lambdaCodePrefix):
            guard method == .get else { return Self.methodNotAllowed(allowed: "GET") }
            return await lambdaCode(id: String(route.dropFirst(Self.lambdaCodePrefix.count)))
        default:
            return Self.json(404, ["error": .string("No Stratus endpoint at \(route)")])
        }
    }

    private func health() -> JSONValue {
        var services: [(String, JSONValue)] = []
        for entry in registry.entries {
            let schema = entry.handler.schema
            services.append((schema.modelName, [
                "status": .string(entry.isImplemented ? "running" : "not_implemented"),
                "protocols": .array(schema.protocols.map { .string($0.rawValue) }),
                "operations": .number(JSONNumber(schema.operations.count)),
            ]))
        }
        var health: OrderedDictionary<String, JSONValue> = [
            "status": "running",
            "version": .string(StratusVersion.current),
            "storage": .string(storageDescription),
        ]
        if let durability { health["durability"] = .string(durability) }
        health["services"] = .object(.init(services, uniquingKeysWith: { first, _ in first }))
        return .object(health)
    }

    private func reset(body: JSONValue) async -> WireResponse {
        do {
            try await registry.resetAll()
            return Self.json(200, body)
        } catch {
            return Self.json(500, ["error": .string("Reset failed: \(error)")])
        }
    }

    private static func methodNotAllowed(allowed: String) -> WireResponse {
        var response = json(405, ["error": .string("Method not allowed; use \(allowed)")])
        response.head.headerFields[.allow] = allowed
        return response
    }

    static func json(_ status: Int, _ value: JSONValue) -> WireResponse {
        WireResponse(
            status: status,
            headers: [("Content-Type", "application/json")],
            body: value.serialized()
        )
    }
}
