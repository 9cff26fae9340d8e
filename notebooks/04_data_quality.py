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
# # Data quality: copies, damage, repairs and problems
#
# Which documents hold the same plan and which copy is read, how damaged each plan's text was
# before repair (`damage_score`, 0 clean … 1 OCR lost å/ä/ö), what the repair stage changed
# (OCR words, mojibake, characters), and the problems ingest reported, including files that
# could not be read at all.
#
# Reads `$PLANS_PARSED` (default `data/parsed`, made from the bundled samples if missing).

# %%
import matplotlib.pyplot as plt

import pipeline
from plans_dev.notebooks import parsed_dir_for_notebooks

plt.rcParams.update({"font.size": 10, "legend.fontsize": 9, "axes.titlesize": 10})
parsed = parsed_dir_for_notebooks()
con = pipeline.connect(parsed)
# One colour per repair rule, the same in every run of this notebook.
RULE_COLOURS = {
    "ocr_word": "tab:blue",
    "ocr_year_span": "tab:cyan",
    "mojibake_ftfy": "tab:orange",
    "mojibake_redecode": "tab:red",
    "character_map": "tab:purple",
    "unicode_nfc": "tab:gray",
}

# %% [markdown]
# ## Plans and their copies
#
# A plan held in several documents (a text export and a PDF, a re-scan, a draft) is counted
# once, from its preferred copy (`rules/plans.toml`: not a draft, then the richest reading,
# then the least damage). The copies, where there are any:

# %%
copies = con.sql(
    """
    SELECT d.unit, d.plan_year, d.copy_rank, d.preferred, d.draft, d.extraction,
           round(d.damage_score, 3) AS damage_score, q.goals, q.indicators, d.source_path
    FROM documents_all d
    JOIN plans p USING (plan_id)
    LEFT JOIN (SELECT doc_id, count(*) AS goals FROM goals_all GROUP BY doc_id) g USING (doc_id)
    LEFT JOIN (SELECT doc_id, count(*) AS indicators FROM indicators_all GROUP BY doc_id) i USING (doc_id),
    LATERAL (SELECT coalesce(g.goals, 0) AS goals, coalesce(i.indicators, 0) AS indicators) q
    WHERE p.copies > 1
    ORDER BY d.unit, d.plan_year, d.copy_rank
    """
).df()
n_plans = copies.groupby(["unit", "plan_year"]).ngroups
print(f"{len(copies)} documents hold {n_plans} plans with more than one copy")
copies

# %% [markdown]
# ## Per plan (its preferred copy)

# %%
quality = con.sql(
    """
    SELECT coalesce(q.unit, '?') || ' ' || coalesce(CAST(q.plan_year AS VARCHAR), '?') AS plan,
           q.extraction, q.damage_score, q.goals, q.indicators, q.activities, q.repairs, q.errors,
           q.warnings, p.copies
    FROM document_quality q JOIN plans p USING (plan_id)
    ORDER BY q.damage_score DESC, plan
    """
).df()
assert len(quality), "no documents in this folder"
quality

# %% [markdown]
# What was read from each plan: a plan with far fewer goals or rows than its neighbours is
# worth opening (`plans report` shows it as read).

# %%
counts = ["goals", "indicators", "activities"]
fig, axes = plt.subplots(1, 3, figsize=(11, 1.2 + 0.42 * len(quality)), sharey=True)
for ax, column, colour in zip(axes, counts, ["tab:blue", "tab:orange", "tab:green"], strict=True):
    ax.barh(quality.plan, quality[column], color=colour)
    for y, value in enumerate(quality[column]):
        ax.text(value, y, f" {value}", va="center", fontsize=9)
    ax.set_title(column)
    ax.set_xlim(0, max(quality[column].max(), 1) * 1.2)
    ax.set_xticks([])
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
axes[0].invert_yaxis()
fig.tight_layout()
plt.show()

# %% [markdown]
# Damage before repair (left) and the words the repair stage changed, by rule (right), drawn
# when some plan was damaged or repaired. Plans without repairs have no bar on the right.

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
rules = [r for r in RULE_COLOURS if r in by_rule.columns] + [
    r for r in by_rule.columns if r not in RULE_COLOURS
]

if not (quality.damage_score.fillna(0).any() or rules):
    print("no plan was damaged and nothing was repaired")
else:
    fig, (left, right) = plt.subplots(
        1, 2, figsize=(11, 1.2 + 0.45 * len(quality)), sharey=True, gridspec_kw={"width_ratios": [1, 1.6]}
    )
    left.barh(quality.plan, quality.damage_score, color="0.35")
    left.set_xlim(0, max(1.0, quality.damage_score.max()) * 1.15)
    left.set_xlabel("damage score (0 clean … 1 OCR lost å/ä/ö)")
    left.set_title("damage before repair")
    left.invert_yaxis()
    bottom = None
    for rule in rules:
        right.barh(by_rule.index, by_rule[rule], left=bottom, label=rule, color=RULE_COLOURS.get(rule))
        bottom = by_rule[rule] if bottom is None else bottom + by_rule[rule]
    for y, (value, total) in enumerate(zip(quality.damage_score.fillna(0), by_rule.sum(axis=1), strict=True)):
        left.text(value, y, f" {value:.2f}", va="center", fontsize=9)
        right.text(total, y, f" {int(total)}", va="center", fontsize=9)
    right.set_xlim(0, max(by_rule.sum(axis=1).max(), 1) * 1.15)
    right.set_title("repairs by rule")
    right.set_xlabel("words changed")
    if rules:
        right.legend(loc="lower right")
    else:
        right.text(0.5, 0.5, "no repairs in any plan", transform=right.transAxes, ha="center", va="center")
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
#
# Every file of the archive, copies included (`plans problems --parsed DIR` lists them newest
# first).

# %%
problems = con.sql(
    """
    SELECT severity, stage, code, count(*) AS n, any_value(message) AS example
    FROM problems GROUP BY ALL ORDER BY severity, n DESC
    """
).df()
print("no problems" if problems.empty else f"{problems.n.sum()} problems")
problems
