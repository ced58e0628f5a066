"""Airflow's exceptions the DAG uses (same names and hierarchy as airflow.exceptions)."""


class AirflowException(Exception):
    """Base of Airflow's exceptions; a task raising it is retried while it has retries left."""


class AirflowFailException(AirflowException):
    """A task raising it fails at once, without its retries."""
