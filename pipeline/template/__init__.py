"""What a plan's lines mean under the rules: the kind of a line (``lines``: heading, goal,
table header, text) and page furniture (``furniture``). Shared by the extract stage (layout
decisions) and the segment stage, so that both read a line the same way."""
