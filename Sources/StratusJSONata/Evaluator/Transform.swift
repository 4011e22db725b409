/// The function made by a transform expression `| pattern | update, delete |`.
final class Transform {
    let node: Node
    let environment: Frame
    init(node: Node, environment: Frame) {
        self.node = node
        self.environment = environment
    }
}
