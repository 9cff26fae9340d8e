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
# goal path and its plan's unit and year.
#
# Reads `$PLANS_PARSED` (default `data/parsed`, made from the bundled samples if missing).

# %%
import datetime as dt

import matplotlib.dates as mdates
import matplotlib.pyplot as plt

import pipeline
from plans_dev.notebooks import parsed_dir_for_notebooks

parsed = parsed_dir_for_notebooks()
con = pipeline.connect(parsed)

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
per_plan

# %%
total = per_plan.activities.sum()
print(f"{per_plan.all_year.sum()} of {total} activities run all year ({per_plan.all_year.sum() / total:.0%})")

# %% [markdown]
# ## Timeline
#
# One bar per activity from its start to its end date, within its plan's year (plans of
# different years share the axis January–December); all-year activities pale, shorter ones dark.

# %%
timeline = con.sql(
    """
    SELECT unit || ' ' || plan_year AS plan, ordinal, text, all_year, kf_nearest_code,
           date_diff('day', make_date(plan_year, 1, 1), start_date) AS start_day,
           date_diff('day', make_date(plan_year, 1, 1), end_date) + 1 AS end_day
    FROM activities_full
    WHERE start_date IS NOT NULL AND end_date IS NOT NULL
    ORDER BY plan_year, unit, start_date, ordinal
    """
).df()
plans = list(dict.fromkeys(timeline.plan))
colours = plt.get_cmap("tab10")
fig, ax = plt.subplots(figsize=(10, 0.9 + 0.16 * len(timeline)))
labels = []
for y, row in enumerate(timeline.itertuples()):
    colour = colours(plans.index(row.plan) % 10)
    ax.barh(
        y,
        row.end_day - row.start_day,
        left=row.start_day,
        height=0.7,
        color=colour,
        alpha=0.3 if row.all_year else 0.95,
    )
    labels.append(row.text if len(row.text) <= 50 else row.text[:47] + "...")
ax.set_yticks(range(len(labels)), labels, fontsize=6)
ax.invert_yaxis()
month_starts = [
    mdates.date2num(dt.date(2001, m, 1)) - mdates.date2num(dt.date(2001, 1, 1)) for m in range(1, 13)
]
ax.set_xticks(
    month_starts, ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
)
ax.set_xlim(0, 365)
handles = [plt.Rectangle((0, 0), 1, 1, color=colours(i % 10)) for i in range(len(plans))]
ax.legend(handles, plans, fontsize=7, loc="lower right")
ax.set_title("Activities by plan (pale: all year)")
fig.tight_layout()
plt.show()

# %% [markdown]
# ## Activities that do not run all year, by month of start

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
