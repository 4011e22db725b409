import Foundation

/// A model the generator cannot represent faithfully; generation stops rather than guess.
struct ModelError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
    init(_ message: String) { self.message = message }
}

/// Reads a botocore `service-2.json` document (after overlays) into a ``ServiceModel``.
///
/// Documentation is never read. Anything the IR has no place for is ignored only when it has no wire meaning
/// (`box`, `sensitive`, `deprecatedMessage`, `contextParam`, …); unknown shape types, locations and timestamp
/// formats are errors.
enum ModelReader {
    static let shapeTypes: Set<String> = [
        "structure", "list", "map", "string", "integer", "long", "byte", "short", "boolean", "blob", "timestamp",
        "float", "double", "bigInteger", "bigDecimal",
    ]
    static let locations: Set<String> = ["header", "headers", "querystring", "uri", "statusCode"]
    static let timestampFormats: Set<String> = ["unixTimestamp", "iso8601", "rfc822"]

    static func read(_ document: JSON, modelName: String) throws -> ServiceModel {
        guard let metadata = document["metadata"], let shapesJSON = document["shapes"]?.members,
            let operationsJSON = document["operations"]?.members
        else { throw ModelError("\(modelName): not a botocore model (metadata/shapes/operations missing)") }

        let protocols: [String]
        if let list = metadata["protocols"]?.array {
            protocols = list.compactMap(\.string)
        } else if let single = metadata["protocol"]?.string {
            protocols = [single]
        } else {
            throw ModelError("\(modelName): metadata has no protocol")
        }
        for proto in protocols where !["json", "query", "rest-json", "rest-xml"].contains(proto) {
            throw ModelError("\(modelName): unsupported protocol \(proto)")
        }
        guard let endpointPrefix = metadata["endpointPrefix"]?.string,
            let apiVersion = metadata["apiVersion"]?.string,
            let serviceID = metadata["serviceId"]?.string
        else { throw ModelError("\(modelName): metadata lacks endpointPrefix/apiVersion/serviceId") }

        var intEnums: [String: [String]] = [:]
        if let table = document["x-smithy"]?["intEnums"]?.members {
            for (shapeName, values) in table {
                intEnums[shapeName] = (values.members ?? []).compactMap { $0.1.numberText }
            }
        }

        let traits = SmithyTraits(document["x-smithy"])
        var shapes: [Shape] = []
        for (name, json) in shapesJSON {
            var shape = try readShape(name: name, json, intEnumValues: intEnums[name], model: modelName)
            traits.apply(to: &shape)
            shapes.append(shape)
        }
        shapes.sort { $0.name < $1.name }
        let names = Set(shapes.map(\.name))

        var operations: [Operation] = []
        for (name, json) in operationsJSON {
            operations.append(try readOperation(name: name, json, model: modelName))
        }
        operations.sort { $0.name < $1.name }

        let model = ServiceModel(
            modelName: modelName,
            serviceID: serviceID,
            endpointPrefix: endpointPrefix,
            signingName: metadata["signingName"]?.string ?? endpointPrefix,
            apiVersion: apiVersion,
            protocols: protocols,
            jsonVersion: metadata["jsonVersion"]?.string,
            targetPrefix: metadata["targetPrefix"]?.string,
            xmlNamespace: metadata["xmlNamespace"].flatMap { $0.string ?? $0["uri"]?.string },
            awsQueryCompatible: metadata["awsQueryCompatible"] != nil,
            shapes: shapes,
            operations: operations
        )
        try validateReferences(model, names: names)
        return model
    }

    private static func validateReferences(_ model: ServiceModel, names: Set<String>) throws {
        func check(_ ref: MemberRef?, _ owner: String) throws {
            guard let ref else { return }
            guard names.contains(ref.target) else {
                throw ModelError("\(model.modelName): \(owner) refers to unknown shape \(ref.target)")
            }
        }
        for shape in model.shapes {
            for member in shape.members { try check(member, "\(shape.name).\(member.name)") }
            try check(shape.listMember, "\(shape.name).member")
            try check(shape.mapKey, "\(shape.name).key")
            try check(shape.mapValue, "\(shape.name).value")
        }
        for operation in model.operations {
            try check(operation.input, "\(operation.name).input")
            try check(operation.output, "\(operation.name).output")
            for error in operation.errors where !names.contains(error) {
                throw ModelError("\(model.modelName): \(operation.name) lists unknown error \(error)")
            }
        }
    }

    private static func readNamespace(_ json: JSON?) -> XMLNamespaceIR? {
        guard let json else { return nil }
        if let uri = json.string { return XMLNamespaceIR(uri: uri, prefix: nil) }
        guard let uri = json["uri"]?.string else { return nil }
        return XMLNamespaceIR(uri: uri, prefix: json["prefix"]?.string)
    }

    private static func readTimestampFormat(_ json: JSON?, _ owner: String) throws -> String? {
        guard let format = json?.string else { return nil }
        guard timestampFormats.contains(format) else { throw ModelError("\(owner): unknown timestampFormat \(format)") }
        return format
    }

