/// The kind of an AST node (jsonata-js `type`).
enum NodeType: Sendable {
    case name, variable, string, number, value, regex, `operator`, end
    case binary, unary, function, partial, lambda, block, condition, transform, elvis, coalesce
    case wildcard, descendant, parent, path, bind, apply, sort, filter, index
}
