import Foundation
import HTTPTypes
import StratusAPIDynamoDB
import StratusAPILambda
import StratusAPIS3
import StratusAPISNS
import StratusAPISQS
import StratusAPIStepFunctions
import StratusServiceKit
import Testing
@testable import StratusWire

@Suite struct RoutingTests {
    let router = ServiceRouter(services: [.sqs, .sns, .dynamoDB, .stepFunctions, .lambda, .s3])

    private func route(_ request: WireRequest) -> (service: String, operation: String, wireProtocol: WireProtocol)? {
        guard case .success(let route) = router.route(request) else { return nil }
        return (route.service.modelName, route.operation.name, route.wireProtocol)
    }

    private func failure(_ request: WireRequest) -> WireRoutingFailure? {
        if case .failure(let failure) = router.route(request) { return failure }
        return nil
    }

    static let sqsAuthorization =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/eu-west-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, "
        + "Signature=\(String(repeating: "a", count: 64))"

    @Test func jsonTarget() {
        let found = route(RPCTestSupport.request(headers: [("X-Amz-Target", "DynamoDB_20120810.GetItem")], body: "{}"))
        #expect(found?.service == "dynamodb")
        #expect(found?.operation == "GetItem")
        #expect(found?.wireProtocol == .json)
    }

    @Test func unknownTargetOperationIsUnknownOperationException() {
        let failed = failure(RPCTestSupport.request(headers: [("X-Amz-Target", "AmazonSQS.Explode")]))
        #expect(failed?.error.code == .unknownOperation)
        #expect(failed?.wireProtocol == .json)
        #expect(failed?.service?.modelName == "sqs")
    }

    @Test func queryActionGoesToSNSOrToSQSForQueueURLs() {
        let form = [("Content-Type", "application/x-www-form-urlencoded")]
        #expect(route(RPCTestSupport.request(headers: form, body: "Action=Publish&Version=2010-03-31"))?.service == "sns")
        let sqs = route(RPCTestSupport.request(path: "/000000000000/q1", headers: form, body: "Action=SendMessage&MessageBody=x"))
        #expect(sqs?.service == "sqs")
        #expect(sqs?.wireProtocol == .query)
        #expect(
            route(RPCTestSupport.request(headers: form, body: "Action=ListQueues&Version=2012-11-05"))?.service == "sqs")
        #expect(route(RPCTestSupport.request(method: .get, path: "/?Action=ListTopics"))?.service == "sns")
    }

    @Test func queryErrors() {
        let form = [("Content-Type", "application/x-www-form-urlencoded")]
        let invalid = failure(RPCTestSupport.request(headers: form, body: "Action=Explode&Version=2010-03-31"))
        #expect(invalid?.error.code == .invalidAction)
        #expect(invalid?.error.message == "The action Explode is not valid for this endpoint.")
        #expect(invalid?.wireProtocol == .query)
        #expect(failure(RPCTestSupport.request(headers: form, body: "Version=2010-03-31"))?.error.code == .missingAction)
    }

    @Test func credentialScopeWins() {
        let request = RPCTestSupport.request(
            headers: [("Authorization", Self.sqsAuthorization), ("Content-Type", "application/x-www-form-urlencoded")],
            body: "Action=ListQueues")
        #expect(route(request)?.service == "sqs")
        let unknown = failure(
            RPCTestSupport.request(headers: [("Authorization", Self.sqsAuthorization.replacingOccurrences(of: "/sqs/", with: "/ec2/"))]))
        #expect(unknown?.error.code == .unknownService)
    }

    @Test func lambdaDatedPathsAndS3Fallback() {
        let lambda = route(RPCTestSupport.request(method: .get, path: "/2015-03-31/functions/"))
        #expect(lambda?.service == "lambda")
        #expect(lambda?.wireProtocol == .restJSON)
        let s3 = route(RPCTestSupport.request(method: .get, path: "/my-bucket?list-type=2"))
        #expect(s3?.service == "s3")
        #expect(s3?.operation == "ListObjectsV2")
        let put = route(RPCTestSupport.request(method: .put, path: "/my-bucket/a/b.txt"))
        #expect(put?.operation == "PutObject")
    }

    @Test func s3VirtualHost() {
        guard case .success(let found) = router.route(
            RPCTestSupport.request(method: .put, path: "/key.txt", host: "photos.s3.localhost:4566"))
        else {
            Issue.record("not routed")
            return
        }
        #expect(found.operation.name == "PutObject")
        #expect(found.virtualHostBucket == "photos")
        #expect(found.path == "/photos/key.txt")
    }

    @Test(arguments: ["", "X-Amz-Target: .", "Action=&&&==", "\u{0}\u{1}garbage"])
    func garbageNeverTraps(body: String) {
        _ = router.route(RPCTestSupport.request(headers: [("X-Amz-Target", body)], body: body))
        _ = router.route(RPCTestSupport.request(headers: [("Content-Type", "application/x-www-form-urlencoded")], body: body))
        _ = router.route(RPCTestSupport.request(method: .get, path: "/" + body.filter { $0.isLetter }))
    }

    @Test func formBodiesOfRESTRequestsStayREST() {
        let form = [("Content-Type", "application/x-www-form-urlencoded")]
        let invoke = route(RPCTestSupport.request(path: "/2015-03-31/functions/f/invocations", headers: form, body: "a=b"))
        #expect(invoke?.service == "lambda")
        #expect(invoke?.operation == "Invoke")
        let put = route(RPCTestSupport.request(method: .put, path: "/bucket/key", headers: form, body: "a=b"))
        #expect(put?.operation == "PutObject")
        let scoped = route(
            RPCTestSupport.request(
                path: "/bucket/key?uploads",
                headers: form + [("Authorization", Self.sqsAuthorization.replacingOccurrences(of: "/sqs/", with: "/s3/"))],
                body: "a=b"))
        #expect(scoped?.operation == "CreateMultipartUpload")
    }
}
