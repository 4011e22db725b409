import StratusServiceKit

/// Chooses the operation of a REST service (REST-JSON, REST-XML) for a method, raw path and query.
///
/// Every operation's `requestUri` is parsed once. A request matches an operation when the method is equal,
/// the path fits the template and every literal query item of the template is present (with its value, when
/// the template gives one). Among matches the most specific wins: segment by segment from the left a literal
/// beats a label and a label beats a greedy label; then more literal query items win (S3 tells apart dozens
/// of `GET /{Bucket}` operations only by `?acl`, `?list-type=2`, …); then the operation name, so the choice is
/// deterministic. Query keys named in `optionalQueryKeys` (S3's `x-id`) help rank but are not required.
package struct RESTOperationMatcher: Sendable {
    private struct Entry: Sendable {
        var operation: OperationSchema
        var template: RESTURITemplate
        var pathRank: [Int]
    }

    private let entriesByMethod: [String: [Entry]]
    private let optionalQueryKeys: Set<String>

    /// A matcher over every operation of `service`.
    package init(service: ServiceSchema) {
        self.init(service: service, optionalQueryKeys: service.serviceID == "S3" ? S3Routing.optionalQueryKeys : [])
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
            entries[operation.httpMethod.uppercased(), default: []].append(
                Entry(operation: operation, template: template, pathRank: rank))
        }
        entriesByMethod = entries
        self.optionalQueryKeys = optionalQueryKeys
    }

    /// The best operation for the request, or `nil` when none fits.
    /// - Parameters:
    ///   - method: the HTTP method (case-insensitive).
    ///   - path: the raw, still percent-encoded path without the query string.
    ///   - query: the decoded query items (``RESTPercentEncoding/parseQuery(_:)``).
    package func match(method: String, path: String, query: [(String, String?)]) -> RESTMatch? {
        guard let entries = entriesByMethod[method.uppercased()] else { return nil }
        var best: (entry: Entry, labels: [String: String], queryScore: Int)?
        for entry in entries {
            guard entry.template.matchesQuery(query, optionalKeys: optionalQueryKeys),
                let labels = entry.template.matchPath(path)
            else { continue }
            let queryScore = entry.template.query.reduce(0) { score, requirement in
                let present = query.contains { $0.0 == requirement.key && (requirement.value == nil || $0.1 == requirement.value) }
                return score + (present ? 1 : 0)
            }
            if let current = best {
                if Self.isBetter(entry, queryScore, than: current.entry, current.queryScore) {
                    best = (entry, labels, queryScore)
                }
            } else {
                best = (entry, labels, queryScore)
            }
        }
        return best.map { RESTMatch(operation: $0.entry.operation, labels: $0.labels) }
    }

    private static func isBetter(_ candidate: Entry, _ candidateQuery: Int, than current: Entry, _ currentQuery: Int) -> Bool {
        for (left, right) in zip(candidate.pathRank, current.pathRank) where left != right {
            return left > right
        }
        if candidate.pathRank.count != current.pathRank.count {
            return candidate.pathRank.count > current.pathRank.count
        }
        if candidateQuery != currentQuery { return candidateQuery > currentQuery }
        if candidate.template.query.count != current.template.query.count {
            // Fewer unmet optional requirements is more specific.
            return candidate.template.query.count < current.template.query.count
        }
        return candidate.operation.name < current.operation.name
    }
}
