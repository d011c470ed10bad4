"""Models shared between notebooks: save/reuse ``.keras`` files with their class names
(``<data dir>/models/<name>-<profile>.keras``; 02 and 05 save, 06, 07 and 09-11 reuse), the
course's CIFAR-10 CNN (notebook 02 builds it in its own cells; 08 grows it) and MobileNetV2
transfer model (notebook 05), and quick fallbacks that train a small one when a notebook's saved
model is missing."""
from __future__ import annotations

from pathlib import Path

from .data import data_dir
from .paths import shown_path


def model_path(name: str, profile) -> Path:
    return data_dir() / "models" / f"{name}-{profile.name}.keras"


def class_names_path(model_file: Path) -> Path:
    """Where a saved model's class names sit: ``<name>.classes.json`` beside the ``.keras`` file
    (``helpers.deploy.classifier`` reads them, so ``cnn-predict`` prints names, not indices)."""
    return Path(model_file).with_suffix(".classes.json")


def save_model(model, name: str, profile, class_names) -> Path:
    """Save a whole model in the Keras 3 ``.keras`` format for later notebooks, with its class
    names beside it (``class_names_path``): a saved model must say what its outputs mean."""
    import json

    from .atomic import atomic_path, write_text

    class_names = [str(c) for c in class_names]
    if len(class_names) != int(model.output_shape[-1]):
        raise ValueError(f"{len(class_names)} class names for a model with "
                         f"{model.output_shape[-1]} outputs")
    path = model_path(name, profile)
    with atomic_path(path) as tmp:       # a reader never loads half a model
        model.save(tmp)
    write_text(class_names_path(path), json.dumps(class_names) + "\n")
    print(f"saved {name} -> {shown_path(path)} (and its {len(class_names)} class names)")
    return path


def load_saved_model(name: str, profile):
    """The model saved under ``name`` for this profile, or None if there is none (or if the file
    cannot be loaded: one line says so, and the caller trains a new one)."""
    import keras

    path = model_path(name, profile)
    if not path.exists():
        return None
    try:
        model = keras.saving.load_model(path)
    except Exception as err:             # truncated or corrupt file, or an incompatible format
        print(f"saved model {shown_path(path)} could not be loaded ({type(err).__name__}: "
              f"{str(err)[:80]}): ignoring it; it is replaced when the model is saved again")
        return None
    print(f"loaded {name} from {shown_path(path)}")
    return model


def cifar_cnn(profile, blocks: int = 3, head: str = "flatten", dropout: float = 0.5,
              dense: int = 256, width: int | None = None, convs: tuple | None = None,
              batch_norm=False, bn_momentum: float = 0.99, name: str = "cifar10_cnn"):
    """The CIFAR-10 CNN of notebook 02, sized by ``profile``: ``blocks`` of Conv2D (ReLU) then
    MaxPooling; then the ``head``: ``"flatten"`` (Flatten, Dropout(``dropout``), Dense(``dense``),
    softmax; 09 and 11 use a lighter 0.3 and 128) or ``"gap"`` (GlobalAveragePooling2D,
    softmax: 02's depth study). With the defaults it is 02's literal ``Sequential`` model.
    ``width`` (default: the profile's ``cnn_width``) is the first block's filter count; ``convs``
    (default: one in each block) the conv layers of each block, and ``batch_norm`` a
    BatchNormalization (with ``bn_momentum``) between each conv and its ReLU: True (every
    block), False, or the blocks that get one. Notebook 08's ``make_model``, whose final recipe
    uses its ``FINAL_CONVS`` with BatchNorm in blocks 2 and 3, ``batch_norm=(1, 2)``."""
    import keras
    from keras import layers

    convs = convs or (1,) * blocks
    bn_blocks = range(len(convs)) if batch_norm is True else batch_norm or ()
    model = keras.Sequential([keras.Input((32, 32, 3)), layers.Rescaling(1 / 255)], name=name)
    for b, n in enumerate(convs):
        for _ in range(n):
            filters = (width or profile.cnn_width) * 2**b
            if b in bn_blocks:
                model.add(layers.Conv2D(filters, 3, padding="same", use_bias=False))
                model.add(layers.BatchNormalization(momentum=bn_momentum))
                model.add(layers.ReLU())
            else:
                model.add(layers.Conv2D(filters, 3, padding="same", activation="relu"))
        model.add(layers.MaxPooling2D(2))
    if head == "gap":
        model.add(layers.GlobalAveragePooling2D())
    else:
        model.add(layers.Flatten())
        model.add(layers.Dropout(dropout))
        model.add(layers.Dense(dense, activation="relu"))
    model.add(layers.Dense(10, activation="softmax"))
    return model


