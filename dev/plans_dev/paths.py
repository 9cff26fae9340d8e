"""Where the development tools find the checkout they measure.

They run from a source checkout (``scripts/install --dev`` installs them editable), so the
repository root is known from this file; the shared material sits beside the checkout.
"""

from __future__ import annotations

from pathlib import Path

#: The repository root (this file is ``dev/plans_dev/paths.py``).
ROOT = Path(__file__).resolve().parents[2]
#: ../shared beside the project checkout: the real corpus the measurements run on.
SHARED = ROOT.parent / "shared"
#: The bundled synthetic samples (``python -m plans_dev.synth --samples``) and their gold.
SAMPLES_DIR = ROOT / "data" / "raw"
SAMPLE_GOLD_DIR = ROOT / "tests" / "fixtures" / "synth_gold"
