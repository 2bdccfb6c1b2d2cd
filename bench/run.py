"""The build engine's benchmark: ``nox -s bench`` or ``python -m bench.run``; prints a table.

What it measures (each build is ``python -m sphinx`` in a subprocess, so imports count on both sides):

1. Overhead: the protocol site against its twin (bench/plain.py: plain Sphinx, myst_parser, furo and sphinx-design,
   which the site's conf.py loads for its home page's cards: the client's package, the same on both sides, so the
   ratio is what our extensions cost); the twin without sphinx-design is built in the same turns, for information.
2. Editor loop: one word of one clause changed and saved, then rebuilt two ways: as sphinx-autobuild does
   (a new ``python -m sphinx`` process), and by the editors' preview (programs/serve.py, ``nox -s serve``),
   which keeps Sphinx in memory: the preview runs as a server, and the time is from the save to the reload
   message on the page's socket, and on to the search index being written. How many documents were read and
   written is counted from Sphinx's own progress lines ("reading sources... [ 50%] codes", "writing
   output... [ 17%] codes"), which name each document as it is handled.
3. Scale: a synthetic Constitution (bench/constitution.py) at 1x, 4x and 16x the protocol, full builds with
   ``-j 1`` and ``-j 2``, and the editor loop at 16x.
4. Editions over time: the protocol with 2 and with 10 editions (bench/editions.py), each made by a decision of a
   register held against the texts, full builds and an edit to the current edition in the preview.
5. PDF: the protocol's PDFs and the 16x Constitution's.
6. Reader: bytes a protocol page makes a reader download (HTML and what it links: CSS, JS, fonts), raw and
   gzipped, and the search index, against the plain furo twin.

Fast measurements are the best of three runs; a build that takes over 10 s is run once (``--repeat``). The
overhead's sides are built in turns, ``--pairs`` times (9), and its ratio is of the least CPU time of each side
(user + system, the build's and its children's, Pagefind's included): as ``timeit``'s documentation advises, the
least of several runs is the one other work on the machine disturbed least, and what is above it is that work, not
the build's. The median and the largest are printed beside it, so the spread shows how far to trust it, and so are
what load changes little or not at all: each side's peak memory (the largest process's resident set) and the
minor page faults of the build and its children. ``--instructions`` also counts each side's instructions once under
valgrind's cachegrind (a minute or two each), which no other work on the machine changes.
Builds use SOURCE_DATE_EPOCH and temporary folders; nothing is written into the project but the package's bytecode
(:func:`compile_package`).
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import gzip
import os
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sphinx_constitution.programs.serve import doctree_dir
from websockets.sync.client import connect

from bench import constitution, editions, plain

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "extensions" / "sphinx_constitution"
SOURCE_DATE_EPOCH = "1795392000"
STRICT = ("-W", "--keep-going", "-n")
SLOW = 10.0  # seconds: a build slower than this is not repeated
_READ = re.compile(r"^reading sources\.\.\. \[\s*\d+%\] (\S+)", re.M)
_WRITTEN = re.compile(r"^writing output\.\.\. \[\s*\d+%\] (\S+)", re.M)


@dataclass
class Run:
    wall: float
    cpu: float  # user + system seconds of the build and the processes it started
    read: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    searchable: float = 0.0  # the preview: seconds from the save until the search index was written
    faults: int = 0  # minor page faults of the build and the processes it started: memory it touched, in 4 KB pages
    peak_mb: float = 0.0  # the largest resident set of the build's process or of one it started
    # With sphinx(split=True): the build's own process until its exit handlers ran (Python's work: start-up, reading,
    # writing), and the processes it started and waited for (Pagefind). The rest of ``cpu`` is Python's teardown of
    # its heap as the process ends.
    python_cpu: float = 0.0
    children_cpu: float = 0.0

    @property
    def teardown(self) -> float:
        return self.cpu - self.python_cpu - self.children_cpu


# ``python -m sphinx`` that notes, when its exit handlers run (this one registered first, so run last), its own CPU
# time and its children's in the file named by its first argument; Python's teardown of the heap comes after.
_SPLIT = """import atexit, resource, runpy, sys
path = sys.argv.pop(1)
def note():
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(path, "w") as noted:
        noted.write(f"{own.ru_utime + own.ru_stime} {children.ru_utime + children.ru_stime}")
