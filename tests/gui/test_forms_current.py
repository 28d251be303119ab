"""Generated form modules match their Designer forms (run the compiler after editing a form)."""

from pathlib import Path

import pytest

import imsdesk
from imsdesk.ui.compile_forms import compile_form, forms, generated_path

PACKAGE_ROOT = Path(imsdesk.__file__).parent


@pytest.mark.parametrize("form", forms(), ids=lambda f: f.name)
def test_generated_form_is_current(form: Path):
    generated = generated_path(form, PACKAGE_ROOT)
    assert generated.exists(), f"run: python -m imsdesk.ui.compile_forms ({generated} missing)"
    assert generated.read_text(encoding="utf-8") == compile_form(form), (
        f"{generated.name} is stale: run python -m imsdesk.ui.compile_forms"
    )


def test_every_generated_module_has_a_form():
    stems = {f.stem for f in forms()}
    for module in (PACKAGE_ROOT / "gui" / "forms").glob("ui_*.py"):
        assert module.stem.removeprefix("ui_") in stems, f"{module.name} has no ui/*.ui source"
