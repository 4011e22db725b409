import StratusServiceKit

/// One AWS wire protocol: turns requests into model-shaped input and model-shaped output or errors into responses.
///
/// Codecs are pure (no I/O, no clock): everything they need comes in through their arguments.
package protocol ProtocolCodec: Sendable {
    /// Decodes the input structure of `operation` from `request`.
    /// - Throws: ``AWSServiceError`` (e.g. `SerializationException`) when the request does not fit the protocol or the model.
    func decodeRequest(_ request: WireRequest, operation: OperationSchema, service: ServiceSchema) throws -> AWSValue

    /// Encodes a successful `output` of `operation`.
    func encodeResponse(
        _ output: AWSValue, operation: OperationSchema, service: ServiceSchema, requestID: String
    ) throws -> WireResponse

    /// Encodes `error` in the protocol's error format. `operation` is `nil` when routing failed.
    func encodeError(
        _ error: AWSServiceError, operation: OperationSchema?, service: ServiceSchema?, requestID: String
    ) -> WireResponse
}
