import OrderedCollections

extension Library {
    static func timestamp(_ context: NativeContext) throws -> Double {
        guard let timestamp = context.evaluator.timestamp else {
            throw JSONataError(code: "D3150", message: "No clock was injected (JSONataOptions.currentTime), so $now() and $millis() are unavailable")
        }
        return timestamp
    }

    static let dateAndFormatFunctions: [NativeFunction] = [
        NativeFunction("now", "<s?s?:s>", arity: 2) { args, context in
            .string(try JSONataDateTime.format(millis: try timestamp(context), picture: string(args, 0), timezone: string(args, 1)))
        },
        NativeFunction("millis", "<:n>", arity: 0) { _, context in
            .number(try timestamp(context))
        },
        NativeFunction("fromMillis", "<n-s?s?:s>", arity: 3) { args, _ in
            guard let millis = number(args, 0) else { return nil }
            return .string(try JSONataDateTime.format(millis: millis, picture: string(args, 1), timezone: string(args, 2)))
        },
        NativeFunction("toMillis", "<s-s?:n>", arity: 2) { args, context in
            guard let text = string(args, 0) else { return nil }
            return try JSONataDateTime.parse(text, picture: string(args, 1), now: context.evaluator.timestamp).map(Value.number)
        },
    ] + numberFormatFunctions
}
