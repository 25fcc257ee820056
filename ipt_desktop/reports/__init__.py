"""ReportLab documents fed with plain dataclasses; no Qt, no ORM queries."""
