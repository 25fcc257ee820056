"""The IPT phase of a session, derived from its number and the contract."""
from __future__ import annotations


def initial_count(agreed: int) -> int:
    """Initial sessions: about 1-3, at most 4, fewer in a short contract."""
    return max(1, min(3, agreed // 4))


def concluding_count(agreed: int) -> int:
    """Concluding sessions: the last 1-3."""
    return max(1, min(3, agreed // 5))


def phase_for(number: int, agreed: int, maintenance: bool = False) -> str:
    if number > agreed:
        return "maintenance" if maintenance else "concluding"
    if number <= initial_count(agreed):
        return "initial"
    if number > agreed - concluding_count(agreed):
        return "concluding"
    return "middle"


def ending_prompt_due(last_number: int, agreed: int) -> bool:
    """The ending is raised 2-4 sessions ahead: True from agreed-4 until the end."""
    return agreed - 4 <= last_number < agreed


def over_contract(number: int, agreed: int) -> bool:
    return number > agreed
