import OrderedCollections

extension Library {
    static func keys(_ value: Value?) -> [String] {
        switch value {
        case .array(let array)?:
            var merged = OrderedSet<String>()
            for item in array.items { merged.append(contentsOf: keys(item)) }
            return Array(merged)
        case .object(let object)?:
            return Array(object.members.keys)
        default:
            return []
        }
    }

    static func spread(_ value: Value?) -> Value? {
        switch value {
        case .array(let array)?:
            var result: Value? = .array(ArrayValue.sequence())
            for item in array.items { result = appendValues(result, spread(item)) }
            return result
        case .object(let object)?:
            let result = ArrayValue.sequence()
            for (key, member) in object.members { result.items.append(.object(ObjectValue([key: member]))) }
            return .array(result)
        default:
            return value
        }
    }

    static let collectionFunctions: [NativeFunction] = [
        NativeFunction("keys", "<x-:a<s>>", arity: 1) { args, _ in
            .array(ArrayValue.sequence(keys(argument(args, 0)).map(Value.string)))
        },
        NativeFunction("lookup", "<x-s:x>", arity: 2) { args, _ in
            lookupField(argument(args, 0), string(args, 1) ?? "undefined")
        },
        NativeFunction("append", "<xx:a>", arity: 2) { args, _ in
            appendValues(argument(args, 0), argument(args, 1))
        },
        NativeFunction("spread", "<x-:a<o>>", arity: 1) { args, _ in
            spread(argument(args, 0))
        },
        NativeFunction("merge", "<a<o>:o>", arity: 1) { args, _ in
            guard let objects = array(args, 0) else { return nil }
            let result = ObjectValue()
            for case .object(let object) in objects.items {
                for (key, value) in object.members { result.members[key] = value }
            }
            return .object(result)
        },
        NativeFunction("reverse", "<a:a>", arity: 1) { args, _ in
            guard let values = array(args, 0) else { return nil }
            if values.count <= 1 { return .array(values) }
            return .array(ArrayValue(values.items.reversed()))
        },
        NativeFunction("error", "<s?:x>", arity: 1) { args, _ in
            let message = string(args, 0).flatMap { $0.isEmpty ? nil : $0 } ?? "$error() function evaluated"
            throw JSONataError(code: "D3137", message: message)
        },
        NativeFunction("assert", "<bs?:x>", arity: 2) { args, _ in
            if case .bool(true)? = argument(args, 0) { return nil }
            let message = string(args, 1).flatMap { $0.isEmpty ? nil : $0 } ?? "$assert() statement failed"
            throw JSONataError(code: "D3141", message: message)
        },
        NativeFunction("type", "<x:s>", arity: 1) { args, _ in
            switch argument(args, 0) {
            case nil: return nil
            case .null?: return .string("null")
            case .number?: return .string("number")
            case .string?: return .string("string")
            case .bool?: return .string("boolean")
            case .array?: return .string("array")
            case .function?: return .string("function")
            case .object?: return .string("object")
            }
        },
        NativeFunction("shuffle", "<a:a>", arity: 1) { args, context in
            guard let values = array(args, 0) else { return nil }
            if values.count <= 1 { return .array(values) }
            var result = values.items
            for index in result.indices {
                let other = Int((context.evaluator.nextRandom() * Double(index + 1)).rounded(.down))
                if other != index { result.swapAt(index, other) }
            }
            return .array(ArrayValue(result))
        },
        NativeFunction("distinct", "<x:x>", arity: 1) { args, _ in
            guard let value = argument(args, 0) else { return nil }
            guard case .array(let values) = value, values.count > 1 else { return value }
            var result: [Value] = []
            for item in values.items where !result.contains(where: { deepEqual($0, item) }) {
                result.append(item)
            }
            return .array(ArrayValue(result, sequence: values.isSequence))
        },
        NativeFunction("zip", "<a+>", arity: 0) { args, _ in
            var arrays: [[Value]] = []
            for argument in args {
                if case .array(let array)? = argument { arrays.append(array.items) } else { arrays.append([]) }
            }
            let length = arrays.map(\.count).min() ?? 0
            var result: [Value] = []
            for index in 0..<length {
                result.append(.array(ArrayValue(arrays.map { $0[index] })))
            }
            return .array(ArrayValue(result))
        },
        NativeFunction("clone", "<(oa)-:o>", arity: 1) { args, _ in
            argument(args, 0).map(deepCopy)
        },
    ]