atexit.register(note)
runpy.run_module("sphinx", run_name="__main__", alter_sys=True)
"""


def sphinx(confdir: Path, srcdir: Path, outdir: Path, *args: str, builder: str = "html", split: bool = False) -> Run:
    """One ``python -m sphinx`` build; raises if it fails, so no figure comes from a broken build.

    Its doctrees are where the preview keeps them for the same output folder (outside it), so that the preview
    started on a built folder takes up that build's environment, as it does after ``nox -s build``. With *split*,
    the build's CPU time is also given apart: Python's until it exits, its children's, and its teardown (:class:`Run`).
    """
    noted = outdir.parent / f".{outdir.name}.cpu"
    start_sphinx = [sys.executable, "-c", _SPLIT, str(noted)] if split else [sys.executable, "-m", "sphinx"]
    command = [*start_sphinx, *STRICT, "-b", builder, "-d", str(doctree_dir(outdir)), *args]
    command += ["-c", str(confdir), str(srcdir)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_COLOR": "1"}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen([*command, str(outdir)], stdout=out, stderr=err, env=env, text=True)
        # os.wait4, not Popen.wait: it gives this build's own resource use (its peak memory, which the use of all
        # children together, getrusage's, cannot give apart)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode != 0:
        raise SystemExit(f"build failed: {' '.join(command)}\n{stderr[-3000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    read, written = _READ.findall(stdout), _WRITTEN.findall(stdout)
    run = Run(wall, cpu, read, written, faults=usage.ru_minflt, peak_mb=usage.ru_maxrss / 1024)
    if split:
        run.python_cpu, run.children_cpu = map(float, noted.read_text(encoding="utf-8").split())
        noted.unlink()
    return run


def best(measure: Callable[[], Run], repeat: int) -> Run:
    """The fastest of ``repeat`` runs, with the least CPU time of them; a slow build runs once."""
    runs = [measure()]
    while len(runs) < repeat and runs[0].wall < SLOW:
        runs.append(measure())
    return _best_of(runs)


def alternately(*measures: Callable[[], Run], repeat: int) -> list[list[Run]]:
    """``repeat`` runs of each measure, taken in turns, so that load from other work hits them alike; each measure's
    runs."""
    runs = [[measure() for measure in measures] for _n in range(repeat)]
    return [[turn[side] for turn in runs] for side in range(len(measures))]


def _best_of(runs: list[Run]) -> Run:
    """The shortest wall-clock time and, apart, the least CPU time, page faults and peak memory (on a shared machine
    they may come from different runs)."""
    fastest = min(runs, key=lambda r: r.wall)
    least = min(r.cpu for r in runs)
    faults, peak = min(r.faults for r in runs), min(r.peak_mb for r in runs)
    best_run = Run(fastest.wall, least, fastest.read, fastest.written, fastest.searchable, faults, peak)
    best_run.python_cpu, best_run.children_cpu = min(r.python_cpu for r in runs), min(r.children_cpu for r in runs)
    return best_run


def spread(values: list[float]) -> str:
    """The least, the median and the largest of *values*, as the overhead's note prints them."""
    return f"{min(values):.2f} / {statistics.median(values):.2f} / {max(values):.2f}"


