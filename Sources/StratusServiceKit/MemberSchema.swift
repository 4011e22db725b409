/// Where a member of an input or output structure travels in an HTTP message.
package enum MemberLocation: String, Sendable {
    /// In the body (JSON object member, XML element, form field).
    case body
    /// In one HTTP header named by `locationName`.
    case header
    /// In every header starting with the prefix `locationName` (a map).
    case headers
    /// In the query string.
    case querystring
    /// In a label of the URI template.
    case uri
    /// The HTTP status code of a response.
    case statusCode
}

/// A reference from a structure, list or map to a shape, with the wire traits of that reference.
package final class MemberSchema: Sendable {
    /// The member name (for list and map references: `member`, `key`, `value`).
    package let name: String
    /// The target shape, an index into ``ServiceSchema/shapes``.
    package let shape: ShapeID
    /// Where the member travels.
    package let location: MemberLocation
    /// The wire name: header, query key, URI label, JSON key (rest-json), XML element or form key.
    package let locationName: String?
    /// The name used by the EC2 query dialect (kept for completeness).
    package let queryName: String?
    /// The member's XML namespace.
    package let xmlNamespace: XMLNamespace?
    /// Written as an XML attribute rather than an element.
    package let xmlAttribute: Bool
    /// A flattened list or map member.
    package let flattened: Bool
    /// A timestamp format that overrides the target shape's.
    package let timestampFormat: TimestampFormat?
    /// The member must be present.
    package let isRequired: Bool
    /// An idempotency token the server may fill when missing.
    package let idempotencyToken: Bool
    /// A string that holds JSON (base64-encoded when in a header).
    package let jsonValue: Bool
    /// Also used as a label of the endpoint host prefix.
    package let hostLabel: Bool
    /// The payload of an event.
    package let eventPayload: Bool
    /// The `resultWrapper` element of an AWS Query output reference.
    package let resultWrapper: String?
    /// The member's default value as JSON text (Smithy defaults), or `nil`.
    package let defaultValue: String?
    /// A member-level minimum length or value (Smithy `@length`/`@range` on the member) that overrides the
    /// target shape's ``ShapeSchema/min``; `nil` when the member adds none. Use ``effectiveMin(in:)`` to read both.
    package let min: Double?
    /// A member-level maximum length or value that overrides the target shape's ``ShapeSchema/max``.
    package let max: Double?
    /// A member-level `pattern` (Smithy `@pattern` on the member) that overrides the target shape's.
    package let pattern: String?

    package init(
        name: String,
        shape: ShapeID,
        location: MemberLocation = .body,
        locationName: String? = nil,
        queryName: String? = nil,
        xmlNamespace: XMLNamespace? = nil,
        xmlAttribute: Bool = false,
        flattened: Bool = false,
        timestampFormat: TimestampFormat? = nil,
        isRequired: Bool = false,
        idempotencyToken: Bool = false,
        jsonValue: Bool = false,
        hostLabel: Bool = false,
        eventPayload: Bool = false,
        resultWrapper: String? = nil,
        defaultValue: String? = nil,
        min: Double? = nil,
        max: Double? = nil,
        pattern: String? = nil
    ) {
        self.name = name
        self.shape = shape
        self.location = location
        self.locationName = locationName
        self.queryName = queryName
        self.xmlNamespace = xmlNamespace
        self.xmlAttribute = xmlAttribute
        self.flattened = flattened
        self.timestampFormat = timestampFormat
        self.isRequired = isRequired
        self.idempotencyToken = idempotencyToken
        self.jsonValue = jsonValue
        self.hostLabel = hostLabel
        self.eventPayload = eventPayload
        self.resultWrapper = resultWrapper
        self.defaultValue = defaultValue
        self.min = min
        self.max = max
        self.pattern = pattern
    }

    /// The name on the wire: ``locationName`` when set, else ``name``.
    package var wireName: String { locationName ?? name }

    /// The length/range minimum in force for values of this member: its own ``min`` when set, else the target
    /// shape's. Smithy overrides `@length` and `@range` as a whole, so when the member sets either bound, the
    /// shape's bounds no longer apply.
    package func effectiveMin(in service: ServiceSchema) -> Double? {
        hasOwnBounds ? min : service[shape: shape].min
    }

    /// The length/range maximum in force for values of this member (see ``effectiveMin(in:)``).
    package func effectiveMax(in service: ServiceSchema) -> Double? {
        hasOwnBounds ? max : service[shape: shape].max
    }

    /// The pattern in force for values of this member: its own ``pattern`` when set, else the target shape's.
    package func effectivePattern(in service: ServiceSchema) -> String? {
        pattern ?? service[shape: shape].pattern
    }

    /// Whether the member carries its own `min` or `max`.
    private var hasOwnBounds: Bool { min != nil || max != nil }
}
