"""Stratify nightly: ``ingest >> conform >> marts`` for one run date (``{{ ds }}``) per DAG run.

Each task runs one Stratify stage with spark-submit (``io.stratify.jobs.cli.StratifyCli <stage>
--date {{ ds }} ...``). Every stage is idempotent for its date, so Airflow may retry or clear any
task on its own. Deployment, Variables and operations: docs/airflow.md.

The DAG run of logical date D starts once D is over and processes the landing drops ``dt=D``.
``catchup=True`` runs every missed date; ``max_active_runs=1`` runs them one after the other,
because the lakehouse takes one writer at a time.

Exit codes and what Airflow does with them
------------------------------------------
The exit codes are those of the one table in docs/operations.md (``RunOutcome`` in Stratify).
Airflow retries the codes that table marks "retry: yes" (1 failure, 4 lakehouse locked, 130 and
143 stopped by a signal, e.g. a worker's kill or ``execution_timeout``) ``retries`` times, then
calls ``on_failure_callback``. It fails the task at once, without retries, on 2 (unusable input)
and 3 (the staleness or quality gate stopped the marts; the previous marts stay visible): running
the same command again cannot help until a person or the missing data arrives.

How the code reaches Airflow, honestly: SparkSubmitOperator itself does not tell exit codes apart;
any non-zero exit of spark-submit is the same ``AirflowException`` ("Cannot execute: ... Error
code is: N."), which Airflow retries. ``StratifySubmitOperator`` below reads N from that message
and turns 2 and 3 into ``AirflowFailException`` (fail without retrying). That works where N is the
driver's own exit code:

* client deploy mode (the default): the driver runs inside spark-submit, which exits with
  Stratify's code;
* Kubernetes cluster mode: the hook reads the driver pod's exit code from the submit log
  ("Kubernetes spark exit code is: N").

In YARN or standalone cluster mode spark-submit only learns FAILED, never the code: every failure
then looks like exit 1 and is retried ``retries`` times. Keep ``retries`` small and let the alert
(``on_failure_callback``, or the run report's ``failure.retryable``) say whether a person must fix
the input. If the hook's message ever changes, the fallback is the same: a retry, never a silent
success.

Every run also writes a JSON run report (status, exit code, failed stage, row counts, rejected
files) to ``<lakehouse>/_stratify/reports/run-<ds>-<stage>.json``: alert on it rather than on
logs.

This file imports nothing from Stratify; it needs Airflow 2.4+ and
apache-airflow-providers-apache-spark on the scheduler and workers, and the spark-submit jar where
spark-submit runs.
"""

from __future__ import annotations

import logging
import os
import re
from datetime import datetime, timedelta, timezone

from airflow import DAG
from airflow.exceptions import AirflowFailException
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

log = logging.getLogger(__name__)

STRATIFY_MAIN_CLASS = "io.stratify.jobs.cli.StratifyCli"
STAGES = ("ingest", "conform", "marts")
# Exit codes after which running the same command again cannot help (docs/operations.md): unusable
# input, and the staleness or quality gate. 1, 4, 130 and 143 are retried.
NOT_RETRIED = {
    2: "unusable input",
    3: "the staleness or quality gate stopped the marts",
}

