import StratusServiceKit

/// The REST codecs the ``WireGateway`` uses for REST-JSON and REST-XML services.
///
/// Guarantees: REST-JSON → ``RESTJSONCodec``; REST-XML → ``RESTXMLCodec`` (S3's quirks apply to the S3 service).
package enum WireRESTCodecs {
    /// The codec of a REST protocol.
    package static func codec(for wireProtocol: WireProtocol) -> any ProtocolCodec {
        wireProtocol == .restXML ? RESTXMLCodec() : RESTJSONCodec()
    }
}
