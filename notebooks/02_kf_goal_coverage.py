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
# # Coverage of the city council's (KF) goals by unit
#
# Which KF goals each unit addresses with goals of its own, and how one committee goal
# (Nämndmål) is broken down into unit goals (Enhetsmål) in different plans. KF goals are
# linked by their code (`goal_key` "kf:1.3"); Nämndmål by their wording, edited wording
# included (`goal_groups`, thresholds in `rules/linking.toml`).
#
# Reads `$PLANS_PARSED` (default `data/parsed`, made from the bundled samples if missing).

# %%
import matplotlib.pyplot as plt
import numpy as np

import pipeline
from plans_dev.notebooks import parsed_dir_for_notebooks

parsed = parsed_dir_for_notebooks()
con = pipeline.connect(parsed)

# %% [markdown]
# ## Goals of the units under each KF goal
#
# A KF goal for the area of activity (code "1.3") is addressed by a plan when the plan has a
# Nämndmål or Enhetsmål under it.

# %%
coverage = con.sql(
    """
    SELECT unit || ' ' || plan_year AS plan, kf_nearest_code AS kf_code,
           count(*) FILTER (WHERE level = 'namndmal') AS namndmal,
           count(*) FILTER (WHERE level = 'enhetsmal') AS enhetsmal
    FROM goal_paths
    WHERE level IN ('namndmal', 'enhetsmal') AND kf_nearest_code IS NOT NULL
    GROUP BY ALL
    ORDER BY plan, kf_code
    """
).df()
assert len(coverage), "no goals under a KF goal in this folder"
matrix = coverage.pivot_table(
    index="plan", columns="kf_code", values="enhetsmal", aggfunc="sum", fill_value=0
)
codes = sorted(matrix.columns, key=lambda c: tuple(int(p) for p in c.split(".")))
matrix = matrix[codes]
matrix

# %%
fig, ax = plt.subplots(figsize=(1.0 + 0.55 * len(codes), 1.2 + 0.45 * len(matrix)))
image = ax.imshow(matrix.values, cmap="Blues", aspect="auto")
ax.set_xticks(range(len(codes)), codes)
ax.set_yticks(range(len(matrix)), matrix.index, fontsize=8)
for (i, j), value in np.ndenumerate(matrix.values):
    if value:
        ax.text(j, i, int(value), ha="center", va="center", fontsize=8)
ax.set_xlabel("KF goal (code)")
ax.set_title("Enhetsmål under each KF goal")
fig.colorbar(image, ax=ax, shrink=0.8)
fig.tight_layout()
plt.show()

# %% [markdown]
# KF goals addressed by the most plans, with the council's wording:

# %%
con.sql(
    """
    SELECT g.goal_key, mode(g.title) AS kf_goal, count(DISTINCT g.doc_id) AS plans,
           count(DISTINCT p.unit) AS units
    FROM goals g JOIN goal_paths p USING (doc_id, goal_id)
    WHERE g.level = 'kf_verksamhetsomradesmal'
    GROUP BY g.goal_key
    ORDER BY plans DESC, g.goal_key
    """
).df()

# %% [markdown]
# ## One committee goal, broken down by each unit
#
# The Nämndmål group found in the most plans, and the unit goals written under it.

# %%
groups = con.sql(
    """
    SELECT group_id, any_value(group_title) AS committee_goal, count(DISTINCT doc_id) AS plans,
           count(DISTINCT goal_key) AS wordings
    FROM goal_groups WHERE level = 'namndmal'
    GROUP BY group_id ORDER BY plans DESC, group_id
    """
).df()
groups.head(10)

# %%
top = groups.group_id.iloc[0]
breakdown = con.execute(
    """
    SELECT p.unit, p.plan_year, n.title AS namndmal_as_written, p.title AS enhetsmal
    FROM goal_groups g
    JOIN goal_paths n ON n.doc_id = g.doc_id AND n.goal_id = g.goal_id
    LEFT JOIN goal_paths p ON p.doc_id = g.doc_id AND p.namndmal_goal_id = g.goal_id AND p.level = 'enhetsmal'
    WHERE g.group_id = ?
    ORDER BY p.unit, p.plan_year
    """,
    [top],
).df()
print(groups.committee_goal.iloc[0])
breakdown

# %% [markdown]
# Groups whose wording changed between plans (linked by the fuzzy rule), with the scores:

# %%
con.sql(
    """
    SELECT l.score, a.title AS wording_a, b.title AS wording_b
    FROM goal_links l
    JOIN (SELECT DISTINCT goal_key, title FROM goals) a ON a.goal_key = l.key_a
    JOIN (SELECT DISTINCT goal_key, title FROM goals) b ON b.goal_key = l.key_b
    ORDER BY l.score
    """
).df()
