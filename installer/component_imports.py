"""The standard library modules the optional components import, which the core bundle must carry for them.

The bundle carries only the standard library its own imports reach; a component installed beside the
program later (installer/build_components.py) runs on that same Python, so the spec adds the modules the
components' code imports. They are read from the components' installed files in the build environment.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from importlib import metadata
from pathlib import Path


def component_distributions(requirements: list[str]) -> list:
    """The installed distributions `requirements` name, with everything they require on this machine."""
    from packaging.requirements import Requirement  # PyInstaller requires packaging

    pending = [Requirement(text) for text in requirements]
    found = {}
    while pending:
        requirement = pending.pop()
        try:
            distribution = metadata.distribution(requirement.name)
        except metadata.PackageNotFoundError:
            raise SystemExit(f"{requirement.name}, of an optional component, is not installed: the build reads the "
                             "standard library it needs from its files. Install the project's extras (python3 dev.py "
                             "does).") from None
        key = (distribution.metadata["Name"].lower(), frozenset(requirement.extras))
        if key in found:
            continue
        found[key] = distribution
        for text in distribution.requires or []:
            wanted = Requirement(text)
            if wanted.marker is None or any(wanted.marker.evaluate({"extra": extra})
                                            for extra in ("", *requirement.extras)):
                pending.append(wanted)
    return list({key[0]: distribution for key, distribution in found.items()}.values())


def _exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def imported_names(source: bytes) -> set[str]:
    """Every absolute import in a file, also those inside functions; `from a import b` gives a and a.b."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return set()
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def stdlib_imports(requirements: list[str], excluded: list[str]) -> list[str]:
    """The standard library modules that the distributions `requirements` name, and those they require, import
    (psycopg's ipaddress, keyring's configparser): none of the packages in `excluded`, and only those that exist
    on this platform."""
    names: set[str] = set()
    for distribution in component_distributions(requirements):
        for file in distribution.files or []:
            if file.suffix == ".py":
                try:
                    names |= imported_names(Path(distribution.locate_file(file)).read_bytes())
                except OSError:
                    continue
    stdlib = {name for name in names if name.split(".")[0] in sys.stdlib_module_names}
    left_out = {name.split(".")[0] for name in excluded}
    return sorted(name for name in stdlib if name.split(".")[0] not in left_out and _exists(name))
