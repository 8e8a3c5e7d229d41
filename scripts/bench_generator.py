"""Times `tebiki build` and `mdbook build` on the same corpus; see bench-generator."""

import datetime
import os
import pathlib
import re
import resource
import shutil
import statistics
import subprocess
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "target/bench-corpus"
PLAYBOOKS = CORPUS / "playbooks"
RUNS = 5


def run(cmd, cwd):
    """Wall time and peak RSS (MB) of one run of `cmd`, in its own process."""
    pid = os.fork()
    if pid == 0:
        os.chdir(cwd)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execvp(cmd[0], cmd)
    start = time.perf_counter()
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{cmd[0]} failed ({status})")
    return elapsed, usage.ru_maxrss / 1024


def measure(cmd, cwd, before=None):
    results = []
    for _ in range(RUNS):
        if before:
            before()
        results.append(run(cmd, cwd))
    return statistics.median(t for t, _ in results), max(m for _, m in results)


def make_book(where, search):
    book = where / ("book-search" if search else "book")
    if book.exists():
        shutil.rmtree(book)
    (book / "src").mkdir(parents=True)
    files = sorted(PLAYBOOKS.glob("*.md"))
    summary = ["# Summary", ""] + [f"- [{p.stem}]({p.name})" for p in files]
    (book / "src/SUMMARY.md").write_text("\n".join(summary) + "\n")
    for p in files:
        shutil.copy(p, book / "src" / p.name)
    config = '[book]\ntitle = "corpus"\n'
    if not search:
        config += "\n[output.html.search]\nenable = false\n"
    (book / "book.toml").write_text(config)
    return book


files = sorted(PLAYBOOKS.glob("*.md"))
count = len(files)
size_mb = sum(p.stat().st_size for p in files) / 1e6
tebiki_bin = ROOT / "target/cli/tebiki"
# The disk of this machine, and RAM (tmpfs): creating thousands of files on
# the disk costs more than everything else, so both are reported.
places = [("disk", CORPUS / "out")]
if pathlib.Path("/dev/shm").is_dir():
    places.append(("tmpfs", pathlib.Path("/dev/shm/tebiki-bench")))
rows = []
for label, where in places:
    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)
    out = where / "site"
    t_tebiki, m_tebiki = measure([str(tebiki_bin), "build", "--playbooks", str(PLAYBOOKS), "--out", str(out)], CORPUS)
    rows.append((label, "tebiki build", t_tebiki, m_tebiki, t_tebiki))
    for search in (False, True):
        book = make_book(where, search)
        t, m = measure(["mdbook", "build"], book, before=lambda: shutil.rmtree(book / "book", ignore_errors=True))
        rows.append((label, f"mdbook build (search index {'on' if search else 'off'})", t, m, t_tebiki))
    if label == "tmpfs":
        shutil.rmtree(where, ignore_errors=True)

cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mdbook = subprocess.run(["mdbook", "--version"], capture_output=True, text=True).stdout.strip()
lines = [
    "<!-- generator:start -->",
    f"Command: `scripts/bench-generator`, {datetime.date.today()}, {os.cpu_count()} cores ({cpu}), {mdbook}. "
    f"Corpus: {count} playbooks (1,000 of 10 steps and one of 500), {size_mb:.1f} MB of markdown; "
    f"median of {RUNS} runs, peak resident memory of the slowest.",
    "",
    "| output on | build | time | playbooks/s | peak memory | tebiki is faster by |",
    "|---|---|---|---|---|---|",
]
for label, name, t, m, t_tebiki in rows:
    ratio = "—" if name.startswith("tebiki") else f"**{t / t_tebiki:.1f}×**"
    lines.append(f"| {label} | {name} | {t * 1000:.0f} ms | {count / t:,.0f} | {m:.0f} MB | {ratio} |")
lines.append("")
for label, _ in places:
    ours = [r for r in rows if r[0] == label and r[1].startswith("tebiki")][0]
    fastest_mdbook = min(r[2] for r in rows if r[0] == label and r[1].startswith("mdbook"))
    rate = count / ours[2]
    lines.append(
        f"Targets on {label}: ≥ 2,500 playbooks/s ({'met' if rate >= 2500 else f'not met: {rate:,.0f}'}), "
        f"peak memory ≤ 150 MB ({'met' if ours[3] <= 150 else 'not met'}), "
        f"≥ 5× mdBook ({'met' if fastest_mdbook / ours[2] >= 5 else 'not met'})."
    )
lines.append("<!-- generator:end -->")
section = "\n".join(lines)
doc = ROOT / "docs/benchmarks.md"
text = doc.read_text()
if "<!-- generator:start -->" in text:
    text = re.sub(r"<!-- generator:start -->.*?<!-- generator:end -->", lambda _: section, text, flags=re.S)
else:
    text += "\n## Generator: `tebiki build` beside mdBook\n\n" + section + "\n"
doc.write_text(text)
print(section)