    static let higherOrderFunctions: [NativeFunction] = [
        NativeFunction("map", "<af>", arity: 2) { args, context in
            guard let values = array(args, 0) else { return nil }
            let function = argument(args, 1)
            let whole = Value.array(values)
            let result = ArrayValue.sequence()
            for (index, item) in values.items.enumerated() {
                let callArgs = callbackArguments(function, item, .number(Double(index)), whole)
                if let value = try call(context, function, callArgs) { result.items.append(value) }
            }
            return .array(result)
        },
        NativeFunction("filter", "<af>", arity: 2) { args, context in
            guard let values = array(args, 0) else { return nil }
            let function = argument(args, 1)
            let whole = Value.array(values)
            let result = ArrayValue.sequence()
            for (index, item) in values.items.enumerated() {
                let callArgs = callbackArguments(function, item, .number(Double(index)), whole)
                if booleanValue(try call(context, function, callArgs)) == true { result.items.append(item) }
            }
            return .array(result)
        },
        NativeFunction("single", "<af?>", arity: 2) { args, context in
            guard let values = array(args, 0) else { return nil }
            let function = argument(args, 1)
            let whole = Value.array(values)
            var found: Value?
            for (index, item) in values.items.enumerated() {
                var positive = true
                if function != nil {
                    let callArgs = callbackArguments(function, item, .number(Double(index)), whole)
                    positive = booleanValue(try call(context, function, callArgs)) == true
                }
                if positive {
                    if found != nil {
                        throw JSONataError(code: "D3138", message: "The $single() function expected exactly 1 matching result.  Instead it matched more.")
                    }
                    found = item
                }
            }
            guard let found else {
                throw JSONataError(code: "D3139", message: "The $single() function expected exactly 1 matching result.  Instead it matched 0.")
            }
            return found
        },
        NativeFunction("reduce", "<afj?:j>", arity: 3) { args, context in
            guard let values = array(args, 0) else { return nil }
            let function = argument(args, 1)
            let arity: Int
            if case .function(let f)? = function { arity = f.arity } else { arity = 0 }
            if arity < 2 {
                throw JSONataError(code: "D3050", message: "The second argument of reduce function must be a function with at least two arguments")
            }
            var result: Value?
            var index = 0
            if argument(args, 2) == nil && !values.items.isEmpty {
                result = values.items[0]
                index = 1
            } else {
                result = argument(args, 2)
            }
            while index < values.count {
                var callArgs: [Value?] = [result, values.items[index]]
                if arity >= 3 { callArgs.append(.number(Double(index))) }
                if arity >= 4 { callArgs.append(.array(values)) }
                result = try call(context, function, callArgs)
                index += 1
            }
            return result
        },
        NativeFunction("sift", "<o-f?:o>", arity: 2) { args, context in
            guard case .object(let object)? = argument(args, 0) else { return nil }
            let function = argument(args, 1)
            let result = ObjectValue()
            for (key, value) in object.members {
                let callArgs = callbackArguments(function, value, .string(key), .object(object))
                if booleanValue(try call(context, function, callArgs)) == true { result.members[key] = value }
            }
            return result.members.isEmpty ? nil : .object(result)
        },
        NativeFunction("each", "<o-f:a>", arity: 2) { args, context in
            guard case .object(let object)? = argument(args, 0) else { return nil }
            let function = argument(args, 1)
            let result = ArrayValue.sequence()
            for (key, value) in object.members {
                let callArgs = callbackArguments(function, value, .string(key), .object(object))
                if let mapped = try call(context, function, callArgs) { result.items.append(mapped) }
            }
            return .array(result)
        },
        NativeFunction("sort", "<af?:a>", arity: 2) { args, context in
            guard let values = array(args, 0) else { return nil }
            if values.count <= 1 { return .array(values) }
            let function = argument(args, 1)
            let sorted: [Value]
            if function == nil {
                let value = Value.array(values)
                if !(try isArrayOfNumbers(value)) && !isArrayOfStrings(value) {
                    throw JSONataError(code: "D3070", message: "The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function")
                }
                sorted = try context.evaluator.mergeSort(values.items) { (a: Value, b: Value) throws -> Bool in
                    switch (a, b) {
                    case (.number(let x), .number(let y)): return x > y
                    case (.string(let x), .string(let y)): return compareStrings(x, y) > 0
                    default: return false
                    }
                }
            } else {
                sorted = try context.evaluator.mergeSort(values.items) { (a: Value, b: Value) throws -> Bool in
                    javaScriptTruthy(try call(context, function, [a, b]))
                }
            }
            return .array(ArrayValue(sorted))
        },
    ]
}