def instructions(confdir: Path, srcdir: Path, outdir: Path, *args: str) -> tuple[int, int]:
    """Instructions one clean build executes, counted by valgrind's cachegrind: (Python's, its children's).

    The count does not change with other work on the machine, as times do. The children are Pagefind on our
    side; valgrind runs a program on a CPU of its own making, so a program that picks its code by the CPU (Rust's
    string search and compression do) may count more instructions under it than it runs outside it."""
    if not shutil.which("valgrind"):
        raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
    with tempfile.TemporaryDirectory(prefix="cachegrind-") as temp:
        command = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--trace-children=yes"]
        command += [f"--cachegrind-out-file={temp}/out.%p", f"--log-file={temp}/log.%p"]
        command += [sys.executable, "-m", "sphinx", *STRICT, "-q", "-d", str(doctree_dir(outdir)), *args]
        command += ["-c", str(confdir), str(srcdir), str(outdir)]
        # One hash seed for every count: with Python's random one, the order of sets and dicts of strings, and so the
        # work done, changes from run to run (the plain twin: 9.12 G with seed 0, 9.32 G in a run with another)
        env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_COLOR": "1", "PYTHONHASHSEED": "0"}
        shutil.rmtree(outdir, ignore_errors=True)
        shutil.rmtree(doctree_dir(outdir), ignore_errors=True)
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if done.returncode != 0:
            raise SystemExit(f"build failed under valgrind: {' '.join(command)}\n{done.stderr[-3000:]}")
        python = children = 0
        for path in Path(temp).glob("out.*"):
            text = path.read_text(encoding="utf-8")
            counted = int(re.search(r"^summary: (\d+)", text, re.M)[1])
            if re.search(r"^cmd: \S*python\S* -m sphinx", text, re.M):
                python += counted
            else:
                children += counted
    return python, children


def compile_package() -> None:
    """Compile the package's bytecode, as installing it does, before anything is timed.

    The plain side's packages were compiled when pip installed them; the package is installed editable, from
    this checkout, and where ``PYTHONDONTWRITEBYTECODE`` is set (as on the team's machine) every build compiled its
    45 modules from source again: about 55 ms of CPU that no installed copy spends. The bytecode goes to the
    ``__pycache__`` folders Python would write itself, which git ignores; not in the starter's template, whose
    files are copied into each new project as they are.
    """
    compileall.compile_dir(PACKAGE, quiet=1, rx=re.compile(r"[/\\]starter[/\\]"))


def fresh(measure: Callable[[Path], Run], outdir: Path) -> Callable[[], Run]:
    """A clean build each time: the output folder and its doctrees removed first."""

    def run() -> Run:
        shutil.rmtree(outdir, ignore_errors=True)
        shutil.rmtree(doctree_dir(outdir), ignore_errors=True)
        return measure(outdir)

    return run


class Editor:
    """Changes one word of one clause back and forth, rebuilding incrementally after each change."""

    def __init__(self, confdir: Path, srcdir: Path, outdir: Path, page: str, old: str, new: str, *args: str) -> None:
        self.confdir, self.srcdir, self.outdir, self.args = confdir, srcdir, outdir, args
        self.source, self.words = srcdir / page, (old, new)

    def __call__(self) -> Run:
        toggle(self.source, *self.words)
        return sphinx(self.confdir, self.srcdir, self.outdir, *self.args)


def toggle(source: Path, one: str, other: str) -> None:
    """Save ``source`` with ``one`` changed to ``other``, or back again if it was changed last time."""
    text = source.read_text(encoding="utf-8")
    old, new = (one, other) if one in text else (other, one)
    assert old in text, f"neither {one!r} nor {other!r} is in {source}"
    source.write_text(text.replace(old, new, 1), encoding="utf-8")


