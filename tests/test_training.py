"""Training plumbing: the shared AdamW recipe (notebook 08's, reused by 03, 09 and 11)."""
from helpers import training


def test_compile_classifier_smooths_one_hot_targets_only_when_asked():
    import keras

    def model():
        return keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="softmax")])

    plain, smoothed = model(), model()
    training.compile_classifier(plain, 1, 10, 5)
    training.compile_classifier(smoothed, 1, 10, 5, label_smoothing=0.1)
    assert plain.loss == "sparse_categorical_crossentropy"
    assert isinstance(smoothed.loss, keras.losses.CategoricalCrossentropy)
    assert smoothed.loss.get_config()["label_smoothing"] == 0.1
