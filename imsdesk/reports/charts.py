"""Charts for the progress report: drawn by matplotlib as PDF, placed in the report as vectors.

matplotlib draws each chart into a one-page PDF (lines, markers and text stay vector; the
text is DejaVu Sans embedded as TrueType, the report's own face). The report leaves a
:class:`VectorChart` placeholder where each chart goes; once reportlab has laid out the
pages, :func:`stamp_charts` merges each chart's page content onto its placeholder with
pypdf, so the charts are never rasterised and print sharp at any size.

Every series is told apart by marker and line style as well as by shade, so the charts
read the same printed in greyscale.

matplotlib, reportlab and pypdf are imported inside the functions that use them.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from imsdesk.reports.summary_data import McidMark, OutcomeSeries, ProgressVisit

# Greyscale-safe styles: shape and dash tell the series apart, not hue.
BEFORE = {"color": "#111111", "marker": "o", "linestyle": "-", "markersize": 5}
AFTER = {
    "color": "#666666",
    "marker": "s",
    "linestyle": "--",
    "markersize": 5,
    "markerfacecolor": "white",
}
SCORE = {"color": "#111111", "marker": "D", "linestyle": "-", "markersize": 4.5}
_RC = {
    # Type 3: glyph outlines embedded in the chart, text still extractable; Type 42 (TrueType)
    # costs about 0.4 s per font per chart in fontTools subsetting.
    "pdf.fonttype": 3,
    "font.family": "DejaVu Sans",
    "font.size": 7.5,
    "axes.titlesize": 8.5,
    "axes.labelsize": 7.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#333333",
    "axes.linewidth": 0.6,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "grid.color": "#d0d0d0",
    "grid.linewidth": 0.5,
    "legend.frameon": False,
    "svg.fonttype": "none",
}
_NO_DATES = {"Creator": None, "Producer": None, "CreationDate": None}


@dataclass
class Placement:
    page: int  # 1-based
    x: float
    y: float
    pdf: bytes


@dataclass
class ChartSink:
    """Collects where the placeholders ended up while reportlab lays out the pages."""

    placements: list[Placement] = field(default_factory=list)


def vector_chart(pdf: bytes, width: float, height: float, sink: ChartSink) -> Any:
    """A placeholder flowable of the chart's size; records its page and position when drawn."""
    from reportlab.platypus import Flowable

    class VectorChart(Flowable):
        def __init__(self) -> None:
            super().__init__()
            self.width, self.height = width, height

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return self.width, self.height

        def draw(self) -> None:
            x, y = self.canv.absolutePosition(0, 0)
            sink.placements.append(Placement(self.canv.getPageNumber(), x, y, pdf))

    return VectorChart()


def stamp_charts(document: bytes, sink: ChartSink) -> bytes:
    """Place each recorded chart on its page as a form XObject, drawn at its placeholder.

    The chart's page becomes a self-contained form (its content stream and resources,
    fonts included) that the report page draws with ``q 1 0 0 1 x y cm /ChartN Do Q``:
    vector, never rasterised, and the report's own content is left untouched.
    """
    if not sink.placements:
        return document
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
    )

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(document)))
    for number, placement in enumerate(sink.placements, 1):
        chart = PdfReader(io.BytesIO(placement.pdf)).pages[0]
        form = DecodedStreamObject()
        form.set_data(chart.get_contents().get_data())  # type: ignore[union-attr]
        form.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject(chart.mediabox),
                NameObject("/Resources"): chart["/Resources"].get_object().clone(writer),
            }
        )
        form_ref = writer._add_object(form.flate_encode())
        page = writer.pages[placement.page - 1]
        resources = page["/Resources"].get_object()
        xobjects = resources.get("/XObject")
        if xobjects is None:
            xobjects = DictionaryObject()
            resources[NameObject("/XObject")] = xobjects
        name = f"/ImsChart{number}"
        xobjects.get_object()[NameObject(name)] = form_ref
        draw = DecodedStreamObject()
        draw.set_data(f"q 1 0 0 1 {placement.x:.3f} {placement.y:.3f} cm {name} Do Q".encode())
        contents = page["/Contents"]
        existing = contents.get_object()
        parts = list(existing) if isinstance(existing, ArrayObject) else [contents]
        page[NameObject("/Contents")] = ArrayObject([*parts, writer._add_object(draw)])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(width / 72, height / 72))


def _save(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="pdf", metadata=_NO_DATES)
    return buffer.getvalue()


