"""vnparty-ie: information extraction from Vietnamese party-building news.

Example:
    >>> import vnparty_ie
    >>> doc = vnparty_ie.extract("Bí thư Quận ủy Thanh Xuân Bùi Huyền Mai phát biểu.")  # doctest: +SKIP
    >>> [(e.label, e.text) for e in doc.entities]  # doctest: +SKIP
"""

__version__ = "0.1.0"

from .errors import (
    AlignmentError,
    AnnotationError,
    ConfigError,
    CorpusNotFoundError,
    ModelFormatError,
    ModelNotFoundError,
    SchemaError,
    VnPartyIEError,
)
from .extractor import Extractor, extract, extract_many, load
from .schema import DEFAULT_SCHEMA, ENTITY_LABELS, RELATION_LABELS, RELATION_TYPES, Schema
from .types import Entity, Extraction, Relation


def evaluate(extractor, docs, **kwargs):
    """Evaluate ``extractor`` on gold documents; see :func:`vnparty_ie.evaluation.evaluate`."""
    from .evaluation import evaluate as _evaluate

    return _evaluate(extractor, docs, **kwargs)


__all__ = [
    "DEFAULT_SCHEMA",
    "ENTITY_LABELS",
    "RELATION_LABELS",
    "RELATION_TYPES",
    "AlignmentError",
    "AnnotationError",
    "ConfigError",
    "CorpusNotFoundError",
    "Entity",
    "Extraction",
    "Extractor",
    "ModelFormatError",
    "ModelNotFoundError",
    "Relation",
    "Schema",
    "SchemaError",
    "VnPartyIEError",
    "__version__",
    "evaluate",
    "extract",
    "extract_many",
    "load",
]
