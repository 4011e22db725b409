import StratusServiceKit

/// The handler of a service Stratus routes and decodes but does not implement yet: every operation answers
/// HTTP 501 `NotImplemented` with a message naming the operation, in the service's own error format.
package struct UnimplementedServiceHandler: AWSServiceHandler {
    package let schema: ServiceSchema

    package init(schema: ServiceSchema) {
        self.schema = schema
    }

    package func handle(operation: OperationSchema, input: AWSValue, context: RequestContext) async throws -> AWSValue {
        throw AWSServiceError.notImplemented(service: schema.serviceID, operation: operation.name)
    }
}
