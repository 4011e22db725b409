import OrderedCollections

extension Library {
    private static func formattingUnavailable(_ name: String) -> JSONataError {
        JSONataError(code: "D3151", message: "$\(name)() is not available yet in this build (number picture formatting is pending)")
    }

    static let numberFormatFunctions: [NativeFunction] = [
        NativeFunction("formatNumber", "<n-so?:s>", arity: 3) { args, _ throws(JSONataError) in
            guard number(args, 0) != nil else { return nil }
            throw formattingUnavailable("formatNumber")
        },
        NativeFunction("formatInteger", "<n-s:s>", arity: 2) { args, _ throws(JSONataError) in
            guard number(args, 0) != nil else { return nil }
            throw formattingUnavailable("formatInteger")
        },
        NativeFunction("parseInteger", "<s-s:n>", arity: 2) { args, _ throws(JSONataError) in
            guard string(args, 0) != nil else { return nil }
            throw formattingUnavailable("parseInteger")
        },
    ]
}
