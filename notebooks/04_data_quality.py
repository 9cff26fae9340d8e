# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Data quality: repairs and problems per document
#
# How much the repair stage changed in each plan (OCR words, mojibake, characters), how
# damaged the plan was before repair (`damage_score`, 0 clean … 1 OCR lost å/ä/ö), and the
# problems ingest reported, including files that could not be read at all.
#
# Reads `$PLANS_PARSED` (default `data/parsed`, made from the bundled samples if missing).

# %%
import matplotlib.pyplot as plt

import pipeline
from plans_dev.notebooks import parsed_dir_for_notebooks

parsed = parsed_dir_for_notebooks()
con = pipeline.connect(parsed)

# %% [markdown]
# ## Per document

# %%
quality = con.sql(
    """
    SELECT coalesce(unit, '?') || ' ' || coalesce(CAST(plan_year AS VARCHAR), '?') AS plan,
           extraction, damage_score, goals, indicators, activities, repairs, errors, warnings
    FROM document_quality
    ORDER BY damage_score DESC, plan
    """
).df()
assert len(quality), "no documents in this folder"
quality

# %% [markdown]
# ## Repairs by rule

# %%
repairs = con.sql(
    """
    SELECT coalesce(d.unit, '?') || ' ' || coalesce(CAST(d.plan_year AS VARCHAR), '?') AS plan,
           r.rule, count(*) AS n
    FROM repairs r JOIN documents d USING (doc_id)
    GROUP BY ALL
    """
).df()
by_rule = repairs.pivot_table(index="plan", columns="rule", values="n", aggfunc="sum", fill_value=0)
by_rule = by_rule.reindex(quality.plan, fill_value=0)
by_rule

# %%
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 0.8 + 0.4 * len(quality)), sharey=True)
bottom = None
for rule in by_rule.columns:
    left.barh(by_rule.index, by_rule[rule], left=bottom, label=rule)
    bottom = by_rule[rule] if bottom is None else bottom + by_rule[rule]
if len(by_rule.columns):
    left.legend(fontsize=7)
else:
    left.text(0.5, 0.5, "no repairs", transform=left.transAxes, ha="center")
left.set_xscale("symlog")
left.set_title("repairs (log scale)")
right.barh(quality.plan, quality.errors, color="tab:red", label="errors")
right.barh(quality.plan, quality.warnings, left=quality.errors, color="tab:orange", label="warnings")
right.set_title("problems")
if (quality.errors + quality.warnings).sum():
    right.legend(fontsize=7)
else:
    right.set_xlim(0, 1)
    right.text(0.5, 0.5, "no problems", transform=right.transAxes, ha="center")
left.tick_params(axis="y", labelsize=7)
fig.tight_layout()
plt.show()

# %% [markdown]
# ## What was repaired most often

# %%
con.sql(
    """
    SELECT original, replacement, rule, count(*) AS n, count(DISTINCT doc_id) AS plans
    FROM repairs GROUP BY ALL ORDER BY n DESC, original LIMIT 15
    """
).df()

# %% [markdown]
# ## Problems, with the files that could not be read

# %%
con.sql(
    """
    SELECT severity, stage, code, count(*) AS n, any_value(message) AS example
    FROM problems GROUP BY ALL ORDER BY severity, n DESC
    """
).df()
