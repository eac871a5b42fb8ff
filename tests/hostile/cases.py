"""The hostile corpus: every input path of the command line against every documented limit, plus each bad
input issue 16 reports. Big and deep files are made at run time in the case's own folder (none is committed).

A case names its input path and what it tries, builds its files, gives the command line, and says what must
come back: the exit code, and a regular expression one stderr line must match in full (naming the file and
where: line, record or byte offset). ``secret`` is text that must appear nowhere in the output. A case
marked ``xfail`` is a fault left for a later issue: it asserts the right behaviour and fails today.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from advisor.limits import (
    ANSWERS,
    IMPORT_JSON,
    INVENTORY_CSV,
    INVENTORY_JSON,
    KNOWLEDGE,
    MIB,
    PRICE_PAGE,
    PROFILES,
    VNET_CSV,
)
from tests.prices import api_server as api

ROOT = Path(__file__).resolve().parents[2]
GOLDEN_INVENTORY = ROOT / "tests" / "data" / "golden_inventory.csv"
SHIPPED_KNOWLEDGE = ROOT / "knowledge"
OVER = "over the limit for this input"
SECRET = "s3cret"
CLASSIC = "microsoft.classiccompute/virtualmachines"

Build = Callable[[Path], list[str]]


@dataclass(frozen=True)
class Case:
    path: str  # the input path, as the report's table names it
    attack: str
    build: Build  # writes the files into the folder, returns the command line (after `python -m advisor`)
    code: int
    expect: str  # a regex one stderr line must match in full; {f} is the main file, escaped
    env: dict[str, str] = field(default_factory=dict)
    secret: str | None = None
    xfail: str | None = None
    closed_pipe: bool = False

    @property
    def id(self) -> str:
        return f"{self.path}: {self.attack}"


def _write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _sparse(folder: Path, name: str, head: bytes, size: int) -> Path:
    """A file of ``size`` bytes that takes no disk: ``head``, then a hole (reads as zero bytes)."""
    path = folder / name
    with path.open("wb") as handle:
        handle.write(head)
        handle.truncate(size)
    return path


def main_file(folder: Path, argv: list[str]) -> str:
    """The case's own input file: the first argument naming ``input*`` or ``profiles.yaml`` in its folder."""
    for argument in argv:
        path = Path(argument)
        if path.parent == folder and path.name.startswith(("input", "profiles")):
            return argument
    return ""


# --- inventories ------------------------------------------------------------------------------------------------

CSV_HEADER = "subscription_id,cloud_service,vm_name,size,os_type,vnet,subnets\n"


def _triage(path: Path, *extra: str) -> list[str]:
    return ["triage", str(path), "--out", str(path.parent / "result.json"), *extra]


def _csv(folder: Path, text: str | bytes) -> list[str]:
    return _triage(_write(folder, "input", text))


def csv_size(folder: Path) -> list[str]:
    return _triage(_sparse(folder, "input", CSV_HEADER.encode(), INVENTORY_CSV.max_bytes + MIB))


def csv_rows(folder: Path) -> list[str]:
    return _csv(folder, b"cloud_service,vm_name\n" + b"c,v\n" * ((INVENTORY_CSV.max_rows or 0) + 1))


def csv_columns(folder: Path) -> list[str]:
    extra = [f"extra{i}" for i in range((INVENTORY_CSV.max_columns or 0) + 44 - 2)]
    header = ",".join(["cloud_service", "vm_name", *extra])
    return _csv(folder, f"{header}\ncs1,vm1{',x' * len(extra)}\n")


