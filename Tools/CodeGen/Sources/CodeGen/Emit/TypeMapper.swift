/// Decides the Swift type of every shape reference and which shapes become generated types.
///
/// Types inside the service namespace are written unqualified; library types are fully qualified
/// (`Swift.String`, `Foundation.Data`) so that shape names such as `String`, `Data` or `Error` never shadow them.
struct TypeMapper {
    let model: ServiceModel
    private let shapes: [String: Shape]
    /// Shape name → Swift type name, for shapes that become generated types.
    let typeNames: [String: String]
    /// `(structure, member)` pairs stored boxed because the structure can contain itself without a list or map.
    let boxedMembers: Set<String>

    init(model: ServiceModel) throws {
        self.model = model
        var shapes: [String: Shape] = [:]
        for shape in model.shapes { shapes[shape.name] = shape }
        self.shapes = shapes

        var typeNames: [String: String] = [:]
        var used: [String: String] = [:]
        for shape in model.shapes where TypeMapper.isGeneratedType(shape) {
            var name = Naming.typeName(shape.name)
            var counter = 2
            while used[name] != nil {
                name = Naming.typeName(shape.name) + "_\(counter)"
                counter += 1
            }
            used[name] = shape.name
            typeNames[shape.name] = name
        }
        self.typeNames = typeNames
        self.boxedMembers = TypeMapper.findRecursiveMembers(model: model, shapes: shapes)
    }

    /// Structures (other than documents) and enum strings become Swift types.
    static func isGeneratedType(_ shape: Shape) -> Bool {
        (shape.type == "structure" && !shape.isDocument) || (shape.type == "string" && !shape.enumValues.isEmpty)
    }

    func shape(_ name: String) -> Shape? { shapes[name] }

    /// The Swift type of a reference to `target` (without optionality).
    func swiftType(_ target: String) throws -> String {
        guard let shape = shapes[target] else { throw ModelError("\(model.modelName): unknown shape \(target)") }
        switch shape.type {
        case "structure":
            if shape.isDocument { return "StratusServiceKit.AWSValue" }
            return typeNames[shape.name]!
        case "string":
            return typeNames[shape.name] ?? "Swift.String"
        case "integer", "long", "byte", "short": return "Swift.Int"
        case "float", "double": return "Swift.Double"
        case "boolean": return "Swift.Bool"
        case "blob": return "Foundation.Data"
        case "timestamp": return "Foundation.Date"
        case "list":
            let element = try swiftType(shape.listMember!.target)
            return shape.isSparse ? "[\(element)?]" : "[\(element)]"
        case "map":
            let value = try swiftType(shape.mapValue!.target)
            return shape.isSparse ? "[Swift.String: \(value)?]" : "[Swift.String: \(value)]"
        default:
            throw ModelError("\(model.modelName): shape \(target) of type \(shape.type) has no Swift mapping")
        }
    }

    static func boxKey(_ structure: String, _ member: String) -> String { structure + "$" + member }

    /// Members `S.m` whose target structure can reach `S` again through structure members only (no list or
    /// map in between): a Swift struct cannot hold those inline.
    private static func findRecursiveMembers(model: ServiceModel, shapes: [String: Shape]) -> Set<String> {
        func directTargets(_ name: String) -> [String] {
            guard let shape = shapes[name], shape.type == "structure" else { return [] }
            return shape.members.map(\.target).filter { shapes[$0]?.type == "structure" && shapes[$0]?.isDocument == false }
        }
        func reaches(_ from: String, _ goal: String) -> Bool {
            var seen: Set<String> = [from]
            var stack = [from]
            while let next = stack.popLast() {
                if next == goal { return true }
                for target in directTargets(next) where !seen.contains(target) {
                    seen.insert(target)
                    stack.append(target)
                }
            }
            return false
        }
        var boxed: Set<String> = []
        for shape in model.shapes where shape.type == "structure" && !shape.isDocument {
            for member in shape.members where directTargets(shape.name).contains(member.target) {
                if reaches(member.target, shape.name) { boxed.insert(boxKey(shape.name, member.name)) }
            }
        }
        return boxed
    }

    /// Operations whose input or output structure has an event-stream member: no typed handler method.
    func usesEventStream(_ operation: Operation) -> Bool {
        for ref in [operation.input, operation.output].compactMap({ $0 }) {
            guard let shape = shapes[ref.target] else { continue }
            if shape.isEventStream { return true }
            if shape.members.contains(where: { shapes[$0.target]?.isEventStream == true }) { return true }
        }
        return false
    }
}
