"""Deprecated alias of :mod:`vnparty_ie.rules` (the rule labeler's old name).

``SilverLabeler`` is :class:`vnparty_ie.rules.RuleLabeler`; import from
:mod:`vnparty_ie.rules` instead. This alias will be removed in a later release.

Example:
    >>> import warnings
    >>> with warnings.catch_warnings():
    ...     warnings.simplefilter("ignore")
    ...     from vnparty_ie.silver import SilverLabeler
    >>> [e.label for e in SilverLabeler().label("Bí thư Thành ủy Hà Nội").entities]
    ['POSITION', 'ORG']
"""

import warnings

from ..rules import Candidate, view_of
from ..rules import RuleLabeler as SilverLabeler

warnings.warn(
    "vnparty_ie.silver is deprecated; use vnparty_ie.rules (SilverLabeler is now RuleLabeler)",
    DeprecationWarning,
    stacklevel=2,
)

__all__ = ["Candidate", "SilverLabeler", "view_of"]
