import Foundation
import OrderedCollections
import StratusServiceKit

/// S3's departures from plain REST-XML, each with what AWS does. Used by ``RESTXMLCodec``.
package enum S3Quirks {
    /// Whether `service` is S3 (its quirks apply).
    package static func applies(to service: ServiceSchema) -> Bool {
        service.serviceID == "S3" || service.modelName == "s3"
    }

    /// The namespace S3 writes on every response document.
    ///
    /// What AWS does: every S3 XML response root carries `xmlns="http://s3.amazonaws.com/doc/2006-03-01/"`.
    package static let namespace = XMLNamespace(uri: "http://s3.amazonaws.com/doc/2006-03-01/")

    /// S3's code for a request body that is not well-formed XML or does not fit the schema.
    ///
    /// What AWS does: answers `400 MalformedXML` instead of a generic serialization error.
    package static let malformedXML = AWSErrorCode("MalformedXML", httpStatus: 400)

    /// S3's code for a header, query or path value that does not parse as its type.
    ///
    /// What AWS does: answers `400 InvalidArgument` (for instance for a non-numeric `max-keys`), never a
    /// `SerializationException`.
    package static let invalidArgument = AWSErrorCode("InvalidArgument", httpStatus: 400)

    /// The status of a successful object read that returns part of the object, or `nil` for the usual status.
    ///
    /// What AWS does: `GetObject` (and `HeadObject`) with a satisfiable `Range` answer `206 Partial Content` with a
    /// `Content-Range` header; the model has no status member for it, so a set `ContentRange` decides.
    package static func partialContentStatus(
        operation: OperationSchema, output: OrderedDictionary<String, AWSValue>
    ) -> Int? {
        guard operation.name == "GetObject" || operation.name == "HeadObject", output["ContentRange"] != nil else {
            return nil
        }
        return 206
    }

    /// The request-id headers of every S3 response, success or error.
    ///
    /// What AWS does: S3 sends `x-amz-request-id` and an extended id `x-amz-id-2` (not `x-amzn-RequestId`);
    /// clients log both. Stratus derives the extended id from the request id (base64), so it is deterministic.
    package static func requestIDHeaders(_ requestID: String) -> [(String, String)] {
        [("x-amz-request-id", requestID), ("x-amz-id-2", hostID(for: requestID))]
    }

    /// The `x-amz-id-2` / `<HostId>` value for a request id.
    package static func hostID(for requestID: String) -> String {
        Data(requestID.utf8).base64EncodedString()
    }

    /// Wraps the `<Error>` element in S3's bare error document.
    ///
    /// What AWS does: S3 errors are not wrapped in `<ErrorResponse>` (Smithy's `noErrorWrapping`); the root is
    /// `<Error>` with `Code`, `Message`, error-specific fields (`BucketName`, `Key`, …), `RequestId` and `HostId`.
    package static func errorDocument(_ error: XMLElement, requestID: String) -> XMLElement {
        var document = error
        document.append(XMLElement(name: "RequestId", text: requestID))
        document.append(XMLElement(name: "HostId", text: hostID(for: requestID)))
        return document
    }

    /// The unwrapped output document of operations whose single member is the whole document.
    ///
    /// What AWS does: `GetBucketLocation` answers `<LocationConstraint xmlns="…">us-west-2</LocationConstraint>`,
    /// the member itself as the root, not a wrapper holding it (Smithy `@s3UnwrappedXmlOutput`); an empty
    /// element means `us-east-1`.
    package static func unwrappedOutput(
        _ fields: OrderedDictionary<String, AWSValue>, operation: OperationSchema, members: [MemberSchema],
        mapper: XMLShapeMapper, namespace: XMLNamespace?
    ) throws(XMLShapeMapper.MappingError) -> XMLElement? {
        guard unwrappedOutputOperations.contains(operation.name), members.count == 1, let member = members.first else {
            return nil
        }
        var element = try mapper.element(
            named: member.wireName, value: fields[member.name] ?? .string(""), shape: member.shape, member: member,
            namespace: namespace)
        if fields[member.name] == nil { element.children = [] }
        return element
    }

    /// Operations with an unwrapped XML output.
    package static let unwrappedOutputOperations: Set<String> = ["GetBucketLocation"]

    /// The root element name S3 gives an operation's output document when the model names none.
    ///
    /// What AWS does: response roots are named after the document, not the output shape
    /// (`ListObjectsV2` → `ListBucketResult`, `ListBuckets` → `ListAllMyBucketsResult`). botocore's model does
    /// not record these names because its parser ignores the root, but other SDKs and tools read them.
    package static func outputRootName(operation: String) -> String? {
        outputRootNames[operation]
    }

    private static let outputRootNames: [String: String] = [
        "ListBuckets": "ListAllMyBucketsResult",
        "ListDirectoryBuckets": "ListAllMyDirectoryBucketsResult",
        "ListObjects": "ListBucketResult",
        "ListObjectsV2": "ListBucketResult",
        "ListObjectVersions": "ListVersionsResult",
        "ListMultipartUploads": "ListMultipartUploadsResult",
        "ListParts": "ListPartsResult",
        "CreateMultipartUpload": "InitiateMultipartUploadResult",
        "CompleteMultipartUpload": "CompleteMultipartUploadResult",
        "DeleteObjects": "DeleteResult",
        "GetBucketAcl": "AccessControlPolicy",
        "GetObjectAcl": "AccessControlPolicy",
        "GetBucketTagging": "Tagging",
        "GetObjectTagging": "Tagging",
        "GetBucketVersioning": "VersioningConfiguration",
        "GetBucketCors": "CORSConfiguration",
        "GetBucketLifecycleConfiguration": "LifecycleConfiguration",
        "GetBucketNotificationConfiguration": "NotificationConfiguration",
        "GetBucketWebsite": "WebsiteConfiguration",
        "GetBucketLogging": "BucketLoggingStatus",
        "GetBucketRequestPayment": "RequestPaymentConfiguration",
        "GetBucketAccelerateConfiguration": "AccelerateConfiguration",
        "GetObjectAttributes": "GetObjectAttributesResponse",
        "ListBucketAnalyticsConfigurations": "ListBucketAnalyticsConfigurationResult",
        "ListBucketInventoryConfigurations": "ListInventoryConfigurationsResult",
        "ListBucketMetricsConfigurations": "ListMetricsConfigurationsResult",
        "ListBucketIntelligentTieringConfigurations": "ListBucketIntelligentTieringConfigurationsOutput",
    ]
}
