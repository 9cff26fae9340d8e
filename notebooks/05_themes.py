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
# # Themes of the units' goals, and finding plans by concept
#
# What the units aim at, by theme (climate, safety, staff and competence, digitalisation,
# health, participation, ...): the `goal_themes` table matches the vocabulary of
# `rules/themes.toml` on lemmas, so "tryggheten" and "trygg" count for safety and
# "klimatsmarta" for climate. A goal has a theme when its title, sections, indicators or
# activities use one of the theme's words.
#
# Reads `$PLANS_PARSED` (default `data/parsed`, made from the bundled samples if missing).

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

import pipeline
from pipeline.index.themes import load_themes
from plans_dev.notebooks import parsed_dir_for_notebooks

parsed = parsed_dir_for_notebooks()
con = pipeline.connect(parsed, link=False)
labels = {theme.name: theme.label for theme in load_themes()}

# %% [markdown]
# ## Share of each unit's goals per theme
#
# The units' own goals (Enhetsmål): the share of them that touch each theme, per plan (unit
# and year). One plan is one row; the number in a cell is the count of goals.

# %%
shares = con.sql(
    """
    WITH unit_goals AS (
        SELECT doc_id, goal_id, unit, plan_year FROM goal_paths WHERE level = 'enhetsmal'
    ),
    per_plan AS (
        SELECT unit, plan_year, count(*) AS goals FROM unit_goals GROUP BY ALL
    ),
    themed AS (
        SELECT u.unit, u.plan_year, t.theme, count(DISTINCT u.goal_id) AS themed_goals
        FROM unit_goals u JOIN goal_themes t USING (doc_id, goal_id)
        GROUP BY ALL
    )
    SELECT t.unit, t.plan_year, t.theme, t.themed_goals, p.goals,
           round(t.themed_goals / p.goals, 2) AS share
    FROM themed t JOIN per_plan p USING (unit, plan_year)
    ORDER BY t.unit, t.plan_year, t.theme
    """
).df()
assert len(shares), "no themed unit goals in this folder"
shares["plan"] = shares.unit + " " + shares.plan_year.astype("Int64").astype(str)
shares["theme_label"] = shares.theme.map(labels)
table = shares.pivot_table(index="plan", columns="theme_label", values="share", fill_value=0.0)
counts = shares.pivot_table(index="plan", columns="theme_label", values="themed_goals", fill_value=0)
order = list(labels.values())  # every theme, those no goal has as well
table = table.reindex(columns=order, fill_value=0.0)
counts = counts.reindex(columns=order, fill_value=0)
table

# %%
fig, ax = plt.subplots(figsize=(2.5 + 0.9 * len(order), max(4.0, 1.5 + 0.5 * len(table))))
image = ax.imshow(table.values, cmap="Greens", vmin=0, vmax=1, aspect="auto")
ax.set_xticks(range(len(order)), order, rotation=35, ha="right", fontsize=10)
ax.set_yticks(range(len(table)), table.index, fontsize=10)
for (i, j), value in np.ndenumerate(counts.values):
    if value:
        color = "white" if table.values[i, j] > 0.6 else "black"
        ax.text(j, i, int(value), ha="center", va="center", fontsize=9, color=color)
ax.set_title("Unit goals (Enhetsmål) per theme: share of the plan's goals, count in the cell")
fig.colorbar(image, ax=ax, shrink=0.8, label="share of the plan's unit goals")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Themes by year
#
# All goals of the plans (KF goals, Nämndmål and Enhetsmål), by plan year: how many goals of
# each theme, and in how many plans.

# %%
by_year = con.sql(
    """
    SELECT p.plan_year, t.theme, count(DISTINCT (t.doc_id, t.goal_id)) AS goals,
           count(DISTINCT t.doc_id) AS plans
    FROM goal_themes t JOIN goal_paths p USING (doc_id, goal_id)
    GROUP BY ALL ORDER BY p.plan_year, t.theme
    """
).df()
by_year["theme"] = by_year.theme.map(labels)
by_year.pivot_table(index="theme", columns="plan_year", values="goals", fill_value=0).astype(int).loc[
    [label for label in labels.values() if label in set(by_year.theme)]
]

# %% [markdown]
# What matched, for a reader to judge the themes: the words of each theme found in the goals'
# titles, with how many goals they were found in.

# %%
con.sql(
    """
    SELECT theme, phrase, source, count(DISTINCT (doc_id, goal_id)) AS goals,
           list(DISTINCT lower(matched) ORDER BY lower(matched))[:4] AS forms
    FROM goal_themes WHERE source = 'goals'
    GROUP BY ALL ORDER BY theme, goals DESC, phrase
    """
).df()

# %% [markdown]
# ## Which units write about digitalisation, and since when?
#
# `pipeline.search` finds passages by concept: any inflected form ("digitaliseringen"), the
# verb ("digitalisera"), and compounds ranked below whole words. "Digital" ("digitala möten")
# is another word, so it is asked for too. One row per unit: the first and last plan year with
# a hit, and the number of passages.

# %%
hits = pd.concat(
    [pipeline.search(con, query, limit=None).assign(query=query) for query in ("digitalisering", "digital")]
)
(
    hits.groupby("unit", dropna=False)
    .agg(first_year=("plan_year", "min"), last_year=("plan_year", "max"), passages=("rank", "count"))
    .sort_values("first_year")
)

# %%
hits[["query", "score", "unit", "plan_year", "source", "page", "snippet"]].head(10)
