"""Format detection is by content, never by extension, and reads only the first KBs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from advisor.errors import InputError
from advisor.inventory import detect_format
from advisor.inventory.detect import HEAD_BYTES

from .conftest import CANONICAL_HEADER, Writer


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("canonical.csv", "canonical_csv"),
        ("canonical.dat", "canonical_csv"),
        ("arg.json", "arg_json"),
        ("arg_json.txt", "arg_json"),
        ("arg_portal.csv", "arg_csv"),
        ("arg_portal.json", "arg_csv"),
        ("ps.json", "ps_json"),
        ("ps_json.csv", "ps_json"),
        ("ps.csv", "ps_csv"),
        ("ps.csv.json", "ps_csv"),
        ("vnets.csv", "vnet_csv"),
        ("vnets.txt", "vnet_csv"),
    ],
)
def test_each_sample_is_detected_whatever_its_extension(data: Path, name: str, expected: str) -> None:
    assert detect_format(data / name) == expected


def _arg_records(data: Path) -> list[dict]:
    return json.loads((data / "arg.json").read_text(encoding="utf-8"))["data"]


@pytest.mark.parametrize("wrap", ["array", "data", "value"])
def test_resource_graph_json_is_detected_bare_or_wrapped(data: Path, write: Writer, wrap: str) -> None:
    records = _arg_records(data)
    document = records if wrap == "array" else {"totalRecords": len(records), wrap: records}
    assert detect_format(write("export.bin", json.dumps(document))) == "arg_json"


def test_get_azurevm_json_single_object_is_detected(data: Path, write: Writer) -> None:
    one = json.loads((data / "ps.json").read_text(encoding="utf-8"))[0]
    assert detect_format(write("vm.txt", json.dumps(one, indent=4))) == "ps_json"


def test_ps_csv_without_type_line_is_detected(data: Path, write: Writer) -> None:
    text = (data / "ps.csv").read_text(encoding="utf-8")
    assert text.startswith("#TYPE Microsoft.WindowsAzure.Commands.ServiceManagement.Model.PersistentVMRoleContext")
    no_type = text.split("\n", 1)[1]
    assert detect_format(write("notype.csv", no_type)) == "ps_csv"


def test_bom_and_leading_whitespace_do_not_matter(data: Path, write: Writer) -> None:
    assert (
        detect_format(write("a.csv", "\ufeff" + CANONICAL_HEADER + "\ns,cs,,vm" + "," * 13 + "\n")) == "canonical_csv"
    )
    assert detect_format(write("b", b"\xef\xbb\xbf\n  " + (data / "arg.json").read_bytes())) == "arg_json"


def test_a_canonical_header_without_the_required_columns_is_still_canonical(write: Writer) -> None:
    # So that reading it says which required column is missing.
    assert detect_format(write("x.csv", "subscription_id,vm_name,status\n")) == "canonical_csv"
    assert detect_format(write("y.csv", "deployment,size,status\n")) == "canonical_csv"


def test_detection_reads_only_the_head(data: Path, write: Writer) -> None:
    head = (data / "canonical.csv").read_bytes()
    path = write("big.csv", head + b"x" * (HEAD_BYTES * 2) + b"\xff\xfe not utf-8 and not csv")
    assert detect_format(path) == "canonical_csv"
    records = _arg_records(data) * 40  # well over the head size, so the head ends mid-document
    text = json.dumps({"data": records})
    assert len(text) > HEAD_BYTES
    assert detect_format(write("big.json", text[: HEAD_BYTES * 2])) == "arg_json"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", ["empty"]),
        (b"\xef\xbb\xbf  \r\n", ["empty"]),
        (b'{"foo": 1, "bar": [1, 2]}', ["without a 'data' or 'value'", "foo, bar"]),
        (b'[{"id": "/subscriptions/x", "name": "web01"}]', ["no 'properties'", "id, name"]),
        (b"[1, 2, 3]", ["number values"]),
        (b'{"data": {"columns": [], "rows": []}}', ["'data' is not a list", "objectArray"]),
        (b"name,size,colour\nweb01,Small,blue\n", ["not a known inventory format", "name, size, colour"]),
        (b"PK\x03\x04\x14\x00\x06\x00", ["Excel", "CSV"]),
        (b"\xff\xfec\x00l\x00o\x00u\x00d\x00", ["UTF-16", "UTF-8"]),
        (b"\x00\x01\x02binary\x00", ["binary"]),
        (b'#TYPE System.Diagnostics.Process\n"Name","Id"\n', ["Export-Csv", "not of Get-AzureVM"]),
    ],
)
def test_unknown_content_is_an_input_error_naming_the_file(write: Writer, content: bytes, words: list[str]) -> None:
    path = write("upload.txt", content)
    with pytest.raises(InputError) as caught:
        detect_format(path, name="upload.txt")
    [problem] = caught.value.problems
    assert problem.file == "upload.txt"
    for word in words:
        assert word in problem.message


@pytest.mark.parametrize(("delimiter", "shown"), [(";", "';'"), ("\t", "tab"), ("|", "'|'")])
def test_a_wrong_delimiter_is_named(write: Writer, delimiter: str, shown: str) -> None:
    text = CANONICAL_HEADER.replace(",", delimiter) + "\n" + delimiter.join(["s", "cs", "d", "vm"] + [""] * 13) + "\n"
    with pytest.raises(InputError) as caught:
        detect_format(write("semi.csv", text))
    [problem] = caught.value.problems
    assert f"delimiter looks like {shown}" in problem.message
    assert "cloud_service, vm_name were not found" in problem.message
    assert problem.line == 1


def test_a_semicolon_vnet_file_names_its_own_required_column(write: Writer) -> None:
    with pytest.raises(InputError, match=r"delimiter looks like ';'.*required columns vnet were not found"):
        detect_format(write("v.csv", "vnet;has_peering;gateways\ncorpnet;true;vpn\n"))


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        detect_format(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="folder"):
        detect_format(tmp_path)
