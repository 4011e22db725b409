/// Everything generated for one of the seven services.
struct ServiceFiles {
    let model: ServiceModel
    let target: ServiceTarget

    func write(into output: inout OutputDirectory) throws {
        let schema = SchemaEmitter(
            model: model,
            propertyName: target.schemaProperty,
            tablesName: "\(target.name)SchemaTables",
            summary: "The `\(model.modelName)` model (\(model.serviceID) \(model.apiVersion)) as a schema table."
        )
        try output.write("\(target.name)+Schema.swift", schema.emit())
    }
}
