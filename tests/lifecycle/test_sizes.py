"""Current sizes (contract §5 ``arm_size``) and like-for-like sizes, for every size a classic inventory can hold.

Expected values are written by hand from the reference (lifecycle.md: Av1 retired 2024-08-31, A8-A11 2021-03-01,
D/Ds/Dv2/Dsv2 retire 2028-05-01, G/Gs 2028-11-15; migration-tool.md §5.2 size map) and the vCPU/memory tables of
Microsoft's size pages (sizes-previous-gen, dv2-dsv2-series(-memory), the G/GS table, ddv5-ddsv5-series,
edv5-edsv5-series): the current size has the fewest vCPUs with at least the classic vCPUs and memory.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from advisor import KnowledgeBase, load_knowledge
from advisor.lifecycle.judgement import Judgement
from tests.lifecycle.knowledge_copy import knowledge_copy

AS_OF_DEC_2026 = Judgement(datetime.date(2026, 12, 1), 24)  # horizon to 2028-12-01: every legacy family is due

# classic size -> (like for like, its vCPU, its GiB, current size, current vCPU, current GiB)
EXPECTED = {
    "ExtraSmall": ("Standard_A0", 1, 0.768, "Standard_D2ds_v5", 2, 8),
    "Small": ("Standard_A1", 1, 1.75, "Standard_D2ds_v5", 2, 8),
    "Medium": ("Standard_A2", 2, 3.5, "Standard_D2ds_v5", 2, 8),
    "Large": ("Standard_A3", 4, 7, "Standard_D4ds_v5", 4, 16),
    "ExtraLarge": ("Standard_A4", 8, 14, "Standard_D8ds_v5", 8, 32),
    "A5": ("Standard_A5", 2, 14, "Standard_E2ds_v5", 2, 16),
    "A6": ("Standard_A6", 4, 28, "Standard_E4ds_v5", 4, 32),
    "A7": ("Standard_A7", 8, 56, "Standard_E8ds_v5", 8, 64),
    "A8": ("Standard_A8", 8, 56, "Standard_E8ds_v5", 8, 64),
    "A9": ("Standard_A9", 16, 112, "Standard_E16ds_v5", 16, 128),
    "A10": ("Standard_A10", 8, 56, "Standard_E8ds_v5", 8, 64),
    "A11": ("Standard_A11", 16, 112, "Standard_E16ds_v5", 16, 128),
    "Basic_A0": ("Basic_A0", 1, 0.768, "Standard_D2ds_v5", 2, 8),
    "Basic_A1": ("Basic_A1", 1, 1.75, "Standard_D2ds_v5", 2, 8),
    "Basic_A2": ("Basic_A2", 2, 3.5, "Standard_D2ds_v5", 2, 8),
    "Basic_A3": ("Basic_A3", 4, 7, "Standard_D4ds_v5", 4, 16),
    "Basic_A4": ("Basic_A4", 8, 14, "Standard_D8ds_v5", 8, 32),
    "Standard_D1": ("Standard_D1", 1, 3.5, "Standard_D2ds_v5", 2, 8),
    "Standard_D2": ("Standard_D2", 2, 7, "Standard_D2ds_v5", 2, 8),
    "Standard_D3": ("Standard_D3", 4, 14, "Standard_D4ds_v5", 4, 16),
    "Standard_D4": ("Standard_D4", 8, 28, "Standard_D8ds_v5", 8, 32),
    "Standard_D11": ("Standard_D11", 2, 14, "Standard_E2ds_v5", 2, 16),
    "Standard_D12": ("Standard_D12", 4, 28, "Standard_E4ds_v5", 4, 32),
    "Standard_D13": ("Standard_D13", 8, 56, "Standard_E8ds_v5", 8, 64),
    "Standard_D14": ("Standard_D14", 16, 112, "Standard_E16ds_v5", 16, 128),
    "Standard_DS1": ("Standard_DS1", 1, 3.5, "Standard_D2ds_v5", 2, 8),
    "Standard_DS2": ("Standard_DS2", 2, 7, "Standard_D2ds_v5", 2, 8),
    "Standard_DS3": ("Standard_DS3", 4, 14, "Standard_D4ds_v5", 4, 16),
    "Standard_DS4": ("Standard_DS4", 8, 28, "Standard_D8ds_v5", 8, 32),
    "Standard_DS11": ("Standard_DS11", 2, 14, "Standard_E2ds_v5", 2, 16),
    "Standard_DS12": ("Standard_DS12", 4, 28, "Standard_E4ds_v5", 4, 32),
    "Standard_DS13": ("Standard_DS13", 8, 56, "Standard_E8ds_v5", 8, 64),
    "Standard_DS14": ("Standard_DS14", 16, 112, "Standard_E16ds_v5", 16, 128),
    "Standard_D1_v2": ("Standard_D1_v2", 1, 3.5, "Standard_D2ds_v5", 2, 8),
    "Standard_D2_v2": ("Standard_D2_v2", 2, 7, "Standard_D2ds_v5", 2, 8),
    "Standard_D3_v2": ("Standard_D3_v2", 4, 14, "Standard_D4ds_v5", 4, 16),
    "Standard_D4_v2": ("Standard_D4_v2", 8, 28, "Standard_D8ds_v5", 8, 32),
    "Standard_D5_v2": ("Standard_D5_v2", 16, 56, "Standard_D16ds_v5", 16, 64),
    "Standard_D11_v2": ("Standard_D11_v2", 2, 14, "Standard_E2ds_v5", 2, 16),
    "Standard_D12_v2": ("Standard_D12_v2", 4, 28, "Standard_E4ds_v5", 4, 32),
    "Standard_D13_v2": ("Standard_D13_v2", 8, 56, "Standard_E8ds_v5", 8, 64),
    "Standard_D14_v2": ("Standard_D14_v2", 16, 112, "Standard_E16ds_v5", 16, 128),
    "Standard_D15_v2": ("Standard_D15_v2", 20, 140, "Standard_E20ds_v5", 20, 160),
    "Standard_DS1_v2": ("Standard_DS1_v2", 1, 3.5, "Standard_D2ds_v5", 2, 8),
    "Standard_DS2_v2": ("Standard_DS2_v2", 2, 7, "Standard_D2ds_v5", 2, 8),
    "Standard_DS3_v2": ("Standard_DS3_v2", 4, 14, "Standard_D4ds_v5", 4, 16),
    "Standard_DS4_v2": ("Standard_DS4_v2", 8, 28, "Standard_D8ds_v5", 8, 32),
    "Standard_DS5_v2": ("Standard_DS5_v2", 16, 56, "Standard_D16ds_v5", 16, 64),
    "Standard_DS11_v2": ("Standard_DS11_v2", 2, 14, "Standard_E2ds_v5", 2, 16),
    "Standard_DS12_v2": ("Standard_DS12_v2", 4, 28, "Standard_E4ds_v5", 4, 32),
    "Standard_DS13_v2": ("Standard_DS13_v2", 8, 56, "Standard_E8ds_v5", 8, 64),
    "Standard_DS14_v2": ("Standard_DS14_v2", 16, 112, "Standard_E16ds_v5", 16, 128),
    "Standard_DS15_v2": ("Standard_DS15_v2", 20, 140, "Standard_E20ds_v5", 20, 160),
    "Standard_G1": ("Standard_G1", 2, 28, "Standard_E4ds_v5", 4, 32),
    "Standard_G2": ("Standard_G2", 4, 56, "Standard_E8ds_v5", 8, 64),
    "Standard_G3": ("Standard_G3", 8, 112, "Standard_E16ds_v5", 16, 128),
    "Standard_G4": ("Standard_G4", 16, 224, "Standard_E32ds_v5", 32, 256),
    "Standard_G5": ("Standard_G5", 32, 448, "Standard_E64ds_v5", 64, 512),
    "Standard_GS1": ("Standard_GS1", 2, 28, "Standard_E4ds_v5", 4, 32),
    "Standard_GS2": ("Standard_GS2", 4, 56, "Standard_E8ds_v5", 8, 64),
    "Standard_GS3": ("Standard_GS3", 8, 112, "Standard_E16ds_v5", 16, 128),
    "Standard_GS4": ("Standard_GS4", 16, 224, "Standard_E32ds_v5", 32, 256),
    "Standard_GS5": ("Standard_GS5", 32, 448, "Standard_E64ds_v5", 64, 512),
}


@pytest.mark.parametrize("classic", list(EXPECTED))
def test_every_classic_size_gets_a_current_size_at_least_as_large(kb: KnowledgeBase, classic: str) -> None:
    choice = kb.triage.size_advice(AS_OF_DEC_2026).choose(classic)
    like, like_vcpus, like_gib, arm, arm_vcpus, arm_gib = EXPECTED[classic]
    assert (choice.like_for_like, choice.arm_size) == (like, arm)
    assert choice.like is not None
    assert choice.arm is not None
    assert (choice.like.vcpus, choice.like.memory_gib) == (like_vcpus, like_gib)
    assert (choice.arm.vcpus, choice.arm.memory_gib) == (arm_vcpus, arm_gib)
    assert choice.notes, "the like-for-like size says when it retires"
    assert all(note.status != "later" for note in choice.notes)


def test_the_current_size_is_never_in_a_family_with_a_lifecycle_entry(kb: KnowledgeBase) -> None:
    families = {entry.subject.id for entry in kb.lifecycle.entries if entry.subject.kind == "size_family"}
    advice = kb.triage.size_advice(AS_OF_DEC_2026)
    for classic in EXPECTED:
        arm = advice.choose(classic).arm
        assert arm is not None, classic
        assert arm.family not in families, classic


def test_a_size_still_current_at_the_judgement_is_kept_like_for_like(kb: KnowledgeBase) -> None:
    # As of 2026-01-01 with a 12-month horizon (to 2027-01-01), D-series (2028-05-01) is neither retired nor due.
    advice = kb.triage.size_advice(Judgement(datetime.date(2026, 1, 1), 12))
    assert (advice.choose("Standard_D2").arm_size, advice.choose("Standard_D2").like_for_like) == (
        "Standard_D2", "Standard_D2"
    )  # fmt: skip
    assert advice.choose("Small").arm_size == "Standard_D2ds_v5", "Av1 retired 2024-08-31: already past"


def test_unknown_and_empty_sizes_have_no_size_and_unlisted_modern_ones_pass_through(kb: KnowledgeBase) -> None:
    advice = kb.triage.size_advice(AS_OF_DEC_2026)
    assert (advice.choose("Huge").arm_size, advice.choose("Huge").like_for_like) == (None, None)
    assert advice.choose("").arm_size is None
    assert advice.choose("Standard_D4ds_v5").arm_size == "Standard_D4ds_v5"


def test_when_the_named_current_size_retires_the_smallest_current_size_that_covers_it_is_chosen(
    tmp_path: Path,
) -> None:
    """A fixture knowledge folder where Edsv5 retires 2027-06-30: A5 (2 vCPU, 14 GiB) then needs D4ds_v5 (4, 16)."""
    retiring_edsv5 = (
        "  - id: edsv5-retired-fixture\n    subject: {kind: size_family, id: edsv5}\n    event: retired\n"
        "    date: 2027-06-30\n    touches: [virtual-machines]\n    source: https://example.com/test-fixture\n"
    )
    folder = knowledge_copy(tmp_path, append={"lifecycle.yaml": retiring_edsv5})
    advice = load_knowledge(folder).triage.size_advice(AS_OF_DEC_2026)
    assert advice.choose("A5").arm_size == "Standard_D4ds_v5"
    # G5 (32 vCPU, 448 GiB): the largest Ddsv5, D96ds_v5, has 384 GiB; no current size covers it, so none is named.
    g5 = advice.choose("Standard_G5")
    assert (g5.arm_size, g5.like_for_like) == (None, "Standard_G5")