def architecture(model) -> list:
    """A model's layers as (class name, config without the layer's name) pairs: two models with
    equal architectures give equal lists (notebooks assert their own model equals the helper's)."""
    return [(type(layer).__name__, {k: v for k, v in layer.get_config().items() if k != "name"})
            for layer in model.layers]


def mobilenet_v2_transfer(n_classes: int, image_size: int, augment: bool = True):
    """Seed 002's transfer model as built in notebook 05: [augmentation →] [-1, 1] scaling →
    frozen MobileNetV2 (``trainable=False`` keeps its BatchNorm on the moving statistics; the
    ``training=False`` it is called with is overridden by ``fit`` in Keras 3.15) → GAP →
    Dense 256 → Dropout 0.5 → Dense 128 → Dropout 0.3 → softmax. ``augment=False`` leaves the
    augmentation out (the model whose head notebook 05 trains on cached features)."""
    import keras
    from keras import layers

    base = keras.applications.MobileNetV2(weights="imagenet", include_top=False,
                                          input_shape=(image_size, image_size, 3))
    base.trainable = False
    head = keras.Sequential([
        keras.Input(base.output.shape[1:]), layers.GlobalAveragePooling2D(),
        layers.Dense(256, activation="relu"), layers.Dropout(0.5),
        layers.Dense(128, activation="relu"), layers.Dropout(0.3),
        layers.Dense(n_classes, activation="softmax")], name="head")
    inputs = keras.Input((image_size, image_size, 3))
    x = inputs
    if augment:     # small flips, rotations (±18°) and zooms (±10%); active in fit() only
        x = keras.Sequential([layers.RandomFlip("horizontal"), layers.RandomRotation(0.05),
                              layers.RandomZoom(0.1)], name="augmentation")(x)
    x = layers.Rescaling(1 / 127.5, offset=-1, name="mobilenet_v2_preprocess")(x)
    outputs = head(base(x, training=False))
    return keras.Model(inputs, outputs, name="mobilenet_v2_transfer")


def cifar_model_or_train(session):
    """Notebook 02's saved CIFAR-10 CNN for this profile, or a small one trained now (and said so)."""
    from .data import load_cifar10
    from .training import compile_classifier

    model = load_saved_model("cifar10_cnn", session.profile)
    if model is None:
        p = session.profile
        print(f"No saved CIFAR-10 CNN for profile {p.name} (run notebook 02 to make one): "
              f"training a small one here, {p.study_epochs} epochs on {p.study_train} images.")
        data = load_cifar10(p.study_train, p.cifar_test)
        model = cifar_cnn(p)
        compile_classifier(model, p.study_epochs, len(data.y_train), p.batch_size)
        model.fit(data.x_train, data.y_train, epochs=p.study_epochs, batch_size=p.batch_size,
                  verbose=2)
    return model


def animals_model_or_train(session, split):
    """Notebook 05's saved MobileNetV2 model for this profile, or a small one trained now (frozen
    base with augmentation, ``study_epochs`` epochs on ``split``'s training part)."""
    from .images import image_dataset

    model = load_saved_model("animals_mobilenet_v2", session.profile)
    if model is None:
        p = session.profile
        print(f"No saved MobileNetV2 model for profile {p.name} (run notebook 05 to make one): "
              f"training the head here, {p.study_epochs} epochs on the frozen base.")
        model = mobilenet_v2_transfer(len(split.class_names), p.image_size)
        model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"])
        train = image_dataset(split.train_files, split.train_labels, p.image_size,
                              p.animals_batch_size, shuffle=True, seed=session.seed)
        model.fit(train, epochs=p.study_epochs, shuffle=False, verbose=2)
    return model
