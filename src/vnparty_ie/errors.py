"""Typed errors of vnparty-ie.

Every error subclasses a built-in so callers can catch either the specific
class or the usual ``ValueError`` / ``FileNotFoundError`` / ``TypeError``.
Messages say what went wrong and how to fix it.
"""

from __future__ import annotations


class VnPartyIEError(Exception):
    """Base class of every error raised on purpose by vnparty-ie."""


class ModelNotFoundError(VnPartyIEError, FileNotFoundError):
    """No model directory could be found or loaded."""


class ModelFormatError(VnPartyIEError, ValueError):
    """A model directory exists but is incomplete or of an incompatible version."""


class SchemaError(VnPartyIEError, ValueError):
    """A label or relation is not part of the schema in use."""


class AnnotationError(VnPartyIEError, ValueError):
    """An annotation record is invalid.

    Attributes:
        line: 1-based line number in the file, when read from a file.
        field: The offending field, e.g. ``entities[3].end``.
        doc_id: The document id, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        line: int | None = None,
        field: str | None = None,
        doc_id: str | None = None,
        path: str | None = None,
    ) -> None:
        self.line = line
        self.field = field
        self.doc_id = doc_id
        self.path = path
        where = []
        if path is not None:
            where.append(str(path))
        if line is not None:
            where.append(f"line {line}")
        if doc_id is not None:
            where.append(f"doc {doc_id!r}")
        if field is not None:
            where.append(f"field {field}")
        prefix = (", ".join(where) + ": ") if where else ""
        super().__init__(prefix + message)
        self.message = message


class AlignmentError(VnPartyIEError, ValueError):
    """A span cannot be aligned with word (or subword) boundaries."""


class CorpusNotFoundError(VnPartyIEError, FileNotFoundError):
    """A corpus (e.g. vietnews) needed to resolve stand-off annotations is missing."""


class ConfigError(VnPartyIEError, ValueError):
    """A training or evaluation configuration is invalid."""


class FormatError(ConfigError):
    """A file's format is unknown, ambiguous, or not available in that direction."""


class InputError(VnPartyIEError, ValueError):
    """Unusable input data (a bad JSONL line, an undecodable file); the message names file and line."""
