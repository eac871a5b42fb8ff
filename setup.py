"""The packages for setuptools (everything else is in pyproject.toml).

Every package under ``advisor/`` is found, folders without ``__init__.py`` included (Alembic's
``versions/``). The top-level ``knowledge/`` folder is added as ``advisor.bundled_knowledge``, one
package per subfolder, since pyproject.toml maps it there and its own package finder cannot add a
mapped folder.
"""

from setuptools import find_namespace_packages, setup

KNOWLEDGE = "advisor.bundled_knowledge"

setup(
    packages=[
        *find_namespace_packages(include=["advisor", "advisor.*"]),
        KNOWLEDGE,
        *(f"{KNOWLEDGE}.{name}" for name in find_namespace_packages(where="knowledge")),
    ]
)
