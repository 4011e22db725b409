/// Emits `<Svc>Client`: typed calls through a ``ServiceInvoker`` (in-process, no HTTP).
struct ClientEmitter {
    let mapper: TypeMapper
    let namespace: String

    func emit() throws -> String {
        let model = mapper.model
        var w = SwiftWriter()
        w.line(SwiftWriter.header)
        w.line("import StratusServiceKit")
        w.line()
        w.line("/// Calls the `\(model.modelName)` service in-process with typed values, as one caller (`context`).")
        w.line("/// Errors are the ``AWSServiceError``s the service answered; event-stream operations are not offered.")
        try w.block("package struct \(namespace)Client: Sendable {") { w in
            w.line("/// Where calls go.")
            w.line("package let invoker: any ServiceInvoker")
            w.line("/// Who calls, in which account and region.")
            w.line("package let context: RequestContext")
            w.line()
            w.line("/// A client sending every call through `invoker` as `context`.")
            w.block("package init(invoker: any ServiceInvoker, context: RequestContext) {") { w in
                w.line("self.invoker = invoker")
                w.line("self.context = context")
            }
            for operation in model.operations where !mapper.usesEventStream(operation) {
                let signature = try HandlerEmitter.signature(operation, mapper: mapper, namespace: namespace)
                w.line()
                w.line("/// Calls `\(operation.name)`.")
                w.block("package " + HandlerEmitter.declaration(signature, context: false) + " {") { w in
                    let input = signature.inputType == nil ? ".emptyObject" : "input.awsValue"
                    let call = "try await invoker.invoke(service: \(SwiftLiteral.string(model.modelName)), "
                        + "operation: \(SwiftLiteral.string(operation.name)), input: \(input), context: context)"
                    if let output = signature.outputType {
                        w.line("let output = \(call)")
                        w.line("return try \(output)(awsValue: output)")
                    } else {
                        w.line("_ = \(call)")
                    }
                }
            }
        }
        return w.text
    }
}
