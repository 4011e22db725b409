import HTTPTypes
import OrderedCollections
import StratusAPISQS
import StratusJSON
import StratusServiceKit

/// The SQS calls behind the console API (routes under `/_stratus/console/api/sqs/`), through the generated typed client.
///
/// | method and path | operation | answer |
/// |---|---|---|
/// | `GET queues` | `ListQueues` (every page), `GetQueueAttributes` (`All`) of each | `{"queues": [{"url", "name", "attributes"}], "truncated": bool}` |
/// | `GET queue?url=` | `GetQueueAttributes` (`All`), `ListQueueTags`, `ListDeadLetterSourceQueues` (every page), `ListMessageMoveTasks` (of a dead-letter queue) | `{"url", "name", "attributes", "tags", "deadLetterSourceQueues": [url], "moveTasks": [...]}` |
/// | `POST send` `{"url", "body", "messageGroupId"?, "messageDeduplicationId"?, "delaySeconds"?}` | `SendMessage` | its output |
/// | `POST redrive` `{"url"}` | `StartMessageMoveTask` from the (dead-letter) queue back to its sources | its output (`TaskHandle`) |
///
/// Nothing here receives messages: receiving would change their visibility and receive counts.
extension ConsoleAPI {
    /// Answers the SQS route `route` (the path after `/sqs`): 404 for an unknown route, 405 (with `Allow`) for a
    /// wrong method, 400 for a missing parameter; service errors are thrown as the service answered them.
    func sqs(_ route: String, _ request: ConsoleRequest, context: RequestContext) async throws -> ConsoleResponse {
        let client = SQSClient(invoker: invoker, context: context)
        switch (route, request.method) {
        case ("/queues", .get):
            return .json(.ok, try await listQueues(client))
        case ("/queue", .get):
            return .json(.ok, try await describeQueue(url: try required("url", request.parameters), client))
        case ("/send", .post):
            return .json(.ok, try await sendMessage(try jsonBody(request), client))
        case ("/redrive", .post):
            return .json(.ok, try await redrive(try jsonBody(request), client))
        case ("/queues", _), ("/queue", _):
            return Self.methodNotAllowed(.get)
        case ("/send", _), ("/redrive", _):
            return Self.methodNotAllowed(.post)
        default:
            return Self.noRoute("/sqs" + route)
        }
    }

    /// Every queue of the account and region (`ListQueues`, page after page, at most ``maximumListed``), each with its
    /// name and all its attributes. A queue deleted between the list and its attributes is left out.
    func listQueues(_ client: SQSClient) async throws -> JSONValue {
        var urls: [String] = []
        var token: String?
        repeat {
            let page = try await client.listQueues(SQS.ListQueuesRequest(nextToken: token, maxResults: Self.maximumListed))
            urls += page.queueUrls ?? []
            token = page.nextToken
        } while token != nil && urls.count < Self.maximumListed
        var queues: [JSONValue] = []
        for url in urls.prefix(Self.maximumListed) {
            let attributes: JSONValue
            do {
                attributes = try await queueAttributes(url: url, client)
            } catch let error as AWSServiceError where Self.isMissingQueue(error) {
                continue
            }
            queues.append(["url": .string(url), "name": .string(Self.queueName(url: url)), "attributes": attributes])
        }
        return ["queues": .array(queues), "truncated": .bool(token != nil || urls.count > Self.maximumListed)]
    }

