"""The order in which a consultant should read the documents: what needs attention first.

The order, from the first key to the last:

1. documents that were read come before files that could not be (those close the list, by path);
2. findings by severity: more errors first, then more warnings, then more information findings;
3. the customer : employee balance: the smaller the employees' share of the people named,
   the earlier (a document that names nobody comes after every document that names someone);
4. the share of incantations in promise_vs_proof: the larger, the earlier;
5. the path, so that the order is stable.

The attention level sums this up in words: ``prioritaire`` (an error or a warning finding),
``à surveiller`` (an information finding, customers named at least ``MIN_CUSTOMERS`` times with
employees below ``LOW_EMPLOYEE_SHARE`` of the mentions, or incantations above ``HIGH_INCANTATION``
of promise_vs_proof with at least two of them), ``sans alerte`` otherwise, ``non lu`` for a file
that could not be audited.
"""

from __future__ import annotations

from cultureclient.audit.records import DocumentProfile

MIN_CUSTOMERS = 4
LOW_EMPLOYEE_SHARE = 0.2
HIGH_INCANTATION = 0.5
NOBODY_NAMED = 2.0  # sorts after any share, which is at most 1

# The order above, as the reports state it to their French readers.
ORDER = (
    "Ordre du classement : d'abord les constats, par gravité (alertes, puis informations) ; "
    "puis l'équilibre clients : collaborateurs (la plus faible part de collaborateurs nommés "
    "d'abord) ; puis la part d'incantations dans les promesses (la plus forte d'abord). "
    "Les fichiers illisibles ou vides ferment la liste."
)

PRIORITY, WATCH, CLEAR, UNREAD = "prioritaire", "à surveiller", "sans alerte", "non lu"


def rank_key(profile: DocumentProfile) -> tuple[object, ...]:
    """Return the sort key of the documented order (smaller comes first)."""
    severities = profile.severities()
    share = profile.employee_share
    incantations = profile.incantation_share
    return (
        profile.status != "ok",
        -severities["error"],
        -severities["warning"],
        -severities["info"],
        NOBODY_NAMED if share is None else share,
        -(incantations or 0.0),
        profile.path,
    )


def attention(profile: DocumentProfile) -> str:
    """Return the attention level of a profile, in French."""
    if profile.status != "ok":
        return UNREAD
    severities = profile.severities()
    if severities["error"] or severities["warning"]:
        return PRIORITY
    share = profile.employee_share
    lopsided = (
        profile.customers >= MIN_CUSTOMERS and share is not None and share < LOW_EMPLOYEE_SHARE
    )
    incantations = profile.incantation_share
    hollow = (
        incantations is not None and incantations > HIGH_INCANTATION and profile.incantations >= 2
    )
    if severities["info"] or lopsided or hollow:
        return WATCH
    return CLEAR


def rank(profiles: list[DocumentProfile]) -> list[DocumentProfile]:
    """Sort the profiles in the documented order and number the readable ones from 1."""
    ordered = sorted(profiles, key=rank_key)
    for number, profile in enumerate(ordered, 1):
        profile.rank = number if profile.status == "ok" else None
        profile.attention = attention(profile)
    return ordered
