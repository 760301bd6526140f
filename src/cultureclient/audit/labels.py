"""French words for what the audit shows: rules, severities, evidence roles, reading errors.

The report goes to a client who reads French; ids stay in the JSON for tools, and every
renderer takes its words from here so that the terminal, the CSV and the HTML agree.
"""

from __future__ import annotations

from cultureclient.errors import CultureclientError

RULES = {
    "employee_absent": "Collaborateur absent du message",
    "irritant_displacement": "Irritant déplacé sur les équipes",
}
SHORT_RULES = {
    "employee_absent": "collaborateur absent",
    "irritant_displacement": "irritant déplacé",
}
SEVERITIES = {"error": "critique", "warning": "alerte", "info": "information"}
STATUSES = {"ok": "lu", "empty": "vide", "error": "illisible"}
# The labels the detectors put on their evidence spans, as the report names them.
CUSTOMER_MENTION = "Mention des clients"
SPANS = {
    "client": (CUSTOMER_MENTION, "cue"),
    "obligation": ("Obligation faite aux équipes", "neg"),
    "simplification": ("Simplification pour le client", "cue"),
    "charge": ("Charge reportée sur les équipes", "neg"),
    "moyen": ("Moyen annoncé", "pos"),
}
FORMATS = {
    "txt": "texte",
    "md": "Markdown",
    "html": "HTML",
    "docx": "Word",
    "pdf": "PDF",
    "odt": "OpenDocument",
}


def rule(rule_id: str) -> str:
    """Return the French name of a rule, or its id when it has none."""
    return RULES.get(rule_id, rule_id)


def short_rule(rule_id: str) -> str:
    """Return the short French name of a rule, for narrow table cells."""
    return SHORT_RULES.get(rule_id, rule_id)


def read_error(fmt: str, exc: BaseException) -> str:
    """Say in French why a file could not be read, from the reader's error.

    The reader's own message (English, with the path) stays in the report as the detail; this
    is the line a client reads.
    """
    message = str(exc).lower()
    kind = FORMATS.get(fmt, fmt)
    if "corrupt or encrypted" in message:
        return f"fichier {kind} illisible (corrompu ou chiffré ?)"
    if "encrypted" in message or "password" in message or "crypt" in type(exc).__name__.lower():
        return f"fichier {kind} chiffré (protégé par mot de passe) : exportez-le sans mot de passe"
    if "unsupported document type" in message:
        return "type de fichier non pris en charge"
    if "decode" in message or "utf-8" in message:
        return "encodage du texte non reconnu"
    if isinstance(exc, CultureclientError):
        return f"fichier {kind} illisible (corrompu ou chiffré ?)"
    return f"fichier {kind} illisible ({type(exc).__name__})"


EMPTY = "fichier vide : aucun texte à analyser"
