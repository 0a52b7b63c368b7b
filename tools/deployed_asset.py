"""The function's code as Lambda holds it in /var/task: what `cdk deploy` zipped (every entry
dated 1980-01-01, as the CDK CLI's zipDirectory writes them) unpacked with those dates, and
read-only, so nothing can be written at run time."""

import os
import shutil
import stat
import zipfile
from pathlib import Path

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
ZIP_EPOCH_SECONDS = 315532800  # 1980-01-01T00:00:00Z


def as_deployed(asset: Path, task_root: Path) -> Path:
    archive = task_root.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(p for p in asset.rglob("*") if p.is_file()):
            entry = zipfile.ZipInfo(str(path.relative_to(asset)), date_time=ZIP_EPOCH)
            entry.external_attr = (stat.S_IFREG | 0o644) << 16
            zipped.writestr(entry, path.read_bytes(), zipfile.ZIP_DEFLATED)
    shutil.rmtree(task_root, ignore_errors=True)
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(task_root)
    archive.unlink()
    for path in sorted(task_root.rglob("*"), reverse=True):  # files first, then their folders
        os.utime(path, (ZIP_EPOCH_SECONDS, ZIP_EPOCH_SECONDS))
        path.chmod(0o444 if path.is_file() else 0o555)
    os.utime(task_root, (ZIP_EPOCH_SECONDS, ZIP_EPOCH_SECONDS))
    task_root.chmod(0o555)
    return task_root


def make_removable(task_root: Path) -> None:
    """For cleaning up: the read-only folders must be writable again to be deleted."""
    for path in [task_root, *task_root.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)
