"""Swedish: the lexicon, folded and skeleton forms of words, the OCR damage measure, mojibake.
Shared by extract, repair and link, which must agree on what a Swedish word is and what OCR
does to it.

- ``fold``: comparable forms of words and wordings (one module for every fold and skeleton);
- ``lexicon``: is a word Swedish, how frequent, what may a damaged word be;
- ``damage``: is a text damaged by OCR that lost å/ä/ö;
- ``mojibake``: UTF-8 read as cp1252/latin-1, undone.

The OCR stand-in characters are data: ``rules/ocr_confusions.toml``, section ``[stand_ins]``.
"""
