/// An XML element: a name, attributes in document order and children, with names kept exactly as written
/// (`xmlns:ns="…"` attributes and `ns:Name` prefixes are not resolved).
///
/// This is a plain value tree for the AWS wire formats (REST-XML, AWS Query responses); it is built by
/// ``parse(_:)`` or by hand and written with ``serialized(declaration:)``. Equality compares name, attributes
/// (order-sensitive) and children exactly.
package struct XMLElement: Sendable, Equatable {
    /// The qualified name as written (`Error`, `ns:Item`).
    package var name: String
    /// The attributes in order, names as written (namespace declarations included), values unescaped.
    package var attributes: [(name: String, value: String)]
    /// Child elements and text runs in document order.
    package var children: [XMLNode]

    /// An element with the given parts.
    package init(name: String, attributes: [(name: String, value: String)] = [], children: [XMLNode] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// An element holding only `text` (no child node when `text` is empty).
    package init(name: String, text: String) {
        self.init(name: name, children: text.isEmpty ? [] : [.text(text)])
    }

    /// Exact equality: names, attributes in order, and children.
    package static func == (lhs: XMLElement, rhs: XMLElement) -> Bool {
        guard lhs.name == rhs.name, lhs.attributes.count == rhs.attributes.count, lhs.children == rhs.children
        else { return false }
        for (left, right) in zip(lhs.attributes, rhs.attributes)
        where left.name != right.name || left.value != right.value {
            return false
        }
        return true
    }

    /// The first child element called `name` (compared exactly, prefix included), or `nil`.
    package func child(named name: String) -> XMLElement? {
        for case .element(let element) in children where element.name == name { return element }
        return nil
    }

    /// Every child element called `name`, in order.
    package func children(named name: String) -> [XMLElement] {
        var found: [XMLElement] = []
        for case .element(let element) in children where element.name == name { found.append(element) }
        return found
    }

    /// Every child element, in order.
    package var elements: [XMLElement] {
        var found: [XMLElement] = []
        for case .element(let element) in children { found.append(element) }
        return found
    }

    /// The concatenation of the direct text children (nested elements' text is not included).
    package var text: String {
        var result = ""
        for case .text(let run) in children { result += run }
        return result
    }

    /// The value of the attribute called `name` (exact match), or `nil`.
    package func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// The local part of ``name`` (after any `prefix:`).
    package var localName: Substring {
        guard let colon = name.firstIndex(of: ":") else { return Substring(name) }
        return name[name.index(after: colon)...]
    }

    /// Appends a child element.
    package mutating func append(_ element: XMLElement) {
        children.append(.element(element))
    }
}
