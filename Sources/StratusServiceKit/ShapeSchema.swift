/// The index of a shape in its ``ServiceSchema/shapes`` table.
package typealias ShapeID = Int

/// The type of a shape, as the botocore service model names it.
package enum ShapeType: String, Sendable {
    case structure, list, map, string, integer, long, byte, short, boolean, blob, timestamp, float, double
    case bigInteger, bigDecimal
}

/// How a timestamp is written on the wire.
package enum TimestampFormat: String, Sendable {
    /// Seconds since the epoch, possibly fractional (`1515531081.123`).
    case unixTimestamp
    /// RFC 3339 / ISO 8601 (`2018-01-09T20:51:21.123Z`).
    case iso8601
    /// RFC 7231 IMF-fixdate (`Tue, 29 Apr 2014 18:30:38 GMT`).
    case rfc822
}

/// The `error` trait of an exception shape: how the error is identified on the wire.
package struct ErrorTrait: Sendable, Equatable {
    /// The error code, when it differs from the shape name (AWS Query codes such as `AWS.SimpleQueueService.NonExistentQueue`).
    package var code: String?
    /// The HTTP status the error is sent with.
    package var httpStatusCode: Int
    /// `true` when the client caused the error (`Sender`), `false` for `Receiver` faults.
    package var senderFault: Bool

    package init(code: String? = nil, httpStatusCode: Int, senderFault: Bool) {
        self.code = code
        self.httpStatusCode = httpStatusCode
        self.senderFault = senderFault
    }
}

/// An XML namespace declared on a shape or member.
package struct XMLNamespace: Sendable, Equatable {
    /// The namespace URI.
    package var uri: String
    /// The prefix, or `nil` for the default namespace (`xmlns="…"`).
    package var prefix: String?

    package init(uri: String, prefix: String? = nil) {
        self.uri = uri
        self.prefix = prefix
    }
}

/// One shape of a service model: its type, members and constraints, with every documentation string removed.
///
/// Schemas are immutable tables emitted by the code generator (`Tools/CodeGen`); codecs and validators only read them.
package final class ShapeSchema: Sendable {
    /// The shape name in the model (`SendMessageRequest`).
    package let name: String
    /// The shape type.
    package let type: ShapeType
    /// Structure members, in model order.
    package let members: [MemberSchema]
    /// The element reference of a list.
    package let listMember: MemberSchema?
    /// The key reference of a map.
    package let mapKey: MemberSchema?
    /// The value reference of a map.
    package let mapValue: MemberSchema?
    /// A flattened list or map (no wrapping element in XML and AWS Query).
    package let flattened: Bool
    /// A shape-level wire name (rarely used; member names usually win).
    package let locationName: String?
    /// The XML namespace of the shape.
    package let xmlNamespace: XMLNamespace?
    /// The timestamp format of a timestamp shape, when the model fixes it.
    package let timestampFormat: TimestampFormat?
    /// The minimum length (strings, blobs, lists, maps) or value (numbers).
    package let min: Double?
    /// The maximum length (strings, blobs, lists, maps) or value (numbers).
    package let max: Double?
    /// A regular expression every value must match (strings).
    package let pattern: String?
    /// The allowed values of an enum string shape (empty for other shapes).
    package let enumValues: [String]
    /// The `error` trait of an exception shape.
    package let error: ErrorTrait?
    /// `true` for exception shapes.
    package let isException: Bool
    /// `true` for server faults (`fault: true`).
    package let isFault: Bool
    /// The member sent as the whole HTTP payload (REST protocols).
    package let payload: String?
    /// A tagged union: exactly one member is set.
    package let isUnion: Bool
    /// A document: any JSON value.
    package let isDocument: Bool
    /// A sparse list or map: `null` entries are kept.
    package let isSparse: Bool
    /// A streaming blob (the payload is the raw body).
    package let isStreaming: Bool
    /// An event stream union.
    package let isEventStream: Bool
    /// A member of an event stream.
    package let isEvent: Bool
    /// A streaming blob that needs a known length.
    package let requiresLength: Bool
    /// The XML order of members, when the model fixes one.
    package let xmlOrder: [String]?
    /// A list whose elements must be distinct (Smithy `@uniqueItems`, the `set` of older models).
    package let uniqueItems: Bool
    /// The media type of a blob or string shape (Smithy `@mediaType`), e.g. `image/jpeg` for a blob payload;
    /// `nil` when the model gives none.
    package let mediaType: String?
    /// Enum values the model marks `@internal`: still valid, but never listed in validation messages.
    package let internalEnumValues: [String]
    /// Position of each member by name, for lookups.
    package let memberIndex: [String: Int]

    package init(
        name: String,
        type: ShapeType,
        members: [MemberSchema] = [],
        listMember: MemberSchema? = nil,
        mapKey: MemberSchema? = nil,
        mapValue: MemberSchema? = nil,
        flattened: Bool = false,
        locationName: String? = nil,
        xmlNamespace: XMLNamespace? = nil,
        timestampFormat: TimestampFormat? = nil,
        min: Double? = nil,
        max: Double? = nil,
        pattern: String? = nil,
        enumValues: [String] = [],
        error: ErrorTrait? = nil,
        isException: Bool = false,
        isFault: Bool = false,
        payload: String? = nil,
        isUnion: Bool = false,
        isDocument: Bool = false,
        isSparse: Bool = false,
        isStreaming: Bool = false,
        isEventStream: Bool = false,
        isEvent: Bool = false,
        requiresLength: Bool = false,
        xmlOrder: [String]? = nil,
        uniqueItems: Bool = false,
        mediaType: String? = nil,
        internalEnumValues: [String] = []
    ) {
        self.name = name
        self.type = type
        self.members = members
        self.listMember = listMember
        self.mapKey = mapKey
        self.mapValue = mapValue
        self.flattened = flattened
        self.locationName = locationName
        self.xmlNamespace = xmlNamespace
        self.timestampFormat = timestampFormat
        self.min = min
        self.max = max
        self.pattern = pattern
        self.enumValues = enumValues
        self.error = error
        self.isException = isException
        self.isFault = isFault
        self.payload = payload
        self.isUnion = isUnion
        self.isDocument = isDocument
        self.isSparse = isSparse
        self.isStreaming = isStreaming
        self.isEventStream = isEventStream
        self.isEvent = isEvent
        self.requiresLength = requiresLength
        self.xmlOrder = xmlOrder
        self.uniqueItems = uniqueItems
        self.mediaType = mediaType
        self.internalEnumValues = internalEnumValues
        var index: [String: Int] = [:]
        for (position, member) in members.enumerated() { index[member.name] = position }
        self.memberIndex = index
    }

    /// The structure member called `name`, or `nil`.
    package func member(named name: String) -> MemberSchema? {
        memberIndex[name].map { members[$0] }
    }
}
