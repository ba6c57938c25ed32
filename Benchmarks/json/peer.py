"""The peer: CPython's json module (C accelerated) on the same documents, same operations where they exist
(parse; serialize with sorted keys, compact separators, UTF-8 kept). Prints the same JSON lines as JSONBench."""
import json, pathlib, statistics, sys, time

seconds = float(sys.argv[1])
for path in sys.argv[2:]:
    data = pathlib.Path(path).read_bytes()
    text = data.decode()
    value = json.loads(text)
    ops = {"parse": lambda: json.loads(text),
           "serialize_sorted": lambda: json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)}
    for name, body in ops.items():
        for _ in range(3): body()
        rates = []
        for _ in range(5):
            runs, start = 0, time.perf_counter()
            while time.perf_counter() - start < seconds / 5:
                body(); runs += 1
            rates.append(len(data) * runs / (time.perf_counter() - start) / 1e6)
        print(json.dumps({"document": pathlib.Path(path).name, "bytes": len(data), "operation": "python." + name,
                          "mb_per_s": round(statistics.median(rates), 1)}))
