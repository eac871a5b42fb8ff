"""The VNet facts CSV (contract §6): booleans and gateways, NA for unknown, bad values as problems."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from advisor.errors import InputError
from advisor.inventory import read_vnet_facts
from advisor.models.triage_rules import VNET_FIELDS

from .conftest import Writer, flag

HEADER = ",".join(("vnet", *VNET_FIELDS))


def test_sample_is_read(data: Path) -> None:
    facts = read_vnet_facts(data / "vnets.csv")

    assert facts.problems == []
    assert facts.file.endswith("vnets.csv")
    assert list(facts.frame.index) == ["corpnet", "dmznet", "hubnet"]
    assert facts.frame.index.name == "vnet"
    assert list(facts.frame.columns) == list(VNET_FIELDS)
    for name in VNET_FIELDS:
        assert str(facts.frame[name].dtype) == ("string" if name == "gateways" else "boolean"), name
    corpnet = facts.frame.loc["corpnet"]
    assert (flag(corpnet["has_peering"]), flag(corpnet["has_app_gateway"]), corpnet["gateways"]) == (
        True,
        False,
        "vpn",
    )
    dmznet = facts.frame.loc["dmznet"]
    assert flag(dmznet["has_app_gateway"]) is True
    assert flag(dmznet["has_apim"]) is None  # empty cell: unknown
    assert pd.isna(dmznet["gateways"])
    hubnet = facts.frame.loc["hubnet"]
    assert (hubnet["gateways"], flag(hubnet["has_classic_expressroute"])) == ("both", True)


def test_wrong_values_are_unknown_with_problems_and_rows_kept(write: Writer) -> None:
    text = HEADER + "\nnet1,yes,false,false,false,false,false,FALSE,false,VPN\nnet2,,,,,,,,,gateway\n"
    facts = read_vnet_facts(write("v.csv", text), name="v.csv")

    assert list(facts.frame.index) == ["net1", "net2"]
    assert flag(facts.frame.loc["net1", "has_app_gateway"]) is None
    assert flag(facts.frame.loc["net1", "has_peering"]) is False
    assert facts.frame.loc["net1", "gateways"] == "vpn"
    assert pd.isna(facts.frame.loc["net2", "gateways"])
    assert [str(p) for p in facts.problems] == [
        "v.csv:2: has_app_gateway: expected true or false, got 'yes'",
        "v.csv:3: gateways: expected one of none, vpn, expressroute, both, got 'gateway'",
    ]


def test_missing_fact_columns_are_unknown(write: Writer) -> None:
    facts = read_vnet_facts(write("v.csv", "vnet,has_peering,note\ncorpnet,true,ours\n"))
    assert list(facts.frame.columns) == list(VNET_FIELDS)
    assert flag(facts.frame.loc["corpnet", "has_peering"]) is True
    assert facts.frame.drop(columns=["has_peering"]).isna().all(axis=None)
    assert str(facts.frame["has_apim"].dtype) == "boolean"


def test_duplicate_and_empty_vnet_names_are_skipped(write: Writer) -> None:
    text = "vnet,has_peering\ncorpnet,true\n,false\nCorpNet,false\n"
    facts = read_vnet_facts(write("v.csv", text), name="v.csv")
    assert list(facts.frame.index) == ["corpnet"]
    assert [(p.line, p.ident) for p in facts.problems] == [(3, "vnet"), (4, "vnet")]
    assert "first at line 2" in facts.problems[1].message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("has_peering,gateways\ntrue,vpn\n", "vnet: the required column is missing"),
        ("vnet;has_peering;gateways\ncorpnet;true;vpn\n", "delimiter looks like ';'"),
        ("", "empty"),
    ],
)
def test_bad_files_are_input_errors(write: Writer, content: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_vnet_facts(write("v.csv", content))


def test_an_inventory_is_not_a_vnet_facts_file(data: Path) -> None:
    with pytest.raises(InputError, match="it looks like canonical_csv"):
        read_vnet_facts(data / "canonical.csv")
