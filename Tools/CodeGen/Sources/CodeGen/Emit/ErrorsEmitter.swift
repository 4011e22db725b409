/// Emits `<Svc>Errors`: one ``AWSErrorCode`` per exception shape, plus a lookup by shape name.
struct ErrorsEmitter {
    let model: ServiceModel
    let namespace: String

    /// Code, status, fault side and legacy query code of an exception shape.
    static func errorCode(_ shape: Shape, model: ServiceModel) -> (code: String, status: Int, sender: Bool, queryCode: String?) {
        let isQuery = model.protocols.first == "query"
        let code = isQuery ? (shape.error?.code ?? shape.name) : shape.name
        let status = shape.error?.httpStatusCode ?? (shape.isFault ? 500 : 400)
        let sender = shape.error?.senderFault ?? !shape.isFault
        let queryCode = model.awsQueryCompatible ? shape.error?.code : nil
        return (code, status, sender, queryCode)
    }

    func emit() -> String {
        let exceptions = model.shapes.filter(\.isException)
        let names = Naming.uniqued(exceptions.map { Naming.lowerCamel($0.name) })
        var w = SwiftWriter()
        w.line(SwiftWriter.header)
        w.line("import StratusServiceKit")
        w.line()
        w.line("/// The error codes of the `\(model.modelName)` model, one per exception shape, as the wire carries them.")
        w.block("package enum \(namespace)Errors {") { w in
            for (shape, name) in zip(exceptions, names) {
                let error = Self.errorCode(shape, model: model)
                var args = [SwiftLiteral.string(error.code), "httpStatus: \(error.status)", "senderFault: \(error.sender)"]
                if let queryCode = error.queryCode { args.append("queryCode: \(SwiftLiteral.string(queryCode))") }
                w.line("/// The `\(shape.name)` exception.")
                w.line("package static let \(Naming.escaped(name)) = AWSErrorCode(\(args.joined(separator: ", ")))")
            }
            w.line()
            w.line("/// Every error above by its exception shape name.")
            if exceptions.isEmpty {
                w.line("package static let byShapeName: [String: AWSErrorCode] = [:]")
            } else {
                w.block("package static let byShapeName: [String: AWSErrorCode] = [", closing: "]") { w in
                    for (shape, name) in zip(exceptions, names) {
                        w.line("\(SwiftLiteral.string(shape.name)): \(Naming.escaped(name)),")
                    }
                }
            }
        }
        return w.text
    }
}
