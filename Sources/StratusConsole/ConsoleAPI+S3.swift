import Foundation
import HTTPTypes
import OrderedCollections
import StratusAPIS3
import StratusJSON
import StratusServiceKit

/// The S3 calls behind the console API (routes under `/_stratus/console/api/s3/`), through the generated typed client.
///
/// | method and path | operation | answer |
/// |---|---|---|
/// | `GET buckets` | `ListBuckets` (every page) | `{"buckets": [{"name", "creationDate", "region"}], "truncated": bool}` |
/// | `GET objects?bucket=&prefix=&token=` | `ListObjectsV2`, one page, delimiter `/` | `{"bucket", "prefix", "folders", "objects", "nextToken"?}` |
/// | `GET`/`HEAD object?bucket=&key=` | `HeadObject`, then `GetObject` | the bytes, as an attachment that never renders |
/// | `GET object/head?bucket=&key=` | `HeadObject`, `GetObjectTagging` | HeadObject's output with `Bucket`, `Key`, `TagSet` |
extension ConsoleAPI {
    /// The largest object `GET object` sends (100 MiB); larger ones are refused with 413, since the console's answers
    /// are held in memory whole.
    static let s3MaximumDownloadBytes = 100 * 1024 * 1024
    /// Most keys one `objects` page asks `ListObjectsV2` for.
    static let s3KeysPerPage = 1000

    /// A typed S3 client calling as `context`.
    func s3Client(_ context: RequestContext) -> S3Client {
        S3Client(invoker: invoker, context: context)
    }

    /// Answers the S3 route `route` (the path after `/s3`): 405 with `Allow` for a wrong method, 404 for an unknown
    /// route, 400 for a missing parameter.
    func s3(_ route: String, _ request: ConsoleRequest, context: RequestContext) async throws -> ConsoleResponse {
        let parameters = request.parameters
        switch (route, request.method) {
        case ("/buckets", .get):
            return .json(.ok, try await s3Buckets(context: context))
        case ("/objects", .get):
            return .json(.ok, try await s3Objects(
                bucket: try required("bucket", parameters), prefix: parameters["prefix"] ?? "",
                token: parameters["token"].flatMap { $0.isEmpty ? nil : $0 }, context: context))
        case ("/object", .get), ("/object", .head):
            return try await s3Download(
                bucket: try required("bucket", parameters), key: try required("key", parameters),
                withBody: request.method == .get, context: context)
        case ("/object/head", .get):
            return .json(.ok, try await s3ObjectDetails(
                bucket: try required("bucket", parameters), key: try required("key", parameters), context: context))
        case ("/buckets", _), ("/objects", _), ("/object/head", _):
            return Self.methodNotAllowed(.get)
        case ("/object", _):
            return Self.methodNotAllowed(.get, .head)
        default:
            return Self.noRoute("/s3" + route)
        }
    }

    /// Every bucket of the account (`ListBuckets`, page after page, up to ``maximumListed``), each with its region:
    /// the answer's `BucketRegion`, or `GetBucketLocation` when a bucket comes without one.
    func s3Buckets(context: RequestContext) async throws -> JSONValue {
        var buckets: [JSONValue] = []
        var token: String?
        repeat {
            let page = try await s3Client(context).listBuckets(
                S3.ListBucketsRequest(maxBuckets: Self.maximumListed, continuationToken: token))
            for bucket in page.buckets ?? [] {
                guard let name = bucket.name else { continue }
                let region: String
                if let known = bucket.bucketRegion {
                    region = known
                } else {
                    region = try await s3Region(of: name, context: context)
                }
                var entry: OrderedDictionary<String, JSONValue> = ["name": .string(name)]
                if let created = bucket.creationDate { entry["creationDate"] = AWSValue.timestamp(created).jsonValue }
                entry["region"] = .string(region)
                buckets.append(.object(entry))
            }
            token = page.continuationToken
        } while token != nil && buckets.count < Self.maximumListed
        return ["buckets": .array(Array(buckets.prefix(Self.maximumListed))),
                "truncated": .bool(token != nil || buckets.count > Self.maximumListed)]
    }

    /// The bucket's region from `GetBucketLocation` (the empty constraint is `us-east-1`, the legacy `EU` is
    /// `eu-west-1`).
    func s3Region(of bucket: String, context: RequestContext) async throws -> String {
        let location = try await s3Client(context).getBucketLocation(S3.GetBucketLocationRequest(bucket: bucket))
        switch location.locationConstraint?.rawValue {
        case nil, ""?: return "us-east-1"
        case "EU"?: return "eu-west-1"
        case let region?: return region
        }
    }

