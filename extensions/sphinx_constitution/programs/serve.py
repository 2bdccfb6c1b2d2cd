"""The editors' live preview server, ``nox -s serve``: sphinx-autobuild, with Sphinx kept in memory between builds.

(Not :mod:`sphinx_constitution.outputs.previews`, the popovers that show a cited clause on the page.)

``sphinx-constitution-serve [-c CONFDIR] [-D NAME=VALUE ...] [--watch PATH ...] [--port N] SRCDIR OUTDIR``

It needs sphinx-autobuild's parts: ``pip install "sphinx-constitution[preview]"``.

sphinx-autobuild watches the sources, serves the output and has every open page reload after a build. For the
build itself it starts ``python -m sphinx build`` afresh on every change, so each rebuild first pays for
starting Python, importing Sphinx, MyST and the theme, and unpickling the environment: 1.3 s of a 2 s rebuild
of a 200-page Constitution, before a page is read. Here the watching (``watchfiles``), serving, ignore rules and
reload script are sphinx-autobuild's own; only the build is different. It runs in one long-lived worker
process that keeps its Sphinx application, and so its environment, from one build to the next (Sphinx allows
building again with the same application: ``Builder.read()`` marks the configuration as taken in after each
read). An edit then costs what it reads and writes.

A running application cannot take in changed Python code or configuration, so a change to a ``.py`` file
(``conf.py``, ``extensions/``) replaces the worker with a fresh process, which imports everything anew. A
build that raised an exception ends its worker too, and the next change starts a fresh one. An error worded
for the author (a ``conf.py`` that does not parse, a mistake in a data file the configuration reads) is
printed as one line with its file and line; a fault in the code gets Sphinx's full report, as
``sphinx-build`` gives it.

Warnings are Sphinx's own lines, with file and line; after each build one line sums it up::

    [preview] built in 0.41 s: read 1, wrote 3, no warnings

The server answers only requests addressed to this machine's own names (``localhost``, ``127.0.0.1``, ``[::1]``)
or to the ``--host`` it was started with; any other Host gets 400 (see :func:`host_names`); its reload socket
answers only its own pages (another ``Origin`` gets 403: :func:`own_origins`). It serves OUTDIR
but no path with a part that starts with a dot (Sphinx's ``.buildinfo``), and keeps Sphinx's doctrees outside
it (:func:`doctree_dir`); a page whose source is deleted is deleted from OUTDIR at the next build (404, as
in the published site). SIGTERM stops it as Ctrl+C does: the server and the worker end, and it exits with 0.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import multiprocessing
import os
import re
import signal
import socket
import sys
import threading
import time
import types
import webbrowser
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path, PurePosixPath
from typing import IO, Any, cast

import uvicorn
import watchfiles
from sphinx_autobuild.filter import IgnoreFilter
from sphinx_autobuild.middleware import JavascriptInjectorMiddleware
from sphinx_autobuild.server import RebuildServer
from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket

# Never worth a build: version control, caches, and the byte code Python writes when the worker imports.
IGNORED = [".git", ".nox", ".pytest_cache", ".ruff_cache", ".venv", "node_modules"]
IGNORED_PATTERNS = [r"/__pycache__/", r"\.py[co]$", r"~$", r"\.sw[a-p]$", r"/\.#"]
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
# This machine's own names, as they come in a Host header; and the addresses that mean "every interface".
LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
ANY_ADDRESS = ("0.0.0.0", "::", "")


@dataclass(frozen=True)
class Options:
    sourcedir: Path
    outdir: Path
    confdir: Path
    overrides: dict[str, str] = field(default_factory=dict)
    jobs: int = 1


@dataclass
class Result:
    """What one build did, as the worker reports it."""

    seconds: float = 0.0
    read: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    failed: bool = False  # it raised: the worker has gone, and the next build starts a fresh one

    def summary(self) -> str:
        if self.failed:
            return f"build failed after {self.seconds:.2f} s (see above); serving the last good pages"
        count = len(self.warnings)
        warned = f"{count} warning{'s' * (count != 1)} (see above)" if count else "no warnings"
        return f"built in {self.seconds:.2f} s: read {len(self.read)}, wrote {len(self.written)}, {warned}"


class Preview:
    """Builds on request in a worker process that keeps its Sphinx application; a callable for RebuildServer."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.worker: multiprocessing.process.BaseProcess | None = None
        self.conn: Connection | None = None
        self.last = Result()

    def __call__(self, *, changed_paths: Sequence[Path] = ()) -> Result:
        code = [path for path in changed_paths if path.suffix == ".py"]
        if code and self.worker is not None:
            say(f"{code[0].name} changed: starting Sphinx afresh")
            self.stop()
        if self.worker is None:
            self.start()
        assert self.conn is not None
        try:
            self.conn.send("build")
            self.last = self.conn.recv()
        except (EOFError, OSError):  # the worker died (killed, or out of memory) before it could answer
            self.last = Result(failed=True)
        if self.last.failed:
            self.stop()
        say(self.last.summary())
        return self.last

    def problems(self) -> dict[str, Any]:
        """The last build's warnings, their paths from the source folder, for the page's problems panel."""
        folder = f"{self.options.sourcedir}{os.sep}"
        return {"warnings": [line.replace(folder, "") for line in self.last.warnings], "failed": self.last.failed}

    def start(self) -> None:
        context = multiprocessing.get_context("spawn")  # fresh imports: the point of starting again
        self.conn, child = context.Pipe()
        self.worker = context.Process(target=_work, args=(child, self.options), name="sphinx", daemon=True)
        self.worker.start()
        child.close()

    def stop(self) -> None:
        if self.worker is None or self.conn is None:
            return
        with contextlib.suppress(OSError):  # it has gone already
            self.conn.send(None)
        self.worker.join(timeout=30)
        if self.worker.is_alive():
            self.worker.kill()
        self.conn.close()
        self.worker = self.conn = None


