#!/usr/bin/env python3
"""JSONata evaluations per second: StratusJSONata (stratus-bench --jsonata) vs jsonata-python, in one run.

Writes the cases (expression texts, one input document, bindings) to a temporary JSON file, runs
`$STRATUS_BENCH_BIN --jsonata FILE --seconds S` on it, then evaluates the same cases here with jsonata-python
(each expression compiled once with `jsonata.Jsonata(text)`, then `.evaluate(input, bindings)` repeatedly).
Both sides warm up with one unmeasured evaluation and then evaluate until at least S seconds have passed on a
monotonic clock (Swift: ContinuousClock; Python: time.perf_counter). Prints a table of evaluations/s and the
ratio Stratus / jsonata-python, and checks that both sides produced the same result for every expression;
a mismatch or an error is printed loudly and the exit status is 1.

Run it through scripts/bench-jsonata.sh, which builds stratus-bench and creates .venv-bench.
Usage: run.py [--seconds S] [--items N]   (environment: STRATUS_BENCH_BIN, required)
"""
import argparse
import importlib.metadata
import json
import os
import subprocess
import sys
import tempfile
import time

import jsonata

MAP = "$map(items, function($v) { $v.price * $v.qty })"

# (expression, uses the $states binding, runs on the small input too). Every expression runs on the full input
# (the order with its line items); the ones that do not read the items also run on the same order without them,
# which shows what the size of the input document costs per evaluation on each side.
EXPRESSIONS = [
    ("order.customer.id", False, True),
    ("$states.input.order.customer.id", True, True),
    ('order.total > 100 and order.status = "NEW"', False, True),
    ('"Order " & order.id & " for " & $uppercase(order.customer.name)', False, True),
    ("(a + b) * c / 2 - $floor(d)", False, True),
    (MAP, False, False),
    ("$sum(" + MAP + ")", False, False),
    ('{"id": order.id, "total": $sum(items.price)}', False, False),
    ("items[price > 50].sku", False, False),
]


def make_input(items):
    """An order with `items` line items, and a few numbers; deterministic."""
    return {
        "order": {
            "id": "ORD-2026-0042",
            "status": "NEW",
            "total": 1234.5,
            "createdAt": "2026-03-14T09:26:53.589Z",
            "customer": {"id": 100042, "name": "Ada Lovelace", "email": "ada@example.com", "tier": "gold"},
        },
        "items": [
            {"sku": "SKU-%05d" % index, "price": (index * 7919) % 10000 / 100, "qty": 1 + index % 5,
             "tags": ["sale"] if index % 3 == 0 else []}
            for index in range(items)
        ],
        "a": 12,
        "b": 30.5,
        "c": 4,
        "d": 7.8,
    }


def measure_python(expression, document, bindings, seconds, validate_input):
    """Compiles once, evaluates once unmeasured, then until `seconds` have passed; returns (result, count, time).

    `validate_input` is jsonata-python's own setting (on by default): it walks the whole input before every
    evaluation to check that it holds only JSON types.
    """
    compiled = jsonata.Jsonata(expression)
    compiled.set_validate_input(validate_input)
    result = compiled.evaluate(document, bindings)
    count = 0
    start = time.perf_counter()
    while True:
        compiled.evaluate(document, bindings)
        count += 1
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            return result, count, elapsed


def same(left, right):
    """JSON equality that keeps booleans apart from numbers (Python's True == 1) and compares numbers by value."""
    if isinstance(left, bool) or isinstance(right, bool):
        return type(left) is type(right) and left == right
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        return left == right
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(same(a, b) for a, b in zip(left, right))
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(same(left[key], right[key]) for key in left)
    return type(left) is type(right) and left == right


