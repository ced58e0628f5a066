"""Imports a DAG file against the Airflow stand-in beside this script and prints it as JSON.

    python3 render_dag.py DAG_FILE DS [NAME=VALUE ...]

DS is the run date rendered into {{ ds }}; NAME=VALUE pairs are Airflow Variables. Prints one JSON
object: the DAG's settings; each task with its templated fields rendered, its upstream tasks and
retries; what the task raises when spark-submit exits 0 to 4 (and on Kubernetes, when the driver
exits 2 or 4); and what the DAG's on_failure_callback logs. Template expressions other than {{ ds }},
{{ ds_nodash }}, {{ var.value.NAME }} and {{ var.value.get('NAME', 'DEFAULT') }} are refused
(exit 3), so the test notices a template it cannot check.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import re
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from airflow.exceptions import AirflowException  # noqa: E402
from airflow.models import DAG, Variable  # noqa: E402
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator  # noqa: E402

_EXPRESSION = re.compile(r"{{(.*?)}}")
_VAR_GET = re.compile(r"""^var\.value\.get\(\s*'([^']*)'\s*(?:,\s*'([^']*)'\s*)?\)$""")
_VAR_ATTR = re.compile(r"^var\.value\.([A-Za-z_][A-Za-z0-9_]*)$")


class UnsupportedTemplate(Exception):
    pass


def render(value, ds: str):
    if isinstance(value, str):
        return _EXPRESSION.sub(lambda m: _evaluate(m.group(1).strip(), ds), value)
    if isinstance(value, list):
        return [render(v, ds) for v in value]
    if isinstance(value, tuple):
        return tuple(render(v, ds) for v in value)
    if isinstance(value, dict):
        return {render(k, ds): render(v, ds) for k, v in value.items()}
    return value


def _evaluate(expression: str, ds: str) -> str:
    if expression == "ds":
        return ds
    if expression == "ds_nodash":
        return ds.replace("-", "")
    get = _VAR_GET.match(expression)
    if get:
        name, default = get.group(1), get.group(2)
        return Variable.get(name) if default is None else Variable.get(name, default_var=default)
    attribute = _VAR_ATTR.match(expression)
    if attribute:
        return Variable.get(attribute.group(1))
    raise UnsupportedTemplate(f"unsupported template expression: {{{{ {expression} }}}}")


def _plain(value):
    """JSON-friendly: timedeltas in seconds, callables by name."""
    if isinstance(value, timedelta):
        return value.total_seconds()
    if callable(value):
        return getattr(value, "__name__", repr(value))
    return value


class _TaskInstance:
    def __init__(self, dag_id: str, task_id: str, try_number: int):
        self.dag_id = dag_id
        self.task_id = task_id
        self.try_number = try_number


def _outcome(task, ds: str, failure) -> str:
    """What task.execute raises when spark-submit fails as `failure` says: the exception's name."""
    SparkSubmitOperator.simulated_failure = failure
    try:
        task.execute({"ds": ds, "task": task})
        return "success"
    except AirflowException as e:
        return type(e).__name__
    finally:
        SparkSubmitOperator.simulated_failure = None


def _callback_log(task, ds: str) -> list[str]:
    records: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            records.append(f"{record.levelname} {record.getMessage()}")

    handler = Collect()
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        task.on_failure_callback(
            {
                "ds": ds,
                "task": task,
                "task_instance": _TaskInstance(task.dag.dag_id, task.task_id, task.retries + 1),
                "exception": AirflowException("Cannot execute: spark-submit. Error code is: 1."),
            }
        )
    finally:
        root.removeHandler(handler)
    return records


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    dag_file, ds = argv[1], argv[2]
    for pair in argv[3:]:
        name, _, value = pair.partition("=")
        Variable.store[name] = value

    spec = importlib.util.spec_from_file_location("dag_under_test", dag_file)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    dags = [v for v in vars(module).values() if isinstance(v, DAG)]
    if len(dags) != 1:
        print(f"expected one DAG in {dag_file}, found {len(dags)}", file=sys.stderr)
        return 3

    dag = dags[0]
    tasks = []
    try:
        for task in dag.tasks:
            for field in task.template_fields:
                setattr(task, field, render(getattr(task, field), ds))
            tasks.append(
                {
                    "task_id": task.task_id,
                    "operator": type(task).__name__,
                    "stage": getattr(task, "stratify_stage", None),
                    "java_class": getattr(task, "java_class", None),
                    "application": getattr(task, "application", None),
                    "application_args": getattr(task, "application_args", None),
                    "conf": getattr(task, "conf", None),
                    "packages": getattr(task, "packages", None),
                    "conn_id": getattr(task, "conn_id", None),
                    "name": getattr(task, "name", None),
                    "env_var_names": sorted((getattr(task, "env_vars", None) or {}).keys()),
                    "upstream": sorted(task.upstream_task_ids),
                    "downstream": sorted(task.downstream_task_ids),
                    "retries": task.retries,
                    "retry_delay_seconds": _plain(task.retry_delay),
                    "depends_on_past": task.depends_on_past,
                    "trigger_rule": task.trigger_rule,
                    "on_failure_callback": _plain(task.on_failure_callback),
                    "when_spark_submit_exits": {
                        **{
                            str(code): _outcome(task, ds, (code, None) if code else None)
                            for code in (0, 1, 2, 3, 4, 130, 143)
                        },
                        "kubernetes_driver_2": _outcome(task, ds, (1, 2)),
                        "kubernetes_driver_4": _outcome(task, ds, (1, 4)),
                        "kubernetes_driver_143": _outcome(task, ds, (1, 143)),
                    },
                    "failure_callback_log": _callback_log(task, ds)
                    if task.on_failure_callback
                    else [],
                }
            )
    except UnsupportedTemplate as e:
        print(str(e), file=sys.stderr)
        return 3

    print(
        json.dumps(
            {
                "dag_id": dag.dag_id,
                "schedule": dag.schedule,
                "catchup": dag.catchup,
                "max_active_runs": dag.max_active_runs,
                "start_date": dag.start_date.isoformat() if dag.start_date else None,
                "ds": ds,
                "tasks": tasks,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
