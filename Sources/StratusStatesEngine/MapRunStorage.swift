import StratusJSON

/// What a Distributed Map waits for from storage (S3): its items (``MapItemSource``) before its children start, or
/// its results written (``MapResultWriting``) before it succeeds.
enum MapRunStorage: Sendable {
    case reading(MapItemSource)
    case writing(MapResultWriting)
}

/// A Distributed Map's `ResultWriter` for one run: the files to put and the Map state's result once they are in.
///
/// Guarantees: the files' contents are computed by the engine from the run as it ended (deterministic); the host
/// only stores them.
struct MapResultWriting: Sendable {
    /// `Resource` as written (`arn:aws:states:::s3:putObject`).
    var resource: String
    /// What the host is asked to do: `{"Bucket": …, "Files": [{"Key": …, "Body": …}, …]}`, manifest last.
    var request: JSONValue
    /// The Map state's result: `{"MapRunArn": …, "ResultWriterDetails": {"Bucket": …, "Key": <manifest>}}`.
    var result: JSONValue
}
