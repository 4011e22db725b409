// HandlerServiceInvoker: in-process calls to registered service handlers.
import StratusServiceKit

/// A `ServiceInvoker` over a fixed set of handlers, matched by model name (`sqs`, …).
///
/// Guarantees: the call runs the handler's `handle(operation:input:context:)` exactly as the wire gateway would
/// after decoding, so the callee validates and answers as for a client; an unknown service or operation answers
/// `NotImplemented`.
package struct HandlerServiceInvoker: ServiceInvoker {
    /// The handlers calls may reach.
    package let handlers: [any AWSServiceHandler]

    /// An invoker reaching `handlers`.
    package init(handlers: [any AWSServiceHandler]) { self.handlers = handlers }

    /// Calls `operation` of the handler whose model is `service`.
    package func invoke(service: String, operation: String, input: AWSValue, context: RequestContext) async throws
        -> AWSValue
    {
        guard let handler = handlers.first(where: { $0.schema.modelName == service }),
            let schema = handler.schema.operation(named: operation)
        else { throw AWSServiceError.notImplemented(service: service, operation: operation) }
        return try await handler.handle(operation: schema, input: input, context: context)
    }
}