# Read when the scheduler parses this file: environment variables of the scheduler and workers.
SPARK_CONN_ID = os.environ.get("STRATIFY_SPARK_CONN_ID", "spark_default")
START_DATE = datetime.fromisoformat(os.environ.get("STRATIFY_START_DATE", "2026-01-01")).replace(
    tzinfo=timezone.utc
)
# Maven coordinates the cluster lacks, comma-separated, e.g. for s3a://
# "org.apache.hadoop:hadoop-aws:3.4.2" (the Hadoop version of the Spark distribution).
SPARK_PACKAGES = os.environ.get("STRATIFY_SPARK_PACKAGES", "")
# OpenLineage: set the URL of an OpenLineage endpoint (e.g. Marquez) to send lineage events.
OPENLINEAGE_URL = os.environ.get("STRATIFY_OPENLINEAGE_URL", "")
OPENLINEAGE_NAMESPACE = os.environ.get("STRATIFY_OPENLINEAGE_NAMESPACE", "stratify")
OPENLINEAGE_PACKAGE = "io.openlineage:openlineage-spark_2.13:1.53.0"
# Vendor adapters (docs/adapters.md, "Nightly with Airflow"): the adapter configuration, a path on
# the workers. When set, an ``adapt`` task runs before ingest and converts every vendor export
# dropped under <landing>/_vendor/<format>/<org>/dt=D/ up to {{ ds }} into landing files. Adapters
# write with plain file operations: the landing zone (stratify_landing) must then be a directory
# the workers share (local disk, NFS), not an s3a:// URI.
ADAPT_CONFIG = os.environ.get("STRATIFY_ADAPT_CONFIG", "")


def _variable(name: str, default: str) -> str:
    """An Airflow Variable, read when the task runs (a template), not at every parse."""
    return "{{ var.value.get('%s', '%s') }}" % (name, default)


# Read when a task runs: Airflow Variables (or AIRFLOW_VAR_<NAME> environment variables).
JAR = _variable("stratify_jar", "/opt/stratify/stratify-jobs-spark-submit.jar")
LANDING = _variable("stratify_landing", "s3a://stratify/landing")
LAKEHOUSE = _variable("stratify_lakehouse", "s3a://stratify/lakehouse")
# Airflow masks Variables whose name contains "secret" in logs and the UI.
PSEUDONYMISATION_KEY = _variable("stratify_pseudonymisation_secret", "")


def spark_conf(stage: str) -> dict[str, str]:
    """What this DAG adds to the Spark settings of the connection and spark-defaults.conf.

    Stratify sets Delta (spark.sql.extensions, spark_catalog), the UTC session time zone and
    java.time rows itself; do not set them here. Storage access (fs.s3a.* credentials, endpoint)
    belongs to the cluster's spark-defaults.conf or the Spark connection.
    """
    conf = {
        # Airflow owns retries: a second YARN attempt would run the stage twice per try.
        "spark.yarn.maxAppAttempts": "1",
    }
    if OPENLINEAGE_URL:
        conf.update(
            {
                "spark.extraListeners": "io.openlineage.spark.agent.OpenLineageSparkListener",
                "spark.openlineage.transport.type": "http",
                "spark.openlineage.transport.url": OPENLINEAGE_URL,
                "spark.openlineage.namespace": OPENLINEAGE_NAMESPACE,
                # One lineage job per stage, whatever the date in the Spark app name.
                "spark.openlineage.appName": f"stratify_{stage}",
            }
        )
    return conf


def spark_packages() -> str | None:
    packages = [p.strip() for p in SPARK_PACKAGES.split(",") if p.strip()]
    if OPENLINEAGE_URL:
        packages.append(OPENLINEAGE_PACKAGE)
    return ",".join(packages) or None


def stratify_exit_code(message: str) -> int | None:
    """Stratify's exit code as SparkSubmitHook's error message reports it; None when it does not."""
    kubernetes = re.search(r"Kubernetes spark exit code is: (\d+)", message)
    if kubernetes:
        return int(kubernetes.group(1))
    submit = re.search(r"Error code is: (\d+)", message)
    return int(submit.group(1)) if submit else None


class StratifySubmitOperator(SparkSubmitOperator):
    """SparkSubmitOperator for one Stratify stage; exit codes 2 and 3 fail it without retries."""

    def __init__(self, *, stage: str, **kwargs):
        super().__init__(**kwargs)
        self.stratify_stage = stage

    def execute(self, context):
        try:
            return super().execute(context)
        except Exception as error:
            code = stratify_exit_code(str(error))
            if code in NOT_RETRIED:
                raise AirflowFailException(
                    f"stratify {self.stratify_stage} exited {code}: {NOT_RETRIED[code]} (the log"
                    " above says what to fix; docs/operations.md); not retried"
                ) from error
            raise


