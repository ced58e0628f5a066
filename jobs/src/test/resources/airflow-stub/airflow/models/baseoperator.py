"""Stand-in for airflow.models.baseoperator.BaseOperator: arguments, default_args, >> and <<."""

from __future__ import annotations

import logging
from datetime import timedelta

from airflow.exceptions import AirflowException

# The BaseOperator arguments the stand-in knows, with Airflow 2's defaults.
_ARGUMENTS = {
    "owner": "airflow",
    "email": None,
    "retries": 0,
    "retry_delay": timedelta(seconds=300),
    "retry_exponential_backoff": False,
    "max_retry_delay": None,
    "depends_on_past": False,
    "wait_for_downstream": False,
    "execution_timeout": None,
    "on_failure_callback": None,
    "on_success_callback": None,
    "on_retry_callback": None,
    "pool": None,
    "queue": None,
    "priority_weight": 1,
    "trigger_rule": "all_success",
    "doc_md": None,
}


class BaseOperator:
    template_fields: tuple[str, ...] = ()

    def __init__(self, *, task_id: str, dag=None, **kwargs):
        from airflow.models.dag import DAG

        unknown = sorted(set(kwargs) - set(_ARGUMENTS))
        if unknown:
            # Airflow 2 refuses unknown arguments too ("Invalid arguments were passed").
            raise AirflowException(
                f"Invalid arguments were passed to {type(self).__name__} (task_id: {task_id}): "
                f"{unknown}"
            )
        self.dag = dag or DAG._active
        if self.dag is None:
            raise AirflowException(f"Task {task_id} is not in a DAG")
        # As Airflow does: explicit arguments, then the DAG's default_args, then the defaults.
        defaults = {k: v for k, v in self.dag.default_args.items() if k in _ARGUMENTS}
        for name, value in {**_ARGUMENTS, **defaults, **kwargs}.items():
            setattr(self, name, value)
        self.task_id = task_id
        self.upstream_task_ids: set[str] = set()
        self.downstream_task_ids: set[str] = set()
        self.log = logging.getLogger(f"airflow.task.operators.{type(self).__name__}")
        if task_id in self.dag.task_ids:
            raise AirflowException(f"Task id {task_id} is already in DAG {self.dag.dag_id}")
        self.dag.tasks.append(self)

    def set_downstream(self, others):
        for other in others if isinstance(others, (list, tuple)) else [others]:
            self.downstream_task_ids.add(other.task_id)
            other.upstream_task_ids.add(self.task_id)

    def set_upstream(self, others):
        for other in others if isinstance(others, (list, tuple)) else [others]:
            other.set_downstream(self)

    def __rshift__(self, other):
        self.set_downstream(other)
        return other

    def __lshift__(self, other):
        self.set_upstream(other)
        return other

    def __rrshift__(self, other):
        self.set_upstream(other)
        return self

    def __rlshift__(self, other):
        self.set_downstream(other)
        return self

    def execute(self, context):
        raise NotImplementedError()
