// LambdaService+Logs: the logs of a function's recent invocations (`stratus lambda logs`, the admin endpoint).

extension LambdaService {
    /// The unqualified ARN of the function `functionName` (a name, partial ARN or ARN) names in `accountID` and
    /// `region` (an ARN's own account and region win), checking that it exists.
    /// - Throws: `InvalidParameterValueException` for malformed or qualified names (logs are kept per function),
    ///   `ResourceNotFoundException` when the function does not exist.
    package func logFunctionArn(functionName: String, accountID: String, region: String) async throws -> String {
        guard let reference = LambdaFunctionName(functionName) else {
            throw LambdaFailure.invalidParameter("Invalid function name: \(functionName)")
        }
        guard reference.qualifier == nil else {
            throw LambdaFailure.invalidParameter(
                "Logs are kept per function: name \(reference.name) without a qualifier (each record carries its version).")
        }
        let accountID = reference.accountID ?? accountID
        let region = reference.region ?? region
        guard let function = try await store.function(accountID: accountID, region: region, name: reference.name) else {
            throw LambdaFailure.functionNotFound("arn:aws:lambda:\(region):\(accountID):function:\(reference.name)")
        }
        return function.arn
    }

    /// The kept logs of a function's invocations recorded at or after `since` (epoch milliseconds; all kept when
    /// nil), oldest first, at most `limit` (all when nil). Logs live in memory only: a restart starts empty.
    /// - Throws: as ``logFunctionArn(functionName:accountID:region:)``.
    package func logs(functionName: String, accountID: String, region: String, since: Int64?, limit: Int?)
        async throws -> [LambdaLogRecord]
    {
        let arn = try await logFunctionArn(functionName: functionName, accountID: accountID, region: region)
        return logBook.records(functionArn: arn, since: since, limit: limit)
    }

    /// Waits until the function has a log recorded at or after `since`, at most `timeout` (no polling).
    /// Returns `true` when one exists on return.
    /// - Throws: as ``logFunctionArn(functionName:accountID:region:)``.
    package func waitForLogs(functionName: String, accountID: String, region: String, since: Int64,
                             timeout: Duration) async throws -> Bool
    {
        let arn = try await logFunctionArn(functionName: functionName, accountID: accountID, region: region)
        return await logBook.waitForRecords(functionArn: arn, since: since, timeout: timeout)
    }
}