def short(value):
    text = json.dumps(value, sort_keys=True)
    return text if len(text) <= 200 else text[:200] + "… (%d characters)" % len(text)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=1.0, help="minimum measured time per expression and side")
    parser.add_argument("--items", type=int, default=1000, help="line items in the input document")
    options = parser.parse_args()
    binary = os.environ.get("STRATUS_BENCH_BIN")
    if not binary:
        sys.exit("run.py: set STRATUS_BENCH_BIN (scripts/bench-jsonata.sh does)")

    large = make_input(options.items)
    small = {key: value for key, value in large.items() if key != "items"}
    inputs = [("small", small), ("%d items" % options.items, large)]
    cases = []
    for label, document in inputs:
        for expression, binds, on_small in EXPRESSIONS:
            if document is small and not on_small:
                continue
            case = {"name": "%s | %s" % (expression, label), "expression": expression, "input": document,
                    "label": label}
            if binds:
                case["bindings"] = {"states": {"input": document}}
            cases.append(case)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "cases.json")
        with open(path, "w") as file:
            json.dump({"cases": cases}, file)
        run = subprocess.run([binary, "--jsonata", path, "--seconds", str(options.seconds)],
                             stdout=subprocess.PIPE, text=True)
    if run.returncode != 0:
        sys.exit("run.py: stratus-bench failed with exit status %d" % run.returncode)
    stratus = {line["name"]: line for line in map(json.loads, run.stdout.splitlines())}

    version = importlib.metadata.version("jsonata-python")
    print("JSONata: evaluations per second, one thread, each expression compiled once, at least %.1f s per"
          " expression and side" % options.seconds)
    print("Input: an order (id, status, total, customer) and four numbers a-d; 'small' is that alone, '%d items'"
          " adds %d line items {sku, price, qty, tags}" % (options.items, options.items))
    print("Stratus: StratusJSONata (release build); baseline: jsonata-python %s on Python %s"
          % (version, sys.version.split()[0]))
    rows = []
    mismatches = []
    for case in cases:
        name, expression, document = case["name"], case["expression"], case["input"]
        if name not in stratus:
            sys.exit("run.py: stratus-bench reported nothing for %r" % name)
        swift = stratus[name]
        swift_result = None if swift["undefined"] else json.loads(swift["result"])
        rates = []
        for validate_input in (True, False):
            try:
                result, count, elapsed = measure_python(expression, document, case.get("bindings"), options.seconds,
                                                        validate_input)
            except Exception as error:  # jsonata-python raises its own exception types
                mismatches.append("%s: jsonata-python failed: %r" % (name, error))
                rates.append(None)
                continue
            python_result = json.loads(json.dumps(result))
            if not same(swift_result, python_result):
                mismatches.append("%s (validate_input %s)\n    Stratus:        %s\n    jsonata-python: %s"
                                  % (name, validate_input, short(swift_result), short(python_result)))
            rates.append(count / elapsed)
        rows.append((expression, case["label"], swift["evaluationsPerSecond"], rates))

    print("jsonata-python runs twice: as it comes (it checks the whole input before each evaluation) and with"
          " set_validate_input(False)")
    width = max(len(expression) for expression, _, _, _ in rows)
    label_width = max(len(label) for _, label, _, _ in rows)
    print("%-*s  %-*s  %11s  %16s  %7s  %16s  %7s" % (width, "expression", label_width, "input", "Stratus/s",
                                                      "jsonata-python/s", "ratio", "…no input check/s", "ratio"))
    for expression, label, swift_rate, rates in rows:
        columns = []
        for rate in rates:
            columns.append("%16s" % ("failed" if rate is None else "{:,.0f}".format(rate)))
            columns.append("%7s" % ("" if rate is None else "{:,.1f}×".format(swift_rate / rate)))
        print("%-*s  %-*s  %11s  %s" % (width, expression, label_width, label, "{:,.0f}".format(swift_rate),
                                        "  ".join(columns)))
    if mismatches:
        print("\n!!! RESULTS DIFFER between Stratus and jsonata-python for %d expression(s):" % len(mismatches))
        for mismatch in mismatches:
            print("!!! " + mismatch)
        sys.exit(1)
    print("All %d results are the same on both sides (both jsonata-python runs)." % len(rows))


if __name__ == "__main__":
    main()
