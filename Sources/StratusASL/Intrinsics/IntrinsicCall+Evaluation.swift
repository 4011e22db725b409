import StratusJSON
import StratusJSONPath

extension IntrinsicCall {
    /// Evaluates the call against `input` (what `$` means in the field).
    ///
    /// - Parameter field: the name of the field holding the call (e.g. `FunctionResult.$`), used in AWS's
    ///   "could not be found" cause; defaults to the call's text.
    /// - Throws: ``StatesError`` named `States.IntrinsicFailure` when an argument breaks the function's rules
    ///   (type, range, size, count of `{}`), or `States.Runtime` when a definite path argument selects nothing or
    ///   names an unassigned variable.
    public func evaluate(input: JSONValue, environment: IntrinsicEnvironment, field: String? = nil) throws(StatesError) -> JSONValue {
        var values: [JSONValue] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments {
            values.append(try value(of: argument, input: input, environment: environment, field: field))
        }
        let context = IntrinsicArguments(function: function, values: values, literals: arguments)
        return try context.apply(environment: environment)
    }

    private func value(
        of argument: IntrinsicArgument, input: JSONValue, environment: IntrinsicEnvironment, field: String?
    ) throws(StatesError) -> JSONValue {
        switch argument {
        case .string(let value, _): return .string(value)
        case .number(let number): return .number(number)
        case .bool(let flag): return .bool(flag)
        case .null: return .null
        case .call(let call): return try call.evaluate(input: input, environment: environment, field: field)
        case .path(let path):
            do {
                return try path.evaluate(input, scope: environment.scope)
            } catch {
                switch error.code {
                case .notFound:
                    let searched = (try? path.rootValue(input, scope: environment.scope)) ?? input
                    throw StatesError(
                        name: StatesError.runtime,
                        cause: JSONPathError.fieldNotFoundCause(path: path.text, field: field ?? text, input: searched)
                    )
                default:
                    throw StatesError(name: StatesError.runtime, cause: error.message)
                }
            }
        }
    }
}
