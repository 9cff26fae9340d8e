"""Language layers: what the stages know about the language of the plans (``sv``)."""
