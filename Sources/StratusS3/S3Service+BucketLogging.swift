import Crypto
import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

/// Server access logging: `PutBucketLogging`/`GetBucketLogging`, what a request to a bucket is logged under, and the
/// delivery of log records as objects into the target bucket.
extension S3Service {
    package func putBucketLogging(_ input: S3.PutBucketLoggingRequest, context: RequestContext) async throws {
        let bucket = try await existingBucket(input.bucket)
        let logging = input.bucketLoggingStatus.loggingEnabled
        if let logging {
            try await checkLoggingTarget(logging, of: bucket)
        }
        guard try await store.updateBucket(named: input.bucket, { $0.logging = logging }) != nil else {
            throw S3Failure.noSuchBucket(input.bucket)
        }
    }

    package func getBucketLogging(_ input: S3.GetBucketLoggingRequest, context: RequestContext) async throws
        -> S3.GetBucketLoggingOutput
    {
        let bucket = try await existingBucket(input.bucket)
        var output = S3.GetBucketLoggingOutput()
        output.loggingEnabled = bucket.logging
        return output
    }

    /// S3's checks of a logging target: it exists, belongs to the source bucket's owner and region, names at most one
    /// key format, and takes target grants only while it allows ACLs.
    private func checkLoggingTarget(_ logging: S3.LoggingEnabled, of bucket: S3BucketRecord) async throws {
        if let format = logging.targetObjectKeyFormat, (format.simplePrefix == nil) == (format.partitionedPrefix == nil) {
            throw S3Failure.malformedXML()
        }
        guard let target = try await store.bucket(named: logging.targetBucket) else {
            throw S3Failure.invalidLoggingTarget("The target bucket for logging does not exist", bucket: logging.targetBucket)
        }
        guard target.accountID == bucket.accountID else {
            throw S3Failure.invalidLoggingTarget(
                "The owner for the bucket to be logged and the target bucket must be the same.", bucket: logging.targetBucket)
        }
        guard target.region == bucket.region else {
            throw S3Failure.crossLocationLogging(target: target.region, source: bucket.region)
        }
        if let grants = logging.targetGrants, !grants.isEmpty, target.effectiveOwnership == "BucketOwnerEnforced" {
            throw AWSServiceError(AWSErrorCode("AccessControlListNotSupported", httpStatus: 400),
                                  "Target grants not allowed for bucket owner enforced buckets")
        }
    }

    /// Where requests to `bucket` are logged, with the bucket's owner and region; nil when the bucket does not exist or
    /// has logging off.
    package func accessLogging(of bucket: String) async throws -> S3AccessLogDestination? {
        guard let record = try await store.bucket(named: bucket), let logging = record.logging else { return nil }
        return S3AccessLogDestination(bucket: record.name, accountID: record.accountID, region: record.region,
                                      target: logging)
    }

    /// Writes `records` (requests to `destination.bucket`, in order) as one log object into the target bucket, as S3's
    /// log delivery does: named `<prefix>YYYY-mm-DD-HH-MM-SS-<unique>` (or under
    /// `<prefix><account>/<region>/<bucket>/YYYY/MM/DD/` with a partitioned prefix), text with one record a line,
    /// the target's versioning, notifications and grants applying. Answers false, writing nothing, when the target
    /// can no longer take logs: it is gone, belongs to another owner, has Requester Pays or an Object Lock default
    /// retention (S3 delivers to none of these).
    package func deliverAccessLogs(_ records: [S3AccessLogRecord], to destination: S3AccessLogDestination) async throws
        -> Bool
    {
        guard let first = records.first, let target = try await store.bucket(named: destination.target.targetBucket),
              target.accountID == destination.accountID, target.requestPayer == nil,
              target.objectLock?.rule?.defaultRetention == nil
        else { return false }
        let now = clock.now()
        var input = S3.PutObjectRequest(
            body: Data(records.map { $0.line + "\n" }.joined().utf8), bucket: target.name,
            key: logObjectKey(destination, eventTime: first.time, deliveryTime: now))
        input.contentType = "text/plain"
        if target.effectiveOwnership != "BucketOwnerEnforced" {
            let grants = destination.target.targetGrants ?? []
            input.grantFullControl = Self.grantHeader(grants, permission: "FULL_CONTROL")
            input.grantRead = Self.grantHeader(grants, permission: "READ")
        }
        let context = RequestContext(accountID: target.accountID, region: target.region, requestID: ids.next(),
                                     host: "localhost", receivedAt: now)
        _ = try await putObject(input, context: context, event: "ObjectCreated:Put")
        return true
    }

    /// The key of a log object delivered at `deliveryTime` whose first record is from `eventTime`.
    private func logObjectKey(_ destination: S3AccessLogDestination, eventTime: Date, deliveryTime: Date) -> String {
        let prefix = destination.target.targetPrefix
        let unique = SHA256.hash(data: Data(ids.next().utf8)).prefix(8).map { String(format: "%02X", $0) }.joined()
        guard let partitioned = destination.target.targetObjectKeyFormat?.partitionedPrefix else {
            return prefix + Self.logTimeText(deliveryTime) + "-" + unique
        }
        let date = partitioned.partitionDateSource?.rawValue == "DeliveryTime" ? deliveryTime : eventTime
        let day = S3AccessLogRecord.utcCalendar.dateComponents([.year, .month, .day], from: date)
        let folder = String(format: "%04d/%02d/%02d/", day.year ?? 1970, day.month ?? 1, day.day ?? 1)
        return prefix + "\(destination.accountID)/\(destination.region)/\(destination.bucket)/" + folder
            + Self.logTimeText(deliveryTime) + "-" + unique
    }

    /// `YYYY-mm-DD-HH-MM-SS`.
    private static func logTimeText(_ date: Date) -> String {
        let parts = S3AccessLogRecord.utcCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d-%02d-%02d-%02d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1,
                      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// The `x-amz-grant-*` header value of the target grants with `permission` (`id=…`, `uri=…`, `emailAddress=…`),
    /// nil for none. `WRITE` grants have no meaning on an object and are left out, as on S3.
    private static func grantHeader(_ grants: [S3.TargetGrant], permission: String) -> String? {
        let grantees = grants.filter { $0.permission?.rawValue == permission }.compactMap { grant -> String? in
            guard let grantee = grant.grantee else { return nil }
            if let id = grantee.id { return "id=\"\(id)\"" }
            if let uri = grantee.uri { return "uri=\"\(uri)\"" }
            return grantee.emailAddress.map { "emailAddress=\"\($0)\"" }
        }
        return grantees.isEmpty ? nil : grantees.joined(separator: ", ")
    }
}
