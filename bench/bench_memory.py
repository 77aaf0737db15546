#!/usr/bin/python3
"""Peak memory per input byte: the worst input shapes through libdii.

    bench_memory.py BENCH_MEMORY [--before LIBDIR] [--mb N] [--limit-gb G] [--only NAME,...]

BENCH_MEMORY is the built bench/bench-memory driver (load_memory, validate,
diagnostics out as JSON: what `dii validate --format json` does). Each shape
is written to a temporary file of about N MB (default 8) and run under
/usr/bin/time -v for the process's peak RSS. Two figures per shape:

  ratio    = (peak RSS - the driver's own peak on a one-line input) / input
             bytes: everything the input costs, the read buffer (1 byte per
             byte) and the capped diagnostics list included;
  marginal = (peak at N MB - peak at N/2 MB) / (N/2 MB): what one more input
             byte costs, without the parts that do not grow with the input
             (the diagnostics list stops growing at max_diagnostics).

--before LIBDIR also runs each shape against the libdii.so.1 in LIBDIR
(the driver uses only the 1.0 API) and prints both, in one run. A run
whose address space passes G GiB (default 8) is stopped by RLIMIT_AS and
reported as "> G GiB". Prints a Markdown table (BENCHMARKS.md).
"""
import os
import resource
import subprocess
import sys
import tempfile

FRAMEWORK = "dien-bien-4734-2023"
INDICATOR = "mobile_broadband_subscriptions_per_100"
UNIT = '"unit": {"id": "11"}, "year": 2022'


def repeat_to(size, head, item, sep, tail, items=None):
    """head + item(0) sep item(1) ... + tail, about `size` bytes."""
    parts, n, i = [head], len(head) + len(tail), 0
    while n < size:
        s = (sep if i else "") + (item(i) if callable(item) else item)
        parts.append(s)
        n += len(s)
        i += 1
    parts.append(tail)
    return "".join(parts)


def nested(depth):
    return "[" * depth + "]" * depth


