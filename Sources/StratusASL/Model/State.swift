import OrderedCollections
import StratusJSON
import StratusJSONPath

/// One state of a ``StateGraph``: the fields every state type shares, plus its type-specific part.
///
/// Guarantees: `queryLanguage` is the *effective* language (the state's own `QueryLanguage`, else the machine's);
/// the JSONPath I/O fields are filled with their defaults when absent (`$`), `nil` meaning the JSON `null` AWS
/// allows (InputPath/OutputPath `null` → `{}`, ResultPath `null` → discard the result). Fields that do not apply
/// to the state's type or language are `nil`/empty.
package struct State: Sendable {
    /// The fields, shared between copies until one of them changes (copy on write): copying a state, which the
    /// engine does on every transition, costs one reference count instead of a copy of every field.
    private final class Storage: @unchecked Sendable {
        var name: String
        var comment: String?
        var queryLanguage: QueryLanguage
        var kind: StateKind
        var transition: StateTransition
        var inputPath: JSONPath?
        var outputPath: JSONPath?
        var resultPath: JSONPath?
        var parameters: PayloadTemplate?
        var resultSelector: PayloadTemplate?
        var arguments: JSONValue?
        var output: JSONValue?
        var assign: AssignBlock?
        var retriers: [Retrier]
        var catchers: [Catcher]

        init(name: String, queryLanguage: QueryLanguage, kind: StateKind, transition: StateTransition) {
            self.name = name
            self.queryLanguage = queryLanguage
            self.kind = kind
            self.transition = transition
            let root = JSONPath.dollar
            self.inputPath = root
            self.outputPath = root
            self.resultPath = root
            self.retriers = []
            self.catchers = []
        }

        init(copying other: Storage) {
            name = other.name
            comment = other.comment
            queryLanguage = other.queryLanguage
            kind = other.kind
            transition = other.transition
            inputPath = other.inputPath
            outputPath = other.outputPath
            resultPath = other.resultPath
            parameters = other.parameters
            resultSelector = other.resultSelector
            arguments = other.arguments
            output = other.output
            assign = other.assign
            retriers = other.retriers
            catchers = other.catchers
        }
    }

    private var storage: Storage

    /// The storage, copied first when another copy of the state shares it.
    private var uniqueStorage: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage) }
            return storage
        }
    }

    /// The state's name (its key in `States`).
    package var name: String {
        get { storage.name }
        set { uniqueStorage.name = newValue }
    }
    /// `Comment`, if any.
    package var comment: String? {
        get { storage.comment }
        set { uniqueStorage.comment = newValue }
    }
    /// The effective query language.
    package var queryLanguage: QueryLanguage {
        get { storage.queryLanguage }
        set { uniqueStorage.queryLanguage = newValue }
    }
    /// The type-specific part.
    package var kind: StateKind {
        get { storage.kind }
        set { uniqueStorage.kind = newValue }
    }
    /// `Next`/`End` (Choice: `.end` is never used; see ``ChoiceState``).
    package var transition: StateTransition {
        get { storage.transition }
        set { uniqueStorage.transition = newValue }
    }
    /// `InputPath` (JSONPath states; default `$`; `nil` = `null`).
    package var inputPath: JSONPath? {
        get { storage.inputPath }
        set { uniqueStorage.inputPath = newValue }
    }
    /// `OutputPath` (JSONPath states; default `$`; `nil` = `null`).
    package var outputPath: JSONPath? {
        get { storage.outputPath }
        set { uniqueStorage.outputPath = newValue }
    }
    /// `ResultPath` (JSONPath Pass/Task/Map/Parallel; default `$`; `nil` = `null`).
    package var resultPath: JSONPath? {
        get { storage.resultPath }
        set { uniqueStorage.resultPath = newValue }
    }
    /// `Parameters` (JSONPath Pass/Task/Map/Parallel; Map's legacy name for `ItemSelector` is in ``MapState``).
    package var parameters: PayloadTemplate? {
        get { storage.parameters }
        set { uniqueStorage.parameters = newValue }
    }
    /// `ResultSelector` (JSONPath Task/Map/Parallel).
    package var resultSelector: PayloadTemplate? {
        get { storage.resultSelector }
        set { uniqueStorage.resultSelector = newValue }
    }
    /// `Arguments` (JSONata Task/Parallel): a value that may contain `{% %}` strings at any depth.
    package var arguments: JSONValue? {
        get { storage.arguments }
        set { uniqueStorage.arguments = newValue }
    }
    /// `Output` (JSONata, all but Fail): a value that may contain `{% %}` strings.
    package var output: JSONValue? {
        get { storage.output }
        set { uniqueStorage.output = newValue }
    }
    /// `Assign`: a JSONPath payload template (keys ending `.$`) or, in JSONata states, a JSONata value object.
    package var assign: AssignBlock? {
        get { storage.assign }
        set { uniqueStorage.assign = newValue }
    }
    /// `Retry` (Task/Map/Parallel).
    package var retriers: [Retrier] {
        get { storage.retriers }
        set { uniqueStorage.retriers = newValue }
    }
    /// `Catch` (Task/Map/Parallel).
    package var catchers: [Catcher] {
        get { storage.catchers }
        set { uniqueStorage.catchers = newValue }
    }

    /// Creates a state; fields default to "absent".
    package init(name: String, queryLanguage: QueryLanguage, kind: StateKind, transition: StateTransition) {
        storage = Storage(name: name, queryLanguage: queryLanguage, kind: kind, transition: transition)
    }

    /// The `Type` field's value (`Pass`, `Task`, …).
    package var typeName: String { kind.typeName }
}

/// The type-specific part of a ``State``.
package enum StateKind: Sendable {
    case pass(PassState)
    case task(TaskState)
    case choice(ChoiceState)
    case wait(WaitState)
    case succeed
    case fail(FailState)
    case parallel(ParallelState)
    case map(MapState)

    /// AWS's `Type` name, also the prefix of the state's history event types (`PassStateEntered`, …).
    package var typeName: String {
        switch self {
        case .pass: "Pass"
        case .task: "Task"
        case .choice: "Choice"
        case .wait: "Wait"
        case .succeed: "Succeed"
        case .fail: "Fail"
        case .parallel: "Parallel"
        case .map: "Map"
        }
    }
}
