/// A parsed `requestUri` template: path segments (literals, `{Label}`, `{Greedy+}`) and the literal query
/// part (`/{Bucket}?acl`, `?list-type=2`).
///
/// Matching works on the raw (still percent-encoded) request path: a literal segment must equal the request
/// segment after decoding; a label takes one whole segment, percent-decoded (so `%2F` becomes `/` inside the
/// value); a greedy label takes one or more segments, each decoded and joined with `/`. Labels are never empty.
/// A trailing `/` on the request path or the template is ignored, except after a greedy label, whose value keeps it.
package struct RESTURITemplate: Sendable, Equatable {
    /// One piece of the path.
    package enum Segment: Sendable, Equatable {
        /// A fixed segment (stored decoded).
        case literal(String)
        /// A single-segment label.
        case label(String)
        /// A label taking the rest of the path (`{Key+}`), possibly followed by literal segments.
        case greedy(String)
    }

    /// A literal query item the template requires: a key, and the value it must have (`nil`: any or none).
    package struct QueryRequirement: Sendable, Equatable {
        /// The query key.
        package var key: String
        /// The value the key must carry, or `nil` when only its presence counts.
        package var value: String?
    }

    /// The template as written.
    package let text: String
    /// The path segments (no empty leading segment for the root `/`).
    package let segments: [Segment]
    /// Whether the template path ends with `/` after at least one segment.
    package let trailingSlash: Bool
    /// The literal query items.
    package let query: [QueryRequirement]

    /// Parses `template`. Malformed braces are read as literal text.
    package init(_ template: String) {
        text = template
        var path = Substring(template)
        var queryPart: Substring = ""
        if let mark = template.firstIndex(of: "?") {
            path = template[..<mark]
            queryPart = template[template.index(after: mark)...]
        }
        var segments: [Segment] = []
        let pieces = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var trailingSlash = false
        for (index, piece) in pieces.enumerated() {
            if piece.isEmpty {
                if index == pieces.count - 1 { trailingSlash = !segments.isEmpty }
                continue
            }
            if piece.hasPrefix("{"), piece.hasSuffix("}"), piece.count > 2 {
                let inner = piece.dropFirst().dropLast()
                if inner.hasSuffix("+") {
                    segments.append(.greedy(String(inner.dropLast())))
                } else {
                    segments.append(.label(String(inner)))
                }
            } else {
                segments.append(.literal(RESTPercentEncoding.decode(piece)))
            }
        }
        self.segments = segments
        self.trailingSlash = trailingSlash
        query = RESTPercentEncoding.parseQuery(queryPart).map { QueryRequirement(key: $0.0, value: $0.1) }
    }

    /// The names of every label, greedy ones included.
    package var labelNames: [String] {
        segments.compactMap {
            switch $0 {
            case .label(let name), .greedy(let name): return name
            case .literal: return nil
            }
        }
    }

    /// Splits a raw request path into raw segments (no leading empty segment, trailing `/` dropped).
    package static func rawSegments(of path: String) -> (segments: [Substring], trailingSlash: Bool) {
        var pieces = path.split(separator: "/", omittingEmptySubsequences: false)
        if pieces.first == "" { pieces.removeFirst() }
        var trailingSlash = false
        if pieces.count > 0, pieces.last == "" {
            pieces.removeLast()
            trailingSlash = !pieces.isEmpty
        }
        return (pieces, trailingSlash)
    }

    /// The labels of `path` (raw, percent-encoded, without query) when it fits the path of this template.
    package func matchPath(_ path: String) -> [String: String]? {
        // A trailing `/` never decides a match: clients differ on it (`/2015-03-31/functions/`). After a
        // greedy label it is part of the value (S3 "folder" keys such as `dir/`).
        var pieces = Self.rawSegments(of: path).segments
        if case .greedy? = segments.last, path.hasSuffix("/"), !pieces.isEmpty { pieces.append("") }
        var labels: [String: String] = [:]
        guard matchSegments(pieces[...], template: segments[...], labels: &labels) else { return nil }
        return labels
    }

    private func matchSegments(
        _ pieces: ArraySlice<Substring>, template: ArraySlice<Segment>, labels: inout [String: String]
    ) -> Bool {
        guard let first = template.first else { return pieces.isEmpty }
        switch first {
        case .literal(let literal):
            guard let piece = pieces.first, RESTPercentEncoding.decode(piece) == literal else { return false }
            return matchSegments(pieces.dropFirst(), template: template.dropFirst(), labels: &labels)
        case .label(let name):
            guard let piece = pieces.first, !piece.isEmpty else { return false }
            labels[name] = RESTPercentEncoding.decode(piece)
            return matchSegments(pieces.dropFirst(), template: template.dropFirst(), labels: &labels)
        case .greedy(let name):
            let rest = template.dropFirst()
            // The greedy label takes as many segments as it can while the rest still matches.
            let maximum = pieces.count - rest.count
            guard maximum >= 1 else { return false }
            for taken in stride(from: maximum, through: 1, by: -1) {
                var attempt = labels
                let value = pieces.prefix(taken).map { RESTPercentEncoding.decode($0) }.joined(separator: "/")
                attempt[name] = value
                if matchSegments(pieces.dropFirst(taken), template: rest, labels: &attempt), !value.isEmpty {
                    labels = attempt
                    return true
                }
            }
            return false
        }
    }

    /// Whether `query` carries every literal query item of the template.
    package func matchesQuery(_ query: [(String, String?)], optionalKeys: Set<String> = []) -> Bool {
        query.isEmpty && self.query.isEmpty
            || self.query.allSatisfy { requirement in
                if optionalKeys.contains(requirement.key) { return true }
                return query.contains { pair in
                    pair.0 == requirement.key && (requirement.value == nil || pair.1 == requirement.value)
                }
            }
    }
}
