import Foundation
import HTTPTypes
import StratusS3
import StratusServiceKit
import StratusSigV4
import StratusWire

/// Browser-based uploads to S3 (`POST /<bucket>` with a `multipart/form-data` body), beside the wire gateway: S3's
/// model has no operation for them. With SigV4 verification on, a form with a `policy` must carry a valid signature
/// of it — SigV4 (`x-amz-algorithm`, `x-amz-credential`, `x-amz-signature`) or the legacy `AWSAccessKeyId` and
/// `signature` (HMAC-SHA1); with it off, signatures are not checked (as for every request), while the policy's
/// conditions always are.
///
/// Guarantees: only `POST` requests with a form body that the router sends to an S3 bucket (no key) are taken; every
/// refusal is S3's `<Error>` document.
struct S3PostUploadGate: Sendable {
    let s3: S3Service
    let cors: S3CORSGate
    /// The server's SigV4 verifier (nil: authentication off).
    var verifier: SigV4Verifier? = nil

    /// The answer to a browser-based upload, acting in `account` (a form carries no account of its own), nil for any
    /// other request.
    func upload(_ request: WireRequest, requestID: String, account: (accountID: String, region: String), now: Date) async
        -> WireResponse?
    {
        guard request.head.method == .post, let contentType = request.header("Content-Type"),
              let boundary = S3PostForm.boundary(ofContentType: contentType),
              let target = cors.target(of: request), target.key == nil
        else { return nil }
        let context = RequestContext(accountID: account.accountID, region: account.region, requestID: requestID,
                                     host: ServiceRouter.host(of: request) ?? "localhost", receivedAt: now)
        var answer: WireResponse
        do {
            guard let form = S3PostForm(body: request.body, boundary: boundary) else {
                throw AWSServiceError(AWSErrorCode("MalformedPOSTRequest", httpStatus: 400),
                                      "The body of your POST request is not well-formed multipart/form-data.")
            }
            let posted = try await s3.postObject(
                bucket: target.bucket, form: form, host: ServiceRouter.host(of: request) ?? "localhost", context: context,
                verifySignature: verify)
            answer = WireResponse(status: posted.status, headers: posted.headers, body: [UInt8](posted.body))
        } catch {
            answer = cors.errorAnswer(error, service: target.service, requestID: requestID)
        }
        answer.head.headerFields[HTTPField.Name("x-amz-request-id")!] = requestID
        return answer
    }

    /// Checks the form's signature of its policy (SigV4, or the legacy `AWSAccessKeyId`/`signature` pair) when
    /// verification is on.
    private func verify(_ form: S3PostForm) throws {
        guard let verifier else { return }
        if let accessKeyID = form.field("AWSAccessKeyId"), let signature = form.field("signature"), let policy = form.field("policy") {
            if let failure = verifier.check(v2Signature: signature, of: policy, accessKeyID: accessKeyID) {
                let code = failure.code == .unknownAccessKey ? "InvalidAccessKeyId" : "SignatureDoesNotMatch"
                throw AWSServiceError(AWSErrorCode(code, httpStatus: 403), failure.message)
            }
            return
        }
        guard form.field("x-amz-algorithm") == "AWS4-HMAC-SHA256", let credentialText = form.field("x-amz-credential"),
              let signature = form.field("x-amz-signature"), let policy = form.field("policy")
        else {
            throw AWSServiceError(AWSErrorCode("InvalidRequest", httpStatus: 400),
                                  "POST requires x-amz-algorithm AWS4-HMAC-SHA256, x-amz-credential, x-amz-date and x-amz-signature with a policy.")
        }
        let credential: SigV4Credential
        do {
            credential = try SigV4Credential.parse(credentialText)
        } catch {
            throw AWSServiceError(AWSErrorCode("InvalidArgument", httpStatus: 400), error.message)
        }
        if let failure = verifier.check(signature: signature, of: policy, credential: credential) {
            let code = failure.code == .unknownAccessKey ? "InvalidAccessKeyId" : "SignatureDoesNotMatch"
            throw AWSServiceError(AWSErrorCode(code, httpStatus: 403), failure.message)
        }
    }
}
