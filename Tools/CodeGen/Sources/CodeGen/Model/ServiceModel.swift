/// The generator's intermediate representation of one service model, with every documentation string
/// already dropped. Shapes and operations are sorted by name; a member refers to its target by name.
struct ServiceModel {
    /// The botocore model name (`sqs`) or, for protocol-test services, the service directory name.
    var modelName: String
    var serviceID: String
    var endpointPrefix: String
    var signingName: String
    var apiVersion: String
    var protocols: [String]
    var jsonVersion: String?
    var targetPrefix: String?
    var xmlNamespace: String?
    var awsQueryCompatible: Bool
    /// Sorted by name.
    var shapes: [Shape]
    /// Sorted by name.
    var operations: [Operation]

    /// Index of each shape in ``shapes``.
    var shapeIndex: [String: Int] {
        var index: [String: Int] = [:]
        for (position, shape) in shapes.enumerated() { index[shape.name] = position }
        return index
    }

    func shape(named name: String) -> Shape? {
        shapes.first(where: { $0.name == name })
    }
}

/// An XML namespace (`{uri, prefix}`; botocore also writes a bare URI string on metadata).
struct XMLNamespaceIR: Equatable {
    var uri: String
    var prefix: String?
}

/// The `error` trait of an exception shape.
struct ErrorTraitIR: Equatable {
    var code: String?
    var httpStatusCode: Int?
    var senderFault: Bool?
}

/// A reference to a shape: structure member, list member, map key/value, operation input/output.
struct MemberRef {
    var name: String
    var target: String
    var location: String?
    var locationName: String?
    var queryName: String?
    var xmlNamespace: XMLNamespaceIR?
    var xmlAttribute = false
    var flattened = false
    var timestampFormat: String?
    var isRequired = false
    var idempotencyToken = false
    var jsonValue = false
    var hostLabel = false
    var eventPayload = false
    var resultWrapper: String?
    /// The Smithy default as compact JSON text (`"hi"`, `0`, `[]`, `null`).
    var defaultValue: String?
    /// Member-level constraints that override the target shape's (protocol-test services only).
    var min: String?
    var max: String?
    var pattern: String?
    /// An event-stream header member. Read but not emitted (`MemberSchema` has no place for it).
    var eventHeader = false
}

/// One shape of the model.
struct Shape {
    var name: String
    /// The botocore type (`structure`, `string`, …).
    var type: String
    var members: [MemberRef] = []
    var listMember: MemberRef?
    var mapKey: MemberRef?
    var mapValue: MemberRef?
    var flattened = false
    var locationName: String?
    var xmlNamespace: XMLNamespaceIR?
    var timestampFormat: String?
    /// Literal number text of `min`/`max`.
    var min: String?
    var max: String?
    var pattern: String?
    var enumValues: [String] = []
    var error: ErrorTraitIR?
    var isException = false
    var isFault = false
    var payload: String?
    var isUnion = false
    var isDocument = false
    var isSparse = false
    var isStreaming = false
    var isEventStream = false
    var isEvent = false
    var requiresLength = false
    var xmlOrder: [String]?
    /// Smithy `@uniqueItems` (from `x-smithy.traits`).
    var uniqueItems = false
    /// Smithy `@mediaType` (from `x-smithy.traits`).
    var mediaType: String?
    /// Enum values whose `x-smithy.traits` entry (`Shape$NAME`) carries `@internal`.
    var internalEnumValues: [String] = []
}

/// One operation of the model.
struct Operation {
    var name: String
    var httpMethod: String
    var requestURI: String
    var responseCode: Int?
    var input: MemberRef?
    var output: MemberRef?
    /// Exception shape names.
    var errors: [String]
    var hostPrefix: String?
    var isDeprecated: Bool
    var httpChecksumRequired: Bool
    var authType: String?
}
