"""Notebook 02's own model code equals the helper that notebooks 03, 06, 07, 09 and 11 (and
tools/full_on_jax.py) build it with: helpers.models.cifar_cnn."""
import helpers
from helpers.models import architecture
from lesson_code import lesson_namespace


def test_02_model_and_depth_models_equal_the_helper():
    ns = lesson_namespace("02_cifar10_first_cnn", "model", "depth_model")
    P = ns["P"]
    assert architecture(ns["model"]) == architecture(helpers.models.cifar_cnn(P))
    for blocks in (1, 2, 3):
        assert architecture(ns["depth_model"](blocks)) == architecture(
            helpers.models.cifar_cnn(P, blocks=blocks, head="gap", width=P.cnn_width // 2))


def test_02_compiles_with_plain_adam():
    ns = lesson_namespace("02_cifar10_first_cnn", "model")
    source = "\n".join(c for c in __import__("lesson_code").code_cells("02_cifar10_first_cnn"))
    assert 'optimizer="adam"' in source and "AdamW" not in source and "CosineDecay" not in source
    assert ns["model"].name == "cifar10_cnn"
