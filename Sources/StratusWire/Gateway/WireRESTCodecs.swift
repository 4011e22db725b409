import OrderedCollections
import StratusJSON
import StratusServiceKit

/// The REST codecs the ``WireGateway`` uses for REST-JSON and REST-XML services.
///
/// Guarantees: returns the REST helper's codecs (`Sources/StratusWire/REST/`) once they exist; until then a
/// codec that rejects every request with 501 `NotImplemented` and writes errors in the protocol's basic
/// error format (REST-JSON: `x-amzn-errortype` and `{"message"}`; REST-XML: `<Error><Code>…`).
package enum WireRESTCodecs {
    /// The codec of a REST protocol.
    package static func codec(for wireProtocol: WireProtocol) -> any ProtocolCodec {
        WireUnavailableRESTCodec(wireProtocol: wireProtocol)
    }
}

/// A REST codec placeholder that fails every request clearly (see ``WireRESTCodecs``).
package struct WireUnavailableRESTCodec: ProtocolCodec {
    /// REST-JSON or REST-XML.
    package let wireProtocol: WireProtocol

    package func decodeRequest(_ request: WireRequest, operation: OperationSchema, service: ServiceSchema) throws -> AWSValue {
        throw AWSServiceError.notImplemented(service: service.serviceID, operation: operation.name)
    }

    package func encodeResponse(
        _ output: AWSValue, operation: OperationSchema, service: ServiceSchema, requestID: String
    ) throws -> WireResponse {
        throw AWSServiceError.notImplemented(service: service.serviceID, operation: operation.name)
    }

    package func encodeError(
        _ error: AWSServiceError, operation: OperationSchema?, service: ServiceSchema?, requestID: String
    ) -> WireResponse {
        if wireProtocol == .restXML {
            var root = XMLElement(name: "Error")
            root.append(XMLElement(name: "Code", text: error.code.code))
            root.append(XMLElement(name: "Message", text: error.message ?? ""))
            root.append(XMLElement(name: "RequestId", text: requestID))
            return WireResponse(
                status: error.code.httpStatus, headers: [("Content-Type", "application/xml")] + error.headers,
                body: root.serialized(declaration: true))
        }
        let body = RPCJSONText.serialize(.object(["message": .string(error.message ?? "")]))
        return WireResponse(
            status: error.code.httpStatus,
            headers: [("Content-Type", "application/json"), ("x-amzn-errortype", error.code.code)] + error.headers,
            body: body)
    }
}
