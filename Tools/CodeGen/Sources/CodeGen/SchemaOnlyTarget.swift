/// A service Stratus does not implement whose model it still needs as a schema table (TestState checks mocked
/// `aws-sdk` Task results against it). Only `<Name>+Schema.swift` is generated, into `StratusAPISchemas`.
struct SchemaOnlyTarget {
    /// botocore model directory name (`kms`, `secretsmanager`).
    var model: String
    /// Swift name: file prefix and tables enum (`KMS`, `SecretsManager`).
    var name: String
    /// `ServiceSchema.<schemaProperty>`.
    var schemaProperty: String

    static let targetName = "StratusAPISchemas"

    static let all: [SchemaOnlyTarget] = [
        SchemaOnlyTarget(model: "kms", name: "KMS", schemaProperty: "kms"),
        SchemaOnlyTarget(model: "secretsmanager", name: "SecretsManager", schemaProperty: "secretsManager"),
    ]
}