def csv_cells(folder: Path) -> list[str]:
    rows = 100_000
    extra = (INVENTORY_CSV.max_columns or 0) - 2  # within the column limit; rows x columns is not
    header = ",".join(["cloud_service", "vm_name", *(f"e{i}" for i in range(extra))]) + "\n"
    tail = b",x" * extra + b"\n"
    body = b"".join(b"cs%d,vm%d" % (i // 50, i) + tail for i in range(rows))
    return _csv(folder, header.encode() + body)


def csv_cell(folder: Path) -> list[str]:
    return _csv(folder, "cloud_service,vm_name\ncs1," + "v" * ((INVENTORY_CSV.max_cell or 0) + 1) + "\n")


def csv_line(folder: Path) -> list[str]:
    cell = "v" * ((INVENTORY_CSV.max_cell or 0) - 1)
    cells = (INVENTORY_CSV.max_row_bytes or 0) // len(cell) + 1
    return _csv(folder, "cloud_service,vm_name\n" + ",".join([cell] * cells) + "\n")


def csv_unbalanced_quote(folder: Path) -> list[str]:
    return _csv(folder, 'cloud_service,vm_name,size\ncs1,vm1,Small\ncs2,"vm2,Small\ncs3,vm3,Small",x\ncs4,vm4,Large\n')


def csv_unclosed_quote(folder: Path) -> list[str]:
    return _csv(folder, 'cloud_service,vm_name,size\ncs1,vm1,Small\ncs2,"vm2,Small\ncs3,vm3,Small\n')


def csv_text_after_quote(folder: Path) -> list[str]:
    return _csv(folder, 'cloud_service,vm_name,size\ncs1,vm1,Small\ncs2,"vm2"x,Small\n')


def csv_not_utf8(folder: Path) -> list[str]:
    return _csv(folder, b"cloud_service,vm_name\ncs1,vm1\ncs2,caf\xe9\n")


def csv_duplicate_column(folder: Path) -> list[str]:
    return _csv(folder, "cloud_service,vm_name,vnet,vnet\ncs1,vm1,a,b\n")


def csv_extra_columns_50000(folder: Path) -> list[str]:
    header = ",".join(["cloud_service", "vm_name", *(f"x{i}" for i in range(50_000))])
    rows = "".join(f"cs{r},vm{r}" + ",v" * 50_000 + "\n" for r in range(20))
    return _csv(folder, header + "\n" + rows)


def arg_csv_deep_properties(folder: Path) -> list[str]:
    deep = "[" * 100_000 + "]" * 100_000
    good = json.dumps({"domainName": {"name": "cs1"}}).replace('"', '""')
    text = f'name,type,properties\nvm0,{CLASSIC},"{deep}"\nvm1,{CLASSIC},"{good}"\n'
    return _csv(folder, text)


def ps_csv_unbalanced_quote(folder: Path) -> list[str]:
    text = '"ServiceName","Name","InstanceSize"\n"cs1","vm1","Small"\n"cs2","vm2,"Small"\n"cs3","vm3","Small"\n'
    return _csv(folder, text)


def _json(folder: Path, text: str | bytes) -> list[str]:
    return _triage(_write(folder, "input", text))


DEEP_200KB = "[" * 100_000 + "]" * 100_000


def arg_json_deep(folder: Path) -> list[str]:
    return _json(folder, DEEP_200KB)


def arg_json_deep_in_record(folder: Path) -> list[str]:
    return _json(folder, '{"data": [{"properties": ' + DEEP_200KB + "}]}")


def ps_json_deep(folder: Path) -> list[str]:
    return _json(folder, '{"ServiceName": "cs", "Name": "vm", "VM": ' + DEEP_200KB + "}")


def arg_json_size(folder: Path) -> list[str]:
    return _triage(_sparse(folder, "input", b'{"data": [', INVENTORY_JSON.max_bytes + MIB))


def arg_json_records(folder: Path) -> list[str]:
    rest = b",0" * (INVENTORY_JSON.max_rows or 0)
    return _json(folder, b'[{"properties": {"domainName": {"name": "cs"}}, "name": "vm"}' + rest + b"]")


def arg_json_string(folder: Path) -> list[str]:
    name = "v" * ((INVENTORY_JSON.max_cell or 0) + 1)
    return _json(folder, '[{"properties": {"domainName": {"name": "cs"}}, "name": "' + name + '"}]')


def arg_json_record(folder: Path) -> list[str]:
    item = '"' + "x" * 1000 + '",'
    count = (INVENTORY_JSON.max_row_bytes or 0) // len(item) + 1
    return _json(folder, '[{"properties": {"domainName": {"name": "cs"}, "notes": [' + item * count + '"x"]}}]')


def arg_json_columns(folder: Path) -> list[str]:
    record = {"properties": {"domainName": {"name": "cs"}}, "name": "vm", "type": CLASSIC}
    record |= {f"field{i}": i for i in range(300)}
    return _json(folder, json.dumps([record]))


def arg_json_truncated(folder: Path) -> list[str]:
    return _json(folder, '[{"properties": {"domainName": {"name": "cs"}}, "name": "vm"}, {"properties": {')


# --- VNet facts ---------------------------------------------------------------------------------------------------

VNET_HEADER = "vnet,has_peering,gateways\n"


def _vnets(folder: Path, text: str | bytes) -> list[str]:
    path = _write(folder, "input", text)
    return ["triage", str(GOLDEN_INVENTORY), "--vnets", str(path), "--out", str(folder / "result.json")]


def vnet_size(folder: Path) -> list[str]:
    path = _sparse(folder, "input", VNET_HEADER.encode(), VNET_CSV.max_bytes + MIB)
    return ["triage", str(GOLDEN_INVENTORY), "--vnets", str(path), "--out", str(folder / "result.json")]


def vnet_rows(folder: Path) -> list[str]:
    rows = "".join(f"v{i},true,vpn\n" for i in range((VNET_CSV.max_rows or 0) + 1))
    return _vnets(folder, VNET_HEADER + rows)


def vnet_cells(folder: Path) -> list[str]:
    rows = VNET_CSV.max_rows or 0
    extra = 57  # 60 columns: 50 fit in the 5,000,000 cells of 100,000 rows
    header = "vnet,has_peering,gateways," + ",".join(f"e{i}" for i in range(extra)) + "\n"
    tail = ",x" * extra + "\n"
    return _vnets(folder, header + "".join(f"v{i},true,vpn{tail}" for i in range(rows)))


def vnet_cell(folder: Path) -> list[str]:
    return _vnets(folder, VNET_HEADER + "v1,true," + "x" * ((VNET_CSV.max_cell or 0) + 1) + "\n")


def vnet_line(folder: Path) -> list[str]:
    cell = "x" * ((VNET_CSV.max_cell or 0) - 1)
    cells = (VNET_CSV.max_row_bytes or 0) // len(cell) + 1
    return _vnets(folder, VNET_HEADER + ",".join([cell] * cells) + "\n")


def vnet_unbalanced_quote(folder: Path) -> list[str]:
    return _vnets(folder, VNET_HEADER + 'v1,true,vpn\n"v2,true,vpn\nv3,true",none\n')


# --- answers ------------------------------------------------------------------------------------------------------


def _answers(folder: Path, text: str | bytes, suffix: str = ".yaml") -> list[str]:
    path = _write(folder, "input", text)
    return ["recommend", str(path.rename(path.with_suffix(suffix)))]


def answers_size(folder: Path) -> list[str]:
    return _answers(folder, "answers: {}\n#" + "x" * ANSWERS.max_bytes + "\n")


def answers_yaml_depth(folder: Path) -> list[str]:
    return _answers(folder, "answers: " + DEEP_200KB + "\n")


def answers_yaml_values(folder: Path) -> list[str]:
    return _answers(folder, "answers: [" + "a," * (ANSWERS.max_nodes or 0) + "a]\n")


def answers_json_depth(folder: Path) -> list[str]:
    return _answers(folder, '{"answers": ' + DEEP_200KB + "}", ".json")


def answers_json_containers(folder: Path) -> list[str]:
    return _answers(folder, '{"answers": {}, "x": [' + "[]," * (ANSWERS.max_containers or 0) + "[]]}", ".json")


def answers_json_trailing_comma(folder: Path) -> list[str]:
    return _answers(folder, '{\n  "answers": {\n    "specialty_workload": "none",\n  }\n}\n', ".json")


def answers_unknown_ids(count: int) -> Build:
    def build(folder: Path) -> list[str]:
        return _answers(folder, "answers:\n" + "".join(f"  q{i}: yes\n" for i in range(count)))

    return build


def answers_aliases(folder: Path) -> list[str]:
    return _answers(folder, "a: &a [x, x, x]\nb: &b [*a, *a, *a]\nanswers: {}\n")


# --- profiles -----------------------------------------------------------------------------------------------------


def _profiles(folder: Path, text: str) -> list[str]:
    path = _write(folder, "input", text).rename(folder / "profiles.yaml")
    return ["batch", str(GOLDEN_INVENTORY), "--profiles", str(path), "--default-profile", "web",
            "--out", str(folder / "result.json")]  # fmt: skip


def profiles_size(folder: Path) -> list[str]:
    return _profiles(folder, "profiles: {}\n#" + "x" * PROFILES.max_bytes + "\n")


def profiles_depth(folder: Path) -> list[str]:
    return _profiles(folder, "profiles: " + DEEP_200KB + "\n")


def profiles_values(folder: Path) -> list[str]:
    return _profiles(folder, "profiles: [" + "a," * (PROFILES.max_nodes or 0) + "a]\n")


def profiles_unknown_question(folder: Path) -> list[str]:
    text = "profiles:\n  web:\n    answers:\n      specialty_workload: none\n      favourite_colour: blue\n"
    return _profiles(folder, text)


# --- record imports -----------------------------------------------------------------------------------------------


def _import(folder: Path, data: str | bytes) -> list[str]:
    return ["import", str(_write(folder, "input", data))]


def import_depth(folder: Path) -> list[str]:
    return _import(folder, '{"schema_version": 1, "workloads": ' + DEEP_200KB + "}")


def import_containers(folder: Path) -> list[str]:
    return _import(folder, '{"schema_version": 1, "workloads": [' + "[]," * (IMPORT_JSON.max_containers or 0) + "[]]}")


def import_size(folder: Path) -> list[str]:
    return ["import", str(_sparse(folder, "input", b'{"schema_version": 1, ', IMPORT_JSON.max_bytes + MIB))]


def import_device(folder: Path) -> list[str]:
    return ["import", "/dev/zero"]


def _exported(folder: Path, change: Callable[[dict], None]) -> list[str]:
    """The seeded database's own export (written by the runner as ``export.json``), changed by ``change``."""
    document = json.loads((folder / "export.json").read_text(encoding="utf-8"))
    change(document)
    document["workloads"][0]["name"] = "Imported copy"  # a new workload here, so the import would write
    return _import(folder, json.dumps(document))


def import_foreign_workload_name(folder: Path) -> list[str]:
    def change(document: dict) -> None:
        other = copy.deepcopy(document["workloads"][0])  # a second workload of the file, ids of its own
        other["name"], other["id"] = "Someone else's workload", 4242
        for record in other["records"]:
            record["workload_name"], record["workload_id"] = other["name"], other["id"]
        document["workloads"].append(other)
        document["workloads"][0]["records"][0]["workload_name"] = other["name"]

    return _exported(folder, change)


def import_foreign_workload_id(folder: Path) -> list[str]:
    def change(document: dict) -> None:
        document["workloads"][0]["records"][0]["workload_id"] = 999

    return _exported(folder, change)


def import_path_contradicts_answers(folder: Path) -> list[str]:
    def change(document: dict) -> None:
        record = document["workloads"][0]["records"][-1]
        step = record["path"][0]
        other = "sap" if step["answer"] != "sap" else "none"
        record["answers"][step["question"]]["answer"] = other

    return _exported(folder, change)


# --- cost inputs and estimates (issue 21) ---------------------------------------------------------------------------


def utilization_not_a_number(folder: Path) -> list[str]:
    return _csv(folder, "cloud_service,vm_name,size,cpu_p95_percent,memory_p95_percent\ncs,vm1,Standard_D2,abc,40\n")


def utilization_out_of_range(folder: Path) -> list[str]:
    return _csv(folder, "cloud_service,vm_name,size,cpu_p95_percent,memory_p95_percent\ncs,vm1,Standard_D2,20,140\n")


def functions_input_negative(folder: Path) -> list[str]:
    return ["costs", "--workload", "Payroll", "--executions", "-5", "--duration-ms", "100"]


def region_without_a_needed_meter(folder: Path) -> list[str]:
    """Saved pages holding a VM price only: Functions, priced with a cost input, has no meter in westeurope."""
    data = json.dumps(api.page([api.VM_CONSUMPTION], None))
    path = _write(folder, "input.json", data)
    return ["costs", "--workload", "Payroll", "--prices", str(path), "--executions", "1000", "--duration-ms", "100"]


def frozen_sheet_deleted(folder: Path) -> list[str]:
    return ["costs", "--workload", "Zeta signed"]


# --- knowledge folders --------------------------------------------------------------------------------------------


def _knowledge(folder: Path, change: Callable[[Path], None]) -> list[str]:
    copy = folder / "knowledge"
    shutil.copytree(SHIPPED_KNOWLEDGE, copy)
    change(copy)
    return ["check", "--knowledge", str(copy)]


MANIFEST = "versions/compute-tree-2026.yaml"


def _manifest(text: str) -> Callable[[Path], None]:
    def change(copy: Path) -> None:
        _write(copy, MANIFEST, text)

    return change


def _knowledge_edit(file: str, old: str, new: str) -> Callable[[Path], None]:
    """Replace ``old`` (which must be there) by ``new`` in the copy's ``file``."""

    def change(copy: Path) -> None:
        path = copy / file
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def _lifecycle_edit(old: str, new: str) -> Callable[[Path], None]:
    return _knowledge_edit("lifecycle.yaml", old, new)


def lifecycle_unknown_service(folder: Path) -> list[str]:
    return _knowledge(folder, _lifecycle_edit("    touches: [batch]\n", "    touches: [batch-service]\n"))


def lifecycle_bad_date(folder: Path) -> list[str]:
    edit = _lifecycle_edit("    date: 2028-03-31\n    touches: [aks]\n", "    date: 2028-02-30\n    touches: [aks]\n")
    return _knowledge(folder, edit)


def lifecycle_no_source(folder: Path) -> list[str]:
    return _knowledge(folder, _lifecycle_edit("    source: https://azure.microsoft.com/updates/?id=485172\n", ""))


def lifecycle_retired_size_target(folder: Path) -> list[str]:
    retired = (
        "  - id: edsv5-retired-fixture\n    subject: {kind: size_family, id: edsv5}\n    event: retired\n"
        "    date: 2020-01-31\n    touches: [virtual-machines]\n    source: https://example.com/test-fixture\n"
    )

    def change(copy: Path) -> None:
        with (copy / "lifecycle.yaml").open("a", encoding="utf-8") as out:
            out.write(retired)

    return _knowledge(folder, change)


def lifecycle_file_horizon(folder: Path) -> list[str]:
    return _knowledge(folder, _lifecycle_edit("horizon_months: 24\n", "horizon_months: -1\n"))


def access_unknown_permission(folder: Path) -> list[str]:
    old = "may: [run_sessions, edit_agenda, decide]"
    return _knowledge(folder, _knowledge_edit("access.yaml", old, old.replace("]", ", rewrite_history]")))


def access_admin_left_out(folder: Path) -> list[str]:
    admin = "  - id: admin\n    help: roles, archive, audit (and everything else)\n    may: [all]\n"
    return _knowledge(folder, _knowledge_edit("access.yaml", admin, ""))


def lifecycle_with(*options: str) -> Build:
    def build(folder: Path) -> list[str]:
        return ["lifecycle", *options]

    return build


def knowledge_depth(folder: Path) -> list[str]:
    return _knowledge(folder, _manifest("id: x\nquestions: " + DEEP_200KB + "\n"))


def knowledge_file_size(folder: Path) -> list[str]:
    return _knowledge(folder, _manifest("#" + "x" * KNOWLEDGE.max_bytes + "\n"))


def knowledge_values(folder: Path) -> list[str]:
    return _knowledge(folder, _manifest("questions: [" + "a," * (KNOWLEDGE.max_nodes or 0) + "a]\n"))


def knowledge_files(folder: Path) -> list[str]:
    def change(copy: Path) -> None:
        for number in range(KNOWLEDGE.max_files or 0):
            _write(copy, f"schema/extra-{number}.txt", "x")

    return _knowledge(folder, change)


def knowledge_total(folder: Path) -> list[str]:
    def change(copy: Path) -> None:
        size = (KNOWLEDGE.max_bytes or 0) - 1024
        for number in range((KNOWLEDGE.max_total_bytes or 0) // size + 1):
            _write(copy, f"schema/filler-{number}.txt", "#" * size)

    return _knowledge(folder, change)


# --- database URLs and command-line values ------------------------------------------------------------------------


def export_json(folder: Path) -> list[str]:
    return ["export", "--format", "json", "--out", str(folder / "out.json")]


# --- team mode's sign-in settings (issue 17) ------------------------------------------------------------------

AUTH_OK = {
    "redirect_uri": '"https://advisor.example.com/oauth2callback"',
    "cookie_secret": f'"{SECRET}-cookie-0123456789abcdef0123456789"',
    "client_id": '"compute-target-advisor"',
    "client_secret": f'"{SECRET}-client"',
    "server_metadata_url": '"http://127.0.0.1:1/.well-known/openid-configuration"',
}


def auth_with(text: str | None = None, **changes: str | None) -> Build:
    """``python -m advisor auth`` on a secrets file: ``text`` as it is, or [auth] from AUTH_OK with ``changes``."""

    def build(folder: Path) -> list[str]:
        if text is None:
            keys = {**AUTH_OK, **changes}
            body = "[auth]\n" + "".join(f"{k} = {v}\n" for k, v in keys.items() if v is not None)
        else:
            body = text
        return ["auth", "--secrets", str(_write(folder, "input-secrets.toml", body))]

    return build


def record_with(**flags: str) -> Build:
    def build(folder: Path) -> list[str]:
        path = _write(folder, "answers.yaml", "answers:\n  specialty_workload: none\n")
        options = [item for flag, value in flags.items() for item in (f"--{flag}", value)]
        return ["record", str(path), *options]

    return build


def record_whose_version_fails(folder: Path) -> list[str]:
    """The database refuses the version (a trigger standing in for a failure after the workload insert)."""
    import sqlite3

    connection = sqlite3.connect(folder / "advisor.db")
    connection.execute("CREATE TRIGGER refuse BEFORE INSERT ON record_versions BEGIN "
                       "SELECT RAISE(ABORT, 'disk I/O error'); END")  # fmt: skip
    connection.commit()
    connection.close()
    return record_with(workload="Brand new", author="Ann")(folder)


def questions_json(folder: Path) -> list[str]:
    return ["questions", "--format", "json"]


# --- price pages: saved (prices import) and fetched (prices fetch, from a real local HTTP server) -------------------


def _price_page(folder: Path, data: str | bytes, *extra: str) -> list[str]:
    return ["prices", "import", str(_write(folder, "input.json", data)), *extra]


def _api_page(items: list[dict], next_link: str | None = None, currency: str = "USD") -> str:
    return json.dumps(api.page(items, next_link, currency))


def prices_not_the_api(folder: Path) -> list[str]:
    return _price_page(folder, json.dumps({"value": [], "nextLink": None}))


def prices_truncated(folder: Path) -> list[str]:
    text = _api_page([api.VM_CONSUMPTION])
    return _price_page(folder, text[: len(text) // 2])


def prices_other_currency(folder: Path) -> list[str]:
    return _price_page(folder, _api_page([api.VM_CONSUMPTION]), "--currency", "EUR")


def prices_no_items(folder: Path) -> list[str]:
    document = json.loads(_api_page([]))
    del document["Items"]
    return _price_page(folder, json.dumps(document))


def prices_deep(folder: Path) -> list[str]:
    return _price_page(folder, '{"BillingCurrency": "USD", "Items": ' + DEEP_200KB + "}")


def prices_size(folder: Path) -> list[str]:
    return ["prices", "import", str(_sparse(folder, "input.json", b'{"Items": ', PRICE_PAGE.max_bytes + MIB))]


def prices_total(folder: Path) -> list[str]:
    """17 pages of 16 MiB each (holes, no disk): within the page limit, over the sheet's 256 MiB."""
    count = (PRICE_PAGE.max_total_bytes or 0) // PRICE_PAGE.max_bytes + 1
    names = [str(_sparse(folder, f"input-{n:02d}.json", b"{", PRICE_PAGE.max_bytes)) for n in range(1, count + 1)]
    return ["prices", "import", *names]


def prices_pages(folder: Path) -> list[str]:
    """2,001 page names (none needs to exist: the count is refused first)."""
    first = str(_write(folder, "input-0001.json", _api_page([api.VM_CONSUMPTION])))
    rest = [str(folder / f"input-{n:04d}.json") for n in range(2, (PRICE_PAGE.max_files or 0) + 2)]
    return ["prices", "import", first, *rest]


def _fetch_from(server: api.PriceServer) -> list[str]:
    """``prices fetch`` from ``server``, started here and left running until the test process ends."""
    server.start()
    return ["prices", "fetch", "--region", "westeurope", "--endpoint", server.endpoint]


def fetch_failing_midway(folder: Path) -> list[str]:
    server = api.PriceServer()
    server.route(None, api.ok(api.page([api.VM_CONSUMPTION], api.next_link(server.base, 1))))
    server.route(1, api.Response(500))
    return _fetch_from(server)


def fetch_no_network(folder: Path) -> list[str]:
    return ["prices", "fetch", "--region", "westeurope", "--endpoint", api.closed_port_url()]


def fetch_next_page_loop(folder: Path) -> list[str]:
    server = api.PriceServer()
    server.route(None, api.ok(api.page([api.APP_SERVICE], api.next_link(server.base, 1))))
    server.route(1, api.ok(api.page([api.APP_SERVICE], api.next_link(server.base, 1))))
    return _fetch_from(server)


PRICES_OFFLINE = (
    r"; nothing was stored; without internet access, save the API's pages with curl where there is \(README, "
    r"'Price sheets'\) and load them with `python -m advisor prices import FILE\.\.\.` or on the Settings page"
)
NO_BACKOFF = {"ADVISOR_PRICES_BACKOFF": "0"}
PRICES_URL = r"http://127\.0\.0\.1:\d+/api/retail/prices"


# --- the table ----------------------------------------------------------------------------------------------------

F = r"{f}"

CASES: tuple[Case, ...] = (
    # canonical inventory CSV
    Case("inventory CSV", "size over 512 MiB", csv_size, 2, rf"error: {F}: the file is 513 MB, over the 512 MB limit"),
    Case(
        "inventory CSV",
        "1,000,001 rows",
        csv_rows,
        2,
        rf"error: {F}:1000002: more than 1,000,000 rows \(line 1000002\): {OVER}.*",
    ),
    Case(
        "inventory CSV",
        "300 columns",
        csv_columns,
        0,
        rf"warning: {F}:1: 44 columns beyond the first 256 were dropped \(the limit is 256 columns and "
        r"25,000,000 cells\): extra254, .*",
    ),
    Case(
        "inventory CSV",
        "100,000 rows x 256 columns",
        csv_cells,
        0,
        rf"warning: {F}:1: 6 columns beyond the first 250 were dropped \(the limit is 256 columns and "
        r"25,000,000 cells\): e248, e249, .*",
    ),
    Case(
        "inventory CSV",
        "a cell of 1 MiB + 1",
        csv_cell,
        2,
        rf"error: {F}:2: a cell longer than 1,048,576 characters on line 2: {OVER}.*",
    ),
    Case("inventory CSV", "a line over 16 MiB", csv_line, 2, rf"error: {F}:2: line 2 is longer than 16 MiB: {OVER}.*"),
    Case(
        "inventory CSV",
        "unbalanced quote (closed lines later)",
        csv_unbalanced_quote,
        2,
        rf"error: {F}:3: the quoted value that starts on line 3 runs on to line 4: an unbalanced quote.*",
    ),
    Case(
        "inventory CSV",
        "unbalanced quote (never closed)",
        csv_unclosed_quote,
        2,
        rf"error: {F}:3: the quote opened on line 3 is never closed: an unbalanced quote.*",
    ),
    Case(
        "inventory CSV",
        'text after a closing quote ("vm2"x)',
        csv_text_after_quote,
        2,
        rf"error: {F}:3: malformed quoting on line 3 .*",
    ),
    Case(
        "inventory CSV",
        "not UTF-8",
        csv_not_utf8,
        2,
        rf"error: {F}:3: not UTF-8: byte 0xe9 at byte offset 37 \(line 3\); save the file as UTF-8",
    ),
    Case(
        "inventory CSV",
        "a column twice",
        csv_duplicate_column,
        2,
        rf"error: {F}:1: vnet: the column appears twice in the header",
    ),
    Case(
        "inventory CSV",
        "50,000 extra columns",
        csv_extra_columns_50000,
        0,
        rf"warning: {F}:1: 49,746 columns beyond the first 256 were dropped .*",
    ),
    Case(
        "Resource Graph CSV",
        "properties cell nested 100,000 deep",
        arg_csv_deep_properties,
        0,
        rf"warning: {F}:2: properties: the properties cell is not a JSON object \(or is nested too deep\); row "
        r"skipped \(line 2\)",
    ),
    Case(
        "Get-AzureVM CSV",
        "unbalanced quote",
        ps_csv_unbalanced_quote,
        2,
        rf"error: {F}:3: malformed quoting on line 3 .*",
    ),
    # inventory JSON
    Case(
        "Resource Graph JSON",
        "200 KB nested 100,000 deep",
        arg_json_deep,
        2,
        rf"error: {F}:1: nested more than 64 levels deep at byte offset 64 \(line 1\): {OVER}.*",
    ),
    Case(
        "Resource Graph JSON",
        "a record's properties nested 100,000 deep",
        arg_json_deep_in_record,
        2,
        rf"error: {F}:1: nested more than 64 levels deep at byte offset \d+ \(line 1\): {OVER}.*",
    ),
    Case(
        "Resource Graph JSON",
        "size over 512 MiB",
        arg_json_size,
        2,
        rf"error: {F}: the file is 513 MB, over the 512 MB limit",
    ),
    Case(
        "Resource Graph JSON",
        "400,001 records",
        arg_json_records,
        2,
        rf"error: {F}: more than 400,000 records: {OVER}.*",
    ),
    Case(
        "Resource Graph JSON",
        "a string of 1 MiB + 1",
        arg_json_string,
        2,
        rf"error: {F}:1: a string longer than 1,048,576 characters at byte offset \d+ \(line 1\): {OVER}.*",
    ),
    Case(
        "Resource Graph JSON",
        "a record over 16 MiB",
        arg_json_record,
        2,
        rf"error: {F}:1: a record larger than 16 MiB at byte offset 1 \(line 1\): {OVER}.*",
    ),
    Case(
        "Resource Graph JSON",
        "a record with 300 fields",
        arg_json_columns,
        0,
        rf"warning: {F}: 62 extra fields were dropped \(over the limit of 256 columns\): .*",
    ),
    Case(
        "Resource Graph JSON",
        "truncated",
        arg_json_truncated,
        2,
        rf"error: {F}:1: the JSON ends early at byte offset \d+ \(line 1\): the file looks truncated .*",
    ),
    Case(
        "Get-AzureVM JSON",
        "nested 100,000 deep",
        ps_json_deep,
        2,
        rf"error: {F}:1: nested more than 64 levels deep at byte offset \d+ \(line 1\): {OVER}.*",
    ),
    # VNet facts
    Case("VNet facts CSV", "size over 64 MiB", vnet_size, 2, rf"error: {F}: the file is 65 MB, over the 64 MB limit"),
    Case(
        "VNet facts CSV",
        "100,001 rows",
        vnet_rows,
        2,
        rf"error: {F}:100002: more than 100,000 rows \(line 100002\): {OVER}.*",
    ),
    Case(
        "VNet facts CSV",
        "100,000 rows x 60 columns",
        vnet_cells,
        0,
        rf"warning: {F}:1: 10 columns beyond the first 50 were dropped \(the limit is 256 columns and 5,000,000 "
        r"cells\): e47, .*",
    ),
    Case(
        "VNet facts CSV",
        "a cell of 64 KiB + 1",
        vnet_cell,
        2,
        rf"error: {F}:2: a cell longer than 65,536 characters on line 2: {OVER}.*",
    ),
    Case("VNet facts CSV", "a line over 1 MiB", vnet_line, 2, rf"error: {F}:2: line 2 is longer than 1 MiB: {OVER}.*"),
    Case(
        "VNet facts CSV",
        "unbalanced quote",
        vnet_unbalanced_quote,
        2,
        rf"error: {F}:3: the quoted value that starts on line 3 runs on to line 4: an unbalanced quote.*",
    ),
    # answers files
    Case("answers file", "size over 1 MiB", answers_size, 2, rf"error: {F}: the file is larger than 1 MiB: {OVER}.*"),
    Case(
        "answers file",
        "YAML nested 100,000 deep",
        answers_yaml_depth,
        2,
        rf"error: {F}:1: nested more than 32 levels deep \(line 1\): {OVER}.*",
    ),
    Case(
        "answers file",
        "YAML with 200,001 values",
        answers_yaml_values,
        2,
        rf"error: {F}:1: more than 200,000 values \(line 1\): {OVER}.*",
    ),
    Case(
        "answers file",
        "JSON nested 100,000 deep",
        answers_json_depth,
        2,
        rf"error: {F}:1: nested more than 32 levels deep at byte offset 43 \(line 1\): {OVER}.*",
    ),
    Case(
        "answers file",
        "JSON with 200,001 lists",
        answers_json_containers,
        2,
        rf"error: {F}:1: more than 200,000 objects and lists at byte offset \d+ \(line 1\): {OVER}.*",
    ),
    Case(
        "answers file",
        "JSON with a trailing comma",
        answers_json_trailing_comma,
        2,
        rf"error: {F}:4: malformed JSON: .*\(column 3\)",
    ),
    Case(
        "answers file",
        "50,000 unknown question ids (output capped)",
        answers_unknown_ids(50_000),
        2,
        r"… and 49,900 more problems not shown\.",
    ),
    Case(
        "answers file",
        "400,000 unknown question ids",
        answers_unknown_ids(400_000),
        2,
        rf"error: {F}: the file is larger than 1 MiB: {OVER}.*",
    ),
    Case(
        "answers file", "anchors and aliases", answers_aliases, 2, rf"error: {F}:1: anchors and aliases are not allowed"
    ),
    # answer profiles
    Case("profiles file", "size over 2 MiB", profiles_size, 2, rf"error: {F}: the file is larger than 2 MiB: {OVER}.*"),
    Case(
        "profiles file",
        "nested 100,000 deep",
        profiles_depth,
        2,
        rf"error: {F}:1: nested more than 32 levels deep \(line 1\): {OVER}.*",
    ),
    Case(
        "profiles file",
        "200,001 values",
        profiles_values,
        2,
        rf"error: {F}:1: more than 200,000 values \(line 1\): {OVER}.*",
    ),
    Case(
        "profiles file",
        "an unknown question",
        profiles_unknown_question,
        0,
        rf"warning: {F}:5: favourite_colour: profile 'web': unknown question id .*",
    ),
    # record imports
    Case(
        "import",
        "JSON nested 100,000 deep",
        import_depth,
        2,
        rf"error: {F}:1: nested more than 32 levels deep at byte offset 66 \(line 1\): {OVER}.*",
    ),
    Case(
        "import",
        "2,000,001 lists",
        import_containers,
        2,
        rf"error: {F}:1: more than 2,000,000 objects and lists at byte offset \d+ \(line 1\): {OVER}.*",
    ),
    Case("import", "size over 64 MiB", import_size, 2, rf"error: {F}: the file is larger than 64 MiB: {OVER}.*"),
    Case(
        "import",
        "a device that never ends (/dev/zero)",
        import_device,
        2,
        rf"error: /dev/zero: the file is larger than 64 MiB: {OVER}.*",
    ),
    Case(
        "import",
        "a record naming another workload",
        import_foreign_workload_name,
        2,
        rf"error: {F}: .*workload_name .*is the name of another workload of the file.*",
    ),
    Case(
        "import",
        "a record with another workload's id",
        import_foreign_workload_id,
        2,
        rf"error: {F}: .*workload_id 999 is not this workload's id.*",
    ),
    Case(
        "import",
        "a path that contradicts the answers",
        import_path_contradicts_answers,
        2,
        rf"error: {F}: .*path step 1 says .*the path contradicts the answers.*",
    ),
    # lifecycle knowledge and judgements (issue 18)
    Case(
        "lifecycle knowledge",
        "an entry touching an unknown service",
        lifecycle_unknown_service,
        1,
        r"error: knowledge/lifecycle\.yaml:\d+: .*names unknown service 'batch-service'.*",
    ),
    Case(
        "lifecycle knowledge",
        "a date that is not a date (2028-02-30)",
        lifecycle_bad_date,
        1,
        r"error: knowledge/lifecycle\.yaml:\d+: .*date.*",
    ),
    Case(
        "lifecycle knowledge",
        "an entry without a source",
        lifecycle_no_source,
        1,
        r"error: knowledge/lifecycle\.yaml:\d+: .*source: Field required.*",
    ),
    Case(
        "lifecycle knowledge",
        "a size-map target that is retired",
        lifecycle_retired_size_target,
        1,
        r"error: knowledge/sizes\.yaml:\d+: Standard_A5: \[lifecycle\] current size Standard_E2ds_v5 is retired.*",
    ),
    Case(
        "lifecycle knowledge",
        "a negative horizon in the file",
        lifecycle_file_horizon,
        1,
        r"error: knowledge/lifecycle\.yaml:\d+: .*horizon_months.*greater than or equal to 0.*",
    ),
    Case(
        "access knowledge",
        "a role granted a permission no service knows",
        access_unknown_permission,
        1,
        r"error: knowledge/access\.yaml:\d+: reviewer: schema: roles\.2\.may: .*'rewrite_history' is not a perm.*",
    ),
    Case(
        "access knowledge",
        "the admin role left out",
        access_admin_left_out,
        1,
        r"error: knowledge/access\.yaml:\d+: admin: role missing: the services rely on it",
    ),
    Case(
        "lifecycle --horizon-months",
        "a negative horizon",
        lifecycle_with("--horizon-months", "-1"),
        2,
        r"error: .*--horizon-months.*",
    ),
    Case(
        "lifecycle --horizon-months",
        "a horizon that is not a number",
        lifecycle_with("--horizon-months", "soon"),
        2,
        r"error: .*--horizon-months.*not a whole number of months: 'soon'.*",
    ),
    Case(
        "lifecycle --as-of",
        "an as-of date that is not a date",
        lifecycle_with("--as-of", "2026-13-01"),
        2,
        r"error: .*--as-of.*not a date: '2026-13-01'.*",
    ),
    # knowledge folders
    Case(
        "knowledge folder",
        "a file nested 100,000 deep",
        knowledge_depth,
        1,
        rf"error: knowledge/{MANIFEST}:2: nested more than 32 levels deep \(line 2\): {OVER}.*",
    ),
    Case(
        "knowledge folder",
        "a file over 2 MiB",
        knowledge_file_size,
        1,
        rf"error: knowledge/{MANIFEST}: the file is larger than 2 MiB: {OVER}.*",
    ),
    Case(
        "knowledge folder",
        "a file of 200,001 values",
        knowledge_values,
        1,
        rf"error: knowledge/{MANIFEST}:1: more than 200,000 values \(line 1\): {OVER}.*",
    ),
    Case(
        "knowledge folder",
        "201 files and more",
        knowledge_files,
        2,
        rf"error: .*/knowledge: more than 200 files: {OVER}.*",
    ),
    Case(
        "knowledge folder",
        "over 8 MiB in all",
        knowledge_total,
        2,
        rf"error: .*/knowledge: more than 8 MiB of files: {OVER}.*",
    ),
    # database URLs
    Case(
        "database URL",
        "libpq key=value string with a password",
        export_json,
        2,
        r"error: host=127\.0\.0\.1 port=1 user=advisor password=\*\*\* dbname=advisor: not a usable database URL: "
        r"not a database URL \(it looks like a libpq key=value string.*",
        env={"ADVISOR_DATABASE_URL": f"host=127.0.0.1 port=1 user=advisor password={SECRET} dbname=advisor"},
        secret=SECRET,
    ),
    Case(
        "database URL",
        "password in the query string",
        export_json,
        2,
        r"error: postgresql\+psycopg://advisor@127\.0\.0\.1:1/advisor\?password=\*\*\*: cannot connect to "
        r"PostgreSQL at 127\.0\.0\.1:1 \(connection refused\)",
        env={"ADVISOR_DATABASE_URL": f"postgresql+psycopg://advisor@127.0.0.1:1/advisor?password={SECRET}"},
        secret=SECRET,
    ),
    Case(
        "database URL",
        "host and password in the query string",
        export_json,
        2,
        r"error: postgresql\+psycopg:///advisor\?host=127\.0\.0\.1&password=\*\*\*&port=1: cannot connect to "
        r"PostgreSQL at 127\.0\.0\.1:1 \(connection refused\)",
        env={"ADVISOR_DATABASE_URL": f"postgresql+psycopg:///advisor?host=127.0.0.1&password={SECRET}&port=1"},
        secret=SECRET,
    ),
    Case(
        "database URL",
        "a port that is not a number",
        export_json,
        2,
        r"error: postgresql\+psycopg://advisor:\*\*\*@127\.0\.0\.1:notaport/advisor: not a usable database URL: "
        r"the port is not a number",
        env={"ADVISOR_DATABASE_URL": f"postgresql+psycopg://advisor:{SECRET}@127.0.0.1:notaport/advisor"},
        secret=SECRET,
    ),
    Case(
        "database URL",
        "an unknown driver",
        export_json,
        2,
        r"error: nosuchdb://advisor:\*\*\*@127\.0\.0\.1/x: not a usable database URL: unknown database driver "
        r"'nosuchdb'",
        env={"ADVISOR_DATABASE_URL": f"nosuchdb://advisor:{SECRET}@127.0.0.1/x"},
        secret=SECRET,
    ),
    Case(
        "database URL",
        "a driver that is not installed",
        export_json,
        2,
        r"error: mysql://advisor:\*\*\*@127\.0\.0\.1/x: not a usable database URL: the database driver for "
        r"'mysql' is not installed \(MySQLdb\)",
        env={"ADVISOR_DATABASE_URL": f"mysql://advisor:{SECRET}@127.0.0.1/x"},
        secret=SECRET,
    ),
    Case(
        "database URL",
        "a password holding / and @",
        export_json,
        2,
        r"error: postgresql\+psycopg://advisor:\*\*\*@127\.0\.0\.1:1/advisor: cannot connect to PostgreSQL at "
        r"127\.0\.0\.1:1 \(connection refused\)",
        env={"ADVISOR_DATABASE_URL": "postgresql+psycopg://advisor:s3/cr%40et@127.0.0.1:1/advisor"},
        secret="s3/cr",
    ),
    # price pages (saved and fetched)
    Case(
        "price page",
        "not the API's shape",
        prices_not_the_api,
        2,
        rf"error: {F}: not a page of the Azure Retail Prices API: it has no BillingCurrency and no Items "
        r"\(found: nextLink, value\)",
    ),
    Case(
        "price page",
        "truncated JSON",
        prices_truncated,
        2,
        rf"error: {F}:1: the JSON ends too early \(at byte \d+\): was the download cut short\?",
    ),
    Case(
        "price page",
        "items in another currency than asked",
        prices_other_currency,
        2,
        rf"error: {F}: BillingCurrency: the page is priced in USD, not EUR as asked: nothing was stored",
    ),
    Case(
        "price page",
        "a page with no Items",
        prices_no_items,
        2,
        rf"error: {F}: not a page of the Azure Retail Prices API: it has no Items \(found: BillingCurrency, .*\)",
    ),
    Case(
        "price page",
        "JSON nested 100,000 deep",
        prices_deep,
        2,
        rf"error: {F}:1: nested more than 8 levels deep at byte offset \d+ \(line 1\): {OVER}.*",
    ),
    Case(
        "price page",
        "size over 16 MiB",
        prices_size,
        2,
        rf"error: {F}: the file is larger than 16 MiB: {OVER}.*",
    ),
    Case(
        "price page",
        "pages over 256 MiB in all",
        prices_total,
        2,
        rf"error: \S+/input-17\.json: pages of more than 256 MiB in all: {OVER}.*",
    ),
    Case(
        "price page",
        "2,001 pages",
        prices_pages,
        2,
        rf"error: \S+/input-2001\.json: more than 2,000 pages in one sheet: {OVER}.*",
    ),
    Case(
        "prices fetch",
        "a fetch failing midway",
        fetch_failing_midway,
        2,
        rf"error: {PRICES_URL}: page 2 could not be fetched: HTTP 500 Internal Server Error after 5 tries"
        + PRICES_OFFLINE,
        env=NO_BACKOFF,
    ),
    Case(
        "prices fetch",
        "no network at all",
        fetch_no_network,
        2,
        rf"error: {PRICES_URL}: page 1 could not be fetched: cannot reach the prices endpoint \(.+\) after 5 tries"
        + PRICES_OFFLINE,
        env=NO_BACKOFF,
    ),
    Case(
        "prices fetch",
        "a NextPageLink loop",
        fetch_next_page_loop,
        2,
        rf"error: {PRICES_URL}: page 3 could not be fetched: NextPageLink leads back to page 2 \(a loop\)"
        + PRICES_OFFLINE,
        env=NO_BACKOFF,
    ),
    # command-line values and output
    Case(
        "record --author",
        "121 characters",
        record_with(workload="Payroll", author="a" * 121),
        2,
        r"error: --author: .*at most 120 characters",
    ),
    Case(
        "record --workload",
        "121 characters",
        record_with(workload="w" * 121, author="Ann"),
        2,
        r"error: <input>: name: a workload name can have at most 120 characters \(this one has 121\)",
    ),
    Case(
        "record",
        "the version fails after a new workload (one transaction)",
        record_whose_version_fails,
        2,
        r"error: sqlite:///\S+: .*",
    ),
    Case("questions --format json | head", "the reader closes the pipe", questions_json, 141, "", closed_pipe=True),
    # costs (issue 21): utilization cells, the Functions cost input, a missing meter, a deleted frozen sheet
    Case(
        "inventory CSV",
        "utilization not a number",
        utilization_not_a_number,
        0,
        r"warning: {f}:2: cpu_p95_percent: expected a percentage from 0 to 100, got 'abc' \(not a number\); "
        r"the VM is sized as it is",
    ),
    Case(
        "inventory CSV",
        "utilization out of range",
        utilization_out_of_range,
        0,
        r"warning: {f}:2: memory_p95_percent: expected a percentage from 0 to 100, got '140' \(outside 0 to 100\); "
        r"the VM is sized as it is",
    ),
    Case(
        "costs",
        "a negative Functions cost input",
        functions_input_negative,
        2,
        r"error: --executions: Functions cost input: executions a month must be 0 or more, not -5",
    ),
    Case(
        "costs",
        "a region with no price for a needed meter",
        region_without_a_needed_meter,
        0,
        r"warning: {f}: Azure Functions: the price sheet of westeurope \(USD\) has no price for Standard Execution "
        r"Time \(Functions\)",
    ),
    Case(
        "costs",
        "a record whose frozen sheet was deleted",
        frozen_sheet_deleted,
        0,
        r"warning: Zeta signed: the price sheet of 2026-03-01 \(westeurope, USD\) was deleted; figures as frozen",
    ),
    # team mode's [auth] settings: one line naming the file and key, never a secret
    Case(
        "secrets [auth]",
        "client_secret missing",
        auth_with(client_secret=None),
        2,
        rf"error: {F}: auth\.client_secret: missing",
        secret=SECRET,
    ),
    Case(
        "secrets [auth]",
        "cookie secret too short",
        auth_with(cookie_secret=f'"{SECRET}"'),
        2,
        rf"error: {F}: auth\.cookie_secret: too short: use at least 32 random characters .*",
        secret=SECRET,
    ),
    Case(
        "secrets [auth]",
        "redirect URI without /oauth2callback",
        auth_with(redirect_uri='"https://a.example"'),
        2,
        rf"error: {F}: auth\.redirect_uri: must be the app's address ending in /oauth2callback.*",
        secret=SECRET,
    ),
    Case(
        "secrets [auth]",
        "client_id a number",
        auth_with(client_id="42"),
        2,
        rf"error: {F}: auth\.client_id: must be a non-empty text",
        secret=SECRET,
    ),
    Case(
        "secrets [auth]",
        "not TOML (unterminated secret)",
        auth_with(f'[auth]\nclient_secret = "{SECRET}\n'),
        2,
        rf"error: {F}: cannot be read as TOML: .*\(at line 2, column \d+\)",
        secret=SECRET,
    ),
    Case(
        "secrets [auth]",
        "the provider does not answer",
        auth_with(),
        2,
        r"error: <input>: server_metadata_url: the sign-in provider at 127\.0\.0\.1:1 does not answer "
        r"\(Connection refused\)",
        secret=SECRET,
    ),
    Case(
        "secrets [access]",
        "admins not a list",
        auth_with("[auth]\n" + "".join(f"{k} = {v}\n" for k, v in AUTH_OK.items()) + '[access]\nadmins = "ada"\n'),
        2,
        rf"error: {F}: access\.admins: must be a list of emails or subjects.*",
        secret=SECRET,
    ),
)


def expected_line(case: Case, folder: Path, argv: list[str]) -> re.Pattern[str]:
    return re.compile(case.expect.replace("{f}", re.escape(main_file(folder, argv))))
