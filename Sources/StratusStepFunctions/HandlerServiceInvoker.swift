// HandlerServiceInvoker: in-process calls to registered service handlers.
import StratusServiceKit
import Synchronization

/// A `ServiceInvoker` over a set of handlers, matched by model name (`sqs`, …).
///
/// Guarantees: the call runs the handler's `handle(operation:input:context:)` exactly as the wire gateway would
/// after decoding, so the callee validates and answers as for a client; an unknown service or operation answers
/// `NotImplemented`. Handlers given at creation are there for every call; one ``register(_:)``ed later (a service
/// that calls itself, such as Step Functions' `aws-sdk:sfn` Tasks, exists only after its invoker) is there for
/// every call that starts after the registration. Copies share their handlers.
package struct HandlerServiceInvoker: ServiceInvoker {
    private final class Handlers: Sendable {
        let list: Mutex<[any AWSServiceHandler]>
        init(_ handlers: [any AWSServiceHandler]) { list = Mutex(handlers) }
    }

    private let registered: Handlers

    /// An invoker reaching `handlers`.
    package init(handlers: [any AWSServiceHandler]) { registered = Handlers(handlers) }

    /// The handlers calls may reach now.
    package var handlers: [any AWSServiceHandler] { registered.list.withLock { $0 } }

    /// Adds a handler (replacing one of the same model).
    package func register(_ handler: any AWSServiceHandler) {
        registered.list.withLock { list in
            list.removeAll { $0.schema.modelName == handler.schema.modelName }
            list.append(handler)
        }
    }

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
