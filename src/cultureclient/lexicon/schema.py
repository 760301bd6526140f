"""The lexicon YAML schema: strict, so that a typo in a key is an error, not a silent no-op.

A theme file holds one ``Theme``; see ``lexicons/README.md`` for the format, written for
lexicon authors.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from cultureclient.types import Kind, Pole

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def _snake_case(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"id {value!r} must be snake_case (a-z, 0-9, _)")
    return value


SnakeId = Annotated[str, AfterValidator(_snake_case)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PoleSpec(_Strict):
    """What one pole of a theme means, in French."""

    label: str = Field(min_length=1)


class Entry(_Strict):
    """One way a theme shows in text: a lemma phrase (with variants) or a token pattern."""

    id: SnakeId
    pole: Pole
    phrase: str | None = None
    variants: list[str] = Field(default_factory=list)
    pattern: list[dict[str, Any]] | None = None
    negation: Literal["void", "flip", "keep"] = "void"
    weight: float = Field(default=1.0, gt=0, le=5)
    kinds: list[Kind] | None = None
    agent: Literal["any", "company", "customer"] = "any"
    match: list[str] = Field(min_length=1)
    no_match: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_form(self) -> Entry:
        if (self.phrase is None) == (self.pattern is None):
            raise ValueError("an entry needs exactly one of 'phrase' or 'pattern'")
        if self.variants and self.phrase is None:
            raise ValueError("'variants' go with 'phrase', not with 'pattern'")
        if self.pattern is not None and not self.pattern:
            raise ValueError("'pattern' must list at least one token")
        for text in [self.phrase or "", *self.variants]:
            if self.phrase is not None and not text.replace("*", "").strip():
                raise ValueError("a phrase or variant must contain a word")
        return self

    def phrases(self) -> list[str]:
        """Return the phrase and its variants, the texts compiled into token sequences."""
        return [self.phrase, *self.variants] if self.phrase is not None else []


class Theme(_Strict):
    """A theme: its meaning, the kinds of text it applies to, its poles and entries."""

    id: SnakeId
    label: str = Field(min_length=1)
    description: str = Field(min_length=1)
    role: Literal["theme", "cue"] = "theme"
    seeds: list[str] = Field(default_factory=list)
    kinds: list[Kind] = Field(min_length=1)
    poles: dict[Pole, PoleSpec] = Field(min_length=1)
    no_match: list[str] = Field(default_factory=list)
    entries: list[Entry] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Theme:
        seen: set[str] = set()
        for entry in self.entries:
            if entry.id in seen:
                raise ValueError(f"duplicate entry id {entry.id!r}")
            seen.add(entry.id)
            if entry.pole not in self.poles:
                raise ValueError(
                    f"entry {entry.id!r} has pole {entry.pole!r}, not a pole of the theme"
                )
            if entry.kinds and not set(entry.kinds) <= set(self.kinds):
                raise ValueError(f"entry {entry.id!r} names kinds the theme does not apply to")
        return self

    def entry(self, entry_id: str) -> Entry:
        """Return the entry with this id."""
        return next(e for e in self.entries if e.id == entry_id)

    def entry_kinds(self, entry: Entry) -> list[Kind]:
        """Return the kinds an entry applies to (its own, else the theme's)."""
        return list(entry.kinds or self.kinds)
