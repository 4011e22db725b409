import StratusASL
import StratusJSONata

extension ASLParser.Options {
    /// Options whose JSONata check compiles every `{% %}` expression with the engine's JSONata parser, so
    /// syntax errors are `INVALID_JSONATA_EXPRESSION` diagnostics at validation time, as AWS reports them.
    package static func checkingJSONata(isExpress: Bool = false) -> ASLParser.Options {
        ASLParser.Options(isExpress: isExpress, jsonataCheck: { body in
            if case .failure(let error) = JSONataCache.shared.expression(body) {
                return JSONataExpressionIssue(code: ASLDiagnostic.invalidJSONataExpression, message: error.message)
            }
            return nil
        })
    }
}
