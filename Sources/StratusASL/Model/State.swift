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
    /// The state's name (its key in `States`).
    package var name: String
    /// `Comment`, if any.
    package var comment: String?
    /// The effective query language.
    package var queryLanguage: QueryLanguage
    /// The type-specific part.
    package var kind: StateKind
    /// `Next`/`End` (Choice: `.end` is never used; see ``ChoiceState``).
    package var transition: StateTransition
    /// `InputPath` (JSONPath states; default `$`; `nil` = `null`).
    package var inputPath: JSONPath?
    /// `OutputPath` (JSONPath states; default `$`; `nil` = `null`).
    package var outputPath: JSONPath?
    /// `ResultPath` (JSONPath Pass/Task/Map/Parallel; default `$`; `nil` = `null`).
    package var resultPath: JSONPath?
    /// `Parameters` (JSONPath Pass/Task/Map/Parallel; Map's legacy name for `ItemSelector` is in ``MapState``).
    package var parameters: PayloadTemplate?
    /// `ResultSelector` (JSONPath Task/Map/Parallel).
    package var resultSelector: PayloadTemplate?
    /// `Arguments` (JSONata Task/Parallel): a value that may contain `{% %}` strings at any depth.
    package var arguments: JSONValue?
    /// `Output` (JSONata, all but Fail): a value that may contain `{% %}` strings.
    package var output: JSONValue?
    /// `Assign`: a JSONPath payload template (keys ending `.$`) or, in JSONata states, a JSONata value object.
    package var assign: AssignBlock?
    /// `Retry` (Task/Map/Parallel).
    package var retriers: [Retrier]
    /// `Catch` (Task/Map/Parallel).
    package var catchers: [Catcher]

    /// Creates a state; fields default to "absent".
    package init(name: String, queryLanguage: QueryLanguage, kind: StateKind, transition: StateTransition) {
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
