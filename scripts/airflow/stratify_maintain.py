"""Stratify maintenance: ``stratify maintain`` on the lakehouse once a week.

Compacts the small files the nights leave behind (Delta OPTIMIZE) and deletes the data files no
table version of the last ``maintain.vacuum-retention-hours`` (default 168) references (Delta
VACUUM); see docs/scaling.md. It takes the lakehouse lock like a night does: if the nightly run
holds it, the task exits 4 and Airflow retries it after ``retry_delay``, so maintenance never
rewrites a table a night is writing.

Same deployment as stratify_nightly.py (the spark-submit jar, the Spark connection, the Variables
``stratify_jar`` and ``stratify_lakehouse``); this file imports nothing from Stratify.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

SPARK_CONN_ID = os.environ.get("STRATIFY_SPARK_CONN_ID", "spark_default")
START_DATE = datetime.fromisoformat(os.environ.get("STRATIFY_START_DATE", "2026-01-01")).replace(
    tzinfo=timezone.utc
)
# Airflow schedule of maintenance; weekly keeps a year of nights at a bounded file count.
SCHEDULE = os.environ.get("STRATIFY_MAINTAIN_SCHEDULE", "@weekly")
SPARK_PACKAGES = os.environ.get("STRATIFY_SPARK_PACKAGES", "")


def _variable(name: str, default: str) -> str:
    """An Airflow Variable, read when the task runs (a template), not at every parse."""
    return "{{ var.value.get('%s', '%s') }}" % (name, default)


JAR = _variable("stratify_jar", "/opt/stratify/stratify-jobs-spark-submit.jar")
LAKEHOUSE = _variable("stratify_lakehouse", "s3a://stratify/lakehouse")

with DAG(
    dag_id="stratify_maintain",
    description="Stratify: compact small files and vacuum old ones in the lakehouse",
    schedule=SCHEDULE,
    start_date=START_DATE,
    # Maintenance of a missed week is done by the next one: no backfill.
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "data-engineering",
        "depends_on_past": False,
        # Exit 4 (a night holds the lakehouse) and 1 (storage) are worth retrying later.
        "retries": 3,
        "retry_delay": timedelta(minutes=30),
        "execution_timeout": timedelta(hours=6),
    },
    tags=["stratify"],
    doc_md="Weekly `stratify maintain` (OPTIMIZE, VACUUM). See docs/scaling.md.",
) as dag:
    SparkSubmitOperator(
        task_id="maintain",
        conn_id=SPARK_CONN_ID,
        application=JAR,
        java_class="io.stratify.jobs.cli.StratifyCli",
        name="stratify-maintain-{{ ds }}",
        application_args=["maintain", "--lakehouse", LAKEHOUSE],
        conf={"spark.yarn.maxAppAttempts": "1"},
        packages=",".join(p.strip() for p in SPARK_PACKAGES.split(",") if p.strip()) or None,
    )
