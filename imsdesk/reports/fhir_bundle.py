"""A patient's chart as a FHIR R4 Bundle (type "collection"), as plain JSON data.

    bundle = chart_bundle(chart, made_at=now)    # a dict, ready for json.dumps

Patient, Practitioner, EpisodeOfCare, an Encounter per visit, Observations for pain,
shortened muscles, exam signs and outcome scores, a QuestionnaireResponse for every
questionnaire (outcome measures and the safety screen), a Procedure per needle
insertion with its body site and laterality, a DocumentReference for each visit's notes
and each amendment, and AdverseEvents. Body sites carry a SNOMED CT code only where the
atlas holds a checked one; laterality uses the SNOMED CT qualifier values. No other code
is invented: what has no checked code is given as text.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from imsdesk.domain.anatomy import SnomedCode
from imsdesk.reports.chart_data import (
    ChartClinician,
    ChartEpisode,
    ChartNeedle,
    ChartScore,
    ChartScreen,
    ChartVisit,
    PatientChart,
)

Resource = dict[str, Any]
FHIR_VERSION = "4.0.1"
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
# SNOMED CT laterality qualifiers (HL7 value set structure-laterality-vs).
LATERALITY = {
    "left": ("7771000", "Left"),
    "right": ("24028007", "Right"),
    "midline": ("399488007", "Midline"),
}
# LOINC 72514-3: pain severity, 0-10 verbal numeric rating, reported.
PAIN_SCORE_LOINC = "72514-3"
TARGET_BODY_STRUCTURE = "http://hl7.org/fhir/StructureDefinition/procedure-targetBodyStructure"
_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
_IDENTIFIER_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0203"
_GENDER = {"female": "female", "male": "male", "intersex": "other", "unknown": "unknown"}
_RESPONSE = {"grasp": "Needle grasp", "twitch": "Local twitch response", "none": "No response"}
_SEVERITY = {1: "Mild", 2: "Moderate", 3: "Marked"}
_IMS = "Intramuscular stimulation (IMS) needling"
_BASE = uuid.uuid5(uuid.NAMESPACE_URL, "https://imsdesk.invalid/fhir-export")


class _Ids:
    """Stable urn:uuid names for this chart's resources: a re-export gives the same ids.

    Name-based UUIDs (RFC 9562 version 8) from a keyed BLAKE2 hash: as stable as
    version 5, and quick enough for the tens of thousands a clinic export names.
    """

    def __init__(self, chart: PatientChart) -> None:
        patient = chart.patient
        self._key = uuid.uuid5(
            _BASE, f"{patient.id}/{patient.chart_number}/{patient.created_at.isoformat()}"
        ).bytes

    def __call__(self, kind: str, key: object) -> str:
        name = f"{kind}/{key}".encode()
        digest = bytearray(hashlib.blake2b(name, key=self._key, digest_size=16).digest())
        digest[6] = (digest[6] & 0x0F) | 0x80  # version 8
        digest[8] = (digest[8] & 0x3F) | 0x80  # RFC variant
        h = digest.hex()
        return f"urn:uuid:{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def chart_bundle(chart: PatientChart, *, made_at: datetime) -> Resource:
    ids = _Ids(chart)
    entries = [{"fullUrl": url, "resource": resource} for url, resource in _resources(chart, ids)]
    return {
        "resourceType": "Bundle",
        "id": ids("bundle", made_at.isoformat()).removeprefix("urn:uuid:"),
        "meta": {"lastUpdated": _instant(made_at)},
        "type": "collection",
        "timestamp": _instant(made_at),
        "entry": entries,
    }


def _resources(chart: PatientChart, ids: _Ids) -> Iterator[tuple[str, Resource]]:
    patient_ref = {"reference": ids("Patient", chart.patient.id)}
    yield ids("Patient", chart.patient.id), _patient(chart)
    for clinician in chart.clinicians:
        yield ids("Practitioner", clinician.id), _practitioner(clinician)
    for episode in chart.episodes:
        yield ids("EpisodeOfCare", episode.id), _episode(episode, patient_ref)
    structures: dict[tuple[str, str], str] = {}
    for visit in chart.visits:
        yield from _visit(chart, visit, ids, patient_ref, structures)
    for screen in chart.screens:
        yield ids("Screen", screen.id), _screen(screen, ids, patient_ref)


def _patient(chart: PatientChart) -> Resource:
    p = chart.patient
    resource: Resource = {
        "resourceType": "Patient",
        "identifier": [
            {
                "use": "usual",
                "type": {"coding": [{"system": _IDENTIFIER_TYPE, "code": "MR"}]},
                "value": p.chart_number,
            }
        ],
        "name": [
            {
                "use": "official",
                "text": f"{p.given_names} {p.family_name}".strip(),
                "family": p.family_name,
                "given": p.given_names.split(),
            }
        ],
        "gender": _GENDER.get(p.sex, "unknown"),
        "birthDate": p.date_of_birth.isoformat(),
    }
    telecom = []
    if p.phone:
        telecom.append({"system": "phone", "value": p.phone})
    if p.email:
        telecom.append({"system": "email", "value": p.email})
    if telecom:
        resource["telecom"] = telecom
    if p.address:
        resource["address"] = [{"text": p.address}]
    return resource


def _practitioner(clinician: ChartClinician) -> Resource:
    resource: Resource = {"resourceType": "Practitioner", "name": [{"text": clinician.name}]}
    if clinician.registration_number:
        resource["identifier"] = [{"value": clinician.registration_number}]
    return resource


def _episode(episode: ChartEpisode, patient_ref: Resource) -> Resource:
    period = {"start": episode.started_on.isoformat()}
    if episode.closed_on:
        period["end"] = episode.closed_on.isoformat()
    return {
        "resourceType": "EpisodeOfCare",
        "status": "finished" if episode.closed_on else "active",
        "type": [{"text": episode.condition}],
        "patient": patient_ref,
        "period": period,
    }


def _visit(
    chart: PatientChart,
    visit: ChartVisit,
    ids: _Ids,
    patient_ref: Resource,
    structures: dict[tuple[str, str], str],
) -> Iterator[tuple[str, Resource]]:
    encounter_url = ids("Encounter", visit.id)
    therapist = {"reference": ids("Practitioner", visit.therapist_id)}
    when = _instant(visit.started_at)
    common = {"subject": patient_ref, "encounter": {"reference": encounter_url}}
    final = "final" if visit.signed else "preliminary"
    encounter: Resource = {
        "resourceType": "Encounter",
        "status": "finished" if visit.signed else "in-progress",
        "class": {"system": _ACT_CODE, "code": "AMB", "display": "ambulatory"},
        "type": [{"text": f"IMS visit {visit.number}"}],
        "subject": patient_ref,
        "participant": [{"individual": therapist}],
        "period": {"start": when},
    }
    if visit.episode_id is not None:
        encounter["episodeOfCare"] = [{"reference": ids("EpisodeOfCare", visit.episode_id)}]
    yield encounter_url, encounter

    for field, value, words in (
        ("before", visit.pain_before, "Pain before treatment (0-10)"),
        ("after", visit.pain_after, "Pain after treatment (0-10)"),
    ):
        if value is not None:
            yield (
                ids(f"Pain-{field}", visit.id),
                {
                    "resourceType": "Observation",
                    "status": final,
                    "category": [_category("survey")],
                    "code": {
                        "coding": [{"system": LOINC, "code": PAIN_SCORE_LOINC}],
                        "text": words,
                    },
                    **common,
                    "effectiveDateTime": when,
                    "performer": [therapist],
                    "valueInteger": value,
                },
            )
    for finding in visit.findings:
        yield (
            ids("Finding", finding.id),
            {
                "resourceType": "Observation",
                "status": final,
                "category": [_category("exam")],
                "code": {"text": "Shortened muscle (supersensitive, on examination)"},
                **common,
                "effectiveDateTime": when,
                "performer": [therapist],
                "bodySite": _body_site(finding.muscle_name, finding.side, finding.snomed),
                "valueCodeableConcept": {
                    "text": f"{_SEVERITY.get(finding.severity, finding.severity)} "
                    f"({finding.severity} of 3)"
                },
                **_note(finding.note),
            },
        )
    for sign in visit.signs:
        yield (
            ids("Sign", sign.id),
            {
                "resourceType": "Observation",
                "status": final,
                "category": [_category("exam")],
                "code": {"text": sign.label},
                **common,
                "effectiveDateTime": when,
                "performer": [therapist],
                "bodySite": {"text": f"{sign.side.capitalize()} side, {sign.level} spinal level"},
                "valueBoolean": True,
                **_note(sign.note),
            },
        )
    for score in visit.scores:
        response_url = ids("QuestionnaireResponse", score.id)
        yield response_url, _score_response(score, common, when, therapist)
        yield (
            ids("Score", score.id),
            {
                "resourceType": "Observation",
                "status": final,
                "category": [_category("survey")],
                "code": {"text": score.instrument_name},
                **common,
                "effectiveDateTime": when,
                "performer": [therapist],
                "valueQuantity": {"value": score.score, "unit": score.units},
                "derivedFrom": [{"reference": response_url}],
            },
        )
    for needle in visit.needles:
        key = (needle.muscle_key, needle.side)
        if key not in structures:
            structures[key] = ids("BodyStructure", f"{needle.muscle_key}/{needle.side}")
            yield structures[key], _body_structure(needle, patient_ref)
        yield (
            ids("Procedure", needle.id),
            _procedure(needle, visit, common, when, therapist, structures[key]),
        )
    yield from _documents(chart, visit, ids, common, when, therapist)
    for event in visit.adverse_events:
        yield (
            ids("AdverseEvent", event.id),
            {
                "resourceType": "AdverseEvent",
                "actuality": "actual",
                "event": {
                    "text": f"{event.kind_label}: {event.description} "
                    f"Action taken: {event.action_taken}"
                },
                **common,
                "date": _instant(event.recorded_at),
                "recorder": {"reference": ids("Practitioner", event.recorded_by_id)},
            },
        )


def _body_structure(needle: ChartNeedle, patient_ref: Resource) -> Resource:
    location = _body_site(needle.muscle_name, needle.side, needle.snomed)
    resource: Resource = {
        "resourceType": "BodyStructure",
        "location": location,
        "description": location["text"],
        "patient": patient_ref,
    }
    if needle.side in LATERALITY:
        code, display = LATERALITY[needle.side]
        resource["locationQualifier"] = [
            {"coding": [{"system": SNOMED, "code": code, "display": display}]}
        ]
    return resource


def _procedure(
    needle: ChartNeedle,
    visit: ChartVisit,
    common: Resource,
    when: str,
    therapist: Resource,
    structure_url: str,
) -> Resource:
    details = [
        text
        for text in (
            f"depth {needle.depth_mm:g} mm" if needle.depth_mm is not None else "",
            f"needle {needle.length_mm} mm" if needle.length_mm is not None else "",
            f"gauge {needle.gauge}" if needle.gauge else "",
            needle.note,
        )
        if text
    ]
    resource: Resource = {
        "resourceType": "Procedure",
        "extension": [
            {"url": TARGET_BODY_STRUCTURE, "valueReference": {"reference": structure_url}}
        ],
        "status": "completed" if visit.signed else "in-progress",
        "code": {"text": _IMS},
        **common,
        "performedDateTime": when,
        "performer": [{"actor": therapist}],
        "bodySite": [_body_site(needle.muscle_name, needle.side, needle.snomed)],
    }
    if needle.response:
        resource["outcome"] = {"text": _RESPONSE.get(needle.response, needle.response)}
    if details:
        resource["note"] = [{"text": "; ".join(details)}]
    return resource


def _score_response(
    score: ChartScore, common: Resource, when: str, therapist: Resource
) -> Resource:
    items = []
    for number, answer in enumerate(score.answers, start=1):
        if answer is None:
            continue
        if score.activities and number <= len(score.activities):
            text = f"{score.short_name}: {score.activities[number - 1]}"
        else:
            text = f"{score.short_name} item {number}"
        items.append(
            {
                "linkId": f"{score.instrument}-{number}",
                "text": text,
                "answer": [{"valueInteger": answer}],
            }
        )
    return {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        **common,
        "authored": when,
        "author": therapist,
        "item": items,
    }


def _screen(screen: ChartScreen, ids: _Ids, patient_ref: Resource) -> Resource:
    items: list[Resource] = [
        {"linkId": a.key, "text": a.question, "answer": [{"valueBoolean": a.answer}]}
        for a in screen.answers
    ]
    items.append(
        {
            "linkId": "consent_given",
            "text": "Consent to needling given",
            "answer": [{"valueBoolean": screen.consent_given}],
        }
    )
    for key, text, value in (
        ("consent_given_by", "Consent given by", screen.consent_given_by),
        ("consent_explained", "Explained before consent", screen.consent_explained),
        ("notes", "Notes", screen.notes),
    ):
        if value:
            items.append({"linkId": key, "text": text, "answer": [{"valueString": value}]})
    resource: Resource = {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "subject": patient_ref,
        "authored": _instant(screen.recorded_at),
        "author": {"reference": ids("Practitioner", screen.recorded_by_id)},
        "item": items,
    }
    if screen.visit_id is not None:
        resource["encounter"] = {"reference": ids("Encounter", screen.visit_id)}
    return resource


def _documents(
    chart: PatientChart,
    visit: ChartVisit,
    ids: _Ids,
    common: Resource,
    when: str,
    therapist: Resource,
) -> Iterator[tuple[str, Resource]]:
    """The visit's SOAP notes, and each amendment appended to them."""
    parts = [
        (label, text)
        for label, text in (
            ("Subjective", visit.subjective),
            ("Objective", visit.objective),
            ("Assessment", visit.assessment),
            ("Plan", visit.plan),
        )
        if text.strip()
    ]
    if not parts and not visit.amendments:
        return
    note_url = ids("Notes", visit.id)
    body = "\n\n".join(f"{label}:\n{text}" for label, text in parts) or "(no notes)"
    context = {"encounter": [common["encounter"]]}
    yield (
        note_url,
        {
            "resourceType": "DocumentReference",
            "status": "current",
            "docStatus": "final" if visit.signed else "preliminary",
            "type": {"text": "IMS visit notes (SOAP)"},
            "subject": common["subject"],
            "date": _instant(visit.signed_at or visit.started_at),
            "author": [therapist],
            "description": f"Notes of visit {visit.number}",
            "content": [{"attachment": _text_attachment(body, f"Visit {visit.number} notes")}],
            "context": context,
        },
    )
    for amendment in visit.amendments:
        author = chart.clinician(amendment.author_id)
        yield (
            ids("Amendment", amendment.id),
            {
                "resourceType": "DocumentReference",
                "status": "current",
                "docStatus": "amended",
                "type": {"text": "Amendment to signed visit notes"},
                "subject": common["subject"],
                "date": _instant(amendment.created_at),
                "author": [{"reference": ids("Practitioner", amendment.author_id)}],
                "description": f"Amendment by {author.name if author else 'unknown'}: "
                f"{amendment.reason}",
                "relatesTo": [{"code": "appends", "target": {"reference": note_url}}],
                "content": [{"attachment": _text_attachment(amendment.text, "Amendment")}],
                "context": context,
            },
        )


def _text_attachment(text: str, title: str) -> Resource:
    return {
        "contentType": "text/plain; charset=utf-8",
        "data": base64.b64encode(text.encode("utf-8")).decode("ascii"),
        "title": title,
    }


def _body_site(name: str, side: str, snomed: SnomedCode | None) -> Resource:
    text = name if side == "midline" else f"{side.capitalize()} {name[:1].lower()}{name[1:]}"
    site: Resource = {"text": text}
    if snomed is not None:
        site["coding"] = [{"system": SNOMED, "code": snomed.code, "display": snomed.display}]
    return site


def _category(code: str) -> Resource:
    return {"coding": [{"system": _CATEGORY, "code": code}]}


def _note(text: str) -> Resource:
    return {"note": [{"text": text}]} if text.strip() else {}


def _instant(moment: datetime | date) -> str:
    if isinstance(moment, datetime):
        return moment.isoformat(timespec="seconds")
    return moment.isoformat()
