"""Scanned pages: a page's picture (``page_image``) made straight (``deskew``), its table
lines found (``scan_rulings``), read by an OCR engine (``engine``, ``engines``: Tesseract's
command line by default) into positioned words (``pages``), with the misreadings fixed
that OCR makes on these plans (``overlap``, ``percent``), and the better of two readings
of a page chosen (``choice``)."""
