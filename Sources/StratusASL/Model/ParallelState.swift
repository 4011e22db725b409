import OrderedCollections
/// The Parallel-specific part of a state.
package struct ParallelState: Sendable {
    /// `Branches`, in order; each output lands at the same index of the result array.
    package var branches: [StateGraph]

    /// Creates the Parallel part.
    package init(branches: [StateGraph]) { self.branches = branches }
}
