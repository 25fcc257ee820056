"""IPT Desktop: offline, encrypted records for Interpersonal Psychotherapy."""
__version__ = "0.1.0"