def shapes(size):
    """(name, what it is, file suffix, text, extra driver argument)."""
    long_text = "x" * 60000
    yield ("unknown-field-array", "`\"meta\": [1,1,…]` in a submission (the review's 74x)",
           ".json", repeat_to(size, "{" + UNIT + ', "values": {}, "meta": [', "1", ",", "]}"), None)
    yield ("value-array", "an indicator's value `[1,1,…]`", ".json",
           repeat_to(size, "{" + UNIT + ', "values": {"' + INDICATOR + '": [', "1", ",", "]}}"),
           None)
    yield ("deep-nesting", "`[[[…]]]` 60 deep, repeated, in an unknown field", ".json",
           repeat_to(size, "{" + UNIT + ', "values": {}, "meta": [', nested(60), ",", "]}"),
           None)
    yield ("empty-objects", "a batch of `{}` (3 bytes a submission)", ".json",
           repeat_to(size, '{"format": "dii-submissions/1", "submissions": [', "{}", ",", "]}"),
           None)
    yield ("scalar-list", "a batch whose \"submissions\" are scalars `[1,1,…]`", ".json",
           repeat_to(size, '{"format": "dii-submissions/1", "submissions": [', "1", ",", "]}"),
           None)
    yield ("jsonl-empty", "JSON Lines of `{}` (3 bytes a submission)", ".jsonl",
           repeat_to(size, "", "{}", "\n", "\n"), None)
    yield ("format-last", "a batch of `{}` whose \"format\" comes after the list", ".json",
           repeat_to(size, '{"submissions": [', "{}", ",", '], "format": "dii-submissions/1"}'),
           None)
    yield ("no-format", "`{\"submissions\": [{}, {}, …]}`, no \"format\"", ".json",
           repeat_to(size, '{"submissions": [', "{}", ",", "]}"), None)
    yield ("unknown-after-list", "a batch of `{}` with an unknown member after the list",
           ".json", repeat_to(size, '{"format": "dii-submissions/1", "submissions": [', "{}", ",",
                              '], "x": 1}'), None)
    yield ("second-list", "a batch whose second \"submissions\" holds the `{}`", ".json",
           repeat_to(size, '{"format": "dii-submissions/1", "submissions": [], "submissions": [',
                     "{}", ",", "]}"), None)
    yield ("small-submissions", "a batch of minimal submissions", ".json",
           repeat_to(size, '{"format": "dii-submissions/1", "submissions": [',
                     lambda i: '{"unit": {"id": "%d"}, "year": 2022, "values": {}}' % i, ",",
                     "]}"), None)
    yield ("jsonl-submissions", "JSON Lines, one minimal submission a line", ".jsonl",
           repeat_to(size, "", lambda i: '{"unit": {"id": "%d"}, "year": 2022, "values": {}}'
                     % i, "\n", "\n"), None)
    yield ("dense-values", "one submission, `\"values\": {\"k1\": 1, …}`", ".json",
           repeat_to(size, "{" + UNIT + ', "values": {', lambda i: '"k%d":1' % i, ",", "}}"),
           None)
    yield ("unknown-members", "one submission with `\"f1\": 1, …` unknown members", ".json",
           repeat_to(size, "{" + UNIT + ', "values": {}, ', lambda i: '"f%d":1' % i, ",", "}"),
           None)
    yield ("duplicate-keys", "`\"values\": {\"a\": 1, \"a\": 1, …}`", ".json",
           repeat_to(size, "{" + UNIT + ', "values": {', '"a":1', ",", "}}"), None)
    yield ("long-strings", "a batch whose unit names are 60 KB each", ".json",
           repeat_to(size, '{"format": "dii-submissions/1", "submissions": [',
                     lambda i: '{"unit": {"id": "%d", "name": "%s"}, "year": 2022, '
                     '"values": {}}' % (i, long_text), ",", "]}"), None)
    yield ("csv-rows", "CSV, realistic rows (24 indicators a unit)", ".csv",
           repeat_to(size, "unit_id,unit_name,year,indicator,value,source\n",
                     lambda i: "%d,Điện Biên,2022,%s_%d,67.4,VNPT report\n"
                     % (i // 24, INDICATOR, i % 24), "", ""), None)
    yield ("csv-short-rows", "CSV, `1,2022,k1,1` rows of one unit", ".csv",
           repeat_to(size, "unit_id,year,indicator,value\n", lambda i: "1,2022,k%d,1\n" % i,
                     "", ""), None)
    yield ("csv-many-units", "CSV, one row per unit `u1,2022,a,1`", ".csv",
           repeat_to(size, "unit_id,year,indicator,value\n", lambda i: "u%d,2022,a,1\n" % i,
                     "", ""), None)


def peak_rss_kib(driver, path, libdir, limit_gb, extra):
    """Peak RSS in KiB, or None when the run hit the address-space limit."""
    env = dict(os.environ)
    if libdir:
        env["LD_LIBRARY_PATH"] = libdir
    limit = int(limit_gb * (1 << 30))

    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    cmd = ["/usr/bin/time", "-v", driver, path, FRAMEWORK] + ([extra] if extra else [])
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, preexec_fn=cap)
    rss = None
    for line in r.stderr.splitlines():
        if "Maximum resident set size" in line:
            rss = int(line.split(":")[1])
    if r.returncode != 0:
        return None, r.stdout.strip() or r.stderr.strip().splitlines()[0]
    return rss, r.stdout.strip()


def mib(kib):
    return "%.1f MiB" % (kib / 1024)


def parse_args(argv):
    opts = {"before": None, "mb": 8.0, "limit_gb": 8.0, "only": None}
    args = argv[2:]
    while args:
        opt, value = args[0], args[1]
        if opt == "--before":
            opts["before"] = value
        elif opt == "--mb":
            opts["mb"] = float(value)
        elif opt == "--limit-gb":
            opts["limit_gb"] = float(value)
        elif opt == "--only":
            opts["only"] = set(value.split(","))
        else:
            raise SystemExit("bench_memory.py: unknown option " + opt)
        args = args[2:]
    return opts


def measure(driver, tmp, name, suffix, text, lib, limit_gb, extra):
    """(peak KiB or None, driver output, input bytes) for one input."""
    path = os.path.join(tmp, name + suffix)
    data = text.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)
    rss, out = peak_rss_kib(driver, path, lib, limit_gb, extra)
    os.unlink(path)
    return rss, out, len(data)


def shape_cells(driver, tmp, shape, half, lib, base, limit_gb):
    """The peak, ratio and marginal cells of one shape against one library,
    and the two figures (None when a run was stopped)."""
    name, _, suffix, text, extra = shape
    rss, out, n = measure(driver, tmp, name, suffix, text, lib, limit_gb, extra)
    if rss is None:
        return ["> %g GiB (%s)" % (limit_gb, out[:40]),
                "> %.0fx" % (limit_gb * (1 << 30) / n), "-"], None, None
    rss_half, _, n_half = measure(driver, tmp, name, suffix, half[3], lib, limit_gb, extra)
    ratio = (rss - base) * 1024 / n
    marginal = None
    if rss_half is not None and n > n_half:
        marginal = (rss - rss_half) * 1024 / (n - n_half)
    return [mib(rss), "%.1fx" % ratio,
            "%.1fx" % marginal if marginal is not None else "-"], ratio, marginal


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    o = parse_args(argv)
    size = int(o["mb"] * (1 << 20))
    runs = [("after", None)] + ([("before", o["before"])] if o["before"] else [])
    with tempfile.TemporaryDirectory() as tmp:
        tiny = os.path.join(tmp, "tiny.json")
        with open(tiny, "w") as f:
            f.write("{" + UNIT + ', "values": {}}')
        base = {l: peak_rss_kib(argv[1], tiny, lib, o["limit_gb"], None)[0] for l, lib in runs}
        print("driver's own peak: " + ", ".join("%s %s" % (l, mib(base[l])) for l, _ in runs))
        print("| shape | input | " + " | ".join(
            "peak RSS %s | ratio %s | marginal %s" % (l, l, l) for l, _ in runs) + " |")
        print("|" + "---|" * (2 + 3 * len(runs)))
        worst = {}
        for shape, half in zip(shapes(size), shapes(size // 2)):
            if o["only"] and shape[0] not in o["only"]:
                continue
            text = shape[3].encode("utf-8")
            cells = [shape[0] + " — " + shape[1], "%.1f MiB" % (len(text) / (1 << 20))]
            for label, lib in runs:
                more, ratio, marginal = shape_cells(argv[1], tmp, shape, half, lib,
                                                    base[label], o["limit_gb"])
                cells += more
                w = worst.setdefault(label, [0.0, 0.0])
                w[0] = max(w[0], ratio or 0.0)
                w[1] = max(w[1], marginal or 0.0)
            print("| " + " | ".join(cells) + " |", flush=True)
        print("worst: " + ", ".join("%s ratio %.1fx, marginal %.1fx" % (l, w[0], w[1])
                                    for l, w in worst.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
