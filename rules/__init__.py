"""The rules the pipeline reads: vocabulary, patterns and templates, as data files.

Not code: this file only makes ``rules/`` installable as the data package
``pipeline.rules_data`` (see ``pyproject.toml``), so that every install carries the rules.
"""
