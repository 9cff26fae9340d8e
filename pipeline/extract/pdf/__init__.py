"""PDFs: the document opened (``document``), its text layer as positioned words
(``text_layer``, with ``geometry``, ``objects`` and the drawn ``rulings``), and the reader
that chooses per page between the text layer and OCR (``reader``)."""
