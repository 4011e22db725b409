// The parsed form of one PartiQL statement.

/// One PartiQL statement of the forms DynamoDB runs, with every `?` already replaced by its parameter.
///
/// Guarantees: conditions, update actions and projections are the expression library's own types, so they are
/// evaluated exactly like `ConditionExpression`, `UpdateExpression` and `ProjectionExpression`; the parser that
/// builds a statement (``parse(_:parameters:)``) checks the shape of each form (UPDATE has a WHERE and at least
/// one SET or REMOVE, RETURNING is one DynamoDB allows for that statement), but not the table's key schema: that
/// is the service's job (``DynamoDBPartiQLKeyEqualities``).
package enum DynamoDBPartiQLStatement: Sendable, Hashable {
    /// `SELECT … FROM "table"[."index"] [WHERE …] [ORDER BY …]`.
    case select(Select)
    /// `INSERT INTO "table" VALUE {…}`.
    case insert(Insert)
    /// `UPDATE "table" SET …/REMOVE … WHERE … [RETURNING …]`.
    case update(Update)
    /// `DELETE FROM "table" WHERE … [RETURNING ALL OLD *]`.
    case delete(Delete)
    /// `EXISTS(SELECT * FROM "table" WHERE …)`: a condition check (transactions only).
    case exists(Select)

    /// A SELECT.
    package struct Select: Sendable, Hashable {
        /// The table name.
        package var table: String
        /// The index read, if any.
        package var index: String?
        /// The paths to return, or nil for `*`.
        package var projection: [DynamoDBDocumentPath]?
        /// The WHERE condition, if any.
        package var condition: DynamoDBCondition?
        /// The `ORDER BY` keys in order.
        package var orderBy: [OrderKey] = []

        /// A SELECT.
        package init(
            table: String, index: String? = nil, projection: [DynamoDBDocumentPath]? = nil,
            condition: DynamoDBCondition? = nil, orderBy: [OrderKey] = []
        ) {
            self.table = table
            self.index = index
            self.projection = projection
            self.condition = condition
            self.orderBy = orderBy
        }
    }

    /// One `ORDER BY` key.
    package struct OrderKey: Sendable, Hashable {
        /// The key attribute.
        package var attribute: String
        /// `ASC` (the default) or `DESC`.
        package var ascending: Bool

        /// An ORDER BY key.
        package init(attribute: String, ascending: Bool) {
            self.attribute = attribute
            self.ascending = ascending
        }
    }

    /// An INSERT.
    package struct Insert: Sendable, Hashable {
        /// The table name.
        package var table: String
        /// The item to insert.
        package var item: DynamoDBItem

        /// An INSERT.
        package init(table: String, item: DynamoDBItem) {
            self.table = table
            self.item = item
        }
    }

    /// An UPDATE.
    package struct Update: Sendable, Hashable {
        /// The table name.
        package var table: String
        /// The SET/REMOVE actions in the order written (SET_ADD and SET_DELETE become ADD and DELETE actions).
        package var actions: [DynamoDBUpdateAction]
        /// The WHERE condition (the key equalities and any further condition).
        package var condition: DynamoDBCondition
        /// RETURNING, if given.
        package var returning: Returning?

        /// An UPDATE.
        package init(table: String, actions: [DynamoDBUpdateAction], condition: DynamoDBCondition, returning: Returning?) {
            self.table = table
            self.actions = actions
            self.condition = condition
            self.returning = returning
        }
    }

    /// A DELETE.
    package struct Delete: Sendable, Hashable {
        /// The table name.
        package var table: String
        /// The WHERE condition (the key equalities and any further condition).
        package var condition: DynamoDBCondition
        /// RETURNING, if given (only `ALL OLD *`).
        package var returning: Returning?

        /// A DELETE.
        package init(table: String, condition: DynamoDBCondition, returning: Returning?) {
            self.table = table
            self.condition = condition
            self.returning = returning
        }
    }

    /// The RETURNING clause: which item, and whether all of it or only the attributes the update changed.
    package enum Returning: String, Sendable, Hashable {
        /// `ALL OLD *`.
        case allOld = "ALL_OLD"
        /// `MODIFIED OLD *`.
        case modifiedOld = "UPDATED_OLD"
        /// `ALL NEW *`.
        case allNew = "ALL_NEW"
        /// `MODIFIED NEW *`.
        case modifiedNew = "UPDATED_NEW"
    }

    /// The table the statement names.
    package var table: String {
        switch self {
        case let .select(select), let .exists(select): select.table
        case let .insert(insert): insert.table
        case let .update(update): update.table
        case let .delete(delete): delete.table
        }
    }

    /// Whether the statement only reads (SELECT).
    package var isRead: Bool {
        if case .select = self { return true }
        return false
    }

    /// Parses one statement with its positional parameters (`?` takes the next one, in order).
    ///
    /// - Throws: "Statement wasn't well formed, can't be processed: …" for text that does not parse;
    ///   "Number of parameters in request and statement don't match." when the `?` count differs from
    ///   `parameters.count`; "Unsupported operation: …" for PartiQL that DynamoDB does not run.
    package static func parse(
        _ text: String, parameters: [DynamoDBValue]
    ) throws(DynamoDBValidationError) -> DynamoDBPartiQLStatement {
        var parser = DynamoDBPartiQLParser(tokens: try DynamoDBPartiQLLexer.tokens(text), parameters: parameters)
        let statement = try parser.parseStatement()
        if parser.usedParameters != parameters.count { throw DynamoDBPartiQLSyntax.parameterCountMismatch }
        return statement
    }
}