    /// One `ListObjectsV2` page of `bucket` below `prefix`, folded at `/`: the common prefixes as `folders`, the keys
    /// as `objects`, and the continuation token of the next page, if any.
    func s3Objects(bucket: String, prefix: String, token: String?, context: RequestContext) async throws -> JSONValue {
        var input = S3.ListObjectsV2Request(bucket: bucket)
        input.delimiter = "/"
        input.maxKeys = Self.s3KeysPerPage
        input.prefix = prefix.isEmpty ? nil : prefix
        input.continuationToken = token
        let page = try await s3Client(context).listObjectsV2(input)
        let objects: [JSONValue] = (page.contents ?? []).compactMap { object in
            guard let key = object.key else { return nil }
            var entry: OrderedDictionary<String, JSONValue> = [
                "key": .string(key), "size": .number(JSONNumber(object.size ?? 0)),
            ]
            if let modified = object.lastModified { entry["lastModified"] = AWSValue.timestamp(modified).jsonValue }
            if let eTag = object.eTag { entry["eTag"] = .string(eTag) }
            entry["storageClass"] = .string(object.storageClass?.rawValue ?? "STANDARD")
            return .object(entry)
        }
        var answer: OrderedDictionary<String, JSONValue> = [
            "bucket": .string(bucket), "prefix": .string(prefix),
            "folders": .array((page.commonPrefixes ?? []).compactMap { $0.prefix.map(JSONValue.string) }),
            "objects": .array(objects),
        ]
        if page.isTruncated == true, let next = page.nextContinuationToken { answer["nextToken"] = .string(next) }
        return .object(answer)
    }

    /// The object's bytes as a download: always `application/octet-stream`, an attachment named after the key's last
    /// segment, and a sandboxing CSP, so that no object (an HTML page, an SVG) can ever run in the console's origin.
    /// `HEAD` answers the same header fields from `HeadObject` alone. Objects over ``s3MaximumDownloadBytes`` are
    /// refused with 413 `ObjectTooLarge` before their bytes are read; an object replaced between the size check and the
    /// read answers 412 `PreconditionFailed`.
    func s3Download(bucket: String, key: String, withBody: Bool, context: RequestContext) async throws
        -> ConsoleResponse
    {
        let head = try await s3Client(context).headObject(S3.HeadObjectRequest(bucket: bucket, key: key))
        let length = head.contentLength ?? 0
        guard length <= Self.s3MaximumDownloadBytes else {
            return .error(
                .contentTooLarge, code: "ObjectTooLarge",
                message: "The object is \(length) bytes; the console downloads objects up to "
                    + "\(Self.s3MaximumDownloadBytes) bytes. Use aws s3 cp.")
        }
        var body: [UInt8] = []
        if withBody {
            // If-Match: the bytes are those of the object whose size was checked (a newer one answers 412).
            var input = S3.GetObjectRequest(bucket: bucket, key: key)
            input.ifMatch = head.eTag
            body = Array(try await s3Client(context).getObject(input).body ?? Data())
        }
        var response = ConsoleResponse(status: .ok, contentType: "application/octet-stream", body: body,
                                       cacheControl: "no-store")
        response.headerFields[.contentDisposition] = Self.attachmentDisposition(forKey: key)
        response.headerFields[.contentSecurityPolicy] = "sandbox"
        return response
    }

    /// HeadObject's output for `bucket`/`key` (checksums included) with `Bucket`, `Key` and the object's tags as
    /// `TagSet` (`GetObjectTagging`).
    func s3ObjectDetails(bucket: String, key: String, context: RequestContext) async throws -> JSONValue {
        var input = S3.HeadObjectRequest(bucket: bucket, key: key)
        input.checksumMode = "ENABLED"
        let head = try await s3Client(context).headObject(input).awsValue.jsonValue
        let tags = try await s3Client(context).getObjectTagging(S3.GetObjectTaggingRequest(bucket: bucket, key: key))
        var details: OrderedDictionary<String, JSONValue> = ["Bucket": .string(bucket), "Key": .string(key)]
        details.merge(head.objectValue ?? [:]) { _, head in head }
        details["TagSet"] = tags.awsValue.jsonValue["TagSet"] ?? []
        return .object(details)
    }

    /// `attachment; filename="…"; filename*=UTF-8''…` for the key's last non-empty `/` segment (`download` when there
    /// is none): the quoted name keeps printable ASCII without quotes or backslashes (other characters become `_`), the
    /// extended one is the whole name percent-encoded as UTF-8; control characters are dropped from both.
    static func attachmentDisposition(forKey key: String) -> String {
        let segment = key.split(separator: "/").last.map(String.init) ?? ""
        let name = String(String.UnicodeScalarView(segment.unicodeScalars.filter {
            !($0.properties.generalCategory == .control || $0 == "\"" || $0 == "\\")
        }))
        let fileName = name.isEmpty ? "download" : name
        let ascii = String(String.UnicodeScalarView(fileName.unicodeScalars.map { $0.isASCII ? $0 : "_" }))
        // RFC 8187 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else is percent-encoded.
        let attributeCharacters = CharacterSet(
            charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&+-.^_`|~")
        let encoded = fileName.addingPercentEncoding(withAllowedCharacters: attributeCharacters) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }
}
