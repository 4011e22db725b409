/// An ancestor slot for the parent operator `%` (jsonata-js `slot`): a label bound in tuple streams.
final class AncestorSlot: @unchecked Sendable {
    var label: String
    var level: Int
    let index: Int
    init(label: String, level: Int, index: Int) {
        self.label = label
        self.level = level
        self.index = index
    }
}
