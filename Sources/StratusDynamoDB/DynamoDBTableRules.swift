import Foundation
import StratusAPIDynamoDB
import StratusServiceKit

/// DynamoDB's checks on table definitions (CreateTable, UpdateTable), with its messages.
///
/// Guarantees: pure; each function throws `ValidationException` with DynamoDB's message for the first rule
/// a definition breaks, in the order DynamoDB checks them.
package enum DynamoDBTableRules {
    /// Checks a table or index name: 3–255 characters of `[a-zA-Z0-9_.-]`.
    package static func checkName(_ name: String, member: String) throws(AWSServiceError) {
        if name.count < 3 {
            throw DynamoDBFailure.constraint(
                value: "'\(name)'", member: member, "Member must have length greater than or equal to 3")
        }
        if name.count > 255 {
            throw DynamoDBFailure.constraint(
                value: "'\(name)'", member: member, "Member must have length less than or equal to 255")
        }
        let allowed = name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "."
                || $0 == "-"
        }
        if !allowed {
            throw DynamoDBFailure.constraint(
                value: "'\(name)'", member: member, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
        }
    }

    /// Checks a key schema (table or index): one HASH first, optionally one RANGE second, distinct names.
    static func checkKeySchema(_ schema: [DynamoDB.KeySchemaElement], member: String) throws(AWSServiceError) {
        if schema.isEmpty || schema.count > 2 {
            let bound = schema.isEmpty ? "greater than or equal to 1" : "less than or equal to 2"
            throw DynamoDBFailure.constraint(
                value: "'\(schema.map(\.attributeName))'", member: member, "Member must have length \(bound)")
        }
        for element in schema where element.keyType.rawValue != "HASH" && element.keyType.rawValue != "RANGE" {
            throw DynamoDBFailure.constraint(
                value: "'\(element.keyType.rawValue)'", member: "\(member).keyType",
                "Member must satisfy enum value set: [HASH, RANGE]")
        }
        if schema.count == 2, schema[0].attributeName == schema[1].attributeName {
            throw .validation("Both the Hash Key and the Range Key element in the KeySchema have the same name")
        }
        if schema[0].keyType.rawValue != "HASH" {
            throw .validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type")
        }
        if schema.count == 2, schema[1].keyType.rawValue != "RANGE" {
            throw .validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type")
        }
    }

    /// Checks that every key attribute is defined.
    static func checkDefined(_ schema: [DynamoDB.KeySchemaElement], definitions: [DynamoDB.AttributeDefinition])
        throws(AWSServiceError)
    {
        let defined = definitions.map(\.attributeName)
        let keys = schema.map(\.attributeName)
        if keys.contains(where: { !defined.contains($0) }) {
            throw DynamoDBFailure.invalidParameter(
                "Some index key attributes are not defined in AttributeDefinitions. Keys: [\(keys.joined(separator: ", "))], AttributeDefinitions: [\(defined.joined(separator: ", "))]")
        }
    }

    /// Checks a projection: a known type, and NonKeyAttributes only with INCLUDE.
    static func checkProjection(_ projection: DynamoDB.Projection) throws(AWSServiceError) {
        guard let type = projection.projectionType?.rawValue else {
            throw DynamoDBFailure.invalidParameter("Unknown ProjectionType: null")
        }
        guard ["ALL", "KEYS_ONLY", "INCLUDE"].contains(type) else {
            throw DynamoDBFailure.invalidParameter("Unknown ProjectionType: \(type)")
        }
        if projection.nonKeyAttributes != nil, type != "INCLUDE" {
            throw DynamoDBFailure.invalidParameter("ProjectionType is \(type), but NonKeyAttributes is specified")
        }
        if type == "INCLUDE", (projection.nonKeyAttributes ?? []).isEmpty {
            throw DynamoDBFailure.invalidParameter("NonKeyAttributes must be specified when ProjectionType is INCLUDE")
        }
    }

    /// Checks provisioned throughput values (at least 1 each).
    static func checkThroughput(_ throughput: DynamoDB.ProvisionedThroughput, member: String) throws(AWSServiceError) {
        if throughput.readCapacityUnits < 1 {
            throw DynamoDBFailure.constraint(
                value: "'\(throughput.readCapacityUnits)'", member: "\(member).readCapacityUnits",
                "Member must have value greater than or equal to 1")
        }
        if throughput.writeCapacityUnits < 1 {
            throw DynamoDBFailure.constraint(
                value: "'\(throughput.writeCapacityUnits)'", member: "\(member).writeCapacityUnits",
                "Member must have value greater than or equal to 1")
        }
    }

    /// Checks attribute definitions: types S/N/B, no name twice.
    static func checkDefinitions(_ definitions: [DynamoDB.AttributeDefinition]) throws(AWSServiceError) {
        var seen = Set<String>()
        for definition in definitions {
            guard ["S", "N", "B"].contains(definition.attributeType.rawValue) else {
                throw DynamoDBFailure.constraint(
                    value: "'\(definition.attributeType.rawValue)'", member: "attributeDefinitions.member.attributeType",
                    "Member must satisfy enum value set: [B, N, S]")
            }
            guard seen.insert(definition.attributeName).inserted else {
                throw .validation("Cannot have two attributes with the same name")
            }
        }
    }

    /// Checks a whole CreateTable request.
    package static func checkCreateTable(_ input: DynamoDB.CreateTableInput) throws(AWSServiceError) {
        try checkName(input.tableName, member: "tableName")
        guard let keySchema = input.keySchema else {
            throw DynamoDBFailure.constraint(value: "null", member: "keySchema", "Member must not be null")
        }
        guard let definitions = input.attributeDefinitions else {
            throw DynamoDBFailure.constraint(value: "null", member: "attributeDefinitions", "Member must not be null")
        }
        try checkDefinitions(definitions)
        try checkKeySchema(keySchema, member: "keySchema")
        try checkDefined(keySchema, definitions: definitions)
        let billingMode = input.billingMode?.rawValue ?? "PROVISIONED"
        guard billingMode == "PROVISIONED" || billingMode == "PAY_PER_REQUEST" else {
            throw DynamoDBFailure.constraint(
                value: "'\(billingMode)'", member: "billingMode", "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]")
        }
        if billingMode == "PROVISIONED" {
            guard let throughput = input.provisionedThroughput else {
                throw DynamoDBFailure.invalidParameter(
                    "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED")
            }
            try checkThroughput(throughput, member: "provisionedThroughput")
        } else if input.provisionedThroughput != nil {
            throw DynamoDBFailure.invalidParameter(
                "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")
        }
        var indexNames = Set<String>()
        var usedAttributes = Set(keySchema.map(\.attributeName))
        if let local = input.localSecondaryIndexes {
            if local.isEmpty { throw DynamoDBFailure.invalidParameter("List of LocalSecondaryIndexes is empty") }
            if keySchema.count != 2 {
                throw DynamoDBFailure.invalidParameter(
                    "Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex")
            }
            for index in local {
                try checkName(index.indexName, member: "localSecondaryIndexes.member.indexName")
                try checkDefined(index.keySchema, definitions: definitions)
                try checkKeySchema(index.keySchema, member: "localSecondaryIndexes.member.keySchema")
                if index.keySchema.count != 2 {
                    throw DynamoDBFailure.invalidParameter(
                        "Index KeySchema does not have a range key for index: \(index.indexName)")
                }
                if index.keySchema[0].attributeName != keySchema[0].attributeName {
                    throw DynamoDBFailure.invalidParameter(
                        "Index KeySchema does not have the same leading hash key as table KeySchema for index: \(index.indexName). index hash key: \(index.keySchema[0].attributeName), table hash key: \(keySchema[0].attributeName)")
                }
                try checkProjection(index.projection)
                guard indexNames.insert(index.indexName).inserted else {
                    throw DynamoDBFailure.invalidParameter("Duplicate index name: \(index.indexName)")
                }
                usedAttributes.formUnion(index.keySchema.map(\.attributeName))
            }
            if local.count > 5 {
                throw DynamoDBFailure.invalidParameter("Number of LocalSecondaryIndexes exceeds per-table limit of 5")
            }
        }
        if let global = input.globalSecondaryIndexes {
            if global.isEmpty { throw DynamoDBFailure.invalidParameter("List of GlobalSecondaryIndexes is empty") }
            for index in global {
                try checkGlobalIndex(
                    name: index.indexName, keySchema: index.keySchema, projection: index.projection,
                    throughput: index.provisionedThroughput, billingMode: billingMode, definitions: definitions)
                guard indexNames.insert(index.indexName).inserted else {
                    throw DynamoDBFailure.invalidParameter("Duplicate index name: \(index.indexName)")
                }
                usedAttributes.formUnion(index.keySchema.map(\.attributeName))
            }
            if global.count > 20 {
                throw DynamoDBFailure.invalidParameter("GlobalSecondaryIndex count exceeds the per-table limit of 20")
            }
        }
        if input.localSecondaryIndexes == nil, input.globalSecondaryIndexes == nil, keySchema.count != definitions.count {
            throw DynamoDBFailure.invalidParameter(
                "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions")
        }
        let defined = definitions.map(\.attributeName)
        if defined.contains(where: { !usedAttributes.contains($0) }) {
            throw DynamoDBFailure.invalidParameter(
                "Some AttributeDefinitions are not used. AttributeDefinitions: [\(defined.joined(separator: ", "))], keys used: [\(usedAttributes.sorted().joined(separator: ", "))]")
        }
        if let stream = input.streamSpecification, stream.streamEnabled, stream.streamViewType == nil {
            throw .validation("One or more parameter values were invalid: StreamViewType must be specified when StreamEnabled is true")
        }
    }

    /// Checks one global secondary index definition.
    static func checkGlobalIndex(
        name: String, keySchema: [DynamoDB.KeySchemaElement], projection: DynamoDB.Projection,
        throughput: DynamoDB.ProvisionedThroughput?, billingMode: String, definitions: [DynamoDB.AttributeDefinition]
    ) throws(AWSServiceError) {
        try checkName(name, member: "globalSecondaryIndexes.member.indexName")
        try checkDefined(keySchema, definitions: definitions)
        try checkKeySchema(keySchema, member: "globalSecondaryIndexes.member.keySchema")
        try checkProjection(projection)
        if billingMode == "PROVISIONED" {
            guard let throughput else {
                throw DynamoDBFailure.invalidParameter("ProvisionedThroughput is not specified for index: \(name)")
            }
            try checkThroughput(throughput, member: "globalSecondaryIndexes.member.provisionedThroughput")
        } else if throughput != nil {
            throw DynamoDBFailure.invalidParameter(
                "ProvisionedThroughput should not be specified for index: \(name) when BillingMode is PAY_PER_REQUEST")
        }
    }
}
