import Foundation
import Testing

@testable import CodeGen

private func parse(_ text: String) throws -> JSON { try JSONParser.parse(Data(text.utf8)) }

/// A small model in botocore form, with documentation that must not survive.
private let sampleModel = """
    {
      "version": "2.0",
      "documentation": "<p>Service prose that must never be emitted.</p>",
      "metadata": {"apiVersion": "2020-01-01", "endpointPrefix": "sample", "protocol": "json",
                   "protocols": ["json"], "jsonVersion": "1.0", "targetPrefix": "Sample", "serviceId": "Sample",
                   "awsQueryCompatible": {}},
      "operations": {
        "Put": {"name": "Put", "http": {"method": "POST", "requestUri": "/"},
                "input": {"shape": "PutInput"}, "output": {"shape": "PutOutput"},
                "errors": [{"shape": "Missing"}], "documentation": "<p>Operation prose.</p>"}
      },
      "shapes": {
        "PutInput": {"type": "structure", "required": ["Name"], "documentation": "<p>Shape prose.</p>",
                     "members": {"Name": {"shape": "String", "documentation": "<p>Member prose.</p>"},
                                 "Count": {"shape": "Int", "default": 10},
                                 "Nothing": {"shape": "Doc", "default": null},
                                 "Node": {"shape": "Node"}}},
        "PutOutput": {"type": "structure", "members": {}},
        "Missing": {"type": "structure", "members": {"message": {"shape": "String"}}, "exception": true,
                    "error": {"code": "Legacy.Missing", "httpStatusCode": 404, "senderFault": true}},
        "String": {"type": "string", "min": 1, "max": 64, "pattern": "^[a-z]+$"},
        "Int": {"type": "integer"},
        "Level": {"type": "integer"},
        "Doc": {"type": "structure", "members": {}, "document": true},
        "Node": {"type": "structure", "members": {"Next": {"shape": "Node"}, "Children": {"shape": "NodeList"}}},
        "NodeList": {"type": "list", "member": {"shape": "Node"}}
      },
      "x-smithy": {"intEnums": {"Level": {"LOW": 1, "HIGH": 2}}}
    }
    """

@Suite struct JSONParserTests {
    @Test func keepsMemberOrderAndNumberText() throws {
        let json = try parse(#"{"b": 1.50, "a": [true, null, -2e3], "c": {"z": "\u00e9\ud83d\ude00\n"}}"#)
        #expect(json.members?.map(\.0) == ["b", "a", "c"])
        #expect(json["b"] == .number("1.50"))
        #expect(json["a"] == .array([.bool(true), .null, .number("-2e3")]))
        #expect(json["c"]?["z"]?.string == "é😀\n")
        #expect(json.text == #"{"b":1.50,"a":[true,null,-2e3],"c":{"z":"é😀\n"}}"#)
    }

    @Test func rejectsMalformedText() {
        #expect(throws: JSONParseError.self) { try parse(#"{"a": }"#) }
        #expect(throws: JSONParseError.self) { try parse(#"[1, 2"#) }
        #expect(throws: JSONParseError.self) { try parse(#"{"a": 1} x"#) }
    }
}

@Suite struct ModelReaderTests {
    @Test func readsMetadataShapesAndOperations() throws {
        let model = try ModelReader.read(try parse(sampleModel), modelName: "sample")
        #expect(model.protocols == ["json"])
        #expect(model.signingName == "sample")
        #expect(model.awsQueryCompatible)
        #expect(model.shapes.map(\.name) == model.shapes.map(\.name).sorted())
        let input = try #require(model.shape(named: "PutInput"))
        #expect(input.members.map(\.name) == ["Name", "Count", "Nothing", "Node"])
        #expect(input.members[0].isRequired)
        #expect(input.members[1].defaultValue == "10")
        #expect(input.members[2].defaultValue == "null")
        #expect(input.members[3].defaultValue == nil)
        #expect(model.shape(named: "Level")?.enumValues == ["1", "2"])
        #expect(model.shape(named: "String")?.min == "1")
        #expect(model.shape(named: "Missing")?.error == ErrorTraitIR(code: "Legacy.Missing", httpStatusCode: 404, senderFault: true))
        #expect(model.operations.first?.errors == ["Missing"])
    }

