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
# (Nämndmål) is broken down into unit goals (Enhetsmål) in different plans.
#
# The council renumbers its goals between mandate periods, so a code names a goal only within
# its period: `kf_goals` is the catalog of KF goals keyed by code and period, with the
# wording the plans use, and `kf_coverage` counts each plan's goals under each of them. Each
# plan counts once (its preferred copy). Nämndmål are linked across plans by their wording,
# edited wording included (`goal_groups`, thresholds in `rules/linking.toml`).
#
# Reads `$PLANS_PARSED` (default `data/parsed`, made from the bundled samples if missing).

# %%
import textwrap

import matplotlib.pyplot as plt
import numpy as np

import pipeline
from plans_dev.notebooks import parsed_dir_for_notebooks

plt.rcParams.update({"font.size": 10, "legend.fontsize": 9, "axes.titlesize": 11})
parsed = parsed_dir_for_notebooks()
con = pipeline.connect(parsed)


def code_order(code: str) -> tuple:
    return tuple(int(p) if p.isdigit() else 0 for p in code.split("."))


# %% [markdown]
# ## The KF goals the plans cite
#
# One row per code and mandate period. `wordings` above 1: the plans word the goal
# differently (an edit, or a damaged scan); `title_as_previous_period` false: the code was
# given to another goal in this period.

# %%
catalog = con.sql(
    """
    SELECT code, period_start || '–' || period_end AS period, title, level, plans,
           first_year, last_year, wordings, title_as_previous_period
    FROM kf_goals
    """
).df()
catalog = catalog.sort_values(["period", "code"], key=lambda s: s.map(code_order) if s.name == "code" else s)
catalog

# %% [markdown]
# ## Goals of the units under each KF goal for the area of activity
#
# A cell counts a plan's Enhetsmål under the KF goal (a dot: the plan has only a Nämndmål
# there). Rows are KF goals with their wording, columns the plans.

# %%
coverage = con.sql(
    """
    SELECT kf_catalog_id, kf_goal_code, kf_goal_title, period_start, period_end,
           unit || ' ' || plan_year AS plan, plan_year, namndmal, enhetsmal
    FROM kf_coverage
    WHERE kf_goal_level = 'kf_verksamhetsomradesmal'
    """
).df()
assert len(coverage), "no goals under a KF goal in this folder"
goals = (
    coverage[["kf_catalog_id", "kf_goal_code", "kf_goal_title", "period_start", "period_end"]]
    .drop_duplicates("kf_catalog_id")
    .sort_values(
        ["kf_goal_code", "period_start"], key=lambda s: s.map(code_order) if s.name == "kf_goal_code" else s
    )
)
periods = coverage.period_start.nunique()
labels = [
    f"{g.kf_goal_code}{f' ({g.period_start}–{str(g.period_end)[2:]})' if periods > 1 else ''}  "
    + textwrap.shorten(g.kf_goal_title, 60, placeholder="…")
    for g in goals.itertuples()
]
plans = sorted(coverage.plan.unique(), key=lambda p: (coverage[coverage.plan == p].plan_year.iloc[0], p))
matrix = coverage.pivot_table(index="kf_catalog_id", columns="plan", values="enhetsmal", aggfunc="sum")
matrix = matrix.reindex(index=goals.kf_catalog_id, columns=plans)
present = coverage.pivot_table(index="kf_catalog_id", columns="plan", values="namndmal", aggfunc="sum")
present = present.reindex(index=goals.kf_catalog_id, columns=plans).fillna(0)

fig, ax = plt.subplots(figsize=(5.5 + 0.75 * len(plans), 1.6 + 0.38 * len(goals)))
values = matrix.fillna(0).values
image = ax.imshow(
    np.ma.masked_equal(values, 0), cmap="Blues", aspect="auto", vmin=0, vmax=max(values.max(), 1)
)
for (i, j), value in np.ndenumerate(values):
    if value:
        ax.text(
            j,
            i,
            int(value),
            ha="center",
            va="center",
            fontsize=9,
            color="white" if value > values.max() / 2 else "black",
        )
    elif present.values[i, j]:
        ax.scatter(j, i, s=18, color="0.45")
ax.set_xticks(range(len(plans)), plans, rotation=35, ha="right")
ax.set_yticks(range(len(labels)), labels)
ax.set_xticks(np.arange(-0.5, len(plans)), minor=True)
ax.set_yticks(np.arange(-0.5, len(labels)), minor=True)
ax.grid(which="minor", color="0.85")
ax.tick_params(which="minor", length=0)
ax.set_title(
    "Enhetsmål under each KF goal for the area of activity\n(grey dot: a Nämndmål there, no Enhetsmål)"
)
fig.tight_layout()
plt.show()

# %% [markdown]
# The KF goals addressed by the most units:

# %%
con.sql(
    """
    SELECT kf_goal_code AS code, kf_goal_title AS kf_goal, period_start || '–' || period_end AS period,
           count(DISTINCT plan_id) AS plans, count(DISTINCT unit) AS units, sum(enhetsmal) AS enhetsmal
    FROM kf_coverage
    WHERE kf_goal_level = 'kf_verksamhetsomradesmal'
    GROUP BY ALL
    ORDER BY units DESC, plans DESC, code
    LIMIT 10
    """
).df()

# %% [markdown]
# ## One committee goal, broken down by each unit
#
# The Nämndmål group found in the most plans, and the unit goals written under it (a plan
# with the Nämndmål but no Enhetsmål under it shows an empty `enhetsmal`).

# %%
groups = con.sql(
    """
    SELECT g.group_id, any_value(g.group_title) AS committee_goal,
           count(DISTINCT d.plan_id) AS plans, count(DISTINCT g.goal_key) AS wordings
    FROM goal_groups g JOIN documents d USING (doc_id)
    WHERE g.level = 'namndmal'
    GROUP BY g.group_id ORDER BY plans DESC, g.group_id
    """
).df()
groups.head(10)

# %%
top = groups.group_id.iloc[0]
breakdown = con.execute(
    """
    SELECT n.unit, n.plan_year, n.title AS namndmal_as_written, e.title AS enhetsmal
    FROM goal_groups g
    JOIN goal_paths n ON n.goal_id = g.goal_id
    LEFT JOIN goal_paths e ON e.namndmal_goal_id = g.goal_id AND e.level = 'enhetsmal'
    WHERE g.group_id = ?
    ORDER BY n.unit, n.plan_year, e.ordinal
    """,
    [top],
).df()
assert breakdown.unit.notna().all()  # unit and year from the Nämndmål's side of the LEFT JOIN
print(groups.committee_goal.iloc[0])
breakdown.fillna({"enhetsmal": "(no Enhetsmål under it)"})

# %% [markdown]
# Nämndmål whose wording changed between plans (linked by the fuzzy rule), with the scores:

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
