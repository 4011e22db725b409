import StratusASL

extension StateKind {
    /// `…StateEntered` for this state type (a literal, so recording it allocates nothing).
    var enteredEventType: String {
        switch self {
        case .pass: "PassStateEntered"
        case .task: "TaskStateEntered"
        case .choice: "ChoiceStateEntered"
        case .wait: "WaitStateEntered"
        case .succeed: "SucceedStateEntered"
        case .fail: "FailStateEntered"
        case .parallel: "ParallelStateEntered"
        case .map: "MapStateEntered"
        }
    }

    /// `…StateExited` for this state type.
    var exitedEventType: String {
        switch self {
        case .pass: "PassStateExited"
        case .task: "TaskStateExited"
        case .choice: "ChoiceStateExited"
        case .wait: "WaitStateExited"
        case .succeed: "SucceedStateExited"
        case .fail: "FailStateExited"
        case .parallel: "ParallelStateExited"
        case .map: "MapStateExited"
        }
    }

    /// `…StateAborted` for this state type: the state was left without exiting because its branch or iteration ended
    /// (it failed there, or a sibling's failure stopped it).
    var abortedEventType: String {
        switch self {
        case .pass: "PassStateAborted"
        case .task: "TaskStateAborted"
        case .choice: "ChoiceStateAborted"
        case .wait: "WaitStateAborted"
        case .succeed: "SucceedStateAborted"
        case .fail: "FailStateAborted"
        case .parallel: "ParallelStateAborted"
        case .map: "MapStateAborted"
        }
    }
}