    @Test func rejectsWhatItCannotRepresent() throws {
        let unknownType = sampleModel.replacingOccurrences(of: #""type": "integer"}"#, with: #""type": "decimal128"}"#)
        #expect(throws: ModelError.self) { try ModelReader.read(try parse(unknownType), modelName: "x") }
        let dangling = sampleModel.replacingOccurrences(of: #"{"shape": "NodeList"}"#, with: #"{"shape": "Nowhere"}"#)
        #expect(throws: ModelError.self) { try ModelReader.read(try parse(dangling), modelName: "x") }
        let badLocation = sampleModel.replacingOccurrences(
            of: #""Count": {"shape": "Int", "default": 10}"#, with: #""Count": {"shape": "Int", "location": "cookie"}"#)
        #expect(throws: ModelError.self) { try ModelReader.read(try parse(badLocation), modelName: "x") }
    }

    @Test func emittedCodeCarriesNoDocumentation() throws {
        let model = try ModelReader.read(try parse(sampleModel), modelName: "sample")
        let mapper = try TypeMapper(model: model)
        var texts = [try SchemaEmitter(model: model, propertyName: "sample", tablesName: "T", summary: "S.").emit()]
        texts += try ShapesEmitter(mapper: mapper, namespace: "Sample").emit().map(\.1)
        texts.append(ErrorsEmitter(model: model, namespace: "Sample").emit())
        texts.append(try HandlerEmitter(mapper: mapper, namespace: "Sample", schemaProperty: "sample").emit())
        texts.append(try ClientEmitter(mapper: mapper, namespace: "Sample").emit())
        for text in texts {
            #expect(text.hasPrefix("// Code generated by Tools/CodeGen. DO NOT EDIT.\n"))
            #expect(!text.contains("prose"))
        }
        // Deterministic: a second run gives the same text.
        #expect(try SchemaEmitter(model: model, propertyName: "sample", tablesName: "T", summary: "S.").emit() == texts[0])
    }

    @Test func errorCatalogUsesQueryCodesOnlyWhereTheProtocolSaysSo() throws {
        let model = try ModelReader.read(try parse(sampleModel), modelName: "sample")
        let missing = try #require(model.shape(named: "Missing"))
        let json = ErrorsEmitter.errorCode(missing, model: model)
        #expect(json.code == "Missing")
        #expect(json.status == 404)
        #expect(json.queryCode == "Legacy.Missing")
        var query = model
        query.protocols = ["query"]
        query.awsQueryCompatible = false
        let queryCode = ErrorsEmitter.errorCode(missing, model: query)
        #expect(queryCode.code == "Legacy.Missing")
        #expect(queryCode.queryCode == nil)
    }
}

@Suite struct TypeMappingTests {
    @Test func boxesOnlyDirectRecursion() throws {
        let model = try ModelReader.read(try parse(sampleModel), modelName: "sample")
        let mapper = try TypeMapper(model: model)
        #expect(mapper.boxedMembers == [TypeMapper.boxKey("Node", "Next")])
        let files = try ShapesEmitter(mapper: mapper, namespace: "Sample").emit()
        #expect(files.map(\.0) == ["Sample+Shapes.swift", "Sample+Indirect.swift"])
        let shapes = files[0].1
        #expect(shapes.contains("private var _next: GeneratedIndirect<Node>?"))
        #expect(shapes.contains("case _next = \"Next\""))
        #expect(shapes.contains("package var children: [Node]?"))
        // The direct conversions read and write the boxed storage under the model name.
        #expect(shapes.contains("self._next = try members.optional(\"Next\")"))
        #expect(shapes.contains("members.setIfPresent(\"Next\", self._next)"))
        #expect(files[1].1.contains("Swift.Codable, StratusServiceKit.AWSValueConvertible"))
        #expect(files[1].1.contains("value = try Value(awsValue: awsValue)"))
    }

    @Test func emitsDirectConversionsUsedByHandlersAndClients() throws {
        let model = try ModelReader.read(try parse(sampleModel), modelName: "sample")
        let mapper = try TypeMapper(model: model)
        let shapes = try ShapesEmitter(mapper: mapper, namespace: "Sample").emit()[0].1
        #expect(shapes.contains("package struct PutInput: Swift.Codable, StratusServiceKit.AWSValueConvertible,"))
        #expect(shapes.contains("self.name = try members.required(\"Name\")"))
        #expect(shapes.contains("self.count = try members.optional(\"Count\")"))
        #expect(shapes.contains("members.set(\"Name\", self.name)"))
        #expect(shapes.contains("members.setIfPresent(\"Count\", self.count)"))
        // An empty structure still requires an object and writes an empty one.
        #expect(shapes.contains("_ = try StratusServiceKit.AWSValueObjectReader(awsValue)"))
        #expect(shapes.contains("StratusServiceKit.AWSValue.emptyObject"))

        let handler = try HandlerEmitter(mapper: mapper, namespace: "Sample", schemaProperty: "sample").emit()
        #expect(handler.contains("return try await put(try Sample.PutInput(awsValue: input), context: context).awsValue"))
        #expect(!handler.contains("AWSValueDecoder") && !handler.contains("AWSValueEncoder"))
        let client = try ClientEmitter(mapper: mapper, namespace: "Sample").emit()
        #expect(client.contains("input: input.awsValue"))
        #expect(client.contains("return try Sample.PutOutput(awsValue: output)"))
        #expect(!client.contains("AWSValueDecoder") && !client.contains("AWSValueEncoder"))
    }

    @Test func mapsScalarsToQualifiedTypes() throws {
        let model = try ModelReader.read(try parse(sampleModel), modelName: "sample")
        let mapper = try TypeMapper(model: model)
        #expect(try mapper.swiftType("String") == "Swift.String")
        #expect(try mapper.swiftType("Int") == "Swift.Int")
        #expect(try mapper.swiftType("Doc") == "StratusServiceKit.AWSValue")
        #expect(try mapper.swiftType("NodeList") == "[Node]")
    }
}

@Suite struct SmithyTraitTests {
    private let model = """
        {
          "metadata": {"apiVersion": "1", "endpointPrefix": "v", "protocol": "rest-json", "serviceId": "V"},
          "operations": {},
          "shapes": {
            "Input": {"type": "structure", "members": {
                "Short": {"shape": "Name", "min": 2, "max": 4, "pattern": "^[a-c]+$"},
                "Plain": {"shape": "Name"}}},
            "Name": {"type": "string", "min": 1, "max": 64},
            "Names": {"type": "list", "member": {"shape": "Name"}},
            "Jpeg": {"type": "blob"},
            "Letter": {"type": "string", "enum": ["a", "b", "c"]}
          },
          "x-smithy": {
            "enumNames": {"Letter": {"A": "a", "B": "b", "C": "c"}},
            "traits": {"Names": {"smithy.api#uniqueItems": {}}, "Jpeg": {"smithy.api#mediaType": "image/jpeg"},
                       "Letter$B": {"smithy.api#internal": {}}}
          }
        }
        """

    @Test func readsMemberConstraintsUniqueItemsMediaTypeAndInternalEnumValues() throws {
        let read = try ModelReader.read(try parse(model), modelName: "v")
        let input = try #require(read.shape(named: "Input"))
        #expect(input.members[0].min == "2" && input.members[0].max == "4" && input.members[0].pattern == "^[a-c]+$")
        #expect(input.members[1].min == nil && input.members[1].pattern == nil)
        #expect(read.shape(named: "Names")?.uniqueItems == true)
        #expect(read.shape(named: "Name")?.uniqueItems == false)
        #expect(read.shape(named: "Jpeg")?.mediaType == "image/jpeg")
        #expect(read.shape(named: "Letter")?.internalEnumValues == ["b"])
        let text = try SchemaEmitter(model: read, propertyName: "v", tablesName: "T", summary: "S.").emit()
        #expect(text.contains(#"MemberSchema(name: "Short", shape: 3 /* Name */, min: 2, max: 4, pattern: "^[a-c]+$")"#))
        #expect(text.contains("uniqueItems: true"))
        #expect(text.contains(#"mediaType: "image/jpeg""#))
        #expect(text.contains(#"internalEnumValues: ["b"]"#))
    }
}