def report_location(lakehouse: str, ds: str, stage: str) -> str:
    """Where a one-date stage writes its run report (RunReportWriter in Stratify)."""
    return f"{lakehouse.rstrip('/')}/_stratify/reports/run-{ds}-{stage}.json"


def notify_failure(context) -> None:
    """on_failure_callback: the task failed for good (retries spent, or exit 2 or 3).

    Logs the stage, the date and where the run report is; replace the log call with your pager
    (PagerDuty, Opsgenie, Slack webhook, ...) and keep the same fields.
    """
    task = context["task"]
    ti = context["task_instance"]
    stage = getattr(task, "stratify_stage", ti.task_id)
    args = list(getattr(task, "application_args", None) or getattr(task, "_application_args", []))
    lakehouse = args[args.index("--lakehouse") + 1] if "--lakehouse" in args else "<lakehouse>"
    log.error(
        "Stratify stage %s failed for run date %s (dag %s, task %s, try %s); run report: %s;"
        " error: %s",
        stage,
        context["ds"],
        ti.dag_id,
        ti.task_id,
        ti.try_number,
        report_location(lakehouse, context["ds"], stage),
        context.get("exception"),
    )


default_args = {
    "owner": "data-engineering",
    # A failed date does not hold later dates back: ingest catches up missed drops, and a cleared
    # date converges to the same tables (see docs/airflow.md on re-running old dates).
    "depends_on_past": False,
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(hours=1),
    "execution_timeout": timedelta(hours=4),
    "on_failure_callback": notify_failure,
}

with DAG(
    dag_id="stratify_nightly",
    description="Stratify: landing -> bronze -> silver -> marts, one run date per DAG run",
    schedule="@daily",
    start_date=START_DATE,
    catchup=True,
    max_active_runs=1,
    default_args=default_args,
    tags=["stratify"],
    doc_md=(
        "Stratify, one run date per DAG run: `ingest >> conform >> marts`. Exit codes 2 and 3"
        " fail a task without retries; run reports in `<lakehouse>/_stratify/reports/`."
        " Operations: docs/airflow.md and docs/operations.md in the Stratify repository."
    ),
) as dag:
    tasks = [
        StratifySubmitOperator(
            task_id=stage,
            stage=stage,
            conn_id=SPARK_CONN_ID,
            application=JAR,
            java_class=STRATIFY_MAIN_CLASS,
            name=f"stratify-{stage}-{{{{ ds }}}}",
            application_args=[
                stage,
                "--date",
                "{{ ds }}",
                "--landing",
                LANDING,
                "--lakehouse",
                LAKEHOUSE,
            ],
            conf=spark_conf(stage),
            packages=spark_packages(),
            env_vars={"STRATIFY_PSEUDONYMISATION_KEY": PSEUDONYMISATION_KEY},
        )
        for stage in STAGES
    ]
    ingest, conform, marts = tasks
    ingest >> conform >> marts
    if ADAPT_CONFIG:
        adapt = StratifySubmitOperator(
            task_id="adapt",
            stage="adapt",
            conn_id=SPARK_CONN_ID,
            application=JAR,
            java_class=STRATIFY_MAIN_CLASS,
            name="stratify-adapt-{{ ds }}",
            application_args=[
                "adapt",
                "--all",
                "--config",
                ADAPT_CONFIG,
                "--landing",
                LANDING,
                "--date",
                "{{ ds }}",
            ],
            conf=spark_conf("adapt"),
            packages=spark_packages(),
        )
        # A drop that cannot be adapted keeps its previous landing files, so ingest still runs on
        # everything else (ADAPTERS.md section 3); the failed adapt task alerts on its own.
        ingest.trigger_rule = "all_done"
        adapt >> ingest
