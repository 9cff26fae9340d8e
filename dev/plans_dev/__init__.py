"""Development and evaluation tools of the plan pipeline: synthetic plans, test sets, measures.

Kept out of the installed ``pipeline`` package so that a user's install carries neither the
generators (and reportlab) nor the measurements against ``../shared``; ``pipeline`` never
imports this package.
"""
