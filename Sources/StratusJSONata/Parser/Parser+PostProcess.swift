// The jsonata-js post-parse pass: paths flattened into steps, predicates into stages, ancestry for `%`,
// tail calls wrapped as thunks.

extension Parser {
    private static func staticError(_ code: String, _ message: String, _ position: Int, token: String? = nil,
                                    value: String? = nil) -> JSONataError {
        JSONataError(code: code, message: message, position: position, token: token, value: value)
    }

    private func tailCallOptimize(_ expr: Node) -> Node {
        switch expr.type {
        case .function where expr.predicate == nil:
            let thunk = Node(type: .lambda, position: expr.position)
            thunk.thunk = true
            thunk.body = expr
            return thunk
        case .condition:
            if let then = expr.then { expr.then = tailCallOptimize(then) }
            if let otherwise = expr.otherwise { expr.otherwise = tailCallOptimize(otherwise) }
            return expr
        case .block:
            if let last = expr.expressions.last {
                expr.expressions[expr.expressions.count - 1] = tailCallOptimize(last)
            }
            return expr
        default:
            return expr
        }
    }

    @discardableResult
    private func seekParent(_ node: Node, _ slot: AncestorSlot) throws(JSONataError) -> AncestorSlot {
        var slot = slot
        switch node.type {
        case .name, .wildcard:
            slot.level -= 1
            if slot.level == 0 {
                if let existing = node.ancestor {
                    ancestry[slot.index].slot?.label = existing.label
                    node.ancestor = slot
                } else {
                    node.ancestor = slot
                }
                node.tuple = true
            }
        case .parent:
            slot.level += 1
        case .block:
            if let last = node.expressions.last {
                node.tuple = true
                slot = try seekParent(last, slot)
            }
        case .path:
            node.tuple = true
            var index = node.steps.count - 1
            slot = try seekParent(node.steps[index], slot)
            index -= 1
            while slot.level > 0 && index >= 0 {
                slot = try seekParent(node.steps[index], slot)
                index -= 1
            }
        default:
            throw Parser.staticError("S0217", "The object representing the 'parent' cannot be derived from this expression",
                                     node.position, token: "\(node.type)")
        }
        return slot
    }

    private func pushAncestry(_ result: Node, _ value: Node) {
        guard value.seekingParent != nil || value.type == .parent else { return }
        var slots = value.seekingParent ?? []
        if value.type == .parent, let slot = value.slot { slots.append(slot) }
        if result.seekingParent == nil {
            result.seekingParent = slots
        } else {
            result.seekingParent!.append(contentsOf: slots)
        }
    }

    private func resolveAncestry(_ path: Node) throws(JSONataError) {
        var index = path.steps.count - 1
        let lastStep = path.steps[index]
        var slots = lastStep.seekingParent ?? []
        if lastStep.type == .parent, let slot = lastStep.slot { slots.append(slot) }
        for original in slots {
            var slot = original
            index = path.steps.count - 2
            while slot.level > 0 {
                if index < 0 {
                    if path.seekingParent == nil {
                        path.seekingParent = [slot]
                    } else {
                        path.seekingParent!.append(slot)
                    }
                    break
                }
                var step = path.steps[index]
                index -= 1
                while index >= 0 && step.focus != nil && path.steps[index].focus != nil {
                    step = path.steps[index]
                    index -= 1
                }
                slot = try seekParent(step, slot)
            }
        }
    }

