"""Positioned words of PDF pages (text layer or OCR) to lines: ``lines`` groups words into
text lines, ``furniture`` leaves out page headers and footers, ``grid`` and ``tables`` read
table rows cell by cell, ``document`` puts a document's pages together."""
