/// A variable scope (jsonata-js `createFrame`). Binding `undefined` hides outer bindings, as in JavaScript.
final class Frame {
    private var bindings: [String: Value?] = [:]
    let parent: Frame?

    init(parent: Frame?) { self.parent = parent }

    func bind(_ name: String, _ value: Value?) {
        bindings[name] = .some(value)
    }

    /// Drops every binding (breaks closure ↔ frame reference cycles once an evaluation is over).
    func removeAllBindings() {
        bindings.removeAll()
    }

    /// `.some(value)` when bound in this frame or an enclosing one (value may be nil = undefined), else nil.
    func lookup(_ name: String) -> Value?? {
        var frame: Frame? = self
        while let current = frame {
            if let found = current.bindings[name] { return .some(found) }
            frame = current.parent
        }
        return nil
    }
}