class Preview:
    """The editors' preview (``sphinx_constitution.programs.serve``) serving a built project; each call saves one edit.

    Timed from the save to the "refresh" message that the open page's socket receives, and to the search index
    being written after it (the preview writes it in the background, ``search_index_background``).
    """

    def __init__(self, confdir: Path, srcdir: Path, outdir: Path, page: str, old: str, new: str, *args: str) -> None:
        self.source, self.words = srcdir / page, (old, new)
        self.confdir, self.srcdir, self.outdir, self.args = confdir, srcdir, outdir, args

    def __enter__(self) -> Preview:
        self.closing = contextlib.ExitStack()
        env = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_COLOR": "1", "PYTHONUNBUFFERED": "1"}
        command = [sys.executable, "-m", "sphinx_constitution.programs.serve", "--port", "0", "-c", str(self.confdir)]
        command += ["-D", "constitution_search_index_background=1", "-D", "nitpicky=1", *self.args]
        command += [str(self.srcdir), str(self.outdir)]
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        self.lines: queue.Queue[tuple[float, str]] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        said: list[str] = []
        address = self._until(r"\[preview\] serving on http://(\S+)", said)[1][1]
        if re.search(r"\[preview\] built .* wrote [1-9]", "".join(said)):  # its first build: let it finish
            self._until(r"^search index: \d+ pages")
        self.socket = self.closing.enter_context(connect(f"ws://{address}/websocket-reload", open_timeout=30))
        return self

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put((time.perf_counter(), line))

    def _until(self, pattern: str, seen: list[str] | None = None) -> tuple[float, re.Match[str]]:
        """The first line matching ``pattern`` (with when it came), the lines before it added to ``seen``."""
        while True:
            try:
                when, line = self.lines.get(timeout=120)
            except queue.Empty:
                raise SystemExit(f"the preview said nothing matching {pattern!r} for 2 minutes") from None
            if seen is not None:
                seen.append(line)
            if "[preview] build failed" in line:
                raise SystemExit(f"the preview's build failed: {line}")
            if found := re.search(pattern, line):
                return when, found

    def __call__(self) -> Run:
        cpu = _children_cpu(self.process.pid)
        toggle(self.source, *self.words)
        saved = time.perf_counter()
        message = self.socket.recv(timeout=120)
        reloaded = time.perf_counter() - saved
        cpu = _children_cpu(self.process.pid) - cpu
        assert message == "refresh", message
        said: list[str] = []
        indexed, _found = self._until(r"^search index: \d+ pages", said)
        output = "".join(said)
        return Run(reloaded, cpu, _READ.findall(output), _WRITTEN.findall(output), indexed - saved)

    def __exit__(self, *exc: object) -> None:
        self.closing.close()
        self.process.terminate()
        self.process.wait(timeout=60)


