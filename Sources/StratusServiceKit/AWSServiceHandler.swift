/// A service that answers operations of one ``ServiceSchema`` with model-shaped values.
///
/// Generated handler protocols (`SQSHandler`, …) refine this protocol and implement ``handle(operation:input:context:)``
/// by decoding `input` into the typed request, calling the typed method and encoding its result; their default
/// method implementations throw ``AWSServiceError/notImplemented(service:operation:)``.
package protocol AWSServiceHandler: Sendable {
    /// The model this handler answers for.
    var schema: ServiceSchema { get }

    /// Answers one operation.
    /// - Parameters:
    ///   - operation: the operation, from ``schema``.
    ///   - input: the decoded input structure (``AWSValue/object(_:)``).
    ///   - context: who, where and when.
    /// - Returns: the output structure (``AWSValue/object(_:)``), empty for operations without output.
    /// - Throws: ``AWSServiceError`` for answers the client should see; anything else becomes `InternalFailure`.
    func handle(operation: OperationSchema, input: AWSValue, context: RequestContext) async throws -> AWSValue
}

/// Calls services in-process by model name and operation name, with model-shaped values.
///
/// Generated typed clients (`SQSClient`, …) sit on top of this so that services call each other without
/// depending on each other's implementation targets.
package protocol ServiceInvoker: Sendable {
    /// Invokes `operation` of the service whose model is `service` (`sqs`, `lambda`, …).
    /// - Throws: ``AWSServiceError`` as the callee answered it.
    func invoke(service: String, operation: String, input: AWSValue, context: RequestContext) async throws -> AWSValue
}
