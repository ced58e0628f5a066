-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Which signals are worsening, and since when?
-- MAGIC
-- MAGIC The four operating signals (escalation continuity, coordination strain, accountability
-- MAGIC fragmentation, supportability concentration) and the supportability ratio, with the
-- MAGIC 12-week trendline of the latest run: worsening or improving only when the slope is
-- MAGIC significant (p < 0.05).

-- COMMAND ----------

DECLARE OR REPLACE VARIABLE org STRING DEFAULT 'kestrel-capital';

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Trends of every organisation's signals in the latest run: worsening first

-- COMMAND ----------

SELECT org_id, metric, direction,
       round(slope_per_week, 4) AS slope_per_week, round(p_value, 4) AS p_value, n_points,
       weeks_to_boundary, boundary_eta
FROM marts.org_trend
WHERE as_of_date = (SELECT max(as_of_date) FROM marts.org_trend)
  AND metric IN ('unowned_incident_rate', 'coordination_load_per_oncall', 'avg_teams_per_incident',
                 'incident_load_gini', 'supportability_ratio')
ORDER BY CASE direction WHEN 'worsening' THEN 0 WHEN 'stable' THEN 1 ELSE 2 END, slope_per_week DESC;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Since when? The last week each signal of the organisation was no worse than its peers' median

-- COMMAND ----------

SELECT metric,
       max(CASE WHEN value <= cohort_p50 THEN week_start END) AS last_week_at_or_below_peer_median,
       max(week_start) AS latest_week,
       round(max_by(value, week_start), 3) AS latest_value,
       round(max_by(cohort_p50, week_start), 3) AS latest_peer_median
FROM marts.org_benchmark_weekly
WHERE org_id = org
  AND metric IN ('unowned_incident_rate', 'coordination_load_per_oncall', 'avg_teams_per_incident',
                 'incident_load_gini', 'supportability_ratio')
GROUP BY metric
ORDER BY metric;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Does strain come before failure?
-- MAGIC Spearman correlation, across all organisations, of each signal with severe incidents L weeks later.

-- COMMAND ----------

SELECT signal, lag_weeks, n, round(spearman_rho, 3) AS spearman_rho, round(p_value, 4) AS p_value
FROM marts.signal_lead_time
WHERE as_of_date = (SELECT max(as_of_date) FROM marts.signal_lead_time)
ORDER BY signal, lag_weeks;
