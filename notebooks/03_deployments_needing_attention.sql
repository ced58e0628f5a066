-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Which deployments are degraded or single points of failure?
-- MAGIC
-- MAGIC Deployment health in the latest complete week: degradation against the deployment's own
-- MAGIC previous eight weeks, ownership, on-call depth of the owning team, blast radius and
-- MAGIC readiness (gold > silver > bronze > none).

-- COMMAND ----------

DECLARE OR REPLACE VARIABLE org STRING DEFAULT 'verdant-retail';

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## The deployments that most need attention

-- COMMAND ----------

WITH last_week AS (
  SELECT max(week_start) AS week_start FROM marts.deployment_weekly WHERE org_id = org AND week_complete
)
SELECT d.deployment_id, d.lifecycle_stage, d.owner_team_id, d.business_criticality,
       d.degraded, round(d.latency_drift, 2) AS latency_drift, round(d.error_rate_drift, 2) AS error_rate_drift,
       d.blast_radius, d.blast_radius_business_units, d.readiness_level,
       d.incidents, d.sev12_incidents
FROM marts.deployment_weekly d
JOIN last_week w ON d.week_start = w.week_start
WHERE d.org_id = org
ORDER BY d.degraded DESC, d.owner_team_id IS NULL DESC,
         CASE d.readiness_level WHEN 'none' THEN 0 WHEN 'bronze' THEN 1 WHEN 'silver' THEN 2 ELSE 3 END,
         d.blast_radius DESC;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Single points of failure across organisations
-- MAGIC Production deployments that many others depend on, with no owner or a thin on-call.

-- COMMAND ----------

SELECT org_id, deployment_id, blast_radius, blast_radius_business_units, owner_team_id, readiness_level
FROM marts.deployment_weekly
WHERE week_start = (SELECT max(week_start) FROM marts.deployment_weekly WHERE week_complete)
  AND lifecycle_stage = 'production'
  AND blast_radius > 0
  AND (owner_team_id IS NULL OR readiness_level IN ('none', 'bronze'))
ORDER BY blast_radius DESC, blast_radius_business_units DESC
LIMIT 20;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Degradation over time: weeks degraded per deployment

-- COMMAND ----------

SELECT org_id, deployment_id, count_if(degraded) AS weeks_degraded, min(CASE WHEN degraded THEN week_start END) AS first_degraded
FROM marts.deployment_weekly
GROUP BY org_id, deployment_id
HAVING count_if(degraded) > 0
ORDER BY weeks_degraded DESC;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Which changes caused the incidents? (change failure rate, explained)
-- MAGIC Per week, the change failure rate next to how the week's incidents were attributed to a
-- MAGIC change: `explicit` (the incident names its change), `window` (the latest successful change
-- MAGIC of its deployment within 7 days before it opened) or not at all. `marts.incident_attribution`
-- MAGIC is the same attribution that change_failure_rate and recovery_time_p50_hours use.

-- COMMAND ----------

SELECT w.week_start, w.changes_deployed, round(w.change_failure_rate, 2) AS change_failure_rate,
       count(a.incident_id) AS incidents,
       count_if(a.attributed_by = 'explicit') AS explicit,
       count_if(a.attributed_by = 'window') AS by_window,
       count_if(a.incident_id IS NOT NULL AND a.change_id IS NULL) AS unattributed
FROM marts.org_weekly w
LEFT JOIN marts.incident_attribution a ON a.org_id = w.org_id AND a.week_start = w.week_start
WHERE w.org_id = org
GROUP BY w.week_start, w.changes_deployed, w.change_failure_rate
ORDER BY w.week_start DESC
LIMIT 8;

-- COMMAND ----------

SELECT a.week_start, a.incident_id, a.severity, a.deployment_id, a.change_id, a.attributed_by,
       a.change_deployment_id, round(a.hours_after_change, 1) AS hours_after_change
FROM marts.incident_attribution a
WHERE a.org_id = org AND a.change_id IS NOT NULL
ORDER BY a.week_start DESC, a.hours_after_change
LIMIT 50;
