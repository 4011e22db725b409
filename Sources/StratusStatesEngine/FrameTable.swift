/// The frames of an execution, indexed by frame id (ids are small and increase), without hashing.
///
/// Guarantees: value semantics (a plain array underneath); `subscript` mutates in place.
struct FrameTable: Sendable {
    private var slots: [Frame?] = []

    subscript(id: Int) -> Frame? {
        _read {
            if id >= 0 && id < slots.count { yield slots[id] } else { yield nil }
        }
        _modify {
            while slots.count <= id { slots.append(nil) }
            yield &slots[id]
        }
    }

    /// Whether a frame with this id exists (no copy of the frame).
    func contains(_ id: Int) -> Bool { id >= 0 && id < slots.count && slots[id] != nil }

    mutating func removeValue(forKey id: Int) -> Frame? {
        guard id >= 0, id < slots.count else { return nil }
        let frame = slots[id]
        slots[id] = nil
        return frame
    }

    mutating func removeAll() { slots.removeAll() }
}