def _children_cpu(pid: int) -> float:
    """User and system seconds used so far by the child processes of *pid* (the preview's worker, which builds), from
    Linux's ``/proc``; 0 where there is none. CPU time is what a shared machine's load changes least."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii").split()
        stats = [Path(f"/proc/{child}/stat").read_text(encoding="ascii") for child in children]
    except OSError:
        return 0.0
    fields = [stat.rpartition(")")[2].split() for stat in stats]  # after the name: state, ppid, … utime, stime
    return sum(int(each[11]) + int(each[12]) for each in fields) / os.sysconf("SC_CLK_TCK")


def copy_protocol(dest: Path) -> Path:
    for name in ("docs", "theme"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "conf.py", dest / "conf.py")
    return dest


# -- what a reader downloads ---------------------------------------------------------------------------------

_LINKED = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]*href|script[^>]+src)="([^"?#]+)')
_CSS_URL = re.compile(r"url\(['\"]?([^'\")?#]+)")


def page_bytes(page: Path) -> tuple[int, int, int]:
    """(files, raw bytes, gzipped bytes) of a page and the stylesheets, scripts and fonts it loads."""
    seen: set[Path] = set()
    queue = [page]
    while queue:
        path = queue.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        if path.suffix == ".html":
            queue += [(path.parent / href).resolve() for href in _LINKED.findall(path.read_text(encoding="utf-8"))]
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8")
            queue += [(path.parent / url).resolve() for url in _CSS_URL.findall(text) if not url.startswith("data:")]
    raw = sum(path.stat().st_size for path in seen)
    zipped = sum(len(gzip.compress(path.read_bytes(), 9, mtime=0)) for path in seen)
    return len(seen), raw, zipped


def folder_bytes(folder: Path, pattern: str = "*") -> int:
    return sum(path.stat().st_size for path in folder.rglob(pattern) if path.is_file())


# -- the table ------------------------------------------------------------------------------------------------


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str]] = []

    def add(self, what: str, figure: str, note: str = "") -> None:
        self.rows.append((what, figure, note))
        print(f"  {what:<52} {figure:>16}  {note}", flush=True)

    def markdown(self) -> str:
        lines = ["| measurement | figure | note |", "|---|--:|---|"]
        return "\n".join(lines + [f"| {w} | {f} | {n} |" for w, f, n in self.rows])


def seconds(run: Run) -> str:
    return f"{run.wall:6.2f} s"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,4,16", help="multiples of the protocol for the scale test")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each fast measurement (best is shown)")
    parser.add_argument("--no-pdf", action="store_true", help="leave out the PDF measurements")
    parser.add_argument("--markdown", action="store_true", help="also print the table as Markdown")
    parser.add_argument("--pairs", type=int, default=9, help="runs of each side of the overhead, in turns (9)")
    parser.add_argument("--overhead-only", action="store_true", help="measure the overhead ratio alone, and stop")
    # Kept so that session 12's commands still run: both twins are now built on every run (overhead()).
    parser.add_argument("--design-twin", action="store_true", help="no effect: both twins are always built")
    parser.add_argument("--editions-only", action="store_true", help="measure editions over time (4) alone, and stop")
    parser.add_argument(
        "--instructions", action="store_true", help="also count each side's instructions with valgrind (slow)"
    )
    options = parser.parse_args(argv)
    sizes = [int(size) for size in options.sizes.split(",")]
    repeat = options.repeat
    load = os.getloadavg()[0]
    python = sys.version.split()[0]
    print(f"bench: {os.cpu_count()} cores, load average {load:.2f}, Python {python}; wall-clock times; overhead: CPU")
    compile_package()
    table = Table()

    with tempfile.TemporaryDirectory(prefix="bench-") as temp:
        tmp = Path(temp)
        nopdf = ("-D", f"constitution_pdf_output_dir={tmp / 'no-pdf'}")

        if options.editions_only:
            _editions(table, tmp, nopdf, repeat)
            return

        # 1. overhead
        overhead(table, tmp, nopdf, options.pairs, instructions_too=options.instructions)
        if options.overhead_only:
            return

        # 2. the editor's loop on the protocol
        project = copy_protocol(tmp / "protocol")
        sphinx(project, project / "docs", tmp / "edited", *nopdf)
        page = "protocol/access-to-information.md"
        change = project / "docs", tmp / "edited", page, "exercise of this", "use of this", *nopdf
        editor = Editor(project, *change)
        edit = best(editor, repeat)
        table.add("protocol: clause 6.7 edited, new sphinx process", seconds(edit), _counts(edit))
        with Preview(project, *change) as preview:
            live = best(preview, repeat)
        note = f"cpu {live.cpu:.2f} s; {_counts(live)}"
        table.add("protocol: clause 6.7 edited, in the preview", seconds(live), note)
        table.add("  … and its search index written", f"{live.searchable:6.2f} s", "in the background")

        # 3. scale
        full: dict[tuple[int, int], Run] = {}
        clauses: dict[int, int] = {}
        for size in sizes:
            made = constitution.write(size, tmp / f"constitution-{size}")
            clauses[size] = len(constitution.Plan(size).clauses)
            for jobs in (1, 2):
                out = tmp / f"constitution-{size}-j{jobs}"
                full[size, jobs] = best(
                    fresh(lambda out, d=made, j=jobs: sphinx(d, d / "docs", out, "-j", str(j)), out), repeat
                )
                per = 1000 * full[size, jobs].wall / clauses[size]
                table.add(
                    f"constitution {size}x ({clauses[size]} clauses), -j {jobs}",
                    seconds(full[size, jobs]),
                    f"{per:.2f} s per 1,000 clauses",
                )
        largest = max(sizes)
        made = tmp / f"constitution-{largest}"
        middle = (constitution.PARTS_PER_SIZE * largest) // 2
        first_word = _first_word(made / "docs/parts" / f"part-{middle:03d}.md", f"{middle}.2")
        editor = Editor(
            made, made / "docs", tmp / f"constitution-{largest}-j1", f"parts/part-{middle:03d}.md", *first_word
        )
        edit16 = best(editor, repeat)
        out16 = tmp / f"constitution-{largest}-j1"
        whole = full[largest, 1].wall
        edited = f"constitution {largest}x: clause {middle}.2 edited"
        table.add(f"{edited}, new sphinx process", seconds(edit16), _counts(edit16))
        table.add(f"  as a share of the full {largest}x build", f"{100 * edit16.wall / whole:5.1f} %")
        with Preview(made, made / "docs", out16, f"parts/part-{middle:03d}.md", *first_word) as preview:
            live16 = best(preview, repeat)
        table.add(f"{edited}, in the preview", seconds(live16), _counts(live16))
        table.add(f"  as a share of the full {largest}x build (target < 10%)", f"{100 * live16.wall / whole:5.1f} %")
        table.add(
            "  … and its search index written",
            f"{live16.searchable:6.2f} s",
            f"{100 * live16.searchable / whole:.1f} % of the full build",
        )
        idle = best(lambda: sphinx(made, made / "docs", out16), repeat)
        table.add(f"  the floor: {largest}x rebuilt with nothing changed", seconds(idle), _counts(idle))
        imports = best(_imports, repeat)
        table.add("  the floor: starting Python and importing Sphinx, MyST, furo", seconds(imports))
        if len(sizes) >= 3:
            small, mid = sizes[0], sizes[1]
            slope_low = (full[mid, 1].wall - full[small, 1].wall) / (clauses[mid] - clauses[small])
            slope_high = (full[largest, 1].wall - full[mid, 1].wall) / (clauses[largest] - clauses[mid])
            table.add(
                f"  growth: s per 1,000 more clauses, {small}x->{mid}x / {mid}x->{largest}x",
                f"{1000 * slope_low:.2f} / {1000 * slope_high:.2f}",
                "the first is inflated by the fixed cost of a small build",
            )
            table.add(
                f"  growth: full-build time {largest}x / {mid}x against clauses {largest}x / {mid}x",
                f"{full[largest, 1].wall / full[mid, 1].wall:.2f} / {clauses[largest] / clauses[mid]:.2f}",
                "no faster than linear if the first is not larger",
            )
        table.add(
            f"  -j 2 against -j 1 at {largest}x",
            f"{full[largest, 2].wall / full[largest, 1].wall:6.2f}",
            "faster if < 1",
        )

        # 4. editions over time: the protocol with 2 and with 10 editions, each dated by a decision of a register
        _editions(table, tmp, nopdf, repeat)  # (its projects are not `made`: the PDF below is the Constitution's)

        # 5. PDF
        if not options.no_pdf:
            pdf = best(fresh(lambda out: sphinx(ROOT, ROOT / "docs", out, builder="pdf"), tmp / "pdf"), repeat)
            table.add("the site's five PDFs", seconds(pdf), _pdf_pages(tmp / "pdf"))
            pdf16 = best(fresh(lambda out: sphinx(made, made / "docs", out, builder="pdf"), tmp / f"pdf-{largest}"), 1)
            table.add(f"constitution {largest}x PDF", seconds(pdf16), _pdf_pages(tmp / f"pdf-{largest}"))

        # 6. reader
        page = "protocol/access-to-information.html"
        for label, site in (("our site", tmp / "ours"), ("plain furo", tmp / "theirs")):
            files, raw, zipped = page_bytes(site / page)
            table.add(
                f"reader: {page} + CSS/JS/fonts, {label}",
                f"{raw / 1024:7.1f} KB",
                f"{files} files, {zipped / 1024:.1f} KB gzipped",
            )
        table.add(
            "search index: Pagefind bundle, our site",
            f"{folder_bytes(tmp / 'ours' / 'pagefind') / 1024:7.1f} KB",
            _first_search(tmp / "ours" / "pagefind"),
        )
        table.add(
            "search index: searchindex.js, plain furo",
            f"{folder_bytes(tmp / 'theirs', 'searchindex.js') / 1024:7.1f} KB",
            "loaded whole by the search page",
        )

    if options.markdown:
        print()
        print(table.markdown())


def _editions(table: Table, tmp: Path, nopdf: tuple[str, ...], repeat: int) -> None:
    """The protocol with 2 and with 10 editions: full builds, and an edit to the current edition in the preview."""
    built: dict[int, Run] = {}
    pages: dict[int, int] = {}
    for count in (2, 10):
        made = editions.write(count, tmp / f"editions-{count}")
        pages[count] = len(list((made / "docs").rglob("*.md")))
        out = tmp / f"editions-{count}-out"
        built[count] = best(fresh(lambda out, d=made: sphinx(d, d / "docs", out, *nopdf), out), repeat)
        table.add(f"protocol with {count} editions ({pages[count]} pages), full build", seconds(built[count]))
    table.add(
        "  growth: full-build time 10 / 2 editions against pages 10 / 2",
        f"{built[10].wall / built[2].wall:.2f} / {pages[10] / pages[2]:.2f}",
        "no faster than linear if the first is not larger",
    )
    made = tmp / "editions-10"
    page = "protocol/access-to-information.md"
    change = made / "docs", tmp / "editions-10-out", page, "exercise of this", "use of this", *nopdf
    with Preview(made, *change) as preview:
        live10 = best(preview, repeat)
    note = f"cpu {live10.cpu:.2f} s; {_counts(live10)}"
    table.add("10 editions: current 6.7 edited, in the preview (target < 0.5 s)", seconds(live10), note)


def overhead(table: Table, tmp: Path, nopdf: tuple[str, ...], pairs: int, *, instructions_too: bool) -> None:
    """The protocol site against its twins (bench/plain.py), built in turns: CPU time (the least of *pairs* runs of
    each side), memory, and with *instructions_too* the instructions counted by cachegrind.

    The overhead ratio, the target's figure, is against the design twin: it loads sphinx-design and renders the home
    page's cards with it, as the site's ``conf.py`` and ``docs/index.md`` do, so that the two sides differ by our
    extensions alone; sphinx-design is the client's package, the same work on both sides. The twin without it
    (plain Sphinx + MyST + furo, the issue's first yardstick) is built in the same turns and its ratio printed on
    every run, for information."""
    design_twin, twin = plain.write(tmp / "plain-design", design=True), plain.write(tmp / "plain")
    measures = [
        fresh(lambda out: sphinx(ROOT, ROOT / "docs", out, *nopdf, split=True), tmp / "ours"),
        fresh(lambda out: sphinx(design_twin, design_twin / "docs", out, split=True), tmp / "theirs-design"),
        fresh(lambda out: sphinx(twin, twin / "docs", out, split=True), tmp / "theirs"),
    ]
    load_before = os.getloadavg()[0]
    sides = dict(zip(("ours", "the design twin", "the plain twin"), alternately(*measures, repeat=pairs), strict=True))
    loads = f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
    least = {name: _best_of(runs) for name, runs in sides.items()}
    ours, our_runs = least["ours"], sides["ours"]
    for label, name in (
        ("protocol site, our extensions (full build)", "ours"),
        ("same text, plain Sphinx + myst + furo + sphinx-design", "the design twin"),
        ("same text, plain Sphinx + myst + furo", "the plain twin"),
    ):
        run, cpu = least[name], spread([r.cpu for r in sides[name]])
        memory = f"peak {run.peak_mb:.0f} MB, {run.faults:,} page faults"
        table.add(label, f"cpu {run.cpu:5.2f} s", f"cpu least/median/most {cpu} s; wall {run.wall:.2f} s; {memory}")
    for label, name, note in (
        ("overhead ratio, CPU (target <= 1.05)", "the design twin", "against the twin with sphinx-design, as the site"),
        ("  against plain Sphinx + MyST + furo (information)", "the plain twin", "the twin without sphinx-design"),
    ):
        theirs = least[name]
        ratios = [a.cpu / b.cpu for a, b in zip(our_runs, sides[name], strict=True)]
        table.add(
            label,
            f"{ours.cpu / theirs.cpu:6.2f}",
            f"{note}; least of {pairs} runs each, taken in turns ({loads}); ratio of each turn least/median/most "
            f"{spread(ratios)}; wall {ours.wall / theirs.wall:.2f}; page faults {ours.faults / theirs.faults:.2f}; "
            f"peak memory {ours.peak_mb / theirs.peak_mb:.2f}. Each side builds its search index: ours Pagefind's, "
            "the twins Sphinx's searchindex.js",
        )
    table.add(
        "  where each side's CPU went (least of its runs)",
        "",
        "; ".join(
            f"{name}: Python {least[name].python_cpu:.2f} s until exit, the processes it started "
            f"({'Pagefind' if name == 'ours' else 'none'}) {least[name].children_cpu:.2f} s, "
            f"teardown {min(r.teardown for r in runs):.2f} s"
            for name, runs in sides.items()
        ),
    )
    if instructions_too:
        python, children = instructions(ROOT, ROOT / "docs", tmp / "ours", *nopdf)
        for label, made, out in (
            ("overhead ratio, instructions (cachegrind)", design_twin, tmp / "theirs-design"),
            ("  against plain Sphinx + MyST + furo, instructions", twin, tmp / "theirs"),
        ):
            their_python, their_children = instructions(made, made / "docs", out)
            table.add(
                label,
                f"{(python + children) / (their_python + their_children):6.3f}",
                f"ours {python / 1e9:.2f} G in Python + {children / 1e9:.2f} G in Pagefind; "
                f"the twin {(their_python + their_children) / 1e9:.2f} G; Python alone {python / their_python:.3f}",
            )


def _imports() -> Run:
    modules = "sphinx.cmd.build, sphinx.application, sphinx.builders.html, myst_parser.sphinx_ext.main, furo"
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {modules}"], check=True)
    return Run(time.perf_counter() - start, 0.0)


def _counts(run: Run) -> str:
    return f"read {len(run.read)} ({', '.join(run.read)}); wrote {len(run.written)} ({', '.join(run.written)})"


def _first_word(path: Path, number: str) -> tuple[str, str]:
    """The clause's first line with its first word changed: (old line, new line)."""
    text = path.read_text(encoding="utf-8")
    line = re.search(rf"^:+\{{clause\}} {re.escape(number)}\n(.*)$", text, re.M)[1]
    word, _sep, rest = line.partition(" ")
    return line, f"{'Every' if word != 'Every' else 'Each'} {rest}"


def _pdf_pages(folder: Path) -> str:
    sizes = [f"{p.name} {p.stat().st_size // 1024} KB" for p in sorted(folder.glob("*.pdf"))]
    return ", ".join(sizes)


def _first_search(bundle: Path) -> str:
    fixed = ["pagefind.js", "pagefind-entry.json"]
    first = sum((bundle / name).stat().st_size for name in fixed if (bundle / name).is_file())
    first += sum(p.stat().st_size for p in bundle.glob("pagefind.*.pf_meta"))
    first += sum(p.stat().st_size for p in bundle.glob("wasm.en.pagefind"))
    chunks = sorted(p.stat().st_size for p in bundle.glob("index/*.pf_index"))
    first += chunks[len(chunks) // 2] if chunks else 0
    return f"a first search loads about {first / 1024:.0f} KB (script, wasm, meta, one index chunk)"


if __name__ == "__main__":
    main()
