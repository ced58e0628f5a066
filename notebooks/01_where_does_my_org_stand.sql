-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Where does my organisation stand against its cohort?
-- MAGIC
-- MAGIC Peer benchmarks cover consenting organisations only, and a cohort is published only with at
-- MAGIC least 5 of them (otherwise the org is compared with all organisations, `*`). Every metric is
-- MAGIC lower-is-better; a percentile of 100 is the best in the cohort. Set the organisation below.

-- COMMAND ----------

DECLARE OR REPLACE VARIABLE org STRING DEFAULT 'harbor-mutual';

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## The supportability score, week by week
-- MAGIC The mean percentile of six measures of supportability (null with fewer than four of them).

-- COMMAND ----------

SELECT week_start, round(value, 1) AS supportability_score
FROM marts.org_benchmark_weekly
WHERE org_id = org AND metric = 'supportability_score'
ORDER BY week_start;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Every benchmark metric in the last complete week, against the cohort's spread

-- COMMAND ----------

WITH last_week AS (
  SELECT max(week_start) AS week_start FROM marts.org_weekly WHERE org_id = org AND week_complete
)
SELECT b.metric,
       round(b.value, 3) AS value,
       b.cohort_industry, b.cohort_size_band,
       round(c.p25, 3) AS cohort_p25, round(c.p50, 3) AS cohort_p50, round(c.p75, 3) AS cohort_p75,
       c.n_orgs,
       round(b.percentile, 0) AS percentile
FROM marts.org_benchmark_weekly b
JOIN last_week w ON b.week_start = w.week_start
JOIN marts.benchmark_cohort_weekly c
  ON c.industry = b.cohort_industry AND c.size_band = b.cohort_size_band
 AND c.week_start = b.week_start AND c.metric = b.metric
WHERE b.org_id = org
ORDER BY b.percentile;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Where the organisation sits on its support boundary

-- COMMAND ----------

SELECT week_start, production_deployments, oncall_engineers, ambition_points, capacity_points,
       round(supportability_ratio, 3) AS supportability_ratio, boundary_status
FROM marts.org_weekly
WHERE org_id = org
ORDER BY week_start;
