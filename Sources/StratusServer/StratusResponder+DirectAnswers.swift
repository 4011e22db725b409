import HTTPTypes
import NIOCore
import StratusAWSCore
import StratusWire

extension StratusResponder {
    /// The requests answered straight from the channel pipeline (``DirectAnswerHandler``): the AWS JSON protocol
    /// (`POST /` with `X-Amz-Target`: DynamoDB, SQS, Step Functions, EventBridge) and the health check, the same way
    /// ``respond(to:context:)`` answers them.
    ///
    /// Operations that may wait long (``waitingTargets``: long polls, synchronous executions) stay with Hummingbird,
    /// whose connection task graceful shutdown reaches; so do streamed and REST requests (S3, Lambda), the console
    /// and the other admin endpoints.
    var directAnswerRoute: DirectAnswerRoute {
        DirectAnswerRoute(
            takes: { head in answersDirectly(head) },
            answer: { head, body in await directAnswer(to: head, body: body) },
            now: { [clock] in clock.now() })
    }

    /// Whether ``directAnswerRoute`` takes the request with `head`.
    func answersDirectly(_ head: HTTPRequest) -> Bool {
        let fields = head.headerFields
        if let connection = fields[.connection], connection.lowercased().contains("close") { return false }
        switch head.method {
        case .get:
            return head.path == Self.healthPath
        case .post:
            guard head.path == "/", fields[.transferEncoding] == nil,
                  let target = fields[Self.targetField], !Self.waitingTargets.contains(target),
                  let length = fields[.contentLength].flatMap({ Int($0) }), length >= 0, length <= maxRequestBodyBytes,
                  fields[.origin] == nil
            else { return false }
            if lambdaURLs != nil, let host = head.authority, LambdaURLGate.urlID(ofHost: host) != nil { return false }
            return true
        default:
            return false
        }
    }

    /// The answer to a request ``answersDirectly(_:)`` takes, given its whole body.
    func directAnswer(to head: HTTPRequest, body: ByteBuffer) async -> WireResponse {
        if head.method == .get {
            return await admin.respond(method: head.method, path: Self.healthPath)
        }
        let requestID = requestIDs.next()
        return await gateway.handle(WireRequest(head: head, body: Array(body.readableBytesView)),
                                    requestID: requestID, now: clock.now())
    }

    private static let healthPath = "/_stratus/health"
    /// The JSON operations whose answer may wait long for something else to happen.
    static let waitingTargets: Set<String> = [
        "AmazonSQS.ReceiveMessage", "AWSStepFunctions.GetActivityTask", "AWSStepFunctions.StartSyncExecution",
    ]
    private static let targetField = HTTPField.Name("X-Amz-Target")!
}
