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
# # Indicator targets by unit and year
#
# Which units set a target for an indicator, and how high: sick leave first, then the
# indicators found in the most plans. `indicator_key` groups the same indicator across units
# and years ("Korttidssjukfrånvaro dag 1–14" and "Sjukfrånvaro dag 1-14" are one key; synonyms
# are in `rules/linking.toml`). Each plan counts once: a plan held as a text export and a PDF
# is read from its preferred copy (`plans`, `documents.preferred`).
#
# Reads the parsed folder named by `$PLANS_PARSED`; without it, `data/parsed`, made from the
# bundled samples in `data/raw` when it does not exist yet.

# %%
import textwrap

import matplotlib.pyplot as plt

import pipeline
from plans_dev.notebooks import parsed_dir_for_notebooks

plt.rcParams.update({"font.size": 10, "legend.fontsize": 9, "axes.titlesize": 10})
parsed = parsed_dir_for_notebooks()
con = pipeline.connect(parsed)
n_plans, n_docs = con.execute(
    "SELECT (SELECT count(*) FROM plans), (SELECT count(*) FROM documents_all)"
).fetchall()[0]
print(f"{parsed}: {n_plans} plans in {n_docs} documents")

# %% [markdown]
# ## The indicators found in the most plans

# %%
common = con.sql(
    """
    SELECT indicator_key, mode(name) AS name, count(DISTINCT plan_id) AS plans,
           count(DISTINCT unit) AS units, min(plan_year) AS first_year, max(plan_year) AS last_year,
           count(target_value) AS numeric_targets
    FROM indicators_full
    GROUP BY indicator_key
    ORDER BY plans DESC, indicator_key
    """
).df()
common.head(12)

# %% [markdown]
# ## Sick leave and the most common indicators with numeric targets
#
# The targets as printed, one table per indicator: units down, plan years across.

# %%
sick_leave = [k for k in ("ind:sjukfranvaro", "ind:sjukfranvaro_dag_1_14") if k in set(common.indicator_key)]
numeric = common[(common.numeric_targets > 0) & ~common.indicator_key.isin(sick_leave)]
chosen = sick_leave + list(numeric.indicator_key[: 4 - len(sick_leave)])
assert chosen, "no indicator with a numeric target in this folder"

targets = con.execute(
    """
    SELECT indicator_key, name, unit, plan_year, target_raw, target_value, target_unit,
           kf_target_raw, kf_target_value, period
    FROM indicators_full
    WHERE indicator_key IN (SELECT unnest(?))
    ORDER BY indicator_key, unit, plan_year
    """,
    [chosen],
).df()
names = {key: targets[targets.indicator_key == key].name.mode().iloc[0] for key in chosen}
for key in chosen:
    rows = targets[targets.indicator_key == key]
    table = rows.pivot_table(index="unit", columns="plan_year", values="target_raw", aggfunc="first")
    print(names[key])
    print(table.fillna("").to_string(), end="\n\n")

# %% [markdown]
# Each unit's numeric target, one panel per indicator, units on the same rows in every panel.
# The colour is the plan year (the same year, the same colour in every panel); a unit with
# plans of several years has its targets joined by a line. A hollow diamond marks the
# council's (KF) target where the plan states it.

# %%
numeric_targets = targets[targets.target_value.notna()]
shown = [key for key in chosen if (numeric_targets.indicator_key == key).any()]
units = sorted(numeric_targets.unit.dropna().unique())
years = sorted(numeric_targets.plan_year.dropna().unique())
palette = plt.get_cmap("viridis")
year_colour = {y: palette(i / max(len(years) - 1, 1)) for i, y in enumerate(years)}
ncols = min(2, len(shown))
nrows = -(-len(shown) // ncols)
fig, axes = plt.subplots(
    nrows, ncols, figsize=(4.3 * ncols + 2.6, nrows * (1.3 + 0.4 * len(units))), sharey=True, squeeze=False
)
for ax in axes.flat[len(shown) :]:
    ax.set_visible(False)
for ax, key in zip(axes.flat, shown, strict=False):
    rows = numeric_targets[numeric_targets.indicator_key == key]
    for unit, series in rows.groupby("unit"):
        y = units.index(unit)
        series = series.sort_values("plan_year")
        if len(series) > 1:
            ax.plot(series.target_value, [y] * len(series), color="0.7", zorder=1)
        colours = [year_colour[v] for v in series.plan_year]
        ax.scatter(series.target_value, [y] * len(series), c=colours, s=55, zorder=2)
        kf = series.kf_target_value.dropna()
        if len(kf):
            ax.scatter(kf, [y] * len(kf), marker="D", facecolors="none", edgecolors="black", s=45, zorder=3)
    unit_label = rows.target_unit.dropna().mode()
    ax.set_title("\n".join(textwrap.wrap(names[key], 32)))
    ax.set_xlabel(f"target ({unit_label.iloc[0]})" if len(unit_label) else "target")
    ax.grid(axis="x", color="0.9")
    ax.margins(x=0.15)
axes[0][0].set_yticks(range(len(units)), units)
axes[0][0].set_ylim(len(units) - 0.5, -0.5)
for ax in axes[:, 0]:
    ax.tick_params(axis="y", labelleft=True)
handles = [plt.Line2D([], [], marker="o", linestyle="", color=year_colour[y], label=str(y)) for y in years]
handles.append(
    plt.Line2D([], [], marker="D", linestyle="", markerfacecolor="none", color="black", label="KF target")
)
fig.legend(handles=handles, title="plan year", loc="center right", frameon=False)
fig.tight_layout(rect=(0, 0, 1 - 1.6 / fig.get_figwidth(), 1))
plt.show()
