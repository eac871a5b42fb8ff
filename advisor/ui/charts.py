"""Horizontal bar charts whose category labels are shown whole (Streamlit's own charts cut them at 180px)."""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd
import streamlit as st


def bars(
    frame: pd.DataFrame,
    label: str,
    values: Sequence[str],
    colours: Sequence[str],
    *,
    value_title: str = "VMs",
    key: str | None = None,
) -> None:
    """One horizontal bar per row of ``frame`` (in its order), stacked over ``values``, labels never cut."""
    long = frame.melt(id_vars=[label], value_vars=list(values), var_name="part", value_name="count")
    chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y(f"{label}:N", sort=list(frame[label]), title=None, axis=alt.Axis(labelLimit=0, labelOverlap=False)),
            x=alt.X("count:Q", title=value_title, stack="zero", axis=alt.Axis(tickMinStep=1, format="d")),
            color=alt.Color(
                "part:N",
                scale=alt.Scale(domain=list(values), range=list(colours)),
                legend=alt.Legend(title=None, orient="bottom") if len(values) > 1 else None,
            ),
            tooltip=[f"{label}:N", "part:N", "count:Q"],
        )
        .properties(height=alt.Step(30))  # 30 pixels a bar, however many there are
    )
    st.altair_chart(chart, width="stretch", key=key)
