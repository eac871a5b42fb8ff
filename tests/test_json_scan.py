"""The streaming JSON structure scan: its view of strings and brackets is a parser's, whatever the chunking.

A reference written the slow, obvious way (one character at a time) gives the deepest nesting and the
longest string of random JSON-like text; the scan, fed the same bytes in chunks of every size, must refuse
exactly the texts that pass a limit. Texts with a backslash outside a string are left out: a parser
stops there (it is not JSON), and the scan only promises to agree up to that point.
"""

from __future__ import annotations

import random

import pytest

from advisor.errors import InputError
from advisor.json_scan import JsonScan, scan_json_bytes
from advisor.limits import Limits

ALPHABET = '[]{}"\\ab,'


def reference(text: str) -> tuple[int, int] | None:
    """(deepest nesting, longest string) of ``text``; None if a backslash stands outside a string."""
    depth = deepest = longest = 0
    inside = escaped = False
    start = 0
    for index, char in enumerate(text):
        if inside:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                inside = False
                longest = max(longest, index - start - 1)
        elif char == "\\":
            return None
        elif char == '"':
            inside, start = True, index
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    if inside:  # a string still open at the end counts as far as it goes (the scan cannot wait for its end)
        longest = max(longest, len(text) - start - 1)
    return deepest, longest


def _refused(data: bytes, limits: Limits, chunk: int) -> bool:
    try:
        _feed(JsonScan("x.json", limits), data, chunk)
    except InputError:
        return True
    return False


def _feed(scan: JsonScan, data: bytes, chunk: int) -> None:
    for start in range(0, len(data), chunk):
        scan.feed(data[start : start + chunk])


def _limits(depth: int | None = None, cell: int | None = None) -> Limits:
    return Limits("test", "test", 10**9, max_depth=depth, max_cell=cell)


def test_the_scan_agrees_with_a_character_by_character_reference() -> None:
    rng = random.Random(16)
    checked = 0
    for _ in range(3000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 50)))
        found = reference(text)
        if found is None:
            continue
        deepest, longest = found
        data = text.encode()
        for chunk in (1, 2, 7, 64):
            assert not _refused(data, _limits(deepest, longest), chunk), (text, chunk)
            if deepest:
                assert _refused(data, _limits(depth=deepest - 1), chunk), (text, chunk)
            if longest:
                assert _refused(data, _limits(cell=longest - 1), chunk), (text, chunk)
        checked += 1
    assert checked > 500, "enough texts without a backslash outside a string"


def test_an_escaped_quote_split_across_chunks_stays_escaped() -> None:
    data = b'["a\\"[[[[", 1]'  # the brackets are inside the string
    for chunk in range(1, len(data) + 1):
        assert not _refused(data, _limits(depth=1), chunk), chunk


def test_a_deep_document_is_refused_at_the_first_byte_over_naming_the_line() -> None:
    with pytest.raises(InputError) as raised:
        scan_json_bytes(b'{\n  "a":\n' + b"[" * 100_000, "deep.json", _limits(depth=32))

    assert str(raised.value) == (
        "deep.json:3: nested more than 32 levels deep at byte offset 40 (line 3): over the limit for this input "
        "(see the README's input limits)"
    )


def test_a_record_larger_than_the_limit_is_refused_where_it_starts() -> None:
    limits = Limits("test", "test", 10**9, max_row_bytes=100)
    data = b'[{"a": 1}, {"b": "' + b"x" * 200 + b'"}]'
    for chunk in (1, 13, 1000):
        scan = JsonScan("r.json", limits, record_depth=2)
        with pytest.raises(InputError, match=r"a record larger than 100 bytes at byte offset 11 \(line 1\)"):
            _feed(scan, data, chunk)


def test_objects_and_lists_are_counted() -> None:
    limits = Limits("test", "test", 10**9, max_containers=3)
    scan_json_bytes(b"[[], {}]", "ok.json", limits)
    with pytest.raises(InputError, match="more than 3 objects and lists at byte offset 9"):
        scan_json_bytes(b"[[], {}, [], []]", "many.json", limits)


def test_a_document_larger_than_the_limit_is_refused_before_it_is_scanned() -> None:
    with pytest.raises(InputError, match="the file is 11 bytes, more than 10 bytes"):
        scan_json_bytes(b'{"a": "b"} ', "big.json", Limits("test", "test", 10))
