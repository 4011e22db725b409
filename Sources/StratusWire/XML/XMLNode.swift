/// One child of an ``XMLElement``: a nested element or a run of character data.
///
/// Text is stored decoded (entities and character references resolved, CDATA unwrapped); adjacent text
/// and CDATA runs produced by the parser are merged into one `.text` node.
package enum XMLNode: Sendable, Equatable {
    /// A nested element.
    case element(XMLElement)
    /// Character data, already unescaped.
    case text(String)
}