    static func readRef(name: String, _ json: JSON, required: Bool, owner: String) throws -> MemberRef {
        guard let target = json["shape"]?.string else { throw ModelError("\(owner): reference without shape") }
        var ref = MemberRef(name: name, target: target)
        if let location = json["location"]?.string {
            guard locations.contains(location) else { throw ModelError("\(owner): unknown location \(location)") }
            ref.location = location
        }
        ref.locationName = json["locationName"]?.string
        ref.queryName = json["queryName"]?.string
        ref.xmlNamespace = readNamespace(json["xmlNamespace"])
        ref.xmlAttribute = json["xmlAttribute"]?.bool ?? false
        ref.flattened = json["flattened"]?.bool ?? false
        ref.timestampFormat = try readTimestampFormat(json["timestampFormat"], owner)
        ref.isRequired = required
        ref.idempotencyToken = json["idempotencyToken"]?.bool ?? false
        ref.jsonValue = json["jsonvalue"]?.bool ?? false
        ref.hostLabel = json["hostLabel"]?.bool ?? false
        ref.eventPayload = json["eventpayload"]?.bool ?? false
        ref.resultWrapper = json["resultWrapper"]?.string
        if let value = json["default"] { ref.defaultValue = value.text }
        ref.min = json["min"]?.numberText
        ref.max = json["max"]?.numberText
        ref.pattern = json["pattern"]?.string
        ref.eventHeader = json["eventheader"]?.bool ?? false
        return ref
    }

    private static func readShape(name: String, _ json: JSON, intEnumValues: [String]?, model: String) throws -> Shape {
        let owner = "\(model): shape \(name)"
        guard let type = json["type"]?.string, shapeTypes.contains(type) else {
            throw ModelError("\(owner): unsupported type \(json["type"]?.text ?? "nil")")
        }
        var shape = Shape(name: name, type: type)
        let required = Set((json["required"]?.array ?? []).compactMap(\.string))
        if let members = json["members"]?.members {
            for (memberName, ref) in members {
                shape.members.append(
                    try readRef(name: memberName, ref, required: required.contains(memberName), owner: "\(owner).\(memberName)")
                )
            }
        }
        let unknownRequired = required.subtracting(shape.members.map(\.name))
        if !unknownRequired.isEmpty {
            throw ModelError("\(owner): required names unknown members \(unknownRequired.sorted())")
        }
        if let ref = json["member"] { shape.listMember = try readRef(name: "member", ref, required: false, owner: owner) }
        if let ref = json["key"] { shape.mapKey = try readRef(name: "key", ref, required: false, owner: owner) }
        if let ref = json["value"] { shape.mapValue = try readRef(name: "value", ref, required: false, owner: owner) }
        if type == "list", shape.listMember == nil { throw ModelError("\(owner): list without member") }
        if type == "map", shape.mapKey == nil || shape.mapValue == nil { throw ModelError("\(owner): map without key/value") }
        shape.flattened = json["flattened"]?.bool ?? false
        shape.locationName = json["locationName"]?.string
        shape.xmlNamespace = readNamespace(json["xmlNamespace"])
        shape.timestampFormat = try readTimestampFormat(json["timestampFormat"], owner)
        shape.min = json["min"]?.numberText
        shape.max = json["max"]?.numberText
        shape.pattern = json["pattern"]?.string
        shape.enumValues = (json["enum"]?.array ?? []).compactMap(\.string)
        if let intEnumValues, type == "integer" || type == "long" || type == "short" || type == "byte" {
            shape.enumValues = intEnumValues
        }
        if let error = json["error"] {
            shape.error = ErrorTraitIR(
                code: error["code"]?.string,
                httpStatusCode: error["httpStatusCode"]?.int,
                senderFault: error["senderFault"]?.bool
            )
        }
        shape.isException = json["exception"]?.bool ?? false
        shape.isFault = json["fault"]?.bool ?? false
        shape.payload = json["payload"]?.string
        shape.isUnion = json["union"]?.bool ?? false
        shape.isDocument = json["document"]?.bool ?? false
        shape.isSparse = json["sparse"]?.bool ?? false
        shape.isStreaming = json["streaming"]?.bool ?? false
        shape.isEventStream = json["eventstream"]?.bool ?? false
        shape.isEvent = json["event"]?.bool ?? false
        shape.requiresLength = json["requiresLength"]?.bool ?? false
        shape.xmlOrder = json["xmlOrder"]?.array?.compactMap(\.string)
        return shape
    }

    private static func readOperation(name: String, _ json: JSON, model: String) throws -> Operation {
        let owner = "\(model): operation \(name)"
        let http = json["http"]
        var input: MemberRef?
        var output: MemberRef?
        if let ref = json["input"] { input = try readRef(name: "input", ref, required: false, owner: owner) }
        if let ref = json["output"] { output = try readRef(name: "output", ref, required: false, owner: owner) }
        let errors = try (json["errors"]?.array ?? []).map { error -> String in
            guard let shape = error["shape"]?.string else { throw ModelError("\(owner): error without shape") }
            return shape
        }
        let checksumRequired = json["httpChecksumRequired"]?.bool ?? false
        let checksumTrait = json["httpChecksum"]?["requestChecksumRequired"]?.bool ?? false
        return Operation(
            name: name,
            httpMethod: http?["method"]?.string ?? "POST",
            requestURI: http?["requestUri"]?.string ?? "/",
            responseCode: http?["responseCode"]?.int,
            input: input,
            output: output,
            errors: errors,
            hostPrefix: json["endpoint"]?["hostPrefix"]?.string,
            isDeprecated: json["deprecated"]?.bool ?? false,
            httpChecksumRequired: checksumRequired || checksumTrait,
            authType: json["authtype"]?.string
        )
    }
}
