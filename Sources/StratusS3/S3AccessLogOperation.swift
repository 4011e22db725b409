// S3AccessLogOperation: the operation field of an S3 server access log record.

/// Names a request in S3's server access logs: `REST.<HTTP method>.<resource>`, where the resource is what the
/// request acts on (`OBJECT`, `BUCKET`, `VERSIONING`, `ACL`, `UPLOADS`, `PART`, …). Copies are `REST.COPY.OBJECT`
/// (and `REST.COPY.PART`), whatever their method.
package enum S3AccessLogOperation {
    /// The log name of the model operation `operation` (e.g. `GetBucketVersioning`) sent with `method`.
    package static func name(of operation: String, method: String) -> String {
        if let whole = wholeNames[operation] { return whole }
        for verb in ["Get", "Put", "Delete"] where operation.hasPrefix(verb) {
            if let resource = resources[String(operation.dropFirst(verb.count))] {
                return "REST.\(method).\(resource)"
            }
        }
        return "REST.\(method).\(operation.contains("Object") ? "OBJECT" : "BUCKET")"
    }

    /// Operations whose name does not follow the verb-and-setting pattern.
    private static let wholeNames: [String: String] = [
        "PutObject": "REST.PUT.OBJECT", "GetObject": "REST.GET.OBJECT", "HeadObject": "REST.HEAD.OBJECT",
        "DeleteObject": "REST.DELETE.OBJECT", "CopyObject": "REST.COPY.OBJECT", "UploadPartCopy": "REST.COPY.PART",
        "ListObjects": "REST.GET.BUCKET", "ListObjectsV2": "REST.GET.BUCKET", "HeadBucket": "REST.HEAD.BUCKET",
        "CreateBucket": "REST.PUT.BUCKET", "DeleteBucket": "REST.DELETE.BUCKET",
        "ListObjectVersions": "REST.GET.BUCKETVERSIONS", "DeleteObjects": "REST.POST.MULTI_OBJECT_DELETE",
        "CreateMultipartUpload": "REST.POST.UPLOADS", "UploadPart": "REST.PUT.PART",
        "CompleteMultipartUpload": "REST.POST.UPLOAD", "AbortMultipartUpload": "REST.DELETE.UPLOAD",
        "ListParts": "REST.GET.UPLOAD", "ListMultipartUploads": "REST.GET.UPLOADS", "RestoreObject": "REST.POST.RESTORE",
        "GetBucketLocation": "REST.GET.LOCATION", "GetBucketPolicyStatus": "REST.GET.POLICY_STATUS",
    ]

    /// The resource of `Get…`/`Put…`/`Delete…` operations on a setting, by the operation name without its verb.
    private static let resources: [String: String] = [
        "BucketVersioning": "VERSIONING", "BucketAcl": "ACL", "ObjectAcl": "ACL", "BucketLogging": "LOGGING_STATUS",
        "BucketTagging": "TAGGING", "ObjectTagging": "OBJECT_TAGGING", "BucketPolicy": "BUCKETPOLICY",
        "BucketCors": "CORS", "BucketLifecycleConfiguration": "LIFECYCLE", "BucketLifecycle": "LIFECYCLE",
        "BucketWebsite": "WEBSITE", "BucketNotificationConfiguration": "NOTIFICATION", "BucketEncryption": "ENCRYPTION",
        "ObjectLockConfiguration": "OBJECT_LOCK_CONFIGURATION", "ObjectRetention": "RETENTION",
        "ObjectLegalHold": "LEGAL_HOLD", "PublicAccessBlock": "PUBLIC_ACCESS_BLOCK",
        "BucketOwnershipControls": "OWNERSHIP_CONTROLS", "BucketAccelerateConfiguration": "ACCELERATE",
        "BucketRequestPayment": "REQUEST_PAYMENT", "BucketReplication": "REPLICATION",
        "ObjectAttributes": "OBJECT_ATTRIBUTES",
    ]
}
