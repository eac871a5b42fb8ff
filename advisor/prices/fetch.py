"""Fetching pages of the Retail Prices API over HTTP (the standard library's ``urllib``; no sign-in is needed).

:func:`fetch_pages` asks for the first page and follows ``NextPageLink`` to the last, reporting each page to a
progress callback. A 429 (too many requests), a 5xx or a network failure is tried again after a wait that doubles
from ``first_delay`` up to ``max_delay``; a ``Retry-After`` header (seconds or an HTTP date) sets the wait instead,
within ``max_delay``. After the last try it gives up with one line saying what failed and how to load the prices
offline instead. Other answers (400, 404, ...) are not tried again.

A ``NextPageLink`` (and a redirect) is followed only to the host the fetch started at (a page must not send the
advisor elsewhere), never twice to the same page (a loop), and not beyond the documented number of pages and
bytes of a sheet. Every answer is read up to the page size limit, then parsed by
:func:`~advisor.prices.api_page.read_page`.

``ADVISOR_PRICES_ENDPOINT`` replaces the endpoint (a mirror, a test server); ``ADVISOR_PRICES_BACKOFF`` sets the
first wait in seconds (``0``: try again at once, for tests).
"""

from __future__ import annotations

import email.utils
import http.client
import os
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from advisor.errors import InputError, Problem
from advisor.json_scan import over_limit
from advisor.limits import PRICE_PAGE, size_text
from advisor.models.price_meters import FetchPolicy
from advisor.prices.api_page import ApiPage, read_page

ENDPOINT_VARIABLE = "ADVISOR_PRICES_ENDPOINT"
BACKOFF_VARIABLE = "ADVISOR_PRICES_BACKOFF"
OFFLINE_HINT = (
    "without internet access, save the API's pages with curl where there is (README, 'Price sheets') and load "
    "them with `python -m advisor prices import FILE...` or on the Settings page"
)
_RETRIED = frozenset({429, 500, 502, 503, 504})
_USER_AGENT = "compute-target-advisor (price sheets)"


@dataclass(frozen=True)
class FetchSettings:
    """How patiently to fetch; ``sleep`` waits (tests pass one that records the waits)."""

    attempts: int = 5
    first_delay: float = 2.0
    max_delay: float = 60.0
    timeout: float = 60.0
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)

    @classmethod
    def of(cls, policy: FetchPolicy, backoff: float | None = None) -> FetchSettings:
        """The knowledge's policy; ``backoff`` (else ``ADVISOR_PRICES_BACKOFF``) replaces its first wait."""
        first = backoff if backoff is not None else configured_backoff()
        return cls(
            attempts=policy.attempts,
            first_delay=policy.first_delay_seconds if first is None else first,
            max_delay=policy.max_delay_seconds,
            timeout=policy.timeout_seconds,
        )

    def delay(self, attempt: int, retry_after: float | None) -> float:
        """The wait after failed try number ``attempt`` (1-based)."""
        wait = retry_after if retry_after is not None else self.first_delay * 2 ** (attempt - 1)
        return max(0.0, min(wait, self.max_delay))


@dataclass(frozen=True)
class FetchedPage:
    number: int  # 1-based
    url: str
    page: ApiPage

    @property
    def name(self) -> str:
        return f"page {self.number} of {_shown(self.url)}"


Progress = Callable[[FetchedPage, int], None]  # the page just read and the items read so far


def configured_endpoint(default: str) -> str:
    return os.environ.get(ENDPOINT_VARIABLE, "").strip() or default


