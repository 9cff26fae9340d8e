"""How files are read: one frozen, validated options object from the command line to the
reader (``ingest --ocr`` -> ``pipeline.ingestion`` -> ``extract``).

It is part of a result's settings key (``settings_key``), so two runs with equal options
reuse each other's results, and it travels to pool and Dask workers, so it stays small
and picklable.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.extract.ocr.engines import DEFAULT_ENGINE, ENGINES

#: The engine results were read with before keys named engines: its keys name none.
LEGACY_ENGINE = "tesseract"
#: When PDF pages are read with OCR.
OCR_MODES = ("auto", "never", "always")


@dataclass(frozen=True)
class ExtractOptions:
    """How ``extract`` reads a file.

    ``ocr``: when PDF pages are read with OCR. ``"auto"`` (default): pages without a text
    layer, and pages whose text layer is OCR damage when the fresh reading is better;
    ``"never"``: the text layer only (a damaged one is kept for the repair stage);
    ``"always"``: every page.

    ``ocr_engine``: the OCR engine's name in ``pipeline.extract.ocr.engines.ENGINES``
    (default ``DEFAULT_ENGINE``: ``"tesserocr"``, Tesseract in-process, where the binding is
    installed, else ``"tesseract"``, the command line).

    ``time_limit``: seconds a PDF may take in all before its OCR is stopped (``None``: no
    limit; default 600).
    """

    ocr: str = "auto"
    ocr_engine: str = DEFAULT_ENGINE
    time_limit: float | None = 600.0

    def __post_init__(self) -> None:
        if self.ocr not in OCR_MODES:
            raise ValueError(f"ocr must be one of {', '.join(OCR_MODES)}, not {self.ocr!r}")
        if self.ocr_engine not in ENGINES:
            raise ValueError(
                f"ocr_engine must be one of {', '.join(sorted(ENGINES))}, not {self.ocr_engine!r}"
            )
        if self.time_limit is not None and not self.time_limit > 0:
            raise ValueError(
                f"time_limit must be a positive number of seconds or None, not {self.time_limit!r}"
            )

    def settings_key(self) -> str:
        """What of these options a PDF's result depends on, as text: ``"ocr=auto"``, with the
        engine named when it is not the command line (``LEGACY_ENGINE``, the engine of the runs
        before engines were named, so their keys stay valid). The key never depends on which
        engine is the default on this machine: a result read by the CLI is not taken for
        one read by the binding."""
        key = f"ocr={self.ocr}"
        return key if self.ocr_engine == LEGACY_ENGINE else f"{key},ocr_engine={self.ocr_engine}"
