import StratusServiceKit

extension AWSJSONShapeMapper {
    /// Reads `shapeID` straight from the UTF-8 JSON text `bytes` (no ``JSONValue`` tree in between), for the
    /// common shapes of request bodies.
    ///
    /// Guarantees: a non-`nil` answer is exactly what ``read(_:shape:path:)`` answers for the parsed `bytes`,
    /// and the text is valid JSON whose top level is an object. `nil` means "not read here" — the text is not JSON,
    /// a value does not fit its shape, or it uses something this reader leaves to the general path: escapes in
    /// strings, non-ASCII structure keys, repeated keys, `null` in a non-sparse map, documents, numbers other than
    /// plain integers of up to 18 digits, nesting deeper than 64, absent members with Smithy defaults. Callers then
    /// take the general path, which accepts or rejects the text with its own messages.
    package func read(jsonBytes bytes: [UInt8], shape shapeID: ShapeID) -> AWSValue? {
        AWSJSONDirectReader(shapes: service.shapes, usesLocationNames: usesLocationNames).read(bytes, shape: shapeID)
    }
}