    /// One queue: `{"url", "name", "attributes"` (`GetQueueAttributes` `All`), `"tags"` (`ListQueueTags`),
    /// `"deadLetterSourceQueues"` (`ListDeadLetterSourceQueues`, every page, at most ``maximumListed`` URLs)`}`.
    func describeQueue(url: String, _ client: SQSClient) async throws -> JSONValue {
        let attributes = try await queueAttributes(url: url, client)
        let tags = try await client.listQueueTags(SQS.ListQueueTagsRequest(queueUrl: url)).tags ?? [:]
        var sources: [String] = []
        var token: String?
        repeat {
            let page = try await client.listDeadLetterSourceQueues(
                SQS.ListDeadLetterSourceQueuesRequest(queueUrl: url, nextToken: token, maxResults: Self.maximumListed))
            sources += page.queueUrls
            token = page.nextToken
        } while token != nil && sources.count < Self.maximumListed
        // A dead-letter queue's recent message move tasks (the newest first, as SQS lists them).
        var moveTasks: [JSONValue] = []
        if !sources.isEmpty, case .string(let arn)? = attributes["QueueArn"] {
            moveTasks = (try await client.listMessageMoveTasks(SQS.ListMessageMoveTasksRequest(sourceArn: arn, maxResults: 10))
                .results ?? []).map(\.awsValue.jsonValue)
        }
        return [
            "url": .string(url), "name": .string(Self.queueName(url: url)), "attributes": attributes,
            "tags": .object(OrderedDictionary(uniqueKeysWithValues: tags.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            "deadLetterSourceQueues": .array(sources.prefix(Self.maximumListed).map(JSONValue.string)),
            "moveTasks": .array(moveTasks),
        ]
    }

    /// `StartMessageMoveTask` from the queue `{"url"}` names (a dead-letter queue) back to the queues that sent its
    /// messages there; answers its output (`TaskHandle`). SQS's own errors (not a dead-letter queue, a task already
    /// running) come back as they are.
    func redrive(_ body: JSONValue, _ client: SQSClient) async throws -> JSONValue {
        guard let url = body["url"]?.stringValue, !url.isEmpty else {
            throw RequestError.badRequest("The member url is required.")
        }
        guard case .string(let arn)? = try await queueAttributes(url: url, client)["QueueArn"] else {
            throw RequestError.badRequest("The queue has no QueueArn.")
        }
        return try await client.startMessageMoveTask(SQS.StartMessageMoveTaskRequest(sourceArn: arn)).awsValue.jsonValue
    }

    /// `SendMessage` from `{"url", "body", "messageGroupId"?, "messageDeduplicationId"?, "delaySeconds"?}` (empty
    /// strings count as absent); answers its output (`MessageId`, `MD5OfMessageBody`, `SequenceNumber` for FIFO).
    func sendMessage(_ body: JSONValue, _ client: SQSClient) async throws -> JSONValue {
        guard let url = body["url"]?.stringValue, !url.isEmpty else {
            throw RequestError.badRequest("The member url is required.")
        }
        guard let text = body["body"]?.stringValue else {
            throw RequestError.badRequest("The member body is required (a string).")
        }
        var input = SQS.SendMessageRequest(queueUrl: url, messageBody: text)
        if let group = body["messageGroupId"]?.stringValue, !group.isEmpty { input.messageGroupId = group }
        if let deduplication = body["messageDeduplicationId"]?.stringValue, !deduplication.isEmpty {
            input.messageDeduplicationId = deduplication
        }
        switch body["delaySeconds"] {
        case nil, .null?: break
        case .number(let number)?:
            guard let seconds = number.int64Value, let delay = Int(exactly: seconds) else {
                throw RequestError.badRequest("delaySeconds must be a whole number of seconds.")
            }
            input.delaySeconds = delay
        case .string(let text)? where text.isEmpty: break
        case .string(let text)?:
            guard let delay = Int(text) else { throw RequestError.badRequest("delaySeconds must be a whole number of seconds.") }
            input.delaySeconds = delay
        default:
            throw RequestError.badRequest("delaySeconds must be a whole number of seconds.")
        }
        return try await client.sendMessage(input).awsValue.jsonValue
    }

    /// All of the queue's attributes (`GetQueueAttributes` with `All`), keys sorted.
    func queueAttributes(url: String, _ client: SQSClient) async throws -> JSONValue {
        let attributes = try await client.getQueueAttributes(
            SQS.GetQueueAttributesRequest(queueUrl: url, attributeNames: ["All"])).attributes ?? [:]
        return .object(OrderedDictionary(uniqueKeysWithValues: attributes.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
    }

    /// The queue's name: the last path segment of its URL.
    static func queueName(url: String) -> String {
        String(url.split(separator: "/").last ?? Substring(url))
    }

    /// `true` for the error SQS answers for a queue that does not exist.
    static func isMissingQueue(_ error: AWSServiceError) -> Bool {
        error.code.code == "QueueDoesNotExist" || error.code.code == "AWS.SimpleQueueService.NonExistentQueue"
    }
}
