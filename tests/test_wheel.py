"""The built wheel carries its content: installed in a fresh virtual environment, away from
the checkout, `wijkbot ask` still answers."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.mark.slow
def test_wheel_installs_and_answers_outside_the_checkout(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    [wheel] = dist.glob("wijkbot-*.whl")

    env_dir = tmp_path / "venv"
    venv.create(env_dir)  # without a pip of its own (seconds of ensurepip): this one installs
    python = env_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    # The dependencies come from this environment (the tests need no internet); only its
    # site-packages folders are added, so the checkout's editable install stays out of view.
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    paths = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site) / "wijkbot_test_deps.pth").write_text("\n".join(sorted(paths)) + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [env_dir / "bin" / "wijkbot", "ask", "--json", "Wat is een buurtbudget?"],
        cwd=elsewhere,
        check=True,
        capture_output=True,
        text=True,
        env={"PATH": str(env_dir / "bin"), "HOME": str(tmp_path)},
    )
    reply = json.loads(result.stdout)
    assert reply["matched"] is True
    assert "budget" in reply["answer"].lower()

    where = subprocess.run(
        [python, "-c", "import bot.content as c; print(c.content_root())"],
        cwd=elsewhere,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert where.startswith(str(env_dir)), where
