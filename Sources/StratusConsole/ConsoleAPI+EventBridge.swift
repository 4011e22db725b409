import HTTPTypes
import StratusAPIEventBridge
import StratusJSON
import StratusServiceKit

/// The EventBridge calls behind the console API (routes under `/_stratus/console/api/events/`), through the generated typed client.
///
/// | method and path | operation | answer |
/// |---|---|---|
/// | `GET buses` | `ListEventBuses` (every page) | `{"buses": [<EventBus>], "truncated": bool}` |
/// | `GET bus?name=` | `DescribeEventBus`, `ListRules` of the bus (every page), `ListTargetsByRule` of each | `{"bus", "rules": [<Rule> + "targets"], "truncated": bool}` |
/// | `GET rule?bus=&name=` | `DescribeRule`, `ListTargetsByRule` (every page), `ListTagsForResource` | `{"rule", "targets": [...], "tags": [{"Key", "Value"}]}` |
/// | `POST put-events` `{"bus"?, "source", "detailType", "detail"}` | `PutEvents` (one entry) | its output |
extension ConsoleAPI {
    /// Answers the EventBridge route `route` (the path after `/events`): 404 for an unknown route, 405 (with `Allow`)
    /// for a wrong method, 400 for a missing or malformed parameter; service errors are thrown as the service answered them.
    func eventBridge(_ route: String, _ request: ConsoleRequest, context: RequestContext) async throws -> ConsoleResponse {
        let client = EventBridgeClient(invoker: invoker, context: context)
        let parameters = request.parameters
        switch (route, request.method) {
        case ("/buses", .get):
            return .json(.ok, try await listEventBuses(client))
        case ("/bus", .get):
            return .json(.ok, try await describeEventBusWithRules(name: try required("name", parameters), client))
        case ("/rule", .get):
            let bus = parameters["bus"].flatMap { $0.isEmpty ? nil : $0 }
            return .json(.ok, try await describeEventRule(name: try required("name", parameters), bus: bus, client))
        case ("/put-events", .post):
            return .json(.ok, try await putOneEvent(try jsonBody(request), client))
        case ("/buses", _), ("/bus", _), ("/rule", _):
            return Self.methodNotAllowed(.get)
        case ("/put-events", _):
            return Self.methodNotAllowed(.post)
        default:
            return Self.noRoute("/events" + route)
        }
    }

    /// Every event bus of the account and region (`ListEventBuses`, page after page, at most ``maximumListed``).
    func listEventBuses(_ client: EventBridgeClient) async throws -> JSONValue {
        var buses: [JSONValue] = []
        var token: String?
        repeat {
            var input = EventBridge.ListEventBusesRequest()
            input.nextToken = token
            input.limit = 100
            let page = try await client.listEventBuses(input)
            buses += (page.eventBuses ?? []).map(\.awsValue.jsonValue)
            token = page.nextToken
        } while token != nil && buses.count < Self.maximumListed
        return ["buses": .array(Array(buses.prefix(Self.maximumListed))),
                "truncated": .bool(token != nil || buses.count > Self.maximumListed)]
    }

    /// The bus (`DescribeEventBus`) and its rules (`ListRules`, every page up to ``maximumListed``), each with its
    /// targets (`ListTargetsByRule`, every page) as `"targets"`. An unknown bus is the service's
    /// `ResourceNotFoundException`; a rule deleted while its targets are read is left out.
    func describeEventBusWithRules(name: String, _ client: EventBridgeClient) async throws -> JSONValue {
        var describe = EventBridge.DescribeEventBusRequest()
        describe.name = name
        let bus = try await client.describeEventBus(describe).awsValue.jsonValue
        var rules: [EventBridge.Rule] = []
        var token: String?
        repeat {
            var input = EventBridge.ListRulesRequest()
            input.eventBusName = name
            input.nextToken = token
            input.limit = 100
            let page = try await client.listRules(input)
            rules += page.rules ?? []
            token = page.nextToken
        } while token != nil && rules.count < Self.maximumListed
        var entries: [JSONValue] = []
        for rule in rules.prefix(Self.maximumListed) {
            guard let ruleName = rule.name else { continue }
            let targets: [JSONValue]
            do {
                targets = try await ruleTargets(rule: ruleName, bus: name, client)
            } catch let error as AWSServiceError where error.code.code == "ResourceNotFoundException" {
                continue
            }
            entries.append(Self.addingMember("targets", .array(targets), to: rule.awsValue.jsonValue))
        }
        return ["bus": bus, "rules": .array(entries), "truncated": .bool(token != nil || rules.count > Self.maximumListed)]
    }

    /// The rule `name` of the bus `bus` (the default bus when nil): `DescribeRule`'s output as `"rule"`, its targets
    /// (`ListTargetsByRule`, every page) and its tags (`ListTagsForResource` of the rule's ARN, sorted by key).
    /// An unknown bus or rule is the service's `ResourceNotFoundException`.
    func describeEventRule(name: String, bus: String?, _ client: EventBridgeClient) async throws -> JSONValue {
        var describe = EventBridge.DescribeRuleRequest(name: name)
        describe.eventBusName = bus
        let rule = try await client.describeRule(describe)
        let targets = try await ruleTargets(rule: name, bus: bus, client)
        var tags: [JSONValue] = []
        if let arn = rule.arn {
            let listed = try await client.listTagsForResource(EventBridge.ListTagsForResourceRequest(resourceARN: arn)).tags ?? []
            tags = listed.sorted { $0.key < $1.key }.map(\.awsValue.jsonValue)
        }
        return ["rule": rule.awsValue.jsonValue, "targets": .array(targets), "tags": .array(tags)]
    }

    /// Every target of the rule (`ListTargetsByRule`, page after page), as the service writes them.
    func ruleTargets(rule: String, bus: String?, _ client: EventBridgeClient) async throws -> [JSONValue] {
        var targets: [JSONValue] = []
        var token: String?
        repeat {
            var input = EventBridge.ListTargetsByRuleRequest(rule: rule)
            input.eventBusName = bus
            input.nextToken = token
            input.limit = 100
            let page = try await client.listTargetsByRule(input)
            targets += (page.targets ?? []).map(\.awsValue.jsonValue)
            token = page.nextToken
        } while token != nil
        return targets
    }

    /// `PutEvents` with one entry from `{"bus"?, "source", "detailType", "detail"}`: `detail` is JSON text, or any
    /// JSON value (sent as its text); an empty `bus` is the default bus. Answers its output (`FailedEntryCount` and
    /// `Entries`, each with an `EventId` or an `ErrorCode` and `ErrorMessage`, such as `MalformedDetail`).
    func putOneEvent(_ body: JSONValue, _ client: EventBridgeClient) async throws -> JSONValue {
        guard let source = body["source"]?.stringValue, !source.isEmpty else {
            throw RequestError.badRequest("The member source is required.")
        }
        guard let detailType = body["detailType"]?.stringValue, !detailType.isEmpty else {
            throw RequestError.badRequest("The member detailType is required.")
        }
        var entry = EventBridge.PutEventsRequestEntry()
        entry.source = source
        entry.detailType = detailType
        entry.eventBusName = try Self.optionalStringMember("bus", body)
        switch body["detail"] {
        case nil, .null?: throw RequestError.badRequest("The member detail is required (JSON text or a JSON value).")
        case .string(let text)?: entry.detail = text
        case let value?: entry.detail = value.serializedString()
        }
        return try await client.putEvents(EventBridge.PutEventsRequest(entries: [entry])).awsValue.jsonValue
    }
}
