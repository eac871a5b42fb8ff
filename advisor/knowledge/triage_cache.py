"""The triage knowledge (``load_knowledge(folder).triage``) kept between runs, so ``triage`` skips the tree.

Loading the whole knowledge base (the decision tree with networkx, the catalog, every check) takes longer
than triaging 100,000 VMs, yet triage reads only its rules, the size map, the lifecycle entries and the
disagreements. :func:`triage_rules` returns exactly what :func:`~advisor.knowledge.assembly.load_knowledge`
gives as ``.triage``: from a file in the per-user cache folder (:func:`advisor.paths.user_cache_dir`, never
the checkout) when the key matches, else by loading and checking the whole folder as before (so a broken
knowledge folder fails exactly as it always did, and nothing is kept), then keeping the result.

The key is every file of the knowledge folder (linked folders followed; a loop of links ends at the knowledge
file limit, with no cache), by name and content (SHA-256), the folder itself, and the code
that checks and builds the rules (every module of the package by name, size and modification time, the
Python and pydantic versions). Any change to any of them is a miss. The cache is best effort: a folder that
cannot be written, a file someone else owns or others may write, a damaged file: all mean loading as before.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import os
import pickle
import sys
import tempfile
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from advisor.limits import KNOWLEDGE
from advisor.paths import PACKAGE_DIR, bundled_knowledge_dir, user_cache_dir

if TYPE_CHECKING:
    from advisor.triage.rules import TriageRules

CACHE_FILE = "triage-knowledge.pickle"
_FORMAT = b"triage-knowledge 1"  # bumped when what is kept changes shape
_BLOCK = 1024 * 1024


def triage_rules(directory: Path | str | None = None) -> TriageRules:
    """``load_knowledge(directory).triage``, from the cache when the knowledge and the code are unchanged."""
    folder = Path(directory) if directory else bundled_knowledge_dir()
    key = _key(folder)
    path = user_cache_dir() / CACHE_FILE
    if key is not None:
        kept = _read(path, key)
        if kept is not None:
            return kept
    from advisor.knowledge.assembly import load_knowledge  # the whole folder, checked: raises as it always has

    rules = load_knowledge(folder).triage
    if key is not None:
        _write(path, key, rules)
    return rules


def _key(folder: Path) -> bytes | None:
    """The digest of the knowledge files, the folder and the code; None when the folder cannot be read whole
    or is over the knowledge limits (loading then says what is wrong)."""
    digest = hashlib.sha256(_FORMAT)
    try:
        digest.update(str(folder.resolve()).encode())
        files = total = 0
        for root, dirs, names in os.walk(folder, followlinks=True):  # a linked folder's files count too
            dirs.sort()
            for name in sorted(names):
                files += 1
                file = Path(root, name)
                size = file.stat().st_size
                total += size
                if (KNOWLEDGE.max_files is not None and files > KNOWLEDGE.max_files) or (
                    KNOWLEDGE.max_total_bytes is not None and total > KNOWLEDGE.max_total_bytes
                ):
                    return None
                digest.update(f"\0{file.relative_to(folder).as_posix()}\0{size}\0".encode())
                with file.open("rb") as handle:
                    while block := handle.read(_BLOCK):
                        digest.update(block)
        if files == 0:
            return None
        for module in sorted(PACKAGE_DIR.rglob("*.py")):
            stat = module.stat()
            digest.update(
                f"\0{module.relative_to(PACKAGE_DIR).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()
            )
    except OSError:
        return None
    import pydantic

    digest.update(f"\0{sys.version}\0{pydantic.VERSION}".encode())
    return digest.hexdigest().encode()


def _read(path: Path, key: bytes) -> TriageRules | None:
    """The rules kept under ``key``, or None (no file, another key, not ours, damaged)."""
    try:
        with path.open("rb") as handle:
            stat = os.fstat(handle.fileno())
            if hasattr(os, "getuid") and (stat.st_uid != os.getuid() or stat.st_mode & 0o022):
                return None  # only a file this user wrote, and nobody else may change, is unpickled
            if handle.readline().rstrip(b"\n") != key:
                return None
            rules = pickle.load(handle)
    except Exception:  # any damage means loading the knowledge as before
        return None
    from advisor.triage.rules import TriageRules

    return rules if isinstance(rules, TriageRules) else None


def _write(path: Path, key: bytes, rules: TriageRules) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        data = io.BytesIO()
        data.write(key + b"\n")
        pickler = pickle.Pickler(data, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = copyreg.dispatch_table.copy()
        pickler.dispatch_table[MappingProxyType] = _reduce_frozen  # the rules' read-only maps
        pickler.dump(rules)
        handle, temporary = tempfile.mkstemp(prefix=".triage-", dir=path.parent)  # readable by this user only
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data.getvalue())
            os.replace(temporary, path)  # whole or not at all, even with two commands at once
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return  # no cache this time: the next run loads the knowledge again


def _reduce_frozen(mapping: MappingProxyType[Any, Any]) -> tuple[Any, tuple[dict[Any, Any]]]:
    return frozen, (dict(mapping),)


def frozen(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    """A read-only view of ``items``: how a kept ``MappingProxyType`` comes back (pickle cannot name its type)."""
    return MappingProxyType(items)
