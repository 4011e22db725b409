import Foundation
import StratusAPIS3
import StratusAWSCore
import StratusServiceKit

/// Static website hosting: the bucket's website configuration, and what its website endpoint answers (index
/// documents, error documents, redirects and routing rules, as S3's website endpoints do). Like every bucket policy
/// here, public access is not checked: the endpoint serves whatever the bucket holds.
extension S3Service {
    /// Checks a website configuration as S3 does (`InvalidArgument`).
    static func checkWebsite(_ configuration: S3.WebsiteConfiguration) throws {
        func invalid(_ message: String, _ name: String, _ value: String) -> AWSServiceError {
            S3Failure.invalidArgument(message, name: name, value: value)
        }
        if let redirect = configuration.redirectAllRequestsTo {
            guard configuration.indexDocument == nil, configuration.errorDocument == nil, configuration.routingRules == nil else {
                throw invalid("RedirectAllRequestsTo cannot be provided in conjunction with other Routing Rules.",
                              "RedirectAllRequestsTo", "not null")
            }
            guard !redirect.hostName.isEmpty else {
                throw invalid("The RedirectAllRequestsTo HostName is not well formed", "HostName", redirect.hostName)
            }
            return
        }
        guard let index = configuration.indexDocument else {
            throw invalid("A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty",
                          "IndexDocument", "null")
        }
        guard !index.suffix.isEmpty, !index.suffix.contains("/") else {
            throw invalid("The IndexDocument Suffix is not well formed", "IndexDocument", index.suffix)
        }
        if let error = configuration.errorDocument, error.key.isEmpty {
            throw invalid("The ErrorDocument Key is not well formed", "ErrorDocument", error.key)
        }
        for rule in configuration.routingRules ?? [] {
            if rule.redirect.replaceKeyPrefixWith != nil, rule.redirect.replaceKeyWith != nil {
                throw invalid("You can only define ReplaceKeyPrefix or ReplaceKey but not both.", "Redirect", "not null")
            }
            if let code = rule.redirect.httpRedirectCode, !(Int(code).map { (300...399).contains($0) } ?? false) {
                throw invalid("The provided HTTP redirect code (\(code)) is not valid. Valid codes are 3XX except 300.",
                              "HttpRedirectCode", code)
            }
            if let code = rule.condition?.httpErrorCodeReturnedEquals, !(Int(code).map { (400...599).contains($0) } ?? false) {
                throw invalid("The provided HTTP error code (\(code)) is not valid. Valid codes are 4XX or 5XX.",
                              "HttpErrorCodeReturnedEquals", code)
            }
        }
    }

    package func putBucketWebsite(_ input: S3.PutBucketWebsiteRequest, context: RequestContext) async throws {
        _ = try await existingBucket(input.bucket)
        try Self.checkWebsite(input.websiteConfiguration)
        let configuration = input.websiteConfiguration
        guard try await store.updateBucket(named: input.bucket, { $0.website = configuration }) != nil else {
            throw S3Failure.noSuchBucket(input.bucket)
        }
    }

    package func getBucketWebsite(_ input: S3.GetBucketWebsiteRequest, context: RequestContext) async throws
        -> S3.GetBucketWebsiteOutput
    {
        let bucket = try await existingBucket(input.bucket)
        guard let website = bucket.website else {
            throw S3Failure.settingNotFound("NoSuchWebsiteConfiguration",
                                            "The specified bucket does not have a website configuration", bucket: input.bucket)
        }
        return S3.GetBucketWebsiteOutput(redirectAllRequestsTo: website.redirectAllRequestsTo, indexDocument: website.indexDocument,
                                         errorDocument: website.errorDocument, routingRules: website.routingRules)
    }

    package func deleteBucketWebsite(_ input: S3.DeleteBucketWebsiteRequest, context: RequestContext) async throws {
        _ = try await existingBucket(input.bucket)
        _ = try await store.updateBucket(named: input.bucket) { $0.website = nil }
    }

