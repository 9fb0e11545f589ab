#!/usr/bin/env python3
"""Word benchmark (docs/STYLE.md "Benchmarks"; issue 20): the engine's native .docx path against
pandoc (Debian) and, where installed, LibreOffice's own conversion to text, on the same files
in the same run, with a check that the texts agree, not only that they are fast. Measured,
never asserted: exit 0 unless a check fails (1) or the benchmark cannot run (2).

Usage:
  tools/bench/docx.py [--engine build/baocao] [--baseline OLD/baocao] [--runs 3] [FILE.docx ...]
  (default files: ../shared/real/*.docx)
  --baseline also times another build's whole-document run in the same alternation ("before"
  beside "whole"), so a change's effect is measured under the load the peers see.

Per file, alternated run by run so that load on the machine falls on all alike:
  baocao extract --stage text F   the .docx read to text (and normalized): the reader's cost
  baocao extract F                the whole document: text, layout, facts, audit, JSON
  pandoc -t plain --wrap=none F   pandoc's text of the same file
  soffice --headless --convert-to txt F   (when soffice is on PATH)
Then, as a batch is read: one `baocao extract F... -o DIR` process for all the files (the rules
compiled once, as `ingest` and `serve` do), against the sum of the peers' per-file medians.
Wall time: the median of the runs; peak RSS: the largest of /usr/bin/time's %M over the runs.
Check: the figures (digit runs with their separators) of pandoc's text are found in the
engine's source_text; the share found is printed per file and must be >= 0.95.
"""

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
FIGURE = re.compile(r"\d+(?:[.,/]\d+)*")


def timed(command, cwd=None):
    """(seconds, peak KB, stdout) of one run under /usr/bin/time."""
    with tempfile.NamedTemporaryFile("r") as t:
        run = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", t.name, *command],
                             capture_output=True, cwd=cwd)
        if run.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} exited {run.returncode}: {run.stderr[-300:]!r}")
        seconds, kb = t.read().split()[-2:]
    return float(seconds), int(kb), run.stdout


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--engine", default=str(ROOT / "build" / "baocao"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", help="another engine whose whole-document run is timed beside")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv[1:])
    files = args.files or sorted((ROOT.parent / "shared" / "real").glob("*.docx"))
    if not files or not Path("/usr/bin/time").exists() or not shutil.which("pandoc"):
        print("docx.py: needs .docx files, /usr/bin/time and pandoc (apt-get install time pandoc)", file=sys.stderr)
        return 2
    soffice = shutil.which("soffice")
    tools = {"text": lambda f: [args.engine, "extract", "--stage", "text", str(f)],
             "whole": lambda f: [args.engine, "extract", str(f)],
             "pandoc": lambda f: ["pandoc", "-t", "plain", "--wrap=none", str(f)]}
    engines = ("text", "whole")
    if args.baseline:
        tools = {"before": lambda f: [args.baseline, "extract", str(f)], **tools}
        engines = ("before", "text", "whole")
    if soffice:
        out = tempfile.mkdtemp(prefix="docx-bench-")
        tools["soffice"] = lambda f: [soffice, "--headless", "--convert-to", "txt", "--outdir", out, str(f)]
    failed = False
    totals = {name: [0.0, 0] for name in tools}
    print(f"{'file':58} " + " ".join(f"{n + ' s':>9} {'MB':>5}" for n in tools) + "  figures")
    for f in files:
        times = {name: [] for name in tools}
        peaks = {name: 0 for name in tools}
        outputs = {}
        for _ in range(args.runs):
            for name, command in tools.items():
                seconds, kb, stdout = timed(command(f))
                times[name].append(seconds)
                peaks[name] = max(peaks[name], kb)
                outputs[name] = stdout
        ours = json.loads(outputs["text"]).get("source_text", "")
        theirs = FIGURE.findall(outputs["pandoc"].decode("utf-8", "replace"))
        share = sum(1 for x in theirs if x in ours) / len(theirs) if theirs else 1.0
        failed = failed or share < 0.95
        cells = []
        for name in tools:
            median = statistics.median(times[name])
            totals[name][0] += median
            totals[name][1] = max(totals[name][1], peaks[name])
            cells.append(f"{median:9.3f} {peaks[name] / 1024:5.0f}")
        print(f"{f.name[:58]:58} " + " ".join(cells) + f"  {share:.3f}")
    print(f"{'total (sum of medians; largest peak)':58} "
          + " ".join(f"{t:9.3f} {kb / 1024:5.0f}" for t, kb in totals.values()))
    with tempfile.TemporaryDirectory() as out:
        batch = [timed([args.engine, "extract", *map(str, files), "-o", out]) for _ in range(args.runs)]
    batch_s = statistics.median(b[0] for b in batch)
    batch_kb = max(b[1] for b in batch)
    print(f"{'batch: one engine process, every file':58} {batch_s:9.3f} {batch_kb / 1024:5.0f}")
    peers = [name for name in tools if name not in engines]
    for name in peers:
        print(f"{name}: {totals[name][0] / batch_s:.1f}x the engine's batch time")
    base = totals["whole"][0]
    for name in peers:
        print(f"{name}: {totals[name][0] / base:.1f}x the engine's whole-document time, "
              f"{totals[name][0] / totals['text'][0]:.1f}x its .docx-to-text time")
        if args.baseline:
            print(f"{name}: {totals[name][0] / totals['before'][0]:.1f}x the baseline's whole-document time")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
