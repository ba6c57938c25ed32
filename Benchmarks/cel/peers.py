#!/usr/bin/env python3
"""Evaluations per second of the CEL peers on expressions.json, in the same way as the Swift benchmark:
compile once, evaluate for about SECONDS, median of 3 runs, bindings passed on each evaluation.

Prints one JSON object per line: {"runtime", "expression", "evals_per_second", "result"}.
Runtimes: cel-expr-python (Google's C++ runtime), common-expression-language (Rust), cel-python (pure Python).
"""
import argparse
import json
import statistics
import sys
import time

EXPECTED = {"E1_map_filter": 334, "E2_all_exists": True, "E3_string_map": 111, "E4_nested": 56, "E5_items": 72}


def normalise(value):
    # cel-python returns booleans as an int subtype, and the C++ binding wraps results in a Value.
    if hasattr(value, "plain_value"):
        value = value.plain_value()
    if type(value).__name__ in ("BoolType",) or isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    return value


def make_cpp(bindings):
    from cel_expr_python import cel

    types = {
        "xs": cel.Type.List(cel.Type.INT),
        "ys": cel.Type.List(cel.Type.INT),
        "items": cel.Type.List(cel.Type.Map(cel.Type.STRING, cel.Type.DYN)),
    }
    env = cel.NewEnv(variables=types)

    def compile_(source):
        expression = env.compile(source)
        # A fresh activation per evaluation: reusing one grows memory without bound (see README).
        return lambda: expression.eval(data=bindings)

    return compile_


def make_rust(bindings):
    import cel

    # The bindings are converted once into a Context, as the Swift side converts them once into values
    # (converting the 1,000-element list on every call would cost the Rust runtime ~10x on E2).
    context = cel.Context(variables=bindings)

    def compile_(source):
        program = cel.compile(source)
        return lambda: program.execute(context)

    return compile_


def make_celpy(bindings):
    import celpy

    env = celpy.Environment()
    activation = {name: celpy.json_to_cel(value) for name, value in bindings.items()}

    def compile_(source):
        program = env.program(env.compile(source))
        return lambda: program.evaluate(activation)

    return compile_


RUNTIMES = {
    "cel-expr-python": make_cpp,
    "common-expression-language": make_rust,
    "cel-python": make_celpy,
}


def measure(evaluate, seconds):
    rates = []
    for _ in range(3):
        count = 0
        start = time.perf_counter()
        while True:
            evaluate()
            count += 1
            elapsed = time.perf_counter() - start
            if elapsed >= seconds:
                break
        rates.append(count / elapsed)
    return statistics.median(rates)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", default="expressions.json")
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--runtimes", default=",".join(RUNTIMES))
    args = parser.parse_args()
    with open(args.file) as handle:
        data = json.load(handle)
    expected = {**EXPECTED, **data.get("expected", {})}
    for runtime in args.runtimes.split(","):
        try:
            compile_ = RUNTIMES[runtime](data["bindings"])
        except Exception as error:  # a peer that fails to load is reported, not fatal
            print(f"{runtime}: unavailable: {error}", file=sys.stderr)
            continue
        for name, source in data["expressions"].items():
            evaluate = compile_(source)
            result = normalise(evaluate())
            if result != expected.get(name):
                print(f"{runtime} {name}: got {result!r}, expected {expected.get(name)!r}", file=sys.stderr)
            rate = measure(evaluate, args.seconds)
            print(json.dumps({"runtime": runtime, "expression": name, "evals_per_second": rate, "result": result}), flush=True)


if __name__ == "__main__":
    main()