    mutating func processAST(_ expr: Node) throws(JSONataError) -> Node {
        var result: Node
        switch expr.type {
        case .binary:
            result = try processBinary(expr)
        case .unary:
            result = Node(type: .unary, value: expr.value, position: expr.position)
            result.id = expr.id
            if expr.id == "[" {
                var items: [Node] = []
                for item in expr.expressions {
                    let value = try processAST(item)
                    pushAncestry(result, value)
                    items.append(value)
                }
                result.expressions = items
            } else if expr.id == "{" {
                var pairs: [(Node, Node)] = []
                for (name, value) in expr.pairs {
                    let key = try processAST(name)
                    pushAncestry(result, key)
                    let processed = try processAST(value)
                    pushAncestry(result, processed)
                    pairs.append((key, processed))
                }
                result.pairs = pairs
            } else {
                let operand = try processAST(expr.expression!)
                result.expression = operand
                if expr.id == "-", operand.type == .number, case .number(let n) = operand.value {
                    result = operand
                    result.value = .number(-n)
                } else {
                    pushAncestry(result, operand)
                }
            }
        case .function, .partial:
            result = Node(type: expr.type, value: expr.value, position: expr.position)
            result.id = expr.id
            var arguments: [Node] = []
            for argument in expr.arguments {
                let processed = try processAST(argument)
                pushAncestry(result, processed)
                arguments.append(processed)
            }
            result.arguments = arguments
            result.procedure = try processAST(expr.procedure!)
        case .lambda:
            result = Node(type: .lambda, position: expr.position)
            result.arguments = expr.arguments
            result.parameterNames = expr.arguments.map(\.text)
            result.signature = expr.signature
            result.body = tailCallOptimize(try processAST(expr.body!))
        case .condition:
            result = Node(type: .condition, position: expr.position)
            result.condition = try processAST(expr.condition!)
            pushAncestry(result, result.condition!)
            result.then = try processAST(expr.then!)
            pushAncestry(result, result.then!)
            if let otherwise = expr.otherwise {
                result.otherwise = try processAST(otherwise)
                pushAncestry(result, result.otherwise!)
            }
        case .elvis, .coalesce:
            result = Node(type: expr.type, position: expr.position)
            result.condition = try processAST(expr.condition!)
            pushAncestry(result, result.condition!)
            result.otherwise = try processAST(expr.otherwise!)
            pushAncestry(result, result.otherwise!)
        case .transform:
            result = Node(type: .transform, position: expr.position)
            result.pattern = try processAST(expr.pattern!)
            result.update = try processAST(expr.update!)
            if let delete = expr.delete { result.delete = try processAST(delete) }
        case .block:
            result = Node(type: .block, position: expr.position)
            var items: [Node] = []
            for item in expr.expressions {
                let part = try processAST(item)
                pushAncestry(result, part)
                if part.consArray || (part.type == .path && part.steps[0].consArray) { result.consArray = true }
                items.append(part)
            }
            result.expressions = items
        case .name:
            result = Node(type: .path, position: expr.position)
            result.steps = [expr]
            if expr.keepArray { result.keepSingletonArray = true }
        case .parent:
            result = Node(type: .parent, position: expr.position)
            result.slot = AncestorSlot(label: "!\(ancestorLabel)", level: 1, index: ancestorIndex)
            ancestorLabel += 1
            ancestorIndex += 1
            ancestry.append(result)
        case .string, .number, .value, .wildcard, .descendant, .variable, .regex:
            result = expr
        case .operator:
            if expr.id == "and" || expr.id == "or" || expr.id == "in" {
                expr.type = .name
                result = try processAST(expr)
            } else if expr.id == "?" {
                result = expr
            } else {
                throw Parser.staticError("S0201", "Syntax error: \(expr.text)", expr.position, token: expr.text)
            }
        default:
            let code = expr.id == "(end)" ? "S0207" : "S0206"
            throw Parser.staticError(code, "Unexpected end of expression", expr.position, token: expr.text)
        }
        if expr.keepArray { result.keepArray = true }
        return result
    }

