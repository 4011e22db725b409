import Foundation
import StratusAPIDynamoDB
import StratusServiceKit

/// A parsed PartiQL statement of the forms DynamoDB supports for single items and reads:
/// `SELECT … FROM "table"[."index"] [WHERE …]`, `INSERT INTO "table" VALUE {…}`,
/// `UPDATE "table" SET …/REMOVE … WHERE … [RETURNING …]` and `DELETE FROM "table" WHERE … [RETURNING ALL OLD *]`.
///
/// Its WHERE, SET/REMOVE and projection parts are rewritten into DynamoDB's expression language with generated
/// placeholders (`#qN` names, `:qN` values), so they are checked and evaluated like expressions.
///
/// Guarantees: every `?` takes the next parameter, and the count must match ("Number of parameters in request
/// and statement don't match."); unsupported syntax throws "Statement wasn't well formed, can't be processed".
package struct DynamoDBPartiQLRewrite: Sendable {
    /// What the statement does.
    package enum Kind: Sendable, Equatable {
        case select, insert, update, delete
    }

    /// What the statement does.
    package var kind: Kind
    /// The table.
    package var table: String
    /// The index read by a SELECT, if any.
    package var index: String?
    /// The projection of a SELECT as a projection expression (nil for `*`).
    package var projection: String?
    /// The WHERE clause as a condition expression.
    package var condition: String?
    /// SET/REMOVE clauses as an update expression.
    package var update: String?
    /// The item of an INSERT.
    package var item: [String: DynamoDB.AttributeValue]?
    /// RETURNING as a `ReturnValues` value (`ALL_OLD`, `ALL_NEW`, `UPDATED_OLD`, `UPDATED_NEW`).
    package var returning: String?
    /// The generated `ExpressionAttributeNames`.
    package var names: [String: String] = [:]
    /// The generated `ExpressionAttributeValues`.
    package var values: [String: DynamoDB.AttributeValue] = [:]

    /// Parses `text` with its positional parameters.
    package static func parse(_ text: String, parameters: [DynamoDB.AttributeValue]) throws(AWSServiceError)
        -> DynamoDBPartiQLRewrite
    {
        var parser = DynamoDBPartiQLRewriter(tokens: try DynamoDBPartiQLRewriteLexer.tokens(text), parameters: parameters)
        let statement = try parser.statement()
        if parser.usedParameters != parameters.count {
            throw .validation("Number of parameters in request and statement don't match.")
        }
        return statement
    }
}