def configured_backoff() -> float | None:
    """``ADVISOR_PRICES_BACKOFF`` in seconds, or None when unset; InputError when it is not a number."""
    text = os.environ.get(BACKOFF_VARIABLE, "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:
        raise InputError(Problem(f"{BACKOFF_VARIABLE} must be seconds from 0 to 3600, not {text!r}"))
    return value


def first_page_url(endpoint: str, api_version: str, currency: str, query_filter: str) -> str:
    """The URL of a query's first page, as the API documents it (``currencyCode='EUR'``, ``$filter=...``)."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(Problem("the prices endpoint is not an http(s) URL", endpoint, ident="endpoint"))
    query = urlencode(
        {"api-version": api_version, "currencyCode": f"'{currency}'", "$filter": query_filter}, quote_via=quote
    )
    return f"{endpoint}{'&' if parts.query else '?'}{query}"


def fetch_pages(url: str, settings: FetchSettings, progress: Progress | None = None) -> Iterator[FetchedPage]:
    """Every page from ``url`` on, following ``NextPageLink``; InputError (with the offline hint) on failure."""
    start = _origin(url)
    seen: dict[tuple[str, str, str], int] = {}
    items = 0
    number = 0
    total = 0
    next_url: str | None = url
    while next_url:
        number += 1
        key = _page_key(next_url)
        if key in seen:
            raise _failed(number, url, f"NextPageLink leads back to page {seen[key]} (a loop)")
        if number > (PRICE_PAGE.max_files or number):
            raise over_limit(_shown(url), f"more than {PRICE_PAGE.max_files:,} pages in one sheet")
        if _origin(next_url) != start:
            raise _failed(number, url, f"NextPageLink leads to another host ({_origin_text(next_url)})")
        seen[key] = number
        data = _get(next_url, number, url, settings)
        total += len(data)
        if total > (PRICE_PAGE.max_total_bytes or total):
            raise over_limit(_shown(url), f"pages of more than {size_text(PRICE_PAGE.max_total_bytes or 0)} in all")
        fetched = FetchedPage(number, next_url, read_page(data, f"page {number} of {_shown(url)}"))
        items += len(fetched.page.Items)
        if progress is not None:
            progress(fetched, items)
        yield fetched
        next_url = fetched.page.NextPageLink or None


class _SameOriginRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only on the host it came from: another host is an answer of its own (not followed)."""

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:  # fmt: skip
        if _origin(newurl) != _origin(req.full_url):
            return None  # urllib then raises the 3xx as an HTTPError
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_SameOriginRedirects())  # the environment's proxies still apply


def _get(url: str, number: int, first: str, settings: FetchSettings) -> bytes:
    reason = ""
    for attempt in range(1, settings.attempts + 1):
        retry_after: float | None = None
        request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": _USER_AGENT})
        try:
            with _OPENER.open(request, timeout=settings.timeout) as answer:
                data: bytes = answer.read(PRICE_PAGE.max_bytes + 1)
            if len(data) > PRICE_PAGE.max_bytes:
                raise over_limit(
                    f"page {number} of {_shown(first)}", f"a page larger than {size_text(PRICE_PAGE.max_bytes)}"
                )
            return data
        except urllib.error.HTTPError as exc:
            reason = f"HTTP {exc.code} {exc.reason}"
            if exc.code not in _RETRIED:
                raise _failed(number, first, f"the API answered {reason}") from None
            retry_after = _retry_after(exc.headers.get("Retry-After"))
        except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            reason = _network_reason(exc)
        if attempt < settings.attempts:
            settings.sleep(settings.delay(attempt, retry_after))
    tries = "try" if settings.attempts == 1 else f"{settings.attempts} tries"
    raise _failed(number, first, f"{reason} after {tries}")


def _failed(number: int, first: str, what: str) -> InputError:
    message = f"page {number} could not be fetched: {what}; nothing was stored; {OFFLINE_HINT}"
    return InputError(Problem(message, _shown(first)))


def _retry_after(value: str | None) -> float | None:
    """``Retry-After`` in seconds: a number, or an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _network_reason(exc: BaseException) -> str:
    inner = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(inner, TimeoutError):
        return "no answer in time"
    text = getattr(inner, "strerror", None) or str(inner) or type(inner).__name__
    return f"cannot reach the prices endpoint ({text})"


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    try:
        port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    except ValueError:
        port = None
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


def _origin_text(url: str) -> str:
    scheme, host, port = _origin(url)
    return f"{scheme}://{host}:{port}"


def _page_key(url: str) -> tuple[str, str, str]:
    scheme, host, port = _origin(url)
    parts = urlsplit(url)
    return f"{scheme}://{host}:{port}", parts.path or "/", parts.query


def _shown(url: str) -> str:
    """The endpoint without its query: what messages name (the filter would make every line very long)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"
