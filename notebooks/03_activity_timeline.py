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
# # Activity timeline
#
# When the planned activities run, how many run all year (1 January to 31 December of one
# year), and which goals they serve. `activities_full` has each activity with its dates, its
# goal path and its plan's unit and year; each plan counts once (its preferred copy).
#
# Reads `$PLANS_PARSED` (default `data/parsed`, made from the bundled samples if missing).

# %%
import textwrap

import matplotlib.pyplot as plt
import numpy as np

import pipeline
from plans_dev.notebooks import parsed_dir_for_notebooks

plt.rcParams.update({"font.size": 10, "legend.fontsize": 9, "axes.titlesize": 10})
parsed = parsed_dir_for_notebooks()
con = pipeline.connect(parsed)
MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]

# %% [markdown]
# ## How many activities run all year

# %%
per_plan = con.sql(
    """
    SELECT unit, plan_year, count(*) AS activities,
           count(*) FILTER (WHERE all_year) AS all_year,
           count(*) FILTER (WHERE start_date IS NULL OR end_date IS NULL) AS without_dates,
           round(avg(days), 0) AS mean_days
    FROM activities_full
    GROUP BY unit, plan_year
    ORDER BY plan_year, unit
    """
).df()
assert per_plan.activities.sum() > 0, "no activities in this folder"
total = per_plan.activities.sum()
print(f"{per_plan.all_year.sum()} of {total} activities run all year ({per_plan.all_year.sum() / total:.0%})")
per_plan

# %% [markdown]
# ## Activities running in each month, by plan
#
# A cell counts the plan's activities under way in that month of the plan's year; the
# darker, the more. All-year activities are in every month of their plan's row.

# %%
running = con.sql(
    """
    SELECT unit || ' ' || plan_year AS plan, plan_year, m AS month, count(*) AS activities
    FROM activities_full, range(1, 13) AS months(m)
    WHERE start_date IS NOT NULL AND end_date IS NOT NULL
      AND make_date(plan_year, m::INTEGER, 1) <= end_date
      AND start_date < make_date(plan_year, m::INTEGER, 1) + INTERVAL 1 MONTH
    GROUP BY ALL
    """
).df()
plan_order = per_plan.unit + " " + per_plan.plan_year.astype(str)
grid = running.pivot_table(index="plan", columns="month", values="activities", aggfunc="sum")
grid = grid.reindex(index=plan_order, columns=range(1, 13)).fillna(0)
fig, ax = plt.subplots(figsize=(9.5, 1.3 + 0.42 * len(grid)))
image = ax.imshow(grid.values, cmap="Greens", aspect="auto", vmin=0)
for (i, j), value in np.ndenumerate(grid.values):
    if value:
        ax.text(
            j,
            i,
            int(value),
            ha="center",
            va="center",
            fontsize=9,
            color="white" if value > grid.values.max() * 0.6 else "black",
        )
ax.set_xticks(range(12), MONTHS)
ax.set_yticks(range(len(grid)), grid.index)
ax.set_title("Activities under way, by month of the plan's year")
fig.colorbar(image, ax=ax, shrink=0.8, label="activities")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## The activities that do not run all year
#
# One panel per plan, one bar per activity from its start to its end (January–December of
# the plan's year), the activity's text beside it.

# %%
timeline = con.sql(
    """
    SELECT unit || ' ' || plan_year AS plan, plan_year, ordinal, text, start_date, end_date,
           date_diff('day', make_date(plan_year, 1, 1), start_date) AS start_day,
           date_diff('day', make_date(plan_year, 1, 1), end_date) + 1 AS end_day
    FROM activities_full
    WHERE start_date IS NOT NULL AND end_date IS NOT NULL AND NOT all_year
    ORDER BY plan_year, unit, start_date, ordinal
    """
).df()
plans = list(dict.fromkeys(timeline.plan))
if not plans:
    print("every dated activity runs all year")
else:
    sizes = [int((timeline.plan == p).sum()) for p in plans]
    fig, axes = plt.subplots(
        len(plans),
        1,
        figsize=(11, 0.9 * len(plans) + 0.36 * sum(sizes)),
        sharex=True,
        gridspec_kw={"height_ratios": sizes},
        squeeze=False,
    )
    month_starts = np.cumsum([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30])
    for ax, plan in zip(axes[:, 0], plans, strict=True):
        rows = timeline[timeline.plan == plan].reset_index(drop=True)
        ax.barh(rows.index, rows.end_day - rows.start_day, left=rows.start_day, height=0.6, color="tab:green")
        ax.set_yticks(rows.index, [textwrap.shorten(t, 70, placeholder="…") for t in rows.text])
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_title(plan, loc="left", fontweight="bold")
        ax.set_xticks(month_starts, MONTHS)
        ax.grid(axis="x", color="0.9")
        ax.set_axisbelow(True)
        ax.set_xlim(0, 365)
    fig.tight_layout()
    plt.show()

# %% [markdown]
# Activities that do not run all year, by month of start:

# %%
con.sql(
    """
    SELECT month(start_date) AS start_month, count(*) AS activities,
           round(avg(days), 0) AS mean_days
    FROM activities_full
    WHERE NOT all_year AND start_date IS NOT NULL
    GROUP BY start_month ORDER BY start_month
    """
).df()
