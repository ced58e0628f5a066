"""Stand-in for SparkSubmitOperator (apache-airflow-providers-apache-spark, Airflow 2 releases).

Same arguments and template fields as the provider's operator; it records them instead of running
spark-submit. execute() fails the way the provider's SparkSubmitHook does when spark-submit exits
non-zero, with the same message, so the DAG's handling of exit codes can be tested:
"Cannot execute: <command>. Error code is: <code>." and, on Kubernetes in cluster mode,
"... Kubernetes spark exit code is: <driver exit code>".
"""

from __future__ import annotations

from typing import Any

from airflow.exceptions import AirflowException
from airflow.models.baseoperator import BaseOperator


class SparkSubmitOperator(BaseOperator):
    template_fields = (
        "application",
        "conf",
        "files",
        "py_files",
        "jars",
        "driver_class_path",
        "packages",
        "exclude_packages",
        "keytab",
        "principal",
        "proxy_user",
        "name",
        "application_args",
        "env_vars",
        "properties_file",
    )

    # What the next execute() does: None succeeds; (returncode, kubernetes exit code or None) fails.
    simulated_failure: tuple[int, int | None] | None = None

    def __init__(
        self,
        *,
        application: str = "",
        conf: dict[Any, Any] | None = None,
        conn_id: str = "spark_default",
        files: str | None = None,
        py_files: str | None = None,
        archives: str | None = None,
        driver_class_path: str | None = None,
        jars: str | None = None,
        java_class: str | None = None,
        packages: str | None = None,
        exclude_packages: str | None = None,
        repositories: str | None = None,
        total_executor_cores: int | None = None,
        executor_cores: int | None = None,
        executor_memory: str | None = None,
        driver_memory: str | None = None,
        keytab: str | None = None,
        principal: str | None = None,
        proxy_user: str | None = None,
        name: str = "arrow-spark",
        num_executors: int | None = None,
        status_poll_interval: int = 1,
        application_args: list[Any] | None = None,
        env_vars: dict[str, Any] | None = None,
        verbose: bool = False,
        spark_binary: str | None = None,
        properties_file: str | None = None,
        yarn_queue: str | None = None,
        deploy_mode: str | None = None,
        use_krb5ccache: bool = False,
        openlineage_inject_parent_job_info: bool = False,
        openlineage_inject_transport_info: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.application = application
        self.conf = conf
        self.conn_id = conn_id
        self.files = files
        self.py_files = py_files
        self.archives = archives
        self.driver_class_path = driver_class_path
        self.jars = jars
        self.java_class = java_class
        self.packages = packages
        self.exclude_packages = exclude_packages
        self.repositories = repositories
        self.executor_memory = executor_memory
        self.driver_memory = driver_memory
        self.keytab = keytab
        self.principal = principal
        self.proxy_user = proxy_user
        self.name = name
        self.application_args = application_args
        self.env_vars = env_vars
        self.properties_file = properties_file
        self.deploy_mode = deploy_mode

    def execute(self, context) -> None:
        failure = SparkSubmitOperator.simulated_failure
        if failure is None:
            return
        returncode, kubernetes_exit_code = failure
        command = f"spark-submit --class {self.java_class} {self.application}"
        if kubernetes_exit_code is not None:
            raise AirflowException(
                f"Cannot execute: {command}. Error code is: {returncode}. "
                f"Kubernetes spark exit code is: {kubernetes_exit_code}"
            )
        raise AirflowException(f"Cannot execute: {command}. Error code is: {returncode}.")
