/// Namespace of the JSONata evaluator (JSONata 2.0, as AWS Step Functions documents it).
public enum JSONata {}
