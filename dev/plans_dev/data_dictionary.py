"""Write ``docs/data_dictionary.md`` from the schemas: ``python -m plans_dev.data_dictionary``
(``--check``: exit 1 if the file is not what the schemas say; the tests run that)."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from pipeline.export.dictionary import dictionary_markdown
from pipeline.export.write import dictionary_columns
from pipeline.store.writer import write_snapshot
from plans_dev.paths import ROOT

DOC = ROOT / "docs" / "data_dictionary.md"


def render() -> str:
    """The dictionary of every table and view, read off an empty output of this code."""
    with tempfile.TemporaryDirectory() as tmp:
        write_snapshot(Path(tmp), {}, {"parser_version": "dictionary"})
        return dictionary_markdown(dictionary_columns(tmp))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check that the file is up to date")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
        if current != text:
            print(f"{DOC} is out of date: run python -m plans_dev.data_dictionary", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(DOC)
    return 0


if __name__ == "__main__":
    sys.exit(main())
