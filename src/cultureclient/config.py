"""``.cultureclient.yaml`` / ``[tool.cultureclient]``: found upward from each file, validated.

The nearest folder with a configuration wins; in one folder ``.cultureclient.yaml`` wins over
``pyproject.toml``. Command-line options override the file. Unknown keys and unknown rule ids are
errors that name the file, so a typo never silently turns a rule off.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cultureclient.errors import ConfigError
from cultureclient.rules import BY_ID
from cultureclient.types import Kind, Severity

FILE_NAME = ".cultureclient.yaml"
Setting = Literal["off", "error", "warning", "info"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EmployeeAbsentOptions(_Strict):
    """Threshold of the employee_absent detector."""

    min_customer_mentions: int = Field(default=4, ge=1)


class IrritantOptions(_Strict):
    """Window of the irritant_displacement detector, in sentences."""

    window: int = Field(default=8, ge=0)


class DetectorOptions(_Strict):
    """Options of the detectors."""

    employee_absent: EmployeeAbsentOptions = EmployeeAbsentOptions()
    irritant_displacement: IrritantOptions = IrritantOptions()


class Config(_Strict):
    """What a configuration file may say; every key is optional."""

    kind: Kind | None = None
    fail_on: Severity | None = None
    lexicons: list[str] = Field(default_factory=list)
    rules: dict[str, Setting] = Field(default_factory=dict)
    options: DetectorOptions = DetectorOptions()
    source: str | None = Field(default=None, exclude=True)

    def lexicon_paths(self) -> list[str]:
        """Return the lexicon paths, relative ones taken from the configuration's folder."""
        base = Path(self.source).parent if self.source else Path.cwd()
        return [str((base / p).resolve()) for p in self.lexicons]


def _validated(data: object, source: str) -> Config:
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: the configuration must be a mapping of keys")
    rules = data.get("rules")
    if isinstance(rules, dict):  # YAML reads a bare `off` as false
        data = {**data, "rules": {k: "off" if v is False else v for k, v in rules.items()}}
    try:
        config = Config.model_validate({**data, "source": source})
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise ConfigError(f"{source}: {where}: {err['msg']}") from exc
    unknown = sorted(set(config.rules) - set(BY_ID))
    if unknown:
        raise ConfigError(
            f"{source}: unknown rule(s) {', '.join(unknown)}; rules are: {', '.join(BY_ID)}"
        )
    return config


def load_file(path: Path) -> Config:
    """Load a ``.cultureclient.yaml`` file or the ``[tool.cultureclient]`` of a pyproject."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror}") from exc
    if path.name == "pyproject.toml":
        try:
            data = tomllib.loads(text).get("tool", {}).get("cultureclient")
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML: {exc}") from exc
        return _validated(data, f"{path} [tool.cultureclient]")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{line}: malformed YAML: {getattr(exc, 'problem', exc)}") from exc
    return _validated(data, str(path))


def _has_tool_section(path: Path) -> bool:
    try:
        return "cultureclient" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, tomllib.TOMLDecodeError):
        return False


@lru_cache(maxsize=256)
def discover(folder: Path) -> Config:
    """Return the configuration that applies in ``folder``: the nearest one upward, or defaults."""
    for candidate in [folder, *folder.parents]:
        yaml_file = candidate / FILE_NAME
        if yaml_file.is_file():
            return load_file(yaml_file)
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _has_tool_section(pyproject):
            return load_file(pyproject)
    return Config()


def for_file(path: str | Path, explicit: Path | None = None) -> Config:
    """Return the configuration of one checked file (``explicit`` skips discovery)."""
    if explicit is not None:
        return load_file(explicit)
    folder = Path.cwd() if str(path) == "-" else Path(path).resolve().parent
    return discover(folder)
