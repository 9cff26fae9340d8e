"""Documents that carry their own structure (Word, OpenDocument, HTML, legacy Word/RTF
through LibreOffice): paragraphs, headings and table cells read as written, not guessed."""
