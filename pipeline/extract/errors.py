"""The one error type of the extract stage.

Extraction failures are expected (archives hold images, empty exports, odd encodings), so
they carry a ``code`` that the runner turns into a ``problems`` row, and a human message
naming the file and the reason. The codes and what they mean are declared in
``pipeline.errors.Code`` (those whose stages include ``extract``).
"""

from __future__ import annotations

from pipeline.errors import Code, PlansError


class ExtractError(PlansError):
    """An input that the extract stage cannot turn into a ``SourceDocument``."""

    def __init__(self, code: Code, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __repr__(self) -> str:
        return f"ExtractError({str(self.code)!r}, {self.message!r})"
