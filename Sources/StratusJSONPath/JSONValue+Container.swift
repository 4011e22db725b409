import StratusJSON

extension JSONValue {
    /// `true` for arrays and objects (the nodes a deep scan descends into).
    var isContainer: Bool {
        switch self {
        case .array, .object: return true
        default: return false
        }
    }
}
