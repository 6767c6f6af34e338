"""Whether a post is held now: ``former``, ``late``, ``new`` or ``acting``, from the words around the POSITION.

The guidelines keep "nguyên", "cựu", "tân", "cố", "từng là" outside the
POSITION and "Quyền" (acting) inside it; the ``position`` link is drawn for
posts held now and before alike. :func:`post_status` reads those words back, so
that a table of posts can tell a former holder from the current one. The words
are data (``data/records/posts_vi.yaml``); ``None`` means current or not said.

Example:
    >>> from vnparty_ie.types import make_entity
    >>> t = "Ông A, nguyên Chủ tịch UBND tỉnh; Quyền Giám đốc Sở B; tân Bí thư C"
    >>> [post_status(t, make_entity(t, s, e, "POSITION")) for s, e in ((14, 22), (34, 49), (59, 65))]
    ['former', 'acting', 'new']
"""

from __future__ import annotations

from functools import cache

from ..types import Entity
from ._data import clean, load

__all__ = ["post_status"]

#: Words looked at before the POSITION.
_WINDOW = 6


@cache
def _tables() -> tuple[dict[tuple[str, ...], str], dict[str, str]]:
    data = load("posts_vi.yaml")
    before = {tuple(str(k).split()): str(v) for k, v in data["status_before"].items()}
    return before, {str(k): str(v) for k, v in data["status_inside"].items()}


def post_status(text: str, position: Entity) -> str | None:
    """The status a POSITION's context gives it, or ``None`` (current or not said).

    Args:
        text: The document text the entity's offsets point into.
        position: The POSITION entity.
    """
    before, inside = _tables()
    first = clean(position.text).split()[:1]
    if first and first[0] in inside:
        return inside[first[0]]
    words = clean(text[max(0, position.start - 60) : position.start]).replace(",", " ").split()[-_WINDOW:]
    # the longest listed phrase that ends right before the post
    return next((before[k] for n in range(len(words), 0, -1) if (k := tuple(words[-n:])) in before), None)