    /// What the website endpoint of bucket `name` answers to `method` on `path` (the URL path, still
    /// percent-encoded), reached as `scheme://host`.
    package func websiteAnswer(bucket name: String, method: String, path: String, scheme: String, host: String,
                               requestID: String) async -> S3WebsiteAnswer {
        guard method == "GET" || method == "HEAD" else {
            return Self.websiteError(405, "MethodNotAllowed", "The specified method is not allowed against this resource.",
                                     extra: [("Method", method), ("ResourceType", "OBJECT")], requestID: requestID, head: false)
        }
        let head = method == "HEAD"
        guard let bucket = try? await store.bucket(named: name) else {
            return Self.websiteError(404, "NoSuchBucket", "The specified bucket does not exist", extra: [("BucketName", name)],
                                     requestID: requestID, head: head)
        }
        guard let website = bucket.website else {
            return Self.websiteError(404, "NoSuchWebsiteConfiguration",
                                     "The specified bucket does not have a website configuration",
                                     extra: [("BucketName", name)], requestID: requestID, head: head)
        }
        let rawKey = String(path.drop(while: { $0 == "/" }))
        let key = rawKey.removingPercentEncoding ?? rawKey
        if let all = website.redirectAllRequestsTo {
            return Self.redirect(301, to: "\(all.protocol?.rawValue ?? scheme)://\(all.hostName)/\(rawKey)")
        }
        let rules = website.routingRules ?? []
        if let rule = rules.first(where: { $0.condition?.httpErrorCodeReturnedEquals == nil && Self.prefixMatches($0, key) }) {
            return Self.redirect(for: rule, key: key, scheme: scheme, host: host)
        }
        let suffix = website.indexDocument?.suffix ?? "index.html"
        let objectKey = key.isEmpty || key.hasSuffix("/") ? key + suffix : key
        if let answer = await websiteObject(bucket: name, key: objectKey, status: 200, head: head) { return answer }
        // A "folder" without its trailing slash goes to the folder.
        if !key.isEmpty, !key.hasSuffix("/"),
           (try? await store.object(bucket: name, key: key + "/" + suffix)) != nil {
            return Self.redirect(302, to: "/\(rawKey)/")
        }
        if let rule = rules.first(where: { $0.condition?.httpErrorCodeReturnedEquals == "404" && Self.prefixMatches($0, key) }) {
            return Self.redirect(for: rule, key: key, scheme: scheme, host: host)
        }
        if let document = website.errorDocument?.key,
           let answer = await websiteObject(bucket: name, key: document, status: 404, head: head) {
            return answer
        }
        return Self.websiteError(404, "NoSuchKey", "The specified key does not exist.", extra: [("Key", objectKey)],
                                 requestID: requestID, head: head)
    }

    /// The object `key` as the website serves it, or nil when there is none (or it is a delete marker).
    private func websiteObject(bucket: String, key: String, status: Int, head: Bool) async -> S3WebsiteAnswer? {
        guard let output = try? await getObject(S3.GetObjectRequest(bucket: bucket, key: key),
                                                context: RequestContext(accountID: "", region: "", requestID: "", host: "",
                                                                        receivedAt: Date(timeIntervalSince1970: 0)))
        else { return nil }
        if let location = output.websiteRedirectLocation { return Self.redirect(301, to: location) }
        var headers = [S3WebsiteHeader("Content-Type", output.contentType ?? "binary/octet-stream")]
        if let eTag = output.eTag { headers.append(S3WebsiteHeader("ETag", eTag)) }
        if let modified = output.lastModified { headers.append(S3WebsiteHeader("Last-Modified", HTTPDate.text(modified))) }
        if let encoding = output.contentEncoding { headers.append(S3WebsiteHeader("Content-Encoding", encoding)) }
        if let cache = output.cacheControl { headers.append(S3WebsiteHeader("Cache-Control", cache)) }
        let body = output.body ?? Data()
        if head { headers.append(S3WebsiteHeader("Content-Length", String(body.count))) }
        return S3WebsiteAnswer(status: status, headers: headers, body: head ? Data() : body)
    }

    static func prefixMatches(_ rule: S3.RoutingRule, _ key: String) -> Bool {
        guard let prefix = rule.condition?.keyPrefixEquals else { return rule.condition?.httpErrorCodeReturnedEquals != nil }
        return key.hasPrefix(prefix)
    }

    /// A routing rule's redirect for `key`.
    static func redirect(for rule: S3.RoutingRule, key: String, scheme: String, host: String) -> S3WebsiteAnswer {
        let redirect = rule.redirect
        var target = key
        if let replacement = redirect.replaceKeyWith {
            target = replacement
        } else if let replacement = redirect.replaceKeyPrefixWith {
            target = replacement + key.dropFirst(rule.condition?.keyPrefixEquals?.count ?? 0)
        }
        let code = redirect.httpRedirectCode.flatMap(Int.init) ?? 301
        let location = "\(redirect.protocol?.rawValue ?? scheme)://\(redirect.hostName ?? host)/\(target)"
        return Self.redirect(code, to: location)
    }

    static func redirect(_ status: Int, to location: String) -> S3WebsiteAnswer {
        S3WebsiteAnswer(status: status, headers: [S3WebsiteHeader("Location", location), S3WebsiteHeader("Content-Length", "0")],
                        body: Data())
    }

    /// The HTML error page of S3's website endpoints.
    static func websiteError(_ status: Int, _ code: String, _ message: String, extra: [(String, String)], requestID: String,
                             head: Bool) -> S3WebsiteAnswer {
        let title = status == 404 ? "404 Not Found" : status == 405 ? "405 Method Not Allowed" : "\(status)"
        var items = ["Code: \(code)", "Message: \(message)"] + extra.map { "\($0.0): \($0.1)" }
        items.append("RequestId: \(requestID)")
        let escaped = items.map(Self.escaped)
        let html = "<html>\n<head><title>\(title)</title></head>\n<body>\n<h1>\(title)</h1>\n<ul>\n"
            + escaped.map { "<li>\($0)</li>\n" }.joined() + "</ul>\n<hr/>\n</body>\n</html>\n"
        let body = Data(html.utf8)
        return S3WebsiteAnswer(status: status, headers: [
            S3WebsiteHeader("Content-Type", "text/html; charset=utf-8"), S3WebsiteHeader("x-amz-error-code", code),
            S3WebsiteHeader("x-amz-error-message", message), S3WebsiteHeader("Content-Length", String(body.count)),
        ], body: head ? Data() : body)
    }
}
