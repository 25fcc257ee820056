"""The Sessions tab's parts: timeline strip, symptom chart, session editor, measure entry."""
