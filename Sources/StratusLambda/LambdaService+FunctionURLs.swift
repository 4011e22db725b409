// LambdaService+FunctionURLs: function URL configurations (Create/Get/Update/Delete/ListFunctionUrlConfigs).
import Crypto
import Foundation
import StratusAPILambda
import StratusAWSCore
import StratusServiceKit

extension LambdaService {
    /// `CreateFunctionUrlConfig`: gives the function (or one of its aliases) an HTTP endpoint,
    /// `http://<url-id>.lambda-url.<region>.localhost:<port>/` (see ``invokeURL(_:)``).
    package func createFunctionUrlConfig(_ input: Lambda.CreateFunctionUrlConfigRequest, context: RequestContext)
        async throws -> Lambda.CreateFunctionUrlConfigResponse
    {
        let (function, qualifier) = try await lookUp(input.functionName, qualifier: input.qualifier, context: context)
        try Self.checkURLQualifier(qualifier, of: function)
        let now = LambdaTimestamp.text(nowMilliseconds())
        let record = LambdaFunctionURLRecord(
            qualifier: qualifier, urlID: Self.urlID(from: ids.next()), authType: input.authType.rawValue, cors: input.cors,
            invokeMode: input.invokeMode?.rawValue ?? "BUFFERED", createdAt: now, modifiedAt: now)
        let arn = function.arn + (qualifier.map { ":\($0)" } ?? "")
        guard try await store.updateFunction(accountID: function.accountID, region: function.region, name: function.name, {
            var urls = $0.urls ?? []
            if urls.contains(where: { $0.qualifier == qualifier }) {
                throw LambdaFailure.conflict(
                    "Failed to create function url config for [functionArn = \(arn)]. Error message:  FunctionUrlConfig exists for this Lambda function")
            }
            urls.append(record)
            $0.urls = urls
        }) != nil else { throw LambdaFailure.functionNotFound(function.arn) }
        return Lambda.CreateFunctionUrlConfigResponse(
            functionUrl: functionURL(record, region: function.region), functionArn: arn, authType: input.authType,
            cors: record.cors, creationTime: record.createdAt, invokeMode: Lambda.InvokeMode(rawValue: record.invokeMode))
    }

    /// `GetFunctionUrlConfig`.
    package func getFunctionUrlConfig(_ input: Lambda.GetFunctionUrlConfigRequest, context: RequestContext) async throws
        -> Lambda.GetFunctionUrlConfigResponse
    {
        let (function, qualifier) = try await lookUp(input.functionName, qualifier: input.qualifier, context: context)
        guard let record = function.urls?.first(where: { $0.qualifier == qualifier }) else { throw Self.noFunctionURL() }
        let config = functionURLConfig(record, of: function)
        return Lambda.GetFunctionUrlConfigResponse(
            functionUrl: config.functionUrl, functionArn: config.functionArn, authType: config.authType, cors: config.cors,
            creationTime: config.creationTime, lastModifiedTime: config.lastModifiedTime, invokeMode: config.invokeMode)
    }

    /// `UpdateFunctionUrlConfig`: changes the auth type, CORS settings or invoke mode given.
    package func updateFunctionUrlConfig(_ input: Lambda.UpdateFunctionUrlConfigRequest, context: RequestContext)
        async throws -> Lambda.UpdateFunctionUrlConfigResponse
    {
        let (function, qualifier) = try await lookUp(input.functionName, qualifier: input.qualifier, context: context)
        let now = LambdaTimestamp.text(nowMilliseconds())
        guard let updated = try await store.updateFunction(
            accountID: function.accountID, region: function.region, name: function.name, {
                guard var urls = $0.urls, let index = urls.firstIndex(where: { $0.qualifier == qualifier }) else {
                    throw Self.noFunctionURL()
                }
                if let authType = input.authType { urls[index].authType = authType.rawValue }
                if let cors = input.cors { urls[index].cors = cors }
                if let mode = input.invokeMode { urls[index].invokeMode = mode.rawValue }
                urls[index].modifiedAt = now
                $0.urls = urls
            }), let record = updated.urls?.first(where: { $0.qualifier == qualifier })
        else { throw LambdaFailure.functionNotFound(function.arn) }
        let config = functionURLConfig(record, of: updated)
        return Lambda.UpdateFunctionUrlConfigResponse(
            functionUrl: config.functionUrl, functionArn: config.functionArn, authType: config.authType, cors: config.cors,
            creationTime: config.creationTime, lastModifiedTime: config.lastModifiedTime, invokeMode: config.invokeMode)
    }

