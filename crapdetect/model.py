"""Save and load model artifacts: joblib plus a pinned SHA-256 and recorded versions.

joblib/pickle loading can execute arbitrary code. The pin proves the file is
the one our training command wrote; it does not make a third-party file safe.
So: only the configured models directory is ever loaded — never a path from a
request — and the file is hashed *before* ``joblib.load``. A scikit-learn
version other than the recorded one is refused (scikit-learn does not support
loading across versions) with a message naming ``crapdetect train``.
"""

from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import joblib
import sklearn

from .errors import ModelError

RETRAIN = "retrain with `crapdetect train` (see README, 'Training the text models')"


class ModelNotFound(ModelError):
    code = "model_not_found"


class UntrustedModel(ModelError):
    code = "model_untrusted"


class IncompatibleModel(ModelError):
    code = "model_incompatible"


@dataclass(frozen=True)
class LoadedModel:
    name: str
    pipeline: Any
    metadata: dict[str, Any]


def sha256_of(path: Path) -> str:
    """Hex SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save_model(pipeline: Any, directory: Path, name: str, metadata: dict[str, Any]) -> Path:
    """Write ``<name>.joblib`` and ``<name>.json`` (metadata + artifact sha256 + versions)."""
    directory.mkdir(parents=True, exist_ok=True)
    artifact = directory / f"{name}.joblib"
    joblib.dump(pipeline, artifact, compress=3)
    meta = {
        "name": name,
        "artifact": artifact.name,
        "sha256": sha256_of(artifact),
        "sklearn_version": sklearn.__version__,
        "python_version": platform.python_version(),
        **metadata,
    }
    (directory / f"{name}.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return artifact


def load_model(directory: Path, name: str) -> LoadedModel:
    """Verify and load ``<directory>/<name>.joblib``; raise a ModelError saying what to do."""
    artifact = directory / f"{name}.joblib"
    meta_path = directory / f"{name}.json"
    if not artifact.is_file() or not meta_path.is_file():
        raise ModelNotFound(f"model {name!r} is missing from {directory}; {RETRAIN}")
    metadata = json.loads(meta_path.read_text("utf-8"))
    actual = sha256_of(artifact)
    if actual != metadata.get("sha256"):
        raise UntrustedModel(
            f"{artifact} has sha256 {actual} but {meta_path.name} pins {metadata.get('sha256')}; "
            f"refusing to load it. Restore the file or {RETRAIN}"
        )
    if metadata.get("sklearn_version") != sklearn.__version__:
        raise IncompatibleModel(
            f"{artifact.name} was trained with scikit-learn {metadata.get('sklearn_version')}, "
            f"this is {sklearn.__version__}; {RETRAIN}"
        )
    return LoadedModel(name, joblib.load(artifact), metadata)
