import HTTPTypes
import OrderedCollections
import StratusAPISNS
import StratusJSON
import StratusServiceKit

/// The SNS calls behind the console API (routes under `/_stratus/console/api/sns/`), through the generated typed client.
///
/// | method and path | operation | answer |
/// |---|---|---|
/// | `GET topics` | `ListTopics` (every page), `GetTopicAttributes` of each | `{"topics": [{"topicArn", "name", "attributes"}], "truncated": bool}` |
/// | `GET topic?arn=` | `GetTopicAttributes`, `ListTagsForResource`, `ListSubscriptionsByTopic` (every page), `GetSubscriptionAttributes` of each confirmed subscription | `{"topicArn", "name", "attributes", "tags": [{"Key", "Value"}], "subscriptions": [...], "subscriptionsTruncated": bool}` |
/// | `POST publish` `{"topicArn", "message", "subject"?, "messageGroupId"?, "messageDeduplicationId"?, "messageAttributes"?}` | `Publish` | its output |
///
/// A pending subscription has no ARN yet (SNS lists it as `PendingConfirmation`), so it carries no `attributes`.
extension ConsoleAPI {
    /// Answers the SNS route `route` (the path after `/sns`): 404 for an unknown route, 405 (with `Allow`) for a
    /// wrong method, 400 for a missing or malformed parameter; service errors are thrown as the service answered them.
    func sns(_ route: String, _ request: ConsoleRequest, context: RequestContext) async throws -> ConsoleResponse {
        let client = SNSClient(invoker: invoker, context: context)
        switch (route, request.method) {
        case ("/topics", .get):
            return .json(.ok, try await listTopics(client))
        case ("/topic", .get):
            return .json(.ok, try await describeTopic(arn: try required("arn", request.parameters), client))
        case ("/publish", .post):
            return .json(.ok, try await publishToTopic(try jsonBody(request), client))
        case ("/topics", _), ("/topic", _):
            return Self.methodNotAllowed(.get)
        case ("/publish", _):
            return Self.methodNotAllowed(.post)
        default:
            return Self.noRoute("/sns" + route)
        }
    }

    /// Every topic of the account and region (`ListTopics`, page after page, at most ``maximumListed``), each with its
    /// name and all its attributes (`GetTopicAttributes`). A topic deleted between the list and its attributes is left out.
    func listTopics(_ client: SNSClient) async throws -> JSONValue {
        var arns: [String] = []
        var token: String?
        repeat {
            let page = try await client.listTopics(SNS.ListTopicsInput(nextToken: token))
            arns += (page.topics ?? []).compactMap(\.topicArn)
            token = page.nextToken
        } while token != nil && arns.count < Self.maximumListed
        var topics: [JSONValue] = []
        for arn in arns.prefix(Self.maximumListed) {
            let attributes: JSONValue
            do {
                attributes = try await topicAttributes(arn: arn, client)
            } catch let error as AWSServiceError where error.code.code == "NotFound" {
                continue
            }
            topics.append(["topicArn": .string(arn), "name": .string(Self.topicName(arn: arn)), "attributes": attributes])
        }
        return ["topics": .array(topics), "truncated": .bool(token != nil || arns.count > Self.maximumListed)]
    }

