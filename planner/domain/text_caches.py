"""Bounded caches of functions of a text, in one register so that they can all be emptied at once.

Reading a notice looks at each paragraph several times (its number, its offices, its
figures) and names the same few offices on hundreds of tasks, so the pure functions
doing that keep their recent answers. A benchmark that times a first reading empties
them first (`clear_text_caches`), else it would time the answers it kept.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

_Function = TypeVar("_Function", bound=Callable[..., Any])
_caches: list[Any] = []  # functools' cache wrappers, which have no public type


def text_cache(maxsize: int) -> Callable[[_Function], _Function]:
    """`functools.lru_cache(maxsize)`, registered so that `clear_text_caches` empties it; for pure functions."""

    def decorate(function: _Function) -> _Function:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        _caches.append(cached)
        return cast(_Function, cached)

    return decorate


def clear_text_caches() -> None:
    """Forget every answer the registered caches hold."""
    for cached in _caches:
        cached.cache_clear()
