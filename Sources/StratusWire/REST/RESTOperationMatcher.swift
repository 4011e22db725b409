import HTTPTypes
import StratusServiceKit

/// Chooses the operation of a REST service (REST-JSON, REST-XML) for a method, raw path, query and headers.
///
/// Every operation's `requestUri` is parsed once. A request matches an operation when the method is equal,
/// the path fits the template and every literal query item of the template is present (with its value, when
/// the template gives one); query keys named in `optionalQueryKeys` (S3's `x-id`) rank but are not required.
/// Among matches:
/// 1. more of the template's own literal query items present win (S3 tells apart dozens of `GET /{Bucket}`
///    operations by `?acl`, `?list-type=2`, …): a request naming a sub-resource never falls back to the bare
///    operation, so `DELETE /b?analytics` without its required `id` goes to `DeleteBucketAnalyticsConfiguration`
///    (and fails validation) instead of deleting the bucket;
/// 2. an operation whose *required* query and header members are all present always beats one missing some
///    (S3 tells `UploadPart` from `PutObject` by `uploadId`/`partNumber`, and `CopyObject` from `PutObject`
///    only by the `x-amz-copy-source` header), so callers must pass header names (``match(_:path:)``);
/// 3. segment by segment from the left, a literal beats a label and a label beats a greedy label;
/// 4. optional hint keys present (S3's `x-id`) win, then more required members present, then fewer
///    requirements, then the operation name, so the choice is deterministic.
package struct RESTOperationMatcher: Sendable {
    private struct Entry: Sendable {
        var operation: OperationSchema
        var template: RESTURITemplate
        var pathRank: [Int]
        var requiredQueryKeys: [String]
        var requiredHeaders: [String]
    }

    private let entriesByMethod: [String: [Entry]]
    private let optionalQueryKeys: Set<String>

    /// A matcher over every operation of `service` (S3's optional `x-id` key applies to S3).
    package init(service: ServiceSchema) {
        self.init(service: service, optionalQueryKeys: S3Quirks.applies(to: service) ? S3Routing.optionalQueryKeys : [])
    }

    /// A matcher over every operation of `service` that does not require the `optionalQueryKeys`.
    package init(service: ServiceSchema, optionalQueryKeys: Set<String>) {
        var entries: [String: [Entry]] = [:]
        for operation in service.operations {
            let template = RESTURITemplate(operation.requestURI)
            let rank = template.segments.map { segment -> Int in
                switch segment {
                case .literal: return 3
                case .label: return 2
                case .greedy: return 1
                }
            }
            var queryKeys: [String] = []
            var headers: [String] = []
            if let input = operation.input {
                for member in service[shape: input.shape].members where member.isRequired {
                    switch member.location {
                    case .querystring where member.locationName != nil: queryKeys.append(member.wireName)
                    case .header: headers.append(member.wireName.lowercased())
                    default: break
                    }
                }
            }
            entries[operation.httpMethod.uppercased(), default: []].append(
                Entry(operation: operation, template: template, pathRank: rank, requiredQueryKeys: queryKeys,
                      requiredHeaders: headers))
        }
        entriesByMethod = entries
        self.optionalQueryKeys = optionalQueryKeys
    }

    /// The best operation for a request whose header names are unknown: operations that require a header never
    /// win over one that does not (prefer ``match(_:path:)``).
    package func match(method: String, path: String, query: [(String, String?)]) -> RESTMatch? {
        match(method: method, path: path, query: query, headerNames: [])
    }

    /// The best operation for `request`, whose path may be replaced by `path` (S3 virtual-host requests in path
    /// style, see ``S3Addressing``): method, query and header names come from the request.
    package func match(_ request: WireRequest, path: String? = nil) -> RESTMatch? {
        let names = Set(request.head.headerFields.map { $0.name.canonicalName })
        return match(
            method: request.head.method.rawValue, path: path ?? request.rawPath,
            query: RESTPercentEncoding.parseQuery(request.rawQuery), headerNames: names)
    }

    /// The best operation for the request, or `nil` when none fits.
    /// - Parameters:
    ///   - method: the HTTP method (case-insensitive).
    ///   - path: the raw, still percent-encoded path without the query string (path style for S3, see
    ///     ``S3Addressing``).
    ///   - query: the decoded query items (``RESTPercentEncoding/parseQuery(_:)``).
    ///   - headerNames: the lowercased names of the request's header fields.
    package func match(
        method: String, path: String, query: [(String, String?)], headerNames: Set<String>
    ) -> RESTMatch? {
        guard let entries = entriesByMethod[method.uppercased()] else { return nil }
        let queryKeys = Set(query.map(\.0))
        var best: (entry: Entry, labels: [String: String], score: Score)?
        for entry in entries {
            guard entry.template.matchesQuery(query, optionalKeys: optionalQueryKeys),
                let labels = entry.template.matchPath(path)
            else { continue }
            let present = entry.template.query.filter { requirement in
                query.contains { $0.0 == requirement.key && (requirement.value == nil || $0.1 == requirement.value) }
            }
            let hintsMet = present.filter { optionalQueryKeys.contains($0.key) }.count
            let literalMet = present.count - hintsMet
            let softMet = entry.requiredQueryKeys.filter(queryKeys.contains).count
                + entry.requiredHeaders.filter(headerNames.contains).count
            let softTotal = entry.requiredQueryKeys.count + entry.requiredHeaders.count
            let score = Score(
                pathRank: entry.pathRank, literalMet: literalMet, allMet: softMet == softTotal, hintsMet: hintsMet,
                met: softMet,
                requirements: entry.template.query.count + softTotal, deprecated: entry.operation.isDeprecated,
                name: entry.operation.name)
            if best == nil || score.isBetter(than: best!.score) {
                best = (entry, labels, score)
            }
        }
        return best.map { RESTMatch(operation: $0.entry.operation, labels: $0.labels) }
    }

    private struct Score {
        var pathRank: [Int]
        var literalMet: Int
        var allMet: Bool
        var hintsMet: Int
        var met: Int
        var requirements: Int
        /// The model marks the operation deprecated: its successor on the same request wins
        /// (`PutBucketNotificationConfiguration` over `PutBucketNotification`).
        var deprecated: Bool
        var name: String

        func isBetter(than other: Score) -> Bool {
            if literalMet != other.literalMet { return literalMet > other.literalMet }
            if allMet != other.allMet { return allMet }
            for (left, right) in zip(pathRank, other.pathRank) where left != right { return left > right }
            if pathRank.count != other.pathRank.count { return pathRank.count > other.pathRank.count }
            if hintsMet != other.hintsMet { return hintsMet > other.hintsMet }
            if met != other.met { return met > other.met }
            if requirements != other.requirements { return requirements < other.requirements }
            if deprecated != other.deprecated { return !deprecated }
            return name < other.name
        }
    }
}
