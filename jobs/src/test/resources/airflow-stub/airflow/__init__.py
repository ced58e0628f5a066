"""A stand-in for Apache Airflow 2.x, only rich enough to import Stratify's DAG in a test.

Airflow itself is not installed where the tests run. This package keeps the parts of Airflow's
surface the DAG touches, with Airflow's names and argument lists, and refuses arguments Airflow
would refuse, so a typo in the DAG fails here as it would on a scheduler. It does not schedule or
run anything; render_dag.py renders the templates and prints what each task would submit.
"""

from airflow.models.dag import DAG

__version__ = "2.10-stub"

__all__ = ["DAG"]
