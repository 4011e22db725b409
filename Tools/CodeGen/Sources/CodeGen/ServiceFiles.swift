/// Everything generated for one of the eight services.
struct ServiceFiles {
    let model: ServiceModel
    let target: ServiceTarget

    func write(into output: inout OutputDirectory) throws {
        let schema = SchemaEmitter(serviceModel: model, name: target.name, property: target.schemaProperty)
        try output.write("\(target.name)+Schema.swift", schema.emit())
        let mapper = try TypeMapper(model: model)
        for (name, text) in try ShapesEmitter(mapper: mapper, namespace: target.name).emit() {
            try output.write(name, text)
        }
        try output.write("\(target.name)+Errors.swift", ErrorsEmitter(model: model, namespace: target.name).emit())
        let handler = HandlerEmitter(mapper: mapper, namespace: target.name, schemaProperty: target.schemaProperty)
        try output.write("\(target.name)+Handler.swift", handler.emit())
        try output.write("\(target.name)+Client.swift", ClientEmitter(mapper: mapper, namespace: target.name).emit())
    }
}
