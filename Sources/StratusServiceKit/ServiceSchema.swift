/// The wire protocols of AWS services.
package enum WireProtocol: String, Sendable {
    /// AWS JSON 1.0 / 1.1 (`X-Amz-Target`, `application/x-amz-json-1.x`).
    case json
    /// AWS Query (form-encoded request, XML response).
    case query
    /// REST with JSON bodies.
    case restJSON = "rest-json"
    /// REST with XML bodies.
    case restXML = "rest-xml"
}

/// A whole service model: metadata, shapes and operations, generated from botocore by `Tools/CodeGen`. Immutable and
/// shared by reference (a class), so passing it around per request costs one reference count, not one per field.
package final class ServiceSchema: Sendable {
    /// The botocore model name (`sqs`, `stepfunctions`, …).
    package let modelName: String
    /// `metadata.serviceId` (`SQS`, `SFN`, …).
    package let serviceID: String
    /// `metadata.endpointPrefix` (`sqs`, `states`, …).
    package let endpointPrefix: String
    /// `metadata.signingName`, the SigV4 credential-scope service (`sqs`, `states`, …).
    package let signingName: String
    /// `metadata.apiVersion`.
    package let apiVersion: String
    /// Every protocol the service speaks, preferred first.
    package let protocols: [WireProtocol]
    /// `metadata.jsonVersion` (`1.0`, `1.1`) for JSON services.
    package let jsonVersion: String?
    /// `metadata.targetPrefix` for JSON services (`AmazonSQS`).
    package let targetPrefix: String?
    /// `metadata.xmlNamespace` for query and rest-xml services.
    package let xmlNamespace: String?
    /// `metadata.awsQueryCompatible` is set: errors also carry the legacy query code.
    package let awsQueryCompatible: Bool
    /// The shapes, sorted by name; ``ShapeID``s index this array.
    package let shapes: [ShapeSchema]
    /// The operations, sorted by name.
    package let operations: [OperationSchema]
    private let shapeIndex: [String: ShapeID]
    private let operationIndex: [String: Int]

    package init(
        modelName: String,
        serviceID: String,
        endpointPrefix: String,
        signingName: String,
        apiVersion: String,
        protocols: [WireProtocol],
        jsonVersion: String? = nil,
        targetPrefix: String? = nil,
        xmlNamespace: String? = nil,
        awsQueryCompatible: Bool = false,
        shapes: [ShapeSchema],
        operations: [OperationSchema]
    ) {
        self.modelName = modelName
        self.serviceID = serviceID
        self.endpointPrefix = endpointPrefix
        self.signingName = signingName
        self.apiVersion = apiVersion
        self.protocols = protocols
        self.jsonVersion = jsonVersion
        self.targetPrefix = targetPrefix
        self.xmlNamespace = xmlNamespace
        self.awsQueryCompatible = awsQueryCompatible
        self.shapes = shapes
        self.operations = operations
        var shapeIndex: [String: ShapeID] = [:]
        for (id, shape) in shapes.enumerated() { shapeIndex[shape.name] = id }
        self.shapeIndex = shapeIndex
        var operationIndex: [String: Int] = [:]
        for (position, operation) in operations.enumerated() { operationIndex[operation.name] = position }
        self.operationIndex = operationIndex
    }

    /// The shape with this ID. IDs come from the same table, so this never fails for a generated schema.
    package subscript(shape id: ShapeID) -> ShapeSchema { shapes[id] }

    /// The shape called `name`, or `nil`.
    package func shape(named name: String) -> ShapeSchema? {
        shapeIndex[name].map { shapes[$0] }
    }

    /// The ID of the shape called `name`, or `nil`.
    package func shapeID(named name: String) -> ShapeID? { shapeIndex[name] }

    /// The operation called `name`, or `nil`.
    package func operation(named name: String) -> OperationSchema? {
        operationIndex[name].map { operations[$0] }
    }
}
