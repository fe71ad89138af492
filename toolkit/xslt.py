"""The XSLT 3.0 engine: one Saxon processor per process, each stylesheet compiled once.

Documents reach Saxon only as text re-serialised by `toolkit.source` (no DOCTYPE, no
entities), because Saxon's own parser would expand external entities.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from saxonche import PySaxonApiError, PySaxonProcessor

from toolkit import XSLT_DIR
from toolkit.errors import OutputError, SetupError, TransformError
from toolkit.source import DEFAULT_MAX_DEPTH

_lock = threading.Lock()

#: Messages that start with this prefix are warnings meant for the user (unknown elements...).
WARNING_PREFIX = "teikit-warning:"


@dataclass
class Result:
    text: str
    messages: list[str]
    #: With `items=True`: the principal result's items, each as a string (the text is empty).
    items: list[str] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return [
            m[len(WARNING_PREFIX) :].strip() for m in self.messages if m.startswith(WARNING_PREFIX)
        ]


#: Saxon's own error reporter prints a trace of several lines on the process's standard error
#: (file descriptor 2, out of Python's reach) and then raises the error that carries the same
#: message, from which the command line makes its one-paragraph report. So the trace goes to
#: the null device, unless this variable is "1" (`teikit --debug` sets it, for its workers too).
DEBUG_ENV = "TEIKIT_DEBUG"


@contextlib.contextmanager
def _engine():
    """Every call into the engine: under `_lock` (one transformation's parameters at a time),
    with standard error (the descriptor) pointed at the null device meanwhile; holding the
    lock, no other thread can restore it early."""
    with _lock:
        if os.environ.get(DEBUG_ENV) == "1":
            yield
            return
        with contextlib.suppress(AttributeError, OSError, ValueError):
            sys.stderr.flush()
        saved = os.dup(2)
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, 2)
        finally:
            os.close(null)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


#: Paths the engine writes under exactly as given. Any other (a decomposed accent, which it
#: normalises to NFC; a '%', which it decodes twice; a control) is written through an alias.
_PLAIN_PATH = re.compile(r"[A-Za-z0-9._/ +,=@~-]+")


@contextlib.contextmanager
def _engine_path(path: Path | None, folder: bool = False):
    """The URI the engine is to write `path` (a file, or a `folder`) under. The engine takes
    file names through URIs and normalises them to NFC: in a folder whose name is decomposed
    (as macOS writes names) it would write somewhere else, and a '%' in a name fails. A path
    that is not plain gets an alias for the time of the call, a symbolic link under the
    system's temporary folder; a file is written under a plain name in its folder (through
    the alias) and renamed to its own."""
    if path is None:
        yield None
        return
    path = Path(os.path.abspath(path))
    if _PLAIN_PATH.fullmatch(str(path)):
        yield path.as_uri()
        return
    aliases = tempfile.mkdtemp(prefix="teikit-engine-")
    try:
        alias = Path(aliases) / "target"
        os.symlink(path if folder else path.parent, alias)
        if folder:
            yield alias.as_uri()
            return
        plain = f".engine.teikit-{os.getpid()}.{os.urandom(6).hex()}.tmp"
        try:
            yield (alias / plain).as_uri()
            if os.path.exists(path.parent / plain):
                os.replace(path.parent / plain, path)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path.parent / plain)
    finally:
        shutil.rmtree(aliases, ignore_errors=True)


def _clean(err: Exception) -> str:
    return " ".join(str(err).split())


#: Address space the engine (Saxon compiled by GraalVM) reserves for its heap when it starts;
#: below it (ulimit -v), the engine's start kills the process from native code.
ENGINE_ADDRESS_SPACE = 32 << 30


def check_address_space() -> None:
    """Refuse to start the engine (exit 2, saying what to do) where the address-space limit
    would make its start end the process with a native error instead."""
    import resource

    soft, _hard = resource.getrlimit(resource.RLIMIT_AS)
    if soft == resource.RLIM_INFINITY:
        return
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            used = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        used = 1 << 30
    if soft < ENGINE_ADDRESS_SPACE + used + (256 << 20):
        raise SetupError(
            f"the address-space limit (ulimit -v) is {soft >> 20:,} MB, and the XSLT engine "
            f"reserves {ENGINE_ADDRESS_SPACE >> 30} GB of address space for its heap when it "
            "starts (it uses far less memory): raise the limit (ulimit -v unlimited, or at "
            f"least {(ENGINE_ADDRESS_SPACE + used) // (1 << 30) + 1} GB) and limit memory "
            "with a cgroup instead (e.g. systemd-run --scope -p MemoryMax=2G teikit "
            "...); ulimit -m does not limit memory on Linux"
        )


#: What the engine may see of the environment: the locale and the time zone, nothing else.
def _kept(name: str) -> bool:
    return name in ("LANG", "TZ") or name.startswith("LC_")


@contextlib.contextmanager
def _bare_environment():
    """The process's environment reduced to what `_kept` allows, for the engine's start: the
    engine reads the environment once and keeps it, so that fn:environment-variable() in a
    stylesheet (a Schematron a document declares is one) sees no value of the user's (an API
    key, a password); the environment is restored at once for the rest of teikit."""
    saved = dict(os.environ)
    try:
        for name in [n for n in os.environ if not _kept(n)]:
            del os.environ[name]
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@lru_cache(maxsize=1)
def processor() -> PySaxonProcessor:
    check_address_space()
    with _bare_environment():
        proc = PySaxonProcessor(license=False)
        with _engine():  # the engine takes its copy of the environment now
            proc.new_xpath_processor().evaluate("available-environment-variables()")
    # doc(), unparsed-text() and xsl:import may read local files only: never the network.
    proc.set_configuration_property("http://saxon.sf.net/feature/allowedProtocols", "file")
    # Saxon re-parses the loader's output; its JAXP caps (100 levels, 200 attributes, names
    # of 1,000 characters) are stricter than toolkit.source's, which are the documented ones.
    for name, value in _PARSER_LIMITS.items():
        proc.set_configuration_property(f"{_PARSER_PROPERTY}{name}", value)
    return proc


def started() -> bool:
    """Whether this process has started Saxon (after which it must not fork: the engine's
    threads would not survive in the child)."""
    return processor.cache_info().currsize > 0


_PARSER_PROPERTY = "http://saxon.sf.net/feature/parserProperty?uri="
_PARSER_LIMITS = {
    "jdk.xml.maxElementDepth": str(DEFAULT_MAX_DEPTH),
    "jdk.xml.elementAttributeLimit": "0",
    "jdk.xml.maxXMLNameLimit": "0",
}


def parse(xml_text: str):
    """Parse a document once for several stylesheets (text from `Source.xml_text()`)."""
    try:
        with _engine():
            return processor().parse_xml(xml_text=xml_text, encoding="UTF-8")
    except PySaxonApiError as err:
        raise TransformError(f"the XSLT engine cannot read the document: {_clean(err)}") from None


def document(source):
    """`source` (a toolkit.source.Source) parsed by Saxon once, for every stylesheet run on it:
    a build runs five (validation, metadata and the three formats)."""
    if source._xdm is None:
        source._xdm = parse(source.xml_text())
    return source._xdm


class Stylesheet:
    """A compiled stylesheet; `run` may be called many times with different parameters."""

    def __init__(self, path: Path, text: str | None = None):
        """Compile the stylesheet at `path`, or `text` (generated XSLT) named after `path`."""
        self.path = path
        compiler = processor().new_xslt30_processor()
        source = {"stylesheet_file": str(path)} if text is None else {"stylesheet_text": text}
        try:
            with _engine():
                self._exe = compiler.compile_stylesheet(**source)
        except PySaxonApiError as err:
            raise TransformError(f"stylesheet does not compile: {_clean(err)}", path) from None
        if self._exe is None:
            raise TransformError("stylesheet does not compile", path)

    def apply(self, source, params: dict[str, object] | None = None, **kwargs) -> Result:
        """`run` on a loaded Source, parsed once for all stylesheets (see `document`)."""
        return self.run(
            source.xml_text(),
            params,
            source_name=str(source.path),
            document=document(source),
            **kwargs,
        )

    def run(
        self,
        xml_text: str,
        params: dict[str, object] | None = None,
        *,
        base_output: Path | None = None,
        source_name: str | None = None,
        document=None,
        items: bool = False,
        output: Path | None = None,
    ) -> Result:
        """Transform `xml_text` (or `document`, already `parse`d); secondary result documents
        land under `base_output` only. With `items`, the principal result is returned as its
        items rather than serialised: a stylesheet that serialises its files itself hands
        them over without a round trip through the file system. With `output`, the engine
        serialises the principal result into that file (a staged one: see
        `toolkit.output.staged_file`) and the text is empty: a large page or text is not
        handed over as a string and encoded again (1.5 ms of a novel's HTML build)."""
        proc = processor()
        exe = self._exe
        with (
            _engine(),
            _engine_path(base_output, folder=True) as base_uri,
            _engine_path(output) as out_uri,
        ):
            exe.clear_parameters()
            exe.clear_xsl_messages()
            exe.set_save_xsl_message(True, None)
            for name, value in (params or {}).items():
                exe.set_parameter(name, _xdm(proc, value))
            if base_uri is not None:
                exe.set_base_output_uri(base_uri + "/index")
            exe.set_result_as_raw_value(items)
            try:
                doc = document if document is not None else proc.parse_xml(xml_text=xml_text)
                if items:
                    value = exe.transform_to_value(xdm_node=doc)
                    size = value.size if value is not None else 0
                    text, strings = "", [value.item_at(i).string_value for i in range(size)]
                elif output is not None:
                    # A URI: the engine takes a name with a space or a control for a bad one.
                    exe.transform_to_file(xdm_node=doc, output_file=out_uri)
                    text, strings = "", []
                else:
                    text, strings = exe.transform_to_string(xdm_node=doc), []
            except PySaxonApiError as err:
                failed = _write_failure(err, output or base_output)
                if failed is not None:
                    raise failed from None
                raise TransformError(
                    f"transformation with {self.path.name} failed: {_clean(err)}", source_name
                ) from None
            messages = _messages(exe)
        return Result(text=text or "", messages=messages, items=strings)


def _write_failure(err: Exception, where: Path | None) -> OutputError | None:
    """The engine could not write a file it was given: the file system's fault (full,
    read-only), reported as such (exit 2), not as a failed transformation (a bug)."""
    message = _clean(err)
    if where is None or "Failure writing to" not in message and "No space left" not in message:
        return None
    folder = Path(os.path.abspath(where))
    folder = folder if folder.is_dir() else folder.parent
    why = "the XSLT engine could not write a file there"
    try:
        info = os.statvfs(folder)
        if info.f_flag & os.ST_RDONLY:
            why = "the file system is read-only"
        elif info.f_bavail == 0 or "No space left" in message:
            why = "no space left on the device"
    except OSError:
        pass
    return OutputError(f"cannot write: {why}", folder)


def _xdm(proc: PySaxonProcessor, value: object):
    if isinstance(value, bool):
        return proc.make_boolean_value(value)
    if isinstance(value, int):
        return proc.make_integer_value(value)
    return proc.make_string_value(str(value))


def _messages(exe) -> list[str]:
    value = exe.get_xsl_messages()
    if value is None:
        return []
    out = []
    for i in range(value.size):
        out.append(" ".join(str(value.item_at(i).string_value).split()))
    return out


@cache
def stylesheet(relpath: str) -> Stylesheet:
    """The compiled stylesheet at `xslt/<relpath>`, compiled on first use only."""
    return Stylesheet(XSLT_DIR / relpath)