    /// `DeleteFunctionUrlConfig`.
    package func deleteFunctionUrlConfig(_ input: Lambda.DeleteFunctionUrlConfigRequest, context: RequestContext) async throws {
        let (function, qualifier) = try await lookUp(input.functionName, qualifier: input.qualifier, context: context)
        guard try await store.updateFunction(accountID: function.accountID, region: function.region, name: function.name, {
            guard var urls = $0.urls, let index = urls.firstIndex(where: { $0.qualifier == qualifier }) else {
                throw Self.noFunctionURL()
            }
            urls.remove(at: index)
            $0.urls = urls.isEmpty ? nil : urls
        }) != nil else { throw LambdaFailure.functionNotFound(function.arn) }
    }

    /// `ListFunctionUrlConfigs`: the function's URLs (unqualified first, then by alias), `MaxItems` (1–50) at a time.
    package func listFunctionUrlConfigs(_ input: Lambda.ListFunctionUrlConfigsRequest, context: RequestContext)
        async throws -> Lambda.ListFunctionUrlConfigsResponse
    {
        let (function, _) = try await lookUp(input.functionName, context: context)
        let all = (function.urls ?? []).sorted { ($0.qualifier ?? "") < ($1.qualifier ?? "") }
        let start = try input.marker.map { marker -> Int in
            guard let index = Int(marker), (0...all.count).contains(index) else {
                throw LambdaFailure.invalidParameter("Invalid marker: \(marker)")
            }
            return index
        } ?? 0
        let size = min(max(input.maxItems ?? 50, 1), 50)
        let page = all[start..<min(all.count, start + size)]
        var response = Lambda.ListFunctionUrlConfigsResponse(functionUrlConfigs: page.map { functionURLConfig($0, of: function) })
        if start + size < all.count { response.nextMarker = String(start + size) }
        return response
    }

    /// The function and URL record of URL id `urlID`, nil when no function has it.
    package func functionURL(id urlID: String) async throws -> (function: LambdaFunctionRecord, url: LambdaFunctionURLRecord)? {
        for function in try await store.allFunctions() {
            if let url = function.urls?.first(where: { $0.urlID == urlID }) { return (function, url) }
        }
        return nil
    }

    /// The URL of `record`: `http://<url-id>.lambda-url.<region>.localhost:<port>/` on the server's port.
    func functionURL(_ record: LambdaFunctionURLRecord, region: String) -> String {
        let endpoint = settings.endpoint()
        let port = URLComponents(string: endpoint)?.port.map { ":\($0)" } ?? ""
        return "http://\(record.urlID).lambda-url.\(region).localhost\(port)/"
    }

    private func functionURLConfig(_ record: LambdaFunctionURLRecord, of function: LambdaFunctionRecord)
        -> Lambda.FunctionUrlConfig
    {
        Lambda.FunctionUrlConfig(
            functionUrl: functionURL(record, region: function.region),
            functionArn: function.arn + (record.qualifier.map { ":\($0)" } ?? ""), creationTime: record.createdAt,
            lastModifiedTime: record.modifiedAt, cors: record.cors,
            authType: Lambda.FunctionUrlAuthType(rawValue: record.authType),
            invokeMode: Lambda.InvokeMode(rawValue: record.invokeMode))
    }

    /// A URL belongs to the unqualified function or to an alias that exists, never to a version.
    private static func checkURLQualifier(_ qualifier: String?, of function: LambdaFunctionRecord) throws {
        guard let qualifier else { return }
        if qualifier == "$LATEST" || Int(qualifier) != nil {
            throw LambdaFailure.invalidParameter(
                "A function URL can only be created for the unqualified function or an alias, not for version \(qualifier).")
        }
        guard function.alias(qualifier) != nil else { throw LambdaFailure.functionNotFound("\(function.arn):\(qualifier)") }
    }

    /// `ResourceNotFoundException` for a function (or alias) without a URL.
    static func noFunctionURL() -> AWSServiceError {
        LambdaFailure.notFound("The resource you requested does not exist.")
    }

    /// A URL id made from a unique random id: 32 lowercase letters and digits.
    static func urlID(from random: String) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String(SHA256.hash(data: Data(random.utf8)).map { alphabet[Int($0) % alphabet.count] })
    }
}
