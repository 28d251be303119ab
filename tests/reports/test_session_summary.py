"""The take-home summary: real PDFs from reportlab, read back and checked section by section."""

from __future__ import annotations

from dataclasses import replace

import pytest

from imsdesk.domain.safety import PATIENT_ADVICE
from imsdesk.reports.session_summary import build_session_summary
from imsdesk.reports.summary_data import Clinician, Letterhead, MapImage
from imsdesk.reports.templates import SUMMARY_TEMPLATE, load_summary_wording
from imsdesk.resources import read_text
from tests.reports import pdf_tools, samples

PAPER_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
SHIPPED_WORDING = read_text("templates", SUMMARY_TEMPLATE)


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_an_ordinary_visit_fits_on_one_page_of_the_clinics_paper(paper):
    pdf = build_session_summary(samples.summary(paper_size=paper, chest_advice=True))
    assert pdf_tools.page_count(pdf) == 1
    assert pdf_tools.page_size_mm(pdf) == PAPER_MM[paper]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_everything_long_at_once_still_fits_on_two_pages(paper):
    pdf = build_session_summary(samples.worst_summary(paper))
    assert pdf_tools.page_count(pdf) <= 2
    text = pdf_tools.text(pdf)
    assert "Maximiliana Guðrún Ólafsdóttir-Łukasiewicz-Nguyễn van Müller" in text
    assert "Right muscle number 39 with a rather long anatomical name" in text
    assert "Page 2 of 2" in text or "Page 1 of 1" in text


def test_a_list_that_runs_onto_the_next_page_repeats_its_heading_there():
    pdf = build_session_summary(samples.worst_summary("A4"))
    assert pdf_tools.page_count(pdf) == 2
    heading = load_summary_wording().labels["treated_heading"]
    assert pdf_tools.page_text(pdf, 1).count(heading) == 1
    assert pdf_tools.page_text(pdf, 2).startswith(heading)
    # Every item is printed once, in order, across the two pages.
    text = pdf_tools.text(pdf)
    places = [text.index(f"Right muscle number {n} with") for n in range(40)]
    assert places == sorted(places)


@pytest.mark.parametrize(
    "summary",
    [
        samples.worst_summary("A4"),
        samples.worst_summary("Letter"),
        samples.summary(
            patient_name="Maximiliana-Guðrún-Ólafsdóttir-Łukasiewicz-Nguyễn-van-Müller",
            therapist=Clinician("Alexandra-Konstantina Papadopoulou-Oyelaran", "PT-10482-B"),
            next_appointment="Thursday-27-November-2026-at-10:30-with-Alex-Morgan-in-room-4" * 2,
            treated=("Right " + "very-long-muscle-name-" * 5,),
        ),
    ],
    ids=["everything-long-A4", "everything-long-Letter", "words-longer-than-a-line"],
)
def test_no_text_runs_past_the_margins_or_into_the_footer(summary):
    pdf = build_session_summary(summary)
    width, height = pdf_tools.page_size_mm(pdf)
    left, right = 16, width - 16  # the margins, in mm
    for boxes in pdf_tools.char_boxes(pdf):
        assert boxes
        for x0, _, x1, y1 in boxes:
            assert left - 1 <= x0 * 25.4 / 72 and x1 * 25.4 / 72 <= right + 1
            assert y1 * 25.4 / 72 <= height - 12  # below the top margin (13 mm)


@pytest.mark.parametrize("name", samples.NAMES)
def test_accented_names_print_and_read_back_as_typed(name):
    pdf = build_session_summary(samples.summary(patient_name=name))
    assert name in pdf_tools.text(pdf)


def test_summaries_printed_one_after_another_each_read_back_as_typed():
    # One process prints for many patients: what it keeps from one summary (the font
    # subsets, the wording laid out) must never leak into the next.
    greek = "".join(chr(c) for c in range(0x3B1, 0x3CA))  # every lowercase Greek letter
    cyrillic = "".join(chr(c) for c in range(0x430, 0x450))
    armenian = "".join(chr(c) for c in range(0x561, 0x587))
    letters = f"{greek}{cyrillic}{armenian}{greek.upper()}{cyrillic.upper()}{armenian.upper()}"
    many = " ".join(letters[i : i + 9] for i in range(0, len(letters), 9))  # name-sized words
    # More letters than the first embedded subset (256 codes, ASCII among them) holds.
    assert len(set(many)) > 256 - 96
    polish = replace(samples.LETTERHEAD, address="ul. Świętokrzyska 12\nKraków")
    people = [
        ("Jane Doe", "Alex Morgan", samples.LETTERHEAD),
        ("Σοφία Παπαδοπούλου", "Łucja Żółć", samples.LETTERHEAD),
        ("Jane Doe", "Alex Morgan", samples.LETTERHEAD),
        (many, "Դավիթ Հակոբյան", samples.LETTERHEAD),
        # Her letters get other codes than above: the address's come first this time.
        ("Jörg Müller", "Łucja Żółć", polish),
    ]
    for patient, therapist, letterhead in people:
        summary = samples.summary(
            patient_name=patient, therapist=Clinician(therapist, "PT-1"), letterhead=letterhead
        )
        text = " ".join(pdf_tools.text(build_session_summary(summary)).split())
        assert patient in text
        assert letterhead.address.split("\n")[0] in text
        assert f"activity advice {therapist} gave you" in text


