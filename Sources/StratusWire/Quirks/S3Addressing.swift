/// S3 virtual-host addressing.
///
/// What AWS does: a bucket may be named in the host (`bucket.s3.amazonaws.com`,
/// `bucket.s3.us-west-2.amazonaws.com`, `bucket.s3-us-west-2.amazonaws.com`) instead of the path; SDKs prefer it.
/// Local emulators use the same scheme with their own domains (`bucket.s3.localhost.localstack.cloud:4566`,
/// `bucket.s3.localhost:4566`, `bucket.localhost:4566`). Anything else (an IP address, `localhost`, `s3.amazonaws.com`, unknown names) is path
/// style. Ports are ignored and hosts compared case-insensitively; bucket names keep their dots.
package enum S3Addressing {
    /// Base hosts under which the first labels name a bucket, most specific first.
    package static let baseHostSuffixes = [
        ".s3.localhost.localstack.cloud", ".localhost.localstack.cloud", ".s3.amazonaws.com", ".s3.localhost", ".localhost",
    ]

    /// The bucket and key of a request, and its path in path style.
    /// - Parameters:
    ///   - host: the `Host` header (or authority), with or without a port.
    ///   - path: the raw request path without the query string.
    package static func bucketAndKey(host: String, path: String) -> S3Address {
        if let bucket = virtualHostBucket(host) {
            let rest = path.hasPrefix("/") ? String(path.dropFirst()) : path
            let key = rest.isEmpty ? nil : RESTPercentEncoding.decode(rest)
            let encodedBucket = RESTPercentEncoding.encode(bucket)
            return S3Address(
                bucket: bucket, key: key, pathStylePath: "/" + encodedBucket + (rest.isEmpty ? "" : "/" + rest),
                isVirtualHost: true)
        }
        var rest = Substring(path)
        while rest.first == "/" { rest = rest.dropFirst() }
        guard !rest.isEmpty else { return S3Address(bucket: nil, key: nil, pathStylePath: path, isVirtualHost: false) }
        let bucketPart: Substring
        var key: String?
        if let slash = rest.firstIndex(of: "/") {
            bucketPart = rest[..<slash]
            let keyPart = rest[rest.index(after: slash)...]
            key = keyPart.isEmpty ? nil : RESTPercentEncoding.decode(keyPart)
        } else {
            bucketPart = rest
        }
        return S3Address(
            bucket: RESTPercentEncoding.decode(bucketPart), key: key, pathStylePath: path, isVirtualHost: false)
    }

    /// The bucket named by `host`, or `nil` for a path-style host.
    package static func virtualHostBucket(_ host: String) -> String? {
        var name = host.lowercased()
        if name.hasPrefix("[") { return nil }  // IPv6 literal
        if let colon = name.lastIndex(of: ":") { name = String(name[..<colon]) }
        if name.hasSuffix(".") { name.removeLast() }
        if name.split(separator: ".").allSatisfy({ $0.allSatisfy(\.isNumber) }) { return nil }  // IPv4
        for suffix in baseHostSuffixes where name.hasSuffix(suffix) {
            let bucket = String(name.dropLast(suffix.count))
            return bucket.isEmpty || bucket == "s3" ? nil : bucket
        }
        // bucket.s3.<region>.amazonaws.com and bucket.s3-<region>.amazonaws.com
        guard name.hasSuffix(".amazonaws.com") else { return nil }
        let labels = name.dropLast(".amazonaws.com".count).split(separator: ".", omittingEmptySubsequences: false)
        guard let index = labels.lastIndex(where: { $0 == "s3" || $0.hasPrefix("s3-") }), index > 0 else { return nil }
        return labels[..<index].joined(separator: ".")
    }
}