    private mutating func processBinary(_ expr: Node) throws(JSONataError) -> Node {
        var result: Node
        switch expr.id {
        case ".":
            let lstep = try processAST(expr.lhs!)
            if lstep.type == .path {
                result = lstep
            } else {
                result = Node(type: .path, position: lstep.position)
                result.steps = [lstep]
            }
            if lstep.type == .parent, let slot = lstep.slot { result.seekingParent = [slot] }
            let rest = try processAST(expr.rhs!)
            if rest.type == .path {
                result.steps.append(contentsOf: rest.steps)
            } else {
                if let predicate = rest.predicate {
                    rest.stages = predicate
                    rest.predicate = nil
                }
                result.steps.append(rest)
            }
            for step in result.steps {
                if step.type == .number || step.type == .value {
                    throw Parser.staticError("S0213", "The literal value \(step.text) cannot be used as a step within a path expression",
                                             step.position, value: step.text)
                }
                if step.type == .string { step.type = .name }
            }
            if result.steps.contains(where: { $0.keepArray }) { result.keepSingletonArray = true }
            let first = result.steps[0]
            if first.type == .unary && first.id == "[" { first.consArray = true }
            let last = result.steps[result.steps.count - 1]
            if last.type == .unary && last.id == "[" { last.consArray = true }
            try resolveAncestry(result)
        case "[":
            result = try processAST(expr.lhs!)
            var step = result
            var intoStages = false
            if result.type == .path {
                step = result.steps[result.steps.count - 1]
                intoStages = true
            }
            if step.group != nil {
                throw Parser.staticError("S0209", "A predicate cannot follow a grouping expression in a step", expr.position)
            }
            let predicate = try processAST(expr.rhs!)
            if let seeking = predicate.seekingParent {
                for slot in seeking {
                    if slot.level == 1 {
                        try seekParent(step, slot)
                    } else {
                        slot.level -= 1
                    }
                }
                pushAncestry(step, predicate)
            }
            let stage = Stage(kind: .filter, expression: predicate, position: expr.position)
            if intoStages {
                step.stages = (step.stages ?? []) + [stage]
            } else {
                step.predicate = (step.predicate ?? []) + [stage]
            }
        case "{":
            result = try processAST(expr.lhs!)
            if result.group != nil {
                throw Parser.staticError("S0210", "Each step can only have one grouping expression", expr.position)
            }
            var pairs: [(Node, Node)] = []
            for (name, value) in expr.pairs {
                pairs.append((try processAST(name), try processAST(value)))
            }
            result.group = GroupClause(pairs: pairs, position: expr.position)
        case "^":
            result = try processAST(expr.lhs!)
            if result.type != .path {
                let path = Node(type: .path, position: result.position)
                path.steps = [result]
                result = path
            }
            let sortStep = Node(type: .sort, position: expr.position)
            var terms: [SortTerm] = []
            for term in expr.sortTerms {
                let expression = try processAST(term.expression)
                pushAncestry(sortStep, expression)
                terms.append(SortTerm(descending: term.descending, expression: expression))
            }
            sortStep.sortTerms = terms
            result.steps.append(sortStep)
            try resolveAncestry(result)
        case ":=":
            result = Node(type: .bind, position: expr.position)
            result.lhs = try processAST(expr.lhs!)
            result.rhs = try processAST(expr.rhs!)
            pushAncestry(result, result.rhs!)
        case "@":
            result = try processAST(expr.lhs!)
            var step = result
            if result.type == .path { step = result.steps[result.steps.count - 1] }
            if step.stages != nil || step.predicate != nil {
                throw Parser.staticError("S0215", "A context variable binding must precede any predicates on a step", expr.position)
            }
            if step.type == .sort {
                throw Parser.staticError("S0216", "A context variable binding must precede the 'order-by' clause on a step", expr.position)
            }
            if expr.keepArray { step.keepArray = true }
            step.focus = expr.rhs!.text
            step.tuple = true
        case "#":
            result = try processAST(expr.lhs!)
            var step = result
            if result.type == .path {
                step = result.steps[result.steps.count - 1]
            } else {
                let path = Node(type: .path, position: result.position)
                path.steps = [result]
                result = path
                if let predicate = step.predicate {
                    step.stages = predicate
                    step.predicate = nil
                }
            }
            if step.stages == nil {
                step.indexVariable = expr.rhs!.text
            } else {
                step.stages!.append(Stage(kind: .index, expression: nil, variable: expr.rhs!.text, position: expr.position))
            }
            step.tuple = true
        case "~>":
            result = Node(type: .apply, position: expr.position)
            result.id = "~>"
            result.lhs = try processAST(expr.lhs!)
            result.rhs = try processAST(expr.rhs!)
            result.keepArray = result.lhs!.keepArray || result.rhs!.keepArray
        default:
            result = Node(type: .binary, value: expr.value, position: expr.position)
            result.id = expr.id
            result.binaryOperator = BinaryOperator(expr.id)
            result.lhs = try processAST(expr.lhs!)
            result.rhs = try processAST(expr.rhs!)
            pushAncestry(result, result.lhs!)
            pushAncestry(result, result.rhs!)
        }
        return result
    }
}
