#!/usr/bin/env python3
"""Fails when a target depends on a target of a higher layer (docs/architecture.md), or on a forbidden package.

Reads `swift package dump-package` from standard input.
"""
import json
import sys

LAYERS = {
    "StratusJSON": 0, "StratusAWSCore": 0, "StratusSigV4": 0, "StratusJSONPath": 0, "StratusJSONata": 0,
    "StratusASL": 0, "StratusDynamoDBExpressions": 0, "StratusEventPatterns": 0,
    "StratusStatesEngine": 1,
    "StratusServiceKit": 2,
    "StratusSQS": 3, "StratusSNS": 3, "StratusS3": 3, "StratusDynamoDB": 3, "StratusEventBridge": 3,
    "StratusLambda": 3, "StratusStepFunctions": 3,
    "StratusWire": 4, "StratusStoreSQLite": 4, "StratusStorePostgres": 4, "StratusLambdaRuntime": 4,
    "StratusServer": 5, "StratusConsole": 5, "StratusTesting": 5, "StratusProtocolTestServices": 2,
    "StratusCLI": 6, "StratusBenchmarks": 6, "stratus": 7,
}
# Edges allowed inside one layer above L2: the composition root serves the console (docs/architecture.md).
SAME_LAYER_EDGES = {("StratusServer", "StratusConsole")}
# Packages that do I/O or serve HTTP: never below the adapters (layer 4).
IO_PACKAGES = {"hummingbird", "GRDB.swift", "postgres-nio", "swift-subprocess"}


def layer_of(name: str) -> int:
    if name.startswith("StratusAPI"):
        return 2
    if name not in LAYERS:
        sys.exit(f"check-layers: target {name} has no layer; add it to scripts/check-layers.py and docs/architecture.md")
    return LAYERS[name]


def main() -> None:
    package = json.load(sys.stdin)
    problems = []
    for target in package["targets"]:
        if target["type"] == "test":
            continue
        name = target["name"]
        own = layer_of(name)
        for dependency in target.get("dependencies", []):
            if "byName" in dependency:
                other = dependency["byName"][0]
            elif "target" in dependency:
                other = dependency["target"][0]
            elif "product" in dependency:
                package_name = dependency["product"][1]
                if package_name in IO_PACKAGES and own < 4:
                    problems.append(f"{name} (layer {own}) depends on {package_name}, which does I/O")
                continue
            else:
                continue
            theirs = layer_of(other)
            # Pure libraries (L0) and the L2 kit/API targets may build on each other (SwiftPM forbids cycles);
            # services (L3) never depend on one another, and nothing depends upward.
            if theirs > own or (theirs == own and own not in (0, 2) and (name, other) not in SAME_LAYER_EDGES):
                problems.append(f"{name} (layer {own}) depends on {other} (layer {theirs})")
    if problems:
        print("Layering violations:\n  " + "\n  ".join(problems))
        sys.exit(1)
    print(f"check-layers: {sum(1 for t in package['targets'] if t['type'] != 'test')} targets follow the layers")


if __name__ == "__main__":
    main()
