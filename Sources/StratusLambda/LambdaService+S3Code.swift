import Foundation
import StratusAPIS3
import StratusServiceKit

extension LambdaService {
    /// The bytes of the deployment package `bucket`/`key` (version `version` when given), read through S3 in-process.
    /// A missing bucket, object or version is `InvalidParameterValueException` with Lambda's wording (`Error occurred
    /// while GetObject. S3 Error Code: …`).
    static func s3Package(bucket: String, key: String, version: String? = nil, invoker: (any ServiceInvoker)?,
                          context: RequestContext) async throws -> Data
    {
        guard let invoker else {
            throw LambdaFailure.invalidParameter("Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist")
        }
        do {
            var request = S3.GetObjectRequest(bucket: bucket, key: key)
            request.versionId = version
            return try await S3Client(invoker: invoker, context: context).getObject(request).body ?? Data()
        } catch let error as AWSServiceError {
            throw LambdaFailure.invalidParameter(
                "Error occurred while GetObject. S3 Error Code: \(error.code.code). S3 Error Message: \(error.message ?? "")")
        }
    }
}