def _mcid_line(axes: Any, mark: McidMark) -> None:
    """A dash-dot line at the MCID target, tagged "MCID" just outside the plot on the right.

    The tag sits outside the data area so it never hides a point; the caption under the
    chart says what the line means.
    """
    axes.axhline(mark.target, color="#111111", linestyle="-.", linewidth=0.9, zorder=1)
    axes.annotate(
        "MCID",
        xy=(1.0, mark.target),
        xycoords=axes.get_yaxis_transform(),
        xytext=(3, 0),
        textcoords="offset points",
        ha="left",
        va="center",
        fontsize=6.5,
    )


def pain_chart(
    visits: Sequence[ProgressVisit],
    *,
    typical_visits: float,
    mcid: McidMark | None,
    width: float,
    height: float,
) -> bytes:
    """Pain before and after treatment at each visit, 0–10, with the typical course marked.

    The x axis counts visits (dated beneath), so the typical course length can be drawn
    on it as a line.
    """
    import matplotlib

    with matplotlib.rc_context(_RC):
        figure = _figure(width, height)
        axes = figure.add_subplot()
        numbers = [v.number for v in visits]
        before = [_or_nan(v.pain_before) for v in visits]
        after = [_or_nan(v.pain_after) for v in visits]
        last = max([*numbers, math.ceil(typical_visits), 1])
        axes.set_xlim(0.5, last + 0.5)
        axes.set_ylim(-0.3, 11.6)
        axes.set_yticks(range(0, 11, 2))
        axes.grid(axis="y")
        axes.set_ylabel("Pain (0–10)")
        axes.plot(numbers, before, label="Before treatment", zorder=3, **BEFORE)
        axes.plot(numbers, after, label="After treatment", zorder=3, **AFTER)
        axes.axvline(typical_visits, color="#111111", linestyle=":", linewidth=1.1, zorder=1)
        axes.annotate(
            f"typical course: {typical_visits:g} visits",
            xy=(typical_visits, 11.6),
            xytext=(-3, -1),
            textcoords="offset points",
            ha="right",
            va="top",
            fontsize=6.5,
            bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none"},
        )
        if mcid is not None:
            _mcid_line(axes, mcid)
        step = max(1, math.ceil(len(visits) / 16))
        shown = visits[::step]
        axes.set_xticks([v.number for v in shown])
        axes.set_xticklabels([f"{v.number}\n{v.day.day} {v.day:%b}" for v in shown])
        axes.set_xlabel("Visit (number and date)")
        axes.legend(loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2, borderaxespad=0.2)
        figure.subplots_adjust(left=0.07, right=0.955, top=0.86, bottom=0.27)
        return _save(figure)


def outcome_chart(series: OutcomeSeries, *, width: float, height: float) -> bytes:
    """One outcome measure over time on its full scale, with its MCID line when it has one."""
    import matplotlib
    from matplotlib.dates import date2num

    with matplotlib.rc_context(_RC):
        figure = _figure(width, height)
        axes = figure.add_subplot()
        days = [p.day for p in series.points]
        x = [float(date2num(d)) for d in days]
        scores = [p.score for p in series.points]
        span = series.score_max - series.score_min
        axes.set_ylim(series.score_min - span * 0.03, series.score_max + span * 0.08)
        axes.grid(axis="y")
        axes.plot(x, scores, zorder=3, **SCORE)
        for at, score in zip(x, scores, strict=True):
            axes.annotate(
                f"{score:g}",
                xy=(at, score),
                xytext=(0, 5),
                textcoords="offset points",
                ha="center",
                fontsize=6.5,
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
            )
        # Real dates on the x axis: the gaps between scores show as gaps.
        pad = max(3.0, (max(x) - min(x)) * 0.08) if x else 3.0
        left, right = (min(x) - pad, max(x) + pad) if x else (0.0, 1.0)
        axes.set_xlim(left, right)
        step = max(1, math.ceil(len(days) / 6))
        axes.set_xticks(x[::step])
        axes.set_xticklabels([f"{d.day} {d:%b}\n{d:%Y}" for d in days[::step]])
        if series.mcid is not None:
            _mcid_line(axes, series.mcid)
        better = "higher is better" if series.higher_is_better else "lower is better"
        axes.set_title(f"{series.short_name} ({better})", loc="left")
        axes.set_ylabel(series.units)
        figure.subplots_adjust(left=0.14, right=0.9, top=0.87, bottom=0.2)
        return _save(figure)


def _or_nan(value: int | None) -> float:
    return math.nan if value is None else float(value)