def test_the_clinics_edited_wording_prints_on_the_next_summary():
    build_session_summary(samples.summary())
    edited = SHIPPED_WORDING.replace(
        "Treatment is usually given once a week", "We usually see you once a fortnight"
    )
    text = pdf_tools.text(build_session_summary(samples.summary(), load_summary_wording(edited)))
    assert "We usually see you once a fortnight" in text
    assert "Treatment is usually given once a week" not in text
    assert "Treatment is usually given once a week" in pdf_tools.text(
        build_session_summary(samples.summary())
    )


def test_every_font_is_embedded_and_none_is_a_latin1_base_font():
    pdf = build_session_summary(samples.summary(chest_advice=True))
    fonts = pdf_tools.fonts(pdf)
    assert fonts and all(fonts.values()), fonts
    assert all("DejaVuSans" in name for name in fonts), fonts
    assert b"/FontFile2" in pdf  # TrueType programs, subset and embedded


def test_each_section_says_what_it_should():
    wording = load_summary_wording()
    text = pdf_tools.text(build_session_summary(samples.summary()))
    for expected in (
        "Harbour Physiotherapy & IMS Clinic",
        "1200 Harbour Road, Suite 4",
        "604-555-0142",
        "Your treatment today",
        "Thị Hồng Nguyễn",
        "20 November 2026",
        "Alex Morgan",
        "Registration no. PT-10482",
        "Where you were treated today",
        "Left lower back at the L4–L5 levels",
        "Right gluteus medius",
        "6 / 10",
        "3 / 10",
        "Your next appointment",
        "Thursday 27 November 2026 at 10:30",
        "Back view",
        "Spine, from behind",
        wording.next_hours.heading,
        "Soreness where the needles went in is common",
        wording.aftercare.heading,
        wording.when_to_call.heading,
        "Call the clinic on 604-555-0142",
        "Page 1 of 1",
    ):
        assert expected in text, expected


def test_the_chest_advice_appears_only_after_needling_near_the_chest():
    heading = load_summary_wording().chest.heading
    without = pdf_tools.text(build_session_summary(samples.summary(chest_advice=False)))
    assert heading not in without and "short of breath" not in without
    with_advice = pdf_tools.text(build_session_summary(samples.summary(chest_advice=True)))
    assert heading in with_advice
    assert "short of breath" in with_advice and "dry cough" in with_advice


def test_the_chest_template_keeps_the_meaning_of_the_apps_safety_advice():
    chest = " ".join(load_summary_wording().chest.paragraphs)
    for words in ("needling near the chest", "short of breath", "chest pain", "dry cough"):
        assert words in PATIENT_ADVICE
        assert words in chest
    assert "medical help" in chest


def test_nothing_recorded_reads_as_not_recorded_not_as_blank_or_zero():
    pdf = build_session_summary(
        samples.summary(treated=(), pain_before=None, pain_after=None, maps=(), next_appointment="")
    )
    text = pdf_tools.text(pdf)
    assert "No needling was recorded at this visit." in text
    assert "Soreness where the needles went in" not in text  # no after-needling advice
    assert "Looking after yourself" in text and "When to contact us" in text
    assert text.count("not recorded") == 2
    assert "/ 10" not in text
    assert "To book your next appointment" in text
    assert pdf_tools.images(pdf) == []
    assert pdf_tools.page_count(pdf) == 1


def test_the_map_pictures_are_placed_and_captioned():
    pdf = build_session_summary(samples.summary())
    assert len(pdf_tools.images(pdf)) == 2


def test_an_unreadable_map_picture_or_logo_is_left_out_and_the_rest_prints():
    broken = samples.summary(
        maps=(MapImage("posterior", b"not a png"), MapImage("paraspinal", samples.png(200, 500))),
        letterhead=Letterhead("Clinic", "", "", logo=b"\x89PNG broken"),
    )
    pdf = build_session_summary(broken)
    assert len(pdf_tools.images(pdf)) == 1
    assert "Right gluteus medius" in pdf_tools.text(pdf)


def test_the_logo_prints_when_given():
    head = Letterhead("Clinic", "1 Main St", "555-0100", logo=samples.logo_png())
    pdf = build_session_summary(samples.summary(letterhead=head, maps=()))
    assert len(pdf_tools.images(pdf)) == 1


def test_without_a_phone_or_name_the_wording_still_reads():
    pdf = build_session_summary(samples.summary(letterhead=Letterhead(), next_appointment=""))
    text = pdf_tools.text(pdf)
    assert "Call the clinic if the soreness" in text
    assert "call the clinic." in text
    assert " on ." not in text and "{" not in text


def test_text_is_printed_as_typed_never_as_markup_or_a_template():
    pdf = build_session_summary(
        samples.summary(
            patient_name="Ann <b>O'Neil</b> & Co",
            next_appointment="Room {clinic_name} <i>2</i> & 3",
            treated=("Right <gluteus> & medius",),
        )
    )
    text = pdf_tools.text(pdf)
    assert "Ann <b>O'Neil</b> & Co" in text
    assert "Room {clinic_name} <i>2</i> & 3" in text
    assert "Right <gluteus> & medius" in text


def test_an_unknown_paper_size_is_refused():
    with pytest.raises(ValueError, match="A4 or Letter"):
        build_session_summary(samples.summary(paper_size="A5"))
