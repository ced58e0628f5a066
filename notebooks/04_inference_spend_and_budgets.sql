-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Where is inference money going, and which budgets will run out?

-- COMMAND ----------

DECLARE OR REPLACE VARIABLE org STRING DEFAULT 'harbor-mutual';

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Cost and cost to support, week by week
-- MAGIC Cost to support adds the engineer-hours spent on incidents, at the org's loaded hourly cost.

-- COMMAND ----------

SELECT week_start, inference_cost_usd, requests, round(cost_per_1k_requests, 3) AS cost_per_1k_requests,
       round(frontier_cost_share, 3) AS frontier_cost_share, low_criticality_frontier_cost_usd,
       round(incident_engineer_hours, 1) AS incident_engineer_hours, round(cost_to_support_usd, 2) AS cost_to_support_usd
FROM marts.org_weekly
WHERE org_id = org
ORDER BY week_start;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## The most expensive deployments in the last complete week

-- COMMAND ----------

SELECT deployment_id, model_provider, model_tier, business_criticality, requests, cost_usd,
       round(cost_per_1k_requests, 3) AS cost_per_1k_requests
FROM marts.deployment_weekly
WHERE org_id = org
  AND week_start = (SELECT max(week_start) FROM marts.deployment_weekly WHERE org_id = org AND week_complete)
ORDER BY cost_usd DESC;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Budgets as of the latest run: exhausted and at risk first, ended budgets last
-- MAGIC A budget whose period ended before the run date shows its final spend against its amount
-- MAGIC (`ended_within` or `ended_over`); budget_status's projection and status look ahead from the
-- MAGIC run date and mean nothing for it, so they are blanked.

-- COMMAND ----------

SELECT org_id, budget_id, scope, deployment_id, period_start, period_end, amount_usd,
       round(spent_usd, 2) AS spent_usd,
       round(100 * spent_usd / nullif(amount_usd, 0), 1) AS spent_pct,
       CASE WHEN period_end < as_of_date THEN NULL ELSE round(burn_ratio, 2) END AS burn_ratio,
       round(avg_daily_spend_28d, 2) AS avg_daily_spend_28d,
       CASE WHEN period_end < as_of_date THEN NULL ELSE projected_exhaustion_date END AS projected_exhaustion_date,
       CASE WHEN period_end >= as_of_date THEN status
            WHEN spent_usd > amount_usd THEN 'ended_over'
            ELSE 'ended_within' END AS status
FROM marts.budget_status
WHERE as_of_date = (SELECT max(as_of_date) FROM marts.budget_status)
ORDER BY period_end < as_of_date,
         CASE status WHEN 'exhausted' THEN 0 WHEN 'at_risk' THEN 1 ELSE 2 END, projected_exhaustion_date;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Frontier models on low-criticality deployments: the easiest savings

-- COMMAND ----------

SELECT org_id, sum(low_criticality_frontier_cost_usd) AS low_criticality_frontier_cost_usd,
       sum(inference_cost_usd) AS inference_cost_usd
FROM marts.org_weekly
WHERE week_complete
GROUP BY org_id
ORDER BY low_criticality_frontier_cost_usd DESC;
