"""`imsdesk summary` and `imsdesk report` end to end on a temporary database."""

from __future__ import annotations

import os

import pytest

from imsdesk.cli import main
from imsdesk.services import summaries
from tests.reports import pdf_tools


def run(url: str, *args: str) -> int:
    return main(["--db", url, *[str(a) for a in args]])


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("imsdesk: error: ")
    return lines[0]


def test_summary_writes_the_take_home_pdf_with_the_body_map(clinic, tmp_path, capsys):
    url, course = clinic
    out = tmp_path / "summary.pdf"
    visit = course.visit_ids[1]
    assert (
        run(url, "summary", "--visit", visit, "--out", out, "--next-appointment", "Thu 10:30") == 0
    )
    assert f"wrote the summary of visit {visit} to {out}" in capsys.readouterr().out
    pdf = out.read_bytes()
    text = pdf_tools.text(pdf)
    assert pdf_tools.page_count(pdf) == 1
    assert "Thị Hồng Nguyễn" in text
    assert "Left lower back at the L4–L5 levels" in text and "Right gluteus medius" in text
    assert "7 / 10" in text and "5 / 10" in text
    assert "Thu 10:30" in text
    assert "Needling near the chest" in text  # the rhomboid was needled at this visit
    assert "Back view" in text and "Spine, from behind" in text
    assert len(pdf_tools.images(pdf)) == 2  # the body map, drawn offscreen
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinic.sqlite", "summary.pdf"]


def test_summary_without_chest_needling_has_no_chest_advice(clinic, tmp_path):
    url, course = clinic
    out = tmp_path / "first.pdf"
    assert run(url, "summary", "--visit", course.visit_ids[0], "--out", out) == 0
    text = pdf_tools.text(out.read_bytes())
    assert "Needling near the chest" not in text
    assert "To book your next appointment" in text


def test_report_writes_the_progress_report_for_an_episode(clinic, tmp_path, capsys):
    url, course = clinic
    out = tmp_path / "report.pdf"
    args = ("report", "--patient", course.patient_id, "--episode", course.episode_id)
    assert run(url, *args, "--out", out) == 0
    assert f"(episode {course.episode_id})" in capsys.readouterr().out
    pdf = out.read_bytes()
    text = pdf_tools.text(pdf)
    assert "Progress report" in text and "Low back pain with right leg pain" in text
    assert "3 visits in this report" in text and "Typical course: 8.2 visits" in text
    assert "7 at visit 1" in text
    assert pdf_tools.images(pdf) == []  # charts are vector


def test_report_of_all_visits(clinic, tmp_path, capsys):
    url, course = clinic
    out = tmp_path / "all.pdf"
    assert run(url, "report", "--patient", course.patient_id, "--out", out) == 0
    assert "(all visits)" in capsys.readouterr().out
    assert "4 visits in this report" in pdf_tools.text(out.read_bytes())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("summary", "--visit", "999"), "No visit with id 999."),
        (("report", "--patient", "999"), "No patient with id 999."),
        (("report", "--patient", "1", "--episode", "999"), "No episode with id 999."),
        (
            ("summary", "--visit", "1", "--next-appointment", "x" * 300),
            "at most 200 characters",
        ),
    ],
)
def test_unknown_records_fail_in_one_line_and_leave_no_file(
    clinic, tmp_path, capsys, args, message
):
    url, _ = clinic
    out = tmp_path / "out.pdf"
    assert run(url, *args, "--out", out) == 1
    assert message in one_error_line(capsys)
    assert not out.exists()


def test_a_failed_command_leaves_an_existing_file_as_it_was(clinic, tmp_path, capsys):
    url, _ = clinic
    out = tmp_path / "out.pdf"
    out.write_bytes(b"last week's summary")
    assert run(url, "summary", "--visit", "999", "--out", out) == 1
    one_error_line(capsys)
    assert out.read_bytes() == b"last week's summary"


@pytest.mark.parametrize(
    ("where", "message"),
    [
        (lambda tmp: tmp, "is a folder"),
        (lambda tmp: tmp / "no such folder" / "x.pdf", "does not exist"),
        (lambda tmp: tmp / "notes.txt" / "x.pdf", "is not a folder"),
    ],
)
def test_an_output_path_that_cannot_be_written_fails_in_one_line(
    clinic, tmp_path, capsys, where, message
):
    url, course = clinic
    (tmp_path / "notes.txt").write_text("x")
    before = sorted(tmp_path.rglob("*"))
    assert run(url, "summary", "--visit", course.visit_ids[0], "--out", where(tmp_path)) == 1
    assert message in one_error_line(capsys)
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_folder_fails_in_one_line(clinic, tmp_path, capsys):
    url, course = clinic
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert run(url, "report", "--patient", course.patient_id, "--out", locked / "r.pdf") == 1
        assert "no permission" in one_error_line(capsys)
    finally:
        locked.chmod(0o700)


def test_a_write_that_fails_part_way_leaves_no_half_written_file(
    clinic, tmp_path, capsys, monkeypatch
):
    url, course = clinic
    out = tmp_path / "report.pdf"

    def disk_full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(summaries.os, "replace", disk_full)
    assert run(url, "report", "--patient", course.patient_id, "--out", out) == 1
    assert "No space left on device" in one_error_line(capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clinic.sqlite"]


def test_a_record_number_must_be_a_number(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["summary", "--visit", "abc", "--out", "x.pdf"])
    assert caught.value.code == 2
    assert "expected a record number" in capsys.readouterr().err
