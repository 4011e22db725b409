import StratusServiceKit

/// Content-Type and Accept checks shared by the REST codecs.
package enum RESTMediaType {
    /// The REST-JSON rejection of a request whose Content-Type does not fit the operation (HTTP 415).
    package static let unsupportedMediaType = AWSErrorCode("UnsupportedMediaTypeException", httpStatus: 415)
    /// The REST-JSON rejection of a request whose Accept header excludes the response's media type (HTTP 406).
    package static let notAcceptable = AWSErrorCode("NotAcceptableException", httpStatus: 406)

    /// The media type of a header value without parameters, lowercased (`application/json; charset=utf-8` →
    /// `application/json`); `nil` for `nil`.
    package static func essence(_ value: String?) -> String? {
        guard let value else { return nil }
        let head = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return String(head.filter { !$0.isWhitespace }).lowercased()
    }

    /// Whether an `Accept` header value admits `mediaType` (`*/*`, `type/*` and exact ranges; parameters ignored).
    package static func accepts(_ accept: String, _ mediaType: String) -> Bool {
        let wanted = mediaType.lowercased()
        let wantedType = wanted.split(separator: "/").first.map(String.init) ?? wanted
        for range in accept.split(separator: ",") {
            guard let item = essence(String(range)), !item.isEmpty else { continue }
            if item == "*/*" || item == wanted || item == "\(wantedType)/*" { return true }
        }
        return false
    }

    /// The Content-Type of a blob or string payload shape on the wire: its model `@mediaType` when set, else
    /// `application/octet-stream` (blobs) or `text/plain` (strings).
    package static func payloadMediaType(of shape: ShapeSchema) -> String {
        if let mediaType = shape.mediaType { return mediaType }
        return shape.type == .string ? "text/plain" : "application/octet-stream"
    }
}