def say(message: str) -> None:
    print(f"[preview] {message}", flush=True)


# -- the worker: one Sphinx application, built again on each request ----------------------------------------


class _Tee:
    """Sphinx's warning stream: passed on to stderr, and each warning kept for the summary and the page's panel."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, text: str) -> int:
        if text.strip():  # logging writes each warning in one call, however many lines it has
            self.lines.append(_COLOUR.sub("", text).strip())  # Sphinx colours it in a terminal, and when CI is set
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


def doctree_dir(outdir: Path) -> Path:
    """Where the preview keeps Sphinx's doctrees for OUTDIR: beside it (``doctrees/OUTDIR-NAME``), not in it.

    Sphinx's default is ``OUTDIR/.doctrees``, which the server would have to serve: the pickled environment holds
    the absolute paths of this machine. For ``nox -s serve``'s ``_build/preview`` it is ``_build/doctrees/preview``
    (``nox -s build`` keeps its own in ``_build/doctrees/html``: the preview writes ``.buildinfo`` into its output,
    which the published ``_build/html`` must not hold).
    """
    return outdir.parent / "doctrees" / outdir.name


def _work(conn: Connection, options: Options) -> None:
    from sphinx.application import Sphinx
    from sphinx.cmd.build import handle_exception
    from sphinx.errors import SphinxError
    from sphinx.util.console import color_terminal, nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the server's to handle: it stops this worker
    if isinstance(sys.stdout, io.TextIOWrapper):  # Sphinx's progress lines as they come, even into a pipe
        sys.stdout.reconfigure(line_buffering=True)
    if not color_terminal():  # as sphinx-build decides: no colour codes in a pipe, or with NO_COLOR set
        nocolor()
    warnings = _Tee()
    read: list[str] = []
    written: list[str] = []
    app = None
    # EOFError, BrokenPipeError: the server ended without asking this worker to (it was killed); so does the worker.
    with patch_docutils(options.confdir), docutils_namespace(), contextlib.suppress(EOFError, BrokenPipeError):
        while conn.recv() is not None:
            start = time.perf_counter()
            warnings.lines, read[:], written[:] = [], [], []
            try:
                if app is None:
                    app = Sphinx(
                        options.sourcedir,
                        options.confdir,
                        options.outdir,
                        doctree_dir(options.outdir),
                        "html",
                        confoverrides=dict(options.overrides),
                        status=sys.stdout,
                        warning=cast("IO[str]", warnings),  # a stream as far as Sphinx's logging is concerned
                        parallel=options.jobs,
                    )
                    _count(app, read, written)
                    app.connect("env-get-outdated", _remove_pages)
                # Sphinx counts warnings for its closing line on the application; a new build starts from none.
                app._warncount = 0
                app.build()
            except Exception as error:  # the worker ends, and the next change starts a fresh one
                if isinstance(error, SphinxError) and getattr(error, "orig_exc", None) is None:
                    # worded for the author, with the file and line to fix (conf.py, the codes register)
                    message = f"{error.category}: {error}"
                    print(message, file=sys.stderr, flush=True)
                else:  # a fault in the code: Sphinx's full report, as sphinx-build gives it
                    handle_exception(app, types.SimpleNamespace(pdb=False, verbosity=0, traceback=False), error)
                    message = f"{type(error).__name__}: {error} (Sphinx's report is in the terminal)"
                lines = [*warnings.lines, message]
                conn.send(Result(time.perf_counter() - start, list(read), list(written), lines, failed=True))
                return
            conn.send(Result(time.perf_counter() - start, list(read), list(written), warnings.lines))


def _count(app: Any, read: list[str], written: list[str]) -> None:
    """Note the documents each build reads and writes (not the generated pages: search, index)."""

    def reading(_app: Any, _env: Any, docnames: list[str]) -> None:
        read.extend(docnames)

    def writing(_app: Any, pagename: str, *_args: Any) -> None:
        if pagename in app.env.all_docs:
            written.append(pagename)

    app.connect("env-before-read-docs", reading)
    app.connect("html-page-context", writing)


def _remove_pages(app: Any, _env: Any, _added: set[str], _changed: set[str], removed: set[str]) -> list[str]:
    """Delete the built page of each page whose source was deleted from the sources.

    Sphinx forgets a deleted source but never deletes what it wrote from it, so the preview would go on serving
    the page, as if it were still to be published (the published build starts afresh and has no such page). The
    event comes as a build starts reading, once Sphinx has found which sources are gone.
    """
    for docname in removed:
        Path(app.builder.get_outfilename(docname)).unlink(missing_ok=True)
    return []


# -- the server: sphinx-autobuild's, with the build run in a thread instead of a new process ----------------


class Watcher(RebuildServer):
    """sphinx-autobuild's watcher and reload socket; it runs each build in a new process, this one in-process.

    The socket answers only pages of the preview's own ``origins`` (see :func:`own_origins`): a handshake whose
    ``Origin`` header names another site is refused with 403, before the socket is open.
    """

    def __init__(self, *args: Any, origins: Sequence[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.origins = frozenset(origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        origin = Headers(scope=scope).get("origin")
        if origin is not None and origin.lower() not in self.origins:
            await WebSocket(scope, receive, send).close(code=1008)  # closed before it was accepted: uvicorn's 403
            return
        await super().__call__(scope, receive, send)

    async def watch(self) -> None:
        async for changes in watchfiles.awatch(*self.paths, watch_filter=lambda _change, path: not self.ignore(path)):
            changed = sorted({Path(path).resolve() for _change, path in changes})
            say(f"changed: {', '.join(path.name for path in changed[:5])}{' …' * (len(changed) > 5)}")
            await asyncio.to_thread(self.change_callback, changed_paths=changed)
            self.flag.set()


# Shown on every page of the preview while the last build warned or failed: the terminal is not where an editor
# is looking. Built with textContent, so a warning's text is never read as markup.
PROBLEMS_SCRIPT = """
<script>
fetch("/_preview/problems.json", {cache: "no-store"}).then((answer) => answer.json()).then(({warnings, failed}) => {
  if (!warnings.length && !failed) return;
  const panel = document.createElement("section");
  panel.id = "preview-problems";
  panel.setAttribute("role", "alert");
  panel.style.cssText = "margin:0;padding:0.75rem 1rem;background:#fff;color:#1a1a1a;border:4px solid #b00020;" +
    "font:1rem/1.5 system-ui,sans-serif;position:relative;z-index:1000";
  const heading = document.createElement("h2");
  heading.style.cssText = "margin:0 0 0.25rem;font-size:1.1rem";
  const count = `${warnings.length} warning${warnings.length === 1 ? "" : "s"}`;
  heading.textContent = failed
    ? "Preview: the last build failed (see the terminal); these pages are from the build before it"
    : `Preview: the last build gave ${count}; fix them before publishing`;
  const list = document.createElement("ul");
  list.style.cssText = "margin:0;padding-left:1.25rem";
  for (const line of warnings) {
    const item = document.createElement("li");
    item.textContent = line;
    list.append(item);
  }
  panel.append(heading, list);
  document.body.prepend(panel);
});
</script>
"""


class Site(StaticFiles):
    """The output folder, as StaticFiles serves it, but 404 for any path with a part that starts with a dot.

    Those are the build's own files (``.buildinfo``), never a reader's: no page links one.
    """

    async def get_response(self, path: str, scope: Scope) -> Response:
        if any(part.startswith(".") for part in PurePosixPath(path).parts):  # "." alone, the root, has no parts
            raise HTTPException(status_code=404)
        return await super().get_response(path, scope)


def host_names(*hosts: str) -> list[str]:
    """The names the preview answers to in a request's Host header: this machine's own, and ``hosts``.

    Any other gets 400. A page on another site can point its own name at 127.0.0.1 (DNS rebinding) and then
    read the preview, and the build's problems, as its own; but its requests still name that site in their
    Host header. An address that means every interface (``--host 0.0.0.0``) is no name to be reached by, so to
    preview from another machine give ``--host`` that machine's name or address for this one.
    """
    names = dict.fromkeys(LOCAL_HOSTS)
    for host in hosts:
        if host not in ANY_ADDRESS:
            names[f"[{host}]" if ":" in host else host.lower()] = None
    return list(names)


def own_origins(hosts: Sequence[str], port: int) -> list[str]:
    """The origins of the preview's own pages, as a browser names them in a request's ``Origin`` header.

    ``http://`` and each name the preview answers to (:func:`host_names`), with its port (a browser leaves out
    port 80). Only pages from these may open the reload socket: a browser sends every page's origin with its
    handshake, and a socket, unlike a page's resources, is not kept from other sites by the browser itself,
    so a page elsewhere could otherwise keep one open and learn when, and how often, an editor saves. A client
    that sends no ``Origin`` is no browser, and so no page of another site: it is answered (as ``curl`` is).
    """
    suffix = "" if port == 80 else f":{port}"
    return [f"http://{name.lower()}{suffix}" for name in hosts]


class Injector(JavascriptInjectorMiddleware):
    """sphinx-autobuild's reload script on every HTML page, and after it the problems panel's."""

    def __init__(self, app: Any, ws_url: str) -> None:
        super().__init__(app, ws_url)
        self.script += PROBLEMS_SCRIPT.encode("utf-8")


def unwatched(outdir: Path) -> IgnoreFilter:
    """What no change is worth a build in, wherever the editor asks to watch: version control and caches, the site,
    and the folders a build keeps beside it, each named ``.<site>.<what>`` (the search index's, where
    outputs/search.py makes it), since a build writes them."""
    return IgnoreFilter([*IGNORED, outdir, outdir.parent / f".{outdir.name}.*"], IGNORED_PATTERNS)


def server(preview: Preview, watch: Sequence[Path], url_host: str, hosts: Sequence[str] = LOCAL_HOSTS) -> Starlette:
    outdir = preview.options.outdir
    ignored = unwatched(outdir)
    origins = own_origins(hosts, int(url_host.rpartition(":")[2]))
    watcher = Watcher([preview.options.sourcedir, *watch], ignored, change_callback=preview, origins=origins)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        """The watcher's, and then the line that tells the editor (and a script) that the preview is up.

        Said here, not before ``uvicorn.Server.run``: by now uvicorn has its own SIGINT and SIGTERM handlers in place,
        so a Ctrl+C the moment the line is seen gets uvicorn's orderly shutdown. Said earlier, a signal could arrive
        while asyncio was still setting up its loop: the preview then printed "coroutine 'Server.serve' was never
        awaited" and an unclosed event loop's error, and once (under load, in the tests) did not stop at all.
        """
        async with watcher.lifespan(app):
            say(f"serving on http://{url_host}")
            yield

    async def problems(_request: Request) -> JSONResponse:
        return JSONResponse(preview.problems(), headers={"Cache-Control": "no-store"})

    return Starlette(
        routes=[
            WebSocketRoute("/websocket-reload", watcher, name="reload"),
            Route("/_preview/problems.json", problems),
            Mount("/", app=Site(directory=outdir, html=True), name="static"),
        ],
        # First, so that a request to another host name gets no further: the pages, problems.json, the socket.
        # (uvicorn 0.54 logs "ASGI callable returned without completing handshake" for each socket it refuses,
        # wrongly: the browser has had its 400. Kludex/uvicorn#3138.)
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts), Middleware(Injector, ws_url=url_host)],
        lifespan=lifespan,
    )


def parse(argv: Sequence[str] | None) -> tuple[argparse.Namespace, Options]:
    parser = argparse.ArgumentParser(prog="sphinx-constitution-serve", description=__doc__.split("\n\n")[0])
    parser.add_argument("sourcedir", type=Path)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("-c", dest="confdir", type=Path, help="the folder of conf.py (default: SOURCEDIR)")
    parser.add_argument("-D", dest="define", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("-j", dest="jobs", type=int, default=1, help="processes to read and write with")
    parser.add_argument("--watch", action="append", type=Path, default=[], help="also rebuild when this changes")
    parser.add_argument("--host", default="127.0.0.1", help="the address to listen on; also a name it answers to")
    parser.add_argument("--port", type=int, default=8000, help="0 for any free port")
    parser.add_argument("--open-browser", action="store_true")
    args = parser.parse_args(argv)
    sourcedir = args.sourcedir.resolve(strict=True)
    overrides = dict(item.partition("=")[::2] for item in args.define)
    confdir = (args.confdir or sourcedir).resolve(strict=True)
    return args, Options(sourcedir, args.outdir.resolve(), confdir, overrides, args.jobs)


def _stop(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> None:
    args, options = parse(argv)
    # SIGTERM (kill, a service manager, a test's terminate()) stops the preview as Ctrl+C does. Left to its default
    # it ends this process at once: the worker is not stopped, and prints a traceback when its pipe closes. While
    # uvicorn serves, it catches both signals, shuts down, and raises the signal again once it has.
    signal.signal(signal.SIGTERM, _stop)
    # Bound before the first build (port 0: any free one), so the address printed already takes connections.
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    listening = socket.create_server((args.host, args.port), family=family)
    address, port = listening.getsockname()[:2]
    shown = {"0.0.0.0": "127.0.0.1", "::": "::1"}.get(address, address)  # every interface: browse to this one's
    url_host = f"[{shown}]:{port}" if ":" in shown else f"{shown}:{port}"
    options.outdir.mkdir(parents=True, exist_ok=True)
    preview = Preview(options)
    try:
        preview()
        app = server(preview, args.watch, url_host, host_names(args.host, address))  # says when it serves
        if args.open_browser:
            threading.Timer(1.0, webbrowser.open, [f"http://{url_host}"]).start()
        uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[listening])
    except KeyboardInterrupt:  # Ctrl+C, SIGINT or SIGTERM: stopping is what was asked for, so the exit status is 0
        pass
    finally:
        preview.stop()
        say("stopped")


if __name__ == "__main__":
    main()
