/// The Smithy traits a protocol-test model keeps under `x-smithy` (botocore has no field for them) that carry
/// wire or validation meaning: `traits` (`@uniqueItems`, `@mediaType` per shape, `@internal` per enum value
/// as `Shape$NAME`) and `enumNames` (enum value names where they differ from the values).
///
/// Other traits there (`@xmlName` of a structure, `@paginated`, `@clientOptional`, `@service`, …) have no
/// place in the schema and are ignored. Real botocore models have no `x-smithy`, so this reads nothing for them.
struct SmithyTraits {
    private var byTarget: [String: JSON] = [:]
    private var enumNames: [String: [String: String]] = [:]

    init(_ smithy: JSON?) {
        for (target, traits) in smithy?["traits"]?.members ?? [] { byTarget[target] = traits }
        for (shape, names) in smithy?["enumNames"]?.members ?? [] {
            var table: [String: String] = [:]
            for (name, value) in names.members ?? [] { table[name] = value.string }
            enumNames[shape] = table
        }
    }

    /// Sets `uniqueItems`, `mediaType` and `internalEnumValues` of `shape` from the traits that name it.
    func apply(to shape: inout Shape) {
        if let traits = byTarget[shape.name] {
            shape.uniqueItems = traits["smithy.api#uniqueItems"] != nil
            shape.mediaType = traits["smithy.api#mediaType"]?.string
        }
        guard !shape.enumValues.isEmpty else { return }
        let prefix = shape.name + "$"
        var internalValues: Set<String> = []
        for (target, traits) in byTarget where target.hasPrefix(prefix) && traits["smithy.api#internal"] != nil {
            let name = String(target.dropFirst(prefix.count))
            internalValues.insert(enumNames[shape.name]?[name] ?? name)
        }
        // Model order, so the output is deterministic.
        shape.internalEnumValues = shape.enumValues.filter(internalValues.contains)
    }
}
