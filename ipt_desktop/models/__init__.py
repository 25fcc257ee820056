"""Peewee models of an IPT practice vault. No Qt, no ReportLab here."""
from .base import SCHEMA_VERSION, BaseModel, database
from .entities import (
    ALL_MODELS,
    AuditEvent,
    Client,
    ClientFigures,
    ClosingPlan,
    Contract,
    ContractAmendment,
    DocumentLog,
    Focus,
    Formulation,
    Incident,
    MeasureAdministration,
    Medication,
    MedicationChange,
    Person,
    PersonEvent,
    Practitioner,
    Session,
)

__all__ = [
    "SCHEMA_VERSION", "BaseModel", "database", "ALL_MODELS", "AuditEvent", "Client",
    "ClientFigures", "ClosingPlan", "Contract", "ContractAmendment", "DocumentLog", "Focus",
    "Formulation",
    "Incident", "MeasureAdministration", "Medication", "MedicationChange", "Person",
    "PersonEvent", "Practitioner", "Session",
]
