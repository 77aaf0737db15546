#!/usr/bin/python3
"""Peak memory per input byte: the worst input shapes through libdii.

    bench_memory.py BENCH_MEMORY [--before LIBDIR] [--mb N] [--limit-gb G]

BENCH_MEMORY is the built bench/bench-memory driver (load_memory, validate,
diagnostics to JSON: what `dii validate --format json` does). Each shape is
written to a temporary file of about N MB (default 8) and run under
/usr/bin/time -v for the process's peak RSS. The ratio is
(peak RSS - the driver's own peak on a one-line input) / input bytes: the
memory the input costs, the read buffer (1 byte per byte) included.
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


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    driver, before, mb, limit_gb = argv[1], None, 8.0, 8.0
    args = argv[2:]
    while args:
        opt, value = args[0], args[1]
        if opt == "--before":
            before = value
        elif opt == "--mb":
            mb = float(value)
        elif opt == "--limit-gb":
            limit_gb = float(value)
        args = args[2:]
    size = int(mb * (1 << 20))
    runs = [("after", None)] + ([("before", before)] if before else [])
    with tempfile.TemporaryDirectory() as tmp:
        tiny = os.path.join(tmp, "tiny.json")
        with open(tiny, "w") as f:
            f.write("{" + UNIT + ', "values": {}}')
        base = {label: peak_rss_kib(driver, tiny, lib, limit_gb, None)[0] for label, lib in runs}
        head = "| shape | input | " + " | ".join(
            "peak RSS %s | ratio %s" % (l, l) for l, _ in runs) + " |"
        print("driver's own peak: " + ", ".join("%s %s" % (l, mib(base[l])) for l, _ in runs))
        print(head)
        print("|" + "---|" * (2 + 2 * len(runs)))
        worst = {}
        for name, what, suffix, text, extra in shapes(size):
            path = os.path.join(tmp, name + suffix)
            data = text.encode("utf-8")
            with open(path, "wb") as f:
                f.write(data)
            cells = [name + " — " + what, "%.1f MiB" % (len(data) / (1 << 20))]
            for label, lib in runs:
                rss, out = peak_rss_kib(driver, path, lib, limit_gb, extra)
                if rss is None:
                    cells += ["> %g GiB (%s)" % (limit_gb, out[:40]), "> %.0fx" %
                              (limit_gb * (1 << 30) / len(data))]
                    continue
                ratio = (rss - base[label]) * 1024 / len(data)
                worst[label] = max(worst.get(label, 0), ratio)
                cells += [mib(rss), "%.1fx" % ratio]
            print("| " + " | ".join(cells) + " |", flush=True)
            os.unlink(path)
        print("worst ratio: " + ", ".join("%s %.1fx" % (l, worst.get(l, 0)) for l, _ in runs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
