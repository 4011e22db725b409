import StratusServiceKit

/// A page of a listing of jobs kept oldest first (exports, imports), resumed by a token that names the first job of
/// the next page.
///
/// Guarantees: pages cover the jobs in order, each at most `size` long; a token that names no job is a
/// `ValidationException` (`Invalid NextToken: …`); the last page has no next token.
struct DynamoDBJobPage<Job> {
    /// The jobs of this page.
    var jobs: ArraySlice<Job>
    /// The token of the next page, nil on the last.
    var nextToken: String?

    /// The page of `all` that `token` starts (the first without one); `arn` names a job, `token(of:)` turns an ARN
    /// into a token and `arn(of:)` back.
    init(_ all: [Job], size: Int, token: String?, arn: (Job) -> String?,
         token tokenOf: (String) -> String = { $0 }, arn arnOf: (String) -> String? = { $0 }) throws {
        var start = 0
        if let token {
            guard let named = arnOf(token), let index = all.firstIndex(where: { arn($0) == named }) else {
                throw AWSServiceError.validation("Invalid NextToken: \(token)")
            }
            start = index
        }
        jobs = all[start..<min(start + size, all.count)]
        nextToken = start + size < all.count ? arn(all[start + size]).map(tokenOf) : nil
    }
}
