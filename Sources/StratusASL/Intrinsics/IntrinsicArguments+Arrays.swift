import StratusJSON

extension IntrinsicArguments {
    /// `States.ArrayPartition(array, size)`: consecutive chunks of `size` (rounded half up; must be > 0), the last
    /// one shorter when the count is not a multiple.
    func arrayPartition() throws(StatesError) -> JSONValue {
        let elements = try array(0)
        let size = try roundedInt32(1)
        guard size > 0 else { throw failure("the chunk size must be greater than 0, but was \(values[1])") }
        var chunks: [JSONValue] = []
        var start = 0
        while start < elements.count {
            let end = min(elements.count, start + Int(size))
            chunks.append(.array(Array(elements[start..<end])))
            start = end
        }
        return .array(chunks)
    }

    /// `States.ArrayRange(start, end, step)`: integers from `start` to `end` inclusive (all rounded half up);
    /// `step` must not be 0; at most 1,000 elements; a step pointing away from `end` gives `[]`.
    func arrayRange() throws(StatesError) -> JSONValue {
        let start = try roundedInt32(0), end = try roundedInt32(1), step = try roundedInt32(2)
        guard step != 0 else { throw failure("the step must not be 0") }
        let count = (end - start) / step + 1
        guard count > 0 else { return .array([]) }
        guard count <= Int64(Self.maximumRangeLength) else {
            throw failure("the range would have \(count) elements; at most \(Self.maximumRangeLength) are allowed")
        }
        var elements: [JSONValue] = []
        elements.reserveCapacity(Int(count))
        for offset in 0..<count { elements.append(.number(JSONNumber(start + offset * step))) }
        return .array(elements)
    }

    /// `States.ArrayGetItem(array, index)`: the element at a 0-based integral index inside the array.
    func arrayGetItem() throws(StatesError) -> JSONValue {
        let elements = try array(0)
        let index = try integer(1)
        guard elements.indices.contains(index) else {
            throw failure("the index \(index) is out of bounds for an array of \(elements.count) elements")
        }
        return elements[index]
    }

    /// `States.ArrayUnique(array)`: the elements without repeats (JSON equality), first occurrences in order.
    func arrayUnique() throws(StatesError) -> JSONValue {
        var seen = Set<JSONValue>()
        var unique: [JSONValue] = []
        for element in try array(0) where seen.insert(element).inserted { unique.append(element) }
        return .array(unique)
    }
}
