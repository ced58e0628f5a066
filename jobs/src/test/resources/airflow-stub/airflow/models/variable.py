"""Stand-in for airflow.models.Variable: an in-memory store that render_dag.py fills."""

_MISSING = object()


class Variable:
    store: dict[str, str] = {}

    @classmethod
    def get(cls, key, default_var=_MISSING, deserialize_json=False):
        if key in cls.store:
            value = cls.store[key]
        elif default_var is not _MISSING:
            return default_var
        else:
            raise KeyError(f"Variable {key} does not exist")
        if deserialize_json:
            import json

            return json.loads(value)
        return value