    /// One topic: its attributes, tags (`[{"Key", "Value"}]`) and subscriptions (`ListSubscriptionsByTopic` entries,
    /// every page up to ``maximumListed``), each confirmed one with its `GetSubscriptionAttributes` as `"attributes"`.
    /// An unknown topic is the service's `NotFound`; a subscription removed while it is read is left out.
    func describeTopic(arn: String, _ client: SNSClient) async throws -> JSONValue {
        let attributes = try await topicAttributes(arn: arn, client)
        let tags = try await client.listTagsForResource(SNS.ListTagsForResourceRequest(resourceArn: arn)).tags ?? []
        var listed: [SNS.Subscription] = []
        var token: String?
        repeat {
            let page = try await client.listSubscriptionsByTopic(SNS.ListSubscriptionsByTopicInput(topicArn: arn, nextToken: token))
            listed += page.subscriptions ?? []
            token = page.nextToken
        } while token != nil && listed.count < Self.maximumListed
        var subscriptions: [JSONValue] = []
        for subscription in listed.prefix(Self.maximumListed) {
            guard let subscriptionArn = subscription.subscriptionArn, subscriptionArn.hasPrefix("arn:") else {
                subscriptions.append(subscription.awsValue.jsonValue)
                continue
            }
            let details: [String: String]
            do {
                details = try await client.getSubscriptionAttributes(
                    SNS.GetSubscriptionAttributesInput(subscriptionArn: subscriptionArn)).attributes ?? [:]
            } catch let error as AWSServiceError where error.code.code == "NotFound" {
                continue
            }
            subscriptions.append(Self.addingMember("attributes", Self.sortedStringObject(details), to: subscription.awsValue.jsonValue))
        }
        return [
            "topicArn": .string(arn), "name": .string(Self.topicName(arn: arn)), "attributes": attributes,
            "tags": .array(tags.sorted { $0.key < $1.key }.map(\.awsValue.jsonValue)),
            "subscriptions": .array(subscriptions),
            "subscriptionsTruncated": .bool(token != nil || listed.count > Self.maximumListed),
        ]
    }

    /// `Publish` to a topic from `{"topicArn", "message", "subject"?, "messageGroupId"?, "messageDeduplicationId"?,
    /// "messageAttributes"?: {name: string}}` (empty optional strings count as absent; each attribute is sent as a
    /// `String`); answers its output (`MessageId`, and `SequenceNumber` on a FIFO topic).
    func publishToTopic(_ body: JSONValue, _ client: SNSClient) async throws -> JSONValue {
        guard let arn = body["topicArn"]?.stringValue, !arn.isEmpty else {
            throw RequestError.badRequest("The member topicArn is required.")
        }
        guard let message = body["message"]?.stringValue else {
            throw RequestError.badRequest("The member message is required (a string).")
        }
        var input = SNS.PublishInput(message: message)
        input.topicArn = arn
        input.subject = try Self.optionalStringMember("subject", body)
        input.messageGroupId = try Self.optionalStringMember("messageGroupId", body)
        input.messageDeduplicationId = try Self.optionalStringMember("messageDeduplicationId", body)
        switch body["messageAttributes"] {
        case nil, .null?: break
        case .object(let members)?:
            var attributes: [String: SNS.MessageAttributeValue] = [:]
            for (name, value) in members {
                guard let text = value.stringValue else {
                    throw RequestError.badRequest("The message attribute \(name) must be a string.")
                }
                attributes[name] = SNS.MessageAttributeValue(dataType: "String", stringValue: text)
            }
            if !attributes.isEmpty { input.messageAttributes = attributes }
        default:
            throw RequestError.badRequest("messageAttributes must be an object of string values.")
        }
        return try await client.publish(input).awsValue.jsonValue
    }

    /// All of the topic's attributes (`GetTopicAttributes`), keys sorted.
    func topicAttributes(arn: String, _ client: SNSClient) async throws -> JSONValue {
        Self.sortedStringObject(try await client.getTopicAttributes(SNS.GetTopicAttributesInput(topicArn: arn)).attributes ?? [:])
    }

    /// The topic's name: the last `:` segment of its ARN.
    static func topicName(arn: String) -> String {
        String(arn.split(separator: ":").last ?? Substring(arn))
    }

    /// The string member `name` of `body`, nil when absent, null or empty.
    /// - Throws: ``RequestError`` when it is present and not a string.
    static func optionalStringMember(_ name: String, _ body: JSONValue) throws(RequestError) -> String? {
        switch body[name] {
        case nil, .null?: return nil
        case .string(let text)?: return text.isEmpty ? nil : text
        default: throw .badRequest("The member \(name) must be a string.")
        }
    }

    /// `strings` as a JSON object of strings, keys sorted.
    static func sortedStringObject(_ strings: [String: String]) -> JSONValue {
        .object(OrderedDictionary(uniqueKeysWithValues: strings.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
    }

    /// `object` with the member `key` set to `value` (appended when new); a value that is not an object is answered as it is.
    static func addingMember(_ key: String, _ value: JSONValue, to object: JSONValue) -> JSONValue {
        guard var members = object.objectValue else { return object }
        members[key] = value
        return .object(members)
    }
}
