"""The summary's file as written by imsdesk: readers that trust its table of contents find
every object where the table says (printers and strict readers do not repair a file)."""

from __future__ import annotations

import re

import pytest

from imsdesk.reports.session_summary import build_session_summary
from tests.reports import samples


@pytest.mark.parametrize(
    "summary",
    [samples.summary(), samples.worst_summary("Letter"), samples.summary(patient_name="Σοφία")],
    ids=["ordinary", "two-pages-logo", "greek-name"],
)
def test_every_object_is_where_the_cross_reference_table_says(summary):
    pdf = build_session_summary(summary)
    assert pdf.endswith(b"%%EOF\n")
    table_at = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", pdf).group(1))
    assert pdf[table_at:].startswith(b"xref\n0 ")
    lines = pdf[table_at:].split(b"\n")
    count = int(lines[1].split()[1])
    entries = lines[2 : 2 + count]
    assert entries[0] == b"0000000000 65535 f "
    for number, entry in enumerate(entries[1:], 1):
        offset, generation, kind = entry.split()
        assert (generation, kind) == (b"00000", b"n")
        assert pdf[int(offset) :].startswith(f"{number} 0 obj\n".encode()), number
    assert f"/Size {count}".encode() in pdf[table_at:]
