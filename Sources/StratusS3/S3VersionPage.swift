/// One page of a version listing: the versions and common prefixes in order, and where the page stopped.
struct S3VersionPage: Sendable {
    /// Where a version listing page stopped.
    enum Last: Sendable, Equatable {
        case version(key: String, versionID: String)
        case commonPrefix(String)
    }

    var entries: [S3VersionEntry] = []
    var commonPrefixes: [String] = []
    var isTruncated = false
    var last: Last?

    /// Entries on the page.
    var count: Int { entries.count + commonPrefixes.count }
}
