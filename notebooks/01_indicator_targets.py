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
# Which units set a target for an indicator, and how the target moved over the years: sick
# leave first, then the indicators found in the most plans. `indicator_key` groups the same
# indicator across units and years ("Korttidssjukfrånvaro dag 1–14" and "Sjukfrånvaro dag
# 1-14" are one key; synonyms are in `rules/linking.toml`).
#
# Reads the parsed folder named by `$PLANS_PARSED`; without it, `data/parsed`, made from the
# bundled samples in `data/raw` when it does not exist yet.

# %%
import matplotlib.pyplot as plt

import pipeline
from plans_dev.notebooks import parsed_dir_for_notebooks

parsed = parsed_dir_for_notebooks()
con = pipeline.connect(parsed)
print(f"{parsed}: {con.execute('SELECT count(*) FROM documents').fetchall()[0][0]} plans")

# %% [markdown]
# ## The indicators found in the most plans

# %%
common = con.sql(
    """
    SELECT indicator_key, mode(name) AS name, count(DISTINCT doc_id) AS plans,
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

# %%
sick_leave = [k for k in ("ind:sjukfranvaro", "ind:sjukfranvaro_dag_1_14") if k in set(common.indicator_key)]
numeric = common[(common.numeric_targets > 0) & ~common.indicator_key.isin(sick_leave)]
chosen = sick_leave + list(numeric.indicator_key[: 4 - len(sick_leave)])
assert chosen, "no indicator with a numeric target in this folder"

targets = con.execute(
    """
    SELECT indicator_key, name, unit, plan_year, target_raw, target_value, target_unit,
           kf_target_raw, period, kf_area_code
    FROM indicators_full
    WHERE indicator_key IN (SELECT unnest(?))
    ORDER BY indicator_key, unit, plan_year
    """,
    [chosen],
).df()
targets

# %% [markdown]
# One table per indicator: units down, years across (the raw target where there is no number).

# %%
for key in chosen:
    rows = targets[targets.indicator_key == key]
    table = rows.pivot_table(index="unit", columns="plan_year", values="target_raw", aggfunc="first")
    print(rows.name.mode().iloc[0])
    print(table.fillna("").to_string(), end="\n\n")

# %%
years = sorted(targets.plan_year.dropna().unique())
fig, axes = plt.subplots(1, len(chosen), figsize=(4.5 * len(chosen), 3.8), squeeze=False)
for ax, key in zip(axes[0], chosen, strict=True):
    rows = targets[(targets.indicator_key == key) & targets.target_value.notna()]
    for unit, series in rows.groupby("unit"):
        ax.plot(series.plan_year, series.target_value, marker="o", label=unit)
    name = targets[targets.indicator_key == key].name.mode().iloc[0]
    unit_label = rows.target_unit.dropna().mode()
    ax.set_title(name if len(name) < 40 else name[:37] + "...", fontsize=9)
    ax.set_xlabel("plan year")
    ax.set_ylabel(f"target ({unit_label.iloc[0]})" if len(unit_label) else "target")
    ax.set_xticks(years)
    ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    ax.legend(fontsize=6)
fig.tight_layout()
plt.show()
