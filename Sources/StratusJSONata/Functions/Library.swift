import OrderedCollections

/// The JSONata function library (jsonata-js 2.0.6 names, signatures and declared arities), plus the AWS Step
/// Functions variant (adds `$partition $range $hash $random(seed) $uuid $parse`, removes `$eval`).
enum Library {
    typealias Implementation = NativeFunction.Implementation

    /// `<(oa):o>`: the signature of transform functions.
    // A constant, valid signature.
    static let transformSignature: Signature = try! Signature("<(oa):o>")

    static let standardFunctions: [String: NativeFunction] = {
        var table: [String: NativeFunction] = [:]
        for function in common { table[function.name] = function }
        table["random"] = NativeFunction("random", "<:n>", arity: 0) { _, context in
            .number(context.evaluator.nextRandom())
        }
        table["eval"] = evalFunction
        return table
    }()

    static let awsFunctions: [String: NativeFunction] = {
        var table: [String: NativeFunction] = [:]
        for function in common { table[function.name] = function }
        for function in awsAdditions { table[function.name] = function }
        return table
    }()

    static let common: [NativeFunction] = aggregateFunctions + stringFunctions + numericFunctions + booleanFunctions
        + collectionFunctions + higherOrderFunctions + encodingFunctions + dateAndFormatFunctions

    // MARK: - Argument helpers

    static func argument(_ args: [Value?], _ index: Int) -> Value? {
        index < args.count ? args[index] : nil
    }

    static func string(_ args: [Value?], _ index: Int) -> String? {
        if case .string(let s)? = argument(args, index) { return s }
        return nil
    }

    static func number(_ args: [Value?], _ index: Int) -> Double? {
        if case .number(let n)? = argument(args, index) { return n }
        return nil
    }

    static func array(_ args: [Value?], _ index: Int) -> ArrayValue? {
        switch argument(args, index) {
        case .array(let a)?: return a
        case let value?: return ArrayValue([value])
        case nil: return nil
        }
    }

    static func function(_ args: [Value?], _ index: Int) -> Value? {
        if case .function? = argument(args, index) { return argument(args, index) }
        return nil
    }

    /// jsonata-js `hofFuncArgs`: value, then index and whole collection if the callback declares them.
    static func callbackArguments(_ function: Value?, _ value: Value?, _ position: Value, _ whole: Value) -> [Value?] {
        let arity: Int
        if case .function(let f)? = function { arity = f.arity } else { arity = 1 }
        var args: [Value?] = [value]
        if arity >= 2 { args.append(position) }
        if arity >= 3 { args.append(whole) }
        return args
    }

    static func call(_ context: NativeContext, _ function: Value?, _ args: [Value?]) throws -> Value? {
        try context.evaluator.apply(function, args, nil, context.environment)
    }

    // MARK: - Aggregation

    static let aggregateFunctions: [NativeFunction] = [
        NativeFunction("sum", "<a<n>:n>", arity: 1) { args, _ in
            guard let values = array(args, 0) else { return nil }
            var total = 0.0
            for case .number(let n) in values.items { total += n }
            return .number(total)
        },
        NativeFunction("count", "<a:n>", arity: 1) { args, _ in
            .number(Double(array(args, 0)?.count ?? 0))
        },
        NativeFunction("max", "<a<n>:n>", arity: 1) { args, _ in
            guard let values = array(args, 0), !values.items.isEmpty else { return nil }
            var result = -Double.infinity
            for case .number(let n) in values.items { result = n.isNaN || result.isNaN ? .nan : Swift.max(result, n) }
            return .number(result)
        },
        NativeFunction("min", "<a<n>:n>", arity: 1) { args, _ in
            guard let values = array(args, 0), !values.items.isEmpty else { return nil }
            var result = Double.infinity
            for case .number(let n) in values.items { result = n.isNaN || result.isNaN ? .nan : Swift.min(result, n) }
            return .number(result)
        },
        NativeFunction("average", "<a<n>:n>", arity: 1) { args, _ in
            guard let values = array(args, 0), !values.items.isEmpty else { return nil }
            var total = 0.0
            for case .number(let n) in values.items { total += n }
            return .number(total / Double(values.count))
        },
    ]

    static let booleanFunctions: [NativeFunction] = [
        NativeFunction("boolean", "<x-:b>", arity: 1) { args, _ in
            booleanValue(argument(args, 0)).map { .bool($0) }
        },
        NativeFunction("not", "<x-:b>", arity: 1) { args, _ in
            booleanValue(argument(args, 0)).map { .bool(!$0) }
        },
        NativeFunction("exists", "<x:b>", arity: 1) { args, _ in
            .bool(argument(args, 0) != nil)
        },
    ]

    /// `$eval(expr, context)` (not in AWS mode): parses and evaluates `expr` in the caller's environment.
    static let evalFunction = NativeFunction("eval", "<sx?:x>", arity: 2) { args, context in
        guard let text = string(args, 0) else { return nil }
        var input = context.input
        if args.count > 1, let focus = args[1] {
            input = focus
            if case .array(let array) = focus, !array.isSequence {
                let wrapped = ArrayValue.sequence([focus])
                wrapped.outerWrapper = true
                input = .array(wrapped)
            }
        }
        let ast: Node
        do {
            ast = try Parser.parse(text, newOperators: !context.evaluator.options.awsStepFunctions)
        } catch let error as JSONataError {
            throw JSONataError(code: "D3120", message: "Syntax error in expression passed to function eval: \(error.message)",
                               value: error.message)
        }
        do {
            return try context.evaluator.evaluate(ast, input, context.environment)
        } catch let error as JSONataError {
            throw JSONataError(code: "D3121", message: "Dynamic error evaluating the expression passed to function eval: \(error.message)",
                               value: error.message)
        }
    }
}
