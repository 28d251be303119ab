"""ORM models. Changing a column means adding an Alembic migration beside them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from imsdesk.store.types import UTCDateTime, search_key, utc_now


class Base(DeclarativeBase):
    # Named constraints, so later migrations (SQLite batch mode included) can refer to them.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    registration_number: Mapped[str] = mapped_column(String(64), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)  # Argon2id

    __table_args__ = (CheckConstraint("role IN ('therapist', 'front_desk', 'admin')", name="role"),)


class PatientRow(Base):
    __tablename__ = "patients"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chart_number: Mapped[str] = mapped_column(String(32))
    # Folded copies (lower case, no accents) that the search box matches by prefix.
    chart_key: Mapped[str] = mapped_column(search_key(32), unique=True)
    family_name: Mapped[str] = mapped_column(String(200))
    given_names: Mapped[str] = mapped_column(String(200))
    family_key: Mapped[str] = mapped_column(search_key(200))
    given_key: Mapped[str] = mapped_column(search_key(200))
    date_of_birth: Mapped[date] = mapped_column(Date)
    sex: Mapped[str] = mapped_column(String(16), default="unknown")
    phone: Mapped[str] = mapped_column(String(64), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)

    visits: Mapped[list[VisitRow]] = relationship(back_populates="patient")

    __table_args__ = (
        # The list's order (family, given, id) with the chart number: a broad search walks
        # it in order and stops after a page (migration 0012).
        Index("ix_patients_name_order", "family_key", "given_key", "id", "chart_key"),
        # The same for given names: their matches are sorted into list order without
        # reading a row (migration 0015).
        Index("ix_patients_given_order", "given_key", "family_key", "id", "chart_key"),
        Index("ix_patients_date_of_birth", "date_of_birth"),
        CheckConstraint("sex IN ('female', 'male', 'intersex', 'unknown')", name="sex"),
    )


class VisitRow(Base):
    __tablename__ = "visits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="RESTRICT"))
    therapist_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="draft")
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # Users are deactivated, never deleted, so plain NO ACTION is enough here.
    signed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
    subjective: Mapped[str] = mapped_column(Text, default="", server_default="")
    objective: Mapped[str] = mapped_column(Text, default="", server_default="")
    assessment: Mapped[str] = mapped_column(Text, default="", server_default="")
    plan: Mapped[str] = mapped_column(Text, default="", server_default="")
    pain_before: Mapped[int | None] = mapped_column(Integer, nullable=True)
    pain_after: Mapped[int | None] = mapped_column(Integer, nullable=True)
    needles_used: Mapped[int | None] = mapped_column(Integer, nullable=True)
    needles_removed: Mapped[int | None] = mapped_column(Integer, nullable=True)
    episode_id: Mapped[int | None] = mapped_column(ForeignKey("episodes.id"), nullable=True)
    # Exactly what the therapist acknowledged about needling near the lung, and when.
    precautions_acknowledged: Mapped[str] = mapped_column(Text, default="", server_default="")
    precautions_acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)
    # Counts the saves of the record; a save states the version it saw (migration 0013).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Who saved last, from which workstation: shown when another save meets this one.
    saved_by: Mapped[str] = mapped_column(String(200), default="", server_default="")
    saved_on: Mapped[str] = mapped_column(String(255), default="", server_default="")

    patient: Mapped[PatientRow] = relationship(back_populates="visits")
    therapist: Mapped[UserRow] = relationship(foreign_keys=[therapist_id])
    signed_by: Mapped[UserRow | None] = relationship(foreign_keys=[signed_by_id])

    __table_args__ = (
        Index("ix_visits_patient_started", "patient_id", "started_at"),
        Index("ix_visits_therapist_id", "therapist_id"),
        # A therapist's unsigned drafts, listed at start-up among years of signed visits.
        Index("ix_visits_status_therapist_started", "status", "therapist_id", "started_at"),
        Index("ix_visits_episode_id", "episode_id"),
        CheckConstraint("status IN ('draft', 'signed')", name="status"),
        CheckConstraint("pain_before BETWEEN 0 AND 10", name="pain_before"),
        CheckConstraint("pain_after BETWEEN 0 AND 10", name="pain_after"),
        CheckConstraint("needles_used BETWEEN 0 AND 200", name="needles_used"),
        CheckConstraint("needles_removed BETWEEN 0 AND 200", name="needles_removed"),
    )


class MuscleFindingRow(Base):
    """A muscle found shortened at a visit (one row per muscle and side)."""

    __tablename__ = "muscle_findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="RESTRICT"))
    muscle_key: Mapped[str] = mapped_column(String(64))
    side: Mapped[str] = mapped_column(String(8))
    severity: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)

    __table_args__ = (
        UniqueConstraint("visit_id", "muscle_key", "side", name="uq_muscle_findings_target"),
        CheckConstraint("side IN ('left', 'right', 'midline')", name="side"),
        CheckConstraint("severity BETWEEN 1 AND 3", name="severity"),
    )


class NeedleSiteRow(Base):
    """One needle insertion at a visit, at a point of a body-map view."""

    __tablename__ = "needle_sites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(32))
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="RESTRICT"))
    muscle_key: Mapped[str] = mapped_column(String(64))
    side: Mapped[str] = mapped_column(String(8))
    view: Mapped[str] = mapped_column(String(24))
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)
    depth_mm: Mapped[float | None] = mapped_column(Float, nullable=True)
    length_mm: Mapped[int | None] = mapped_column(Integer, nullable=True)
    gauge: Mapped[str] = mapped_column(String(16), default="")
    response: Mapped[str | None] = mapped_column(String(8), nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)

    __table_args__ = (
        UniqueConstraint("uid", name="uq_needle_sites_uid"),
        Index("ix_needle_sites_visit_id", "visit_id"),
        CheckConstraint("side IN ('left', 'right', 'midline')", name="side"),
        CheckConstraint(
            "response IS NULL OR response IN ('grasp', 'twitch', 'none')", name="response"
        ),
        CheckConstraint("depth_mm IS NULL OR (depth_mm > 0 AND depth_mm <= 150)", name="depth"),
    )


class AmendmentRow(Base):
    """A correction or addition to a signed visit: append-only, shown under the original."""

    __tablename__ = "amendments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="RESTRICT"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    reason: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)

    author: Mapped[UserRow] = relationship()

    __table_args__ = (Index("ix_amendments_visit_id", "visit_id"),)


class EpisodeRow(Base):
    __tablename__ = "episodes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="RESTRICT"))
    condition: Mapped[str] = mapped_column(String(200))
    started_on: Mapped[date] = mapped_column(Date)
    referral_source: Mapped[str] = mapped_column(String(200), default="")
    referral_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    goals: Mapped[str] = mapped_column(Text, default="")
    closed_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)

    __table_args__ = (Index("ix_episodes_patient_id", "patient_id"),)


class SafetyScreenRow(Base):
    """A contraindication and precaution screen with consent: append-only."""

    __tablename__ = "safety_screens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("patients.id", ondelete="RESTRICT"))
    visit_id: Mapped[int | None] = mapped_column(
        ForeignKey("visits.id", ondelete="RESTRICT"), nullable=True
    )
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    answers: Mapped[str] = mapped_column(Text)  # JSON object: question key -> true/false
    notes: Mapped[str] = mapped_column(Text, default="")
    consent_given: Mapped[bool] = mapped_column(Boolean)
    consent_given_by: Mapped[str] = mapped_column(String(200))
    consent_explained: Mapped[str] = mapped_column(Text)

    recorded_by: Mapped[UserRow] = relationship()

    __table_args__ = (Index("ix_safety_screens_patient_recorded", "patient_id", "recorded_at"),)


class AdverseEventRow(Base):
    """Something that went wrong at or after a visit: append-only, addable after signing."""

    __tablename__ = "adverse_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="RESTRICT"))
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    kind: Mapped[str] = mapped_column(String(32))
    description: Mapped[str] = mapped_column(Text)
    action_taken: Mapped[str] = mapped_column(Text)

    recorded_by: Mapped[UserRow] = relationship()

    __table_args__ = (
        Index("ix_adverse_events_visit_id", "visit_id"),
        CheckConstraint(
            "kind IN ('fainting', 'bleeding', 'bruising', 'suspected_pneumothorax', "
            "'increased_pain', 'nerve_irritation', 'nausea', 'needle_problem', 'other')",
            name="kind",
        ),
    )


class ClinicSettingRow(Base):
    """Settings shared by every workstation of the clinic (JSON values)."""

    __tablename__ = "clinic_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ExamSignRow(Base):
    """A sign of segmental involvement found at a level and side during a visit."""

    __tablename__ = "exam_signs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="RESTRICT"))
    level: Mapped[str] = mapped_column(String(4))
    side: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    __table_args__ = (
        UniqueConstraint("visit_id", "level", "side", "kind", name="uq_exam_signs_sign"),
    )


class OutcomeScoreRow(Base):
    """A questionnaire answered at a visit: the answers as given and the computed score."""

    __tablename__ = "outcome_scores"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="RESTRICT"))
    instrument: Mapped[str] = mapped_column(String(16))
    answers: Mapped[str] = mapped_column(Text)  # JSON list, null where unanswered
    activities: Mapped[str] = mapped_column(Text, default="[]")  # PSFS: the activities named
    score: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    __table_args__ = (
        Index("ix_outcome_scores_visit_id", "visit_id"),
        CheckConstraint(
            "instrument IN ('nprs', 'odi', 'ndi', 'psfs', 'quickdash', 'lefs')", name="instrument"
        ),
        CheckConstraint("score >= 0 AND score <= 100", name="score"),
    )


class AuditRow(Base):
    """One audited action. Append-only: the database refuses updates and deletes."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="RESTRICT"), nullable=True
    )
    workstation: Mapped[str] = mapped_column(String(255))
    action: Mapped[str] = mapped_column(String(32))
    record_kind: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_audit_log_record", "record_kind", "record_id"),
        # The clinic log, newest first, whole or by user or action (migration 0013).
        Index("ix_audit_log_at", "at", "id"),
        Index("ix_audit_log_user_at", "user_id", "at", "id"),
        Index("ix_audit_log_action_at", "action", "at", "id"),
    )


class PainAreaRow(Base):
    """A body region (of the atlas) where the patient reported pain at a visit, with side."""

    __tablename__ = "pain_areas"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="RESTRICT"))
    region: Mapped[str] = mapped_column(String(16))
    side: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    __table_args__ = (
        UniqueConstraint("visit_id", "region", "side", name="uq_pain_areas_area"),
        CheckConstraint("side IN ('left', 'right', 'midline')", name="side"),
    )
