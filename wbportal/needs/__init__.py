"""Companies' training needs: the typed `Need`, the per-company store, matching needs to offers
with explanations, the office's demand views and the digest mails of new matches."""
from .model import Need
from .store import NeedStore

__all__ = ["Need", "NeedStore"]
