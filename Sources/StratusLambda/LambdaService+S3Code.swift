import Foundation
import StratusAPIS3
import StratusServiceKit

extension LambdaService {
    /// The bytes of the deployment package `bucket`/`key`, read through S3 in-process. A missing bucket or object is
    /// `InvalidParameterValueException` with Lambda's wording (`Error occurred while GetObject. S3 Error Code: …`).
    static func s3Package(bucket: String, key: String, invoker: (any ServiceInvoker)?, context: RequestContext) async throws
        -> Data
    {
        guard let invoker else {
            throw LambdaFailure.invalidParameter("Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist")
        }
        do {
            return try await S3Client(invoker: invoker, context: context).getObject(S3.GetObjectRequest(bucket: bucket, key: key)).body ?? Data()
        } catch let error as AWSServiceError {
            throw LambdaFailure.invalidParameter(
                "Error occurred while GetObject. S3 Error Code: \(error.code.code). S3 Error Message: \(error.message ?? "")")
        }
    }
}
