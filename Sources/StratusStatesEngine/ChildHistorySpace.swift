/// Where the events of a Distributed Map child execution go: the child's own history, kept with its
/// ``MapRun/Child`` (position `run` in the machine's Map Runs, index `child` in that run), with event ids counted
/// from 1 in each child as AWS counts them.
struct ChildHistorySpace: Sendable, Equatable {
    /// Position of the Map Run in ``ExecutionMachine/mapRuns``.
    var run: Int
    /// The child's index in the run.
    var child: Int
}
