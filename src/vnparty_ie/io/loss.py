"""What an export could not carry: :class:`ExportSummary` and :class:`ConversionLossWarning`.

Exporters to formats that cannot hold everything a JSONL document holds
(CoNLL, doccano sequence labelling, Hugging Face datasets …) return an
:class:`ExportSummary` and emit one :class:`ConversionLossWarning` naming the
losses, so nothing is dropped silently.

Example:
    >>> s = ExportSummary("conll", documents=2, written=5)
    >>> s.drop("relations", 3)
    >>> s.not_carried.append("exact spacing")
    >>> print(s.message())
    conll export of 2 documents cannot carry everything: relations: 3 dropped; exact spacing
    >>> ExportSummary("jsonl").lossless
    True
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

__all__ = ["ConversionLossWarning", "ExportSummary"]


class ConversionLossWarning(UserWarning):
    """An export dropped or changed information that its target format cannot carry."""


@dataclass
class ExportSummary:
    """What an export wrote and what it lost.

    Attributes:
        format: The target format.
        documents: Documents given to the exporter.
        written: Units written (sentences, records, files, rows).
        dropped: Counted losses, e.g. ``{"relations": 3, "misaligned entities": 1}``.
        not_carried: Properties the format never carries (``"exact spacing"`` …).
    """

    format: str
    documents: int = 0
    written: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    not_carried: list[str] = field(default_factory=list)

    def drop(self, what: str, n: int = 1) -> None:
        """Count ``n`` dropped items of kind ``what`` (``n == 0`` records nothing)."""
        if n:
            self.dropped[what] = self.dropped.get(what, 0) + n

    @property
    def lossless(self) -> bool:
        """Whether nothing was dropped or changed."""
        return not any(self.dropped.values()) and not self.not_carried

    def message(self) -> str:
        """One line listing the losses."""
        parts = [f"{what}: {n} dropped" for what, n in self.dropped.items() if n]
        parts += self.not_carried
        return f"{self.format} export of {self.documents} documents cannot carry everything: " + "; ".join(parts)

    def warn(self, stacklevel: int = 3) -> None:
        """Emit a :class:`ConversionLossWarning` unless the export was lossless."""
        if not self.lossless:
            warnings.warn(self.message(), ConversionLossWarning, stacklevel=stacklevel)
