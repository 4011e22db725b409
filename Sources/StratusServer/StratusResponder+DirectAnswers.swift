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
            takenBodyLength: { head in directBodyLength(head) },
            answer: { head, body in await directAnswer(to: head, body: body) },
            now: { [clock] in clock.now() })
    }

    /// The body length of a request ``directAnswerRoute`` takes, `nil` for the others. One pass over the header
    /// fields: this runs for every request.
    ///
    /// Keep in step with ``respond(to:context:)``: a request is taken only where that method would answer it with
    /// `gateway.handle` and nothing around it (or with the health check), so the two paths answer alike. Its rules
    /// repeated here: function-URL hosts go to the Lambda URL gate, website hosts to the S3 website gate, a body over `maxRequestBodyBytes` gets the
    /// too-large answer, and a request with `Origin` may need S3's CORS headers; the console and the other admin
    /// paths are never `POST /`. A new rule there needs its case here.
    func directBodyLength(_ head: HTTPRequest) -> Int? {
        let isHealthCheck: Bool
        switch head.method {
        case .get where head.path == Self.healthPath: isHealthCheck = true
        case .post where head.path == "/": isHealthCheck = false
        default: return nil
        }
        var target: String?
        var length: Int?
        for field in head.headerFields {
            switch field.name {
            case Self.targetField: target = field.value
            case .contentLength: length = Int(field.value)
            case .connection: if field.value.lowercased().contains("close") { return nil }
            case .transferEncoding, .origin: return nil
            default: continue
            }
        }
        if s3Websites != nil, S3WebsiteGate.bucket(ofHost: head.authority) != nil { return nil }
        if isHealthCheck { return length == nil || length == 0 ? 0 : nil }
        guard let target, !Self.waitingTargets.contains(target),
              let length, length >= 0, length <= maxRequestBodyBytes
        else { return nil }
        if lambdaURLs != nil, LambdaURLGate.urlID(ofHost: head.authority) != nil { return nil }
        return length
    }

    /// The answer to a request ``directBodyLength(_:)`` takes, given its whole body.
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
