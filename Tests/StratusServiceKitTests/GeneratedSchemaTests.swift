import StratusAPIDynamoDB
import StratusAPISQS
import StratusServiceKit
import Testing

/// The generated schema tables (Tools/CodeGen) against facts of the pinned botocore models.
@Suite struct GeneratedSchemaTests {
    @Test func sqsMetadata() {
        let schema = ServiceSchema.sqs
        #expect(schema.modelName == "sqs")
        #expect(schema.serviceID == "SQS")
        #expect(schema.protocols == [.json])
        #expect(schema.jsonVersion == "1.0")
        #expect(schema.targetPrefix == "AmazonSQS")
        #expect(schema.signingName == "sqs")
        #expect(schema.awsQueryCompatible)
    }

    @Test func sqsHasItsOperationsSortedByName() {
        let names = ServiceSchema.sqs.operations.map(\.name)
        #expect(names.count == 23)
        #expect(names == names.sorted())
        #expect(names.contains("SendMessage"))
        #expect(names.contains("ListQueues"))
    }

    @Test func sendMessageRequiresQueueUrlAndMessageBody() throws {
        let schema = ServiceSchema.sqs
        let operation = try #require(schema.operation(named: "SendMessage"))
        #expect(operation.httpMethod == "POST")
        #expect(operation.requestURI == "/")
        let input = try #require(operation.input)
        let shape = schema[shape: input.shape]
        #expect(shape.name == "SendMessageRequest")
        #expect(shape.type == .structure)
        let required = Set(shape.members.filter(\.isRequired).map(\.name))
        #expect(required == ["QueueUrl", "MessageBody"])
        let delay = try #require(shape.member(named: "DelaySeconds"))
        #expect(schema[shape: delay.shape].type == .integer)
        #expect(operation.errors.map { schema[shape: $0].name }.contains("QueueDoesNotExist"))
        #expect(operation.errors.allSatisfy { schema[shape: $0].isException })
    }

    @Test func shapeIDsIndexTheSortedTable() {
        for schema in [ServiceSchema.sqs, ServiceSchema.dynamoDB] {
            let names = schema.shapes.map(\.name)
            #expect(names == names.sorted())
            for (id, shape) in schema.shapes.enumerated() {
                #expect(schema.shapeID(named: shape.name) == id)
                let refs = shape.members + [shape.listMember, shape.mapKey, shape.mapValue].compactMap { $0 }
                for ref in refs {
                    #expect(schema.shapes.indices.contains(ref.shape), "\(shape.name).\(ref.name)")
                }
            }
        }
    }

    @Test func dynamoDBAttributeValueRefersToItselfThroughMapAndList() throws {
        let schema = ServiceSchema.dynamoDB
        #expect(schema.targetPrefix == "DynamoDB_20120810")
        let attributeValue = try #require(schema.shapeID(named: "AttributeValue"))
        let shape = schema[shape: attributeValue]
        // botocore does not mark AttributeValue as a union; the schema says what the model says.
        #expect(!shape.isUnion)
        #expect(shape.members.map(\.name) == ["S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL"])
        let map = schema[shape: try #require(shape.member(named: "M")).shape]
        #expect(map.type == .map)
        #expect(map.mapValue?.shape == attributeValue)
        let list = schema[shape: try #require(shape.member(named: "L")).shape]
        #expect(list.type == .list)
        #expect(list.listMember?.shape == attributeValue)
        #expect(schema[shape: try #require(shape.member(named: "B")).shape].type == .blob)
    }

    @Test func constraintsAndEnumsAreCarried() throws {
        let schema = ServiceSchema.dynamoDB
        let tableName = try #require(schema.shape(named: "TableName"))
        #expect(tableName.min == 3)
        #expect(tableName.max == 255)
        #expect(tableName.pattern != nil)
        let keyType = try #require(schema.shape(named: "KeyType"))
        #expect(keyType.enumValues == ["HASH", "RANGE"])
    }
}
