// A final pass over the compiled tree: flags paths that may take the direct-lookup fast path.

extension Parser {
    /// Sets ``Node/isSimplePath`` on every qualifying path in the tree.
    static func markSimplePaths(_ node: Node) {
        if node.type == .path { node.isSimplePath = isSimple(node) }
        var children: [Node] = []
        for child in [node.lhs, node.rhs, node.expression, node.procedure, node.body, node.condition, node.then,
                      node.otherwise, node.pattern, node.update, node.delete] {
            if let child { children.append(child) }
        }
        children.append(contentsOf: node.expressions)
        children.append(contentsOf: node.steps)
        children.append(contentsOf: node.arguments)
        for (name, value) in node.pairs { children.append(name); children.append(value) }
        for term in node.sortTerms { children.append(term.expression) }
        for stage in (node.predicate ?? []) + (node.stages ?? []) {
            if let expression = stage.expression { children.append(expression) }
        }
        if let group = node.group {
            for (name, value) in group.pairs { children.append(name); children.append(value) }
        }
        for child in children { markSimplePaths(child) }
    }

    private static func isSimple(_ path: Node) -> Bool {
        if path.keepSingletonArray || path.group != nil || path.tuple || path.keepArray || path.predicate != nil {
            return false
        }
        for (index, step) in path.steps.enumerated() {
            let plainStep = step.stages == nil && step.predicate == nil && step.group == nil && !step.tuple
                && !step.keepArray && !step.consArray && step.focus == nil && step.indexVariable == nil
                && step.ancestor == nil
            guard plainStep else { return false }
            if step.type == .name { continue }
            if index == 0 && step.type == .variable { continue }
            return false
        }
        return true
    }
}
