"""Text exports (pdftotext, Word "save as text"): bytes decoded (``encoding``) and split into
lines (``reader``)."""
