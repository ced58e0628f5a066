"""Stand-in for airflow.models.dag.DAG: a context manager that collects its operators."""

from __future__ import annotations

from datetime import datetime


class DAG:
    _active: DAG | None = None

    def __init__(
        self,
        dag_id: str,
        description: str | None = None,
        schedule=None,
        start_date: datetime | None = None,
        end_date: datetime | None = None,
        default_args: dict | None = None,
        catchup: bool = True,
        max_active_runs: int = 16,
        max_active_tasks: int = 16,
        dagrun_timeout=None,
        tags: list[str] | None = None,
        doc_md: str | None = None,
        params: dict | None = None,
        is_paused_upon_creation: bool | None = None,
    ):
        if start_date is not None and start_date.tzinfo is None:
            raise ValueError("Airflow treats a naive start_date as UTC: make it explicit")
        self.dag_id = dag_id
        self.description = description
        self.schedule = schedule
        self.start_date = start_date
        self.end_date = end_date
        self.default_args = dict(default_args or {})
        self.catchup = catchup
        self.max_active_runs = max_active_runs
        self.tags = tags or []
        self.doc_md = doc_md
        self.tasks = []

    @property
    def task_ids(self):
        return [t.task_id for t in self.tasks]

    def __enter__(self):
        if DAG._active is not None:
            raise RuntimeError("DAG contexts do not nest here")
        DAG._active = self
        return self

    def __exit__(self, *exc):
        DAG._active = None
        return False
