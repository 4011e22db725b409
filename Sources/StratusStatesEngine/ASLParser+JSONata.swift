import StratusASL
import StratusJSONata

extension ASLParser.Options {
    /// Options whose JSONata check compiles every `{% %}` expression with the engine's JSONata parser, so
    /// syntax errors (and the JSONata 2.1 operators `?:`/`??`, which AWS's JSONata lacks) are
/// `INVALID_JSONATA_EXPRESSION` diagnostics at validation time, as AWS reports them.
    package static func checkingJSONata(isExpress: Bool = false) -> ASLParser.Options {
        ASLParser.Options(isExpress: isExpress, jsonataCheck: { body in
            switch JSONataCache.shared.expression(body) {
            case .failure(let error):
                return JSONataExpressionIssue(code: ASLDiagnostic.invalidJSONataExpression, message: error.message)
            case .success(let expression):
                do {
                    try expression.validate(awsStepFunctions: true)
                    return nil
                } catch let error as JSONataError {
                    return JSONataExpressionIssue(code: ASLDiagnostic.invalidJSONataExpression, message: error.message)
                } catch {
                    return JSONataExpressionIssue(code: ASLDiagnostic.invalidJSONataExpression, message: "\(error)")
                }
            }
        })
    }
}
