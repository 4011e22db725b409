import OrderedCollections
import StratusASL
import StratusJSON

/// One run of a Distributed Map state (a Map Run): its settings, its child executions (one per item, or per batch
/// with an `ItemBatcher`) and where each stands, as the engine really ran them.
///
/// Guarantees: derived only from the events the machine handled, so a replayed machine holds the same Map Runs;
/// counts are computed from the per-child states (no separate counters that could drift); a finished run never
/// changes again. Each child execution keeps its own history (``Child/history``: `ExecutionStarted`, its states'
/// events, its end), with ids counted from 1 as AWS counts them; none of it is in the parent's history.
package struct MapRun: Sendable {
    /// AWS's `MapRunStatus`.
    package enum Status: String, Sendable {
        case running = "RUNNING"
        case succeeded = "SUCCEEDED"
        case failed = "FAILED"
        case aborted = "ABORTED"
    }

    /// One child execution of the run: the iteration of one item (or one batch of items).
    package struct Child: Sendable {
        /// Where a child execution stands.
        package enum Status: Sendable {
            /// Not started yet (waiting for a concurrency slot).
            case pending
            case running
            case succeeded(output: JSONValue)
            case failed(error: String, cause: String?)
            /// Stopped because the run failed or the execution ended.
            case aborted

            /// AWS's `ExecutionStatus` name (`PENDING` for a child not started, which AWS does not list).
            package var name: String {
                switch self {
                case .pending: "PENDING"
                case .running: "RUNNING"
                case .succeeded: "SUCCEEDED"
                case .failed: "FAILED"
                case .aborted: "ABORTED"
                }
            }
        }

        /// Position among the run's children (item order).
        package let index: Int
        /// The child execution's name: a UUID derived from the run's ARN and the index (no randomness used).
        package let name: String
        /// The child's input (the selected item, or the batch object).
        package let input: JSONValue
        /// How many items the child processes (1, or the size of its batch).
        package let itemCount: Int
        package internal(set) var status: Status = .pending
        package internal(set) var startDate: RFC3339.Instant?
        package internal(set) var stopDate: RFC3339.Instant?
        /// The child execution's own history (empty until it starts; nothing kept when the engine records no history).
        package internal(set) var history: [HistoryEvent] = []
        /// Events counted in the child's history (ids run 1…`eventCount`).
        package internal(set) var eventCount = 0
    }

    /// The counters of `DescribeMapRun` (`itemCounts` or `executionCounts`).
    package struct Counts: Sendable, Equatable {
        package var pending = 0
        package var running = 0
        package var succeeded = 0
        package var failed = 0
        package var timedOut = 0
        package var aborted = 0
        package var total = 0
        /// Results kept for the Map state's output: those of the succeeded children.
        package var resultsWritten = 0
    }

    /// `arn:aws:states:<region>:<account>:mapRun:<machine>/<label>:<uuid>`.
    package let arn: String
    /// The Map state's `Label`, or a generated UUID.
    package let label: String
    /// The ARN the children run under: `…:stateMachine:<machine>/<label>`.
    package let stateMachineARN: String
    /// Whether the run was started by the execution itself (`false` for a Distributed Map nested in another
    /// Distributed Map's children, which AWS attributes to the child execution).
    package let isTopLevel: Bool
    package internal(set) var status: Status = .running
    package let startDate: RFC3339.Instant
    package internal(set) var stopDate: RFC3339.Instant?
    /// 0 = unlimited.
    package internal(set) var maxConcurrency: Int
    package internal(set) var toleratedFailureCount: Int?
    package internal(set) var toleratedFailurePercentage: Double?
    /// Every child, in index order (pending ones included).
    package internal(set) var children: [Child]
    /// The Map state's frame while the run is running.
    var frameID: Int?

    /// The child counts (`executionCounts`): pending children have not started (AWS creates no execution for
    /// them yet, but counts them in `total`).
    package var executionCounts: Counts { counts { _ in 1 } }

    /// The item counts (`itemCounts`): like ``executionCounts`` but weighted by the items each child processes.
    package var itemCounts: Counts { counts { $0.itemCount } }

    private func counts(_ weight: (Child) -> Int) -> Counts {
        var counts = Counts()
        for child in children {
            let amount = weight(child)
            counts.total += amount
            switch child.status {
            case .pending: counts.pending += amount
            case .running: counts.running += amount
            case .succeeded:
                counts.succeeded += amount
                counts.resultsWritten += amount
            case .failed: counts.failed += amount
            case .aborted: counts.aborted += amount
            }
        }
        return counts
    }

    /// The ARN of a child execution: `arn:aws:states:<region>:<account>:execution:<machine>/<label>:<name>`.
    package func childExecutionARN(_ child: Child) -> String {
        stateMachineARN.replacingFirst(":stateMachine:", with: ":execution:") + ":" + child.name
    }

    /// The child a child execution ARN names, if it belongs to this run.
    package func child(executionARN: String) -> Child? {
        let prefix = stateMachineARN.replacingFirst(":stateMachine:", with: ":execution:") + ":"
        guard executionARN.hasPrefix(prefix) else { return nil }
        let name = executionARN.dropFirst(prefix.count)
        return children.first { $0.name == name && $0.startDate != nil }
    }

    /// A UUID-shaped name for child `index` of the run `arn` (FNV-1a of the ARN, mixed with the index by
    /// SplitMix64): stable across replays and distinct per index.
    static func childName(arn: String, index: Int) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in arn.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        func mix(_ value: UInt64) -> UInt64 {
            var z = value &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let high = mix(hash ^ UInt64(index))
        let low = mix(high ^ UInt64(index) &* 0x2545_F491_4F6C_DD1D)
        return IntrinsicEnvironment.uuidText(high: high, low: low)
    }
}
