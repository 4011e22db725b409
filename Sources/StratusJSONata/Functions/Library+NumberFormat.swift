import OrderedCollections

extension Library {
    static let numberFormatFunctions: [NativeFunction] = [
        NativeFunction("formatNumber", "<n-so?:s>", arity: 3) { args, _ in
            guard let value = number(args, 0) else { return nil }
            var options: [String: String]?
            if case .object(let object)? = argument(args, 2) {
                var converted: [String: String] = [:]
                for (key, member) in object.members {
                    converted[key] = try Stringify.string(member, pretty: false)
                }
                options = converted
            }
            return .string(try JSONataNumberFormat.formatNumber(value, picture: string(args, 1) ?? "", options: options))
        },
        NativeFunction("formatInteger", "<n-s:s>", arity: 2) { args, _ in
            guard let value = number(args, 0) else { return nil }
            return .string(try JSONataNumberFormat.formatInteger(value, picture: string(args, 1) ?? ""))
        },
        NativeFunction("parseInteger", "<s-s:n>", arity: 2) { args, _ in
            guard let text = string(args, 0) else { return nil }
            return try JSONataNumberFormat.parseInteger(text, picture: string(args, 1) ?? "").map(Value.number)
        },
    ]
}
