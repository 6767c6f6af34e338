"""Silver (weak) labels for party-building news: rules and gazetteers.

Example:
    >>> from vnparty_ie.silver import SilverLabeler
    >>> [e.label for e in SilverLabeler().label("Bí thư Thành ủy Hà Nội").entities]
    ['POSITION', 'ORG']
"""

from .labeler import Candidate, SilverLabeler

__all__ = ["Candidate", "SilverLabeler"]
