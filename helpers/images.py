"""Read and resize images, and the cached ``tf.data`` pipeline over image files that notebook 04
builds step by step (``image_dataset``; 05, 07 and 11 use it). ``to_rgb`` holds 04's colour
conversions (the audit and notebook 10's classifier use it too)."""
from __future__ import annotations

def to_rgb(im):
    """A Pillow image as RGB: transparency composited on white, 16-bit greyscale scaled to 8 bits,
    CMYK, greyscale and palette images converted (notebook 04's conversions; 10's predict and
    serve use them too)."""
    from PIL import Image

    if im.mode in ("RGBA", "LA", "PA", "P"):
        im = im.convert("RGBA")
        bg = Image.new("RGB", im.size, (255, 255, 255))
        bg.paste(im, mask=im.getchannel("A"))
        return bg
    if im.mode in ("I;16", "I"):
        return im.point(lambda v: v / 256).convert("L").convert("RGB")
    return im.convert("RGB")


def load_image(path, image_size: int, mode: str = "crop"):
    """Read one image file as a float32 tensor of shape (image_size, image_size, 3), values 0-255.

    ``mode`` keeps or drops the aspect ratio: ``"crop"`` takes the central square,
    ``"pad"`` letterboxes with black, ``"stretch"`` distorts the image to a square."""
    import tensorflow as tf

    img = tf.io.decode_image(tf.io.read_file(path), channels=3, expand_animations=False)
    return square_resize(img, image_size, mode)


def square_resize(img, image_size: int, mode: str = "crop"):
    """An (h, w, 3) image as a float32 (image_size, image_size, 3) tensor, values 0-255: the
    resizing of ``load_image`` (see its ``mode``), for images already decoded."""
    import tensorflow as tf

    if mode == "crop":
        h, w = tf.shape(img)[0], tf.shape(img)[1]
        side = tf.minimum(h, w)
        img = tf.image.crop_to_bounding_box(img, (h - side) // 2, (w - side) // 2, side, side)
    if mode == "pad":
        return tf.image.resize_with_pad(img, image_size, image_size, antialias=True)
    return tf.image.resize(img, (image_size, image_size), antialias=True)


def image_dataset(files, labels, image_size: int, batch_size: int, shuffle: bool = False,
                  seed: int = 42, mode: str = "crop", cache: bool = True):
    """A ``tf.data`` pipeline over image files: parallel decode and resize (``load_image``),
    cache the resized images in memory as uint8, shuffle (training only), batch, prefetch.
    Batches are float32 images in 0-255 and integer labels; models normalise inside.

    ``cache=False`` streams: each pass decodes the files again and only a few batches are in
    memory at a time (notebook 07 predicts on a whole validation set this way)."""
    import tensorflow as tf

    autotune = tf.data.AUTOTUNE
    ds = tf.data.Dataset.from_tensor_slices((list(map(str, files)), list(labels)))
    ds = ds.map(lambda f, y: (tf.cast(tf.round(load_image(f, image_size, mode)), tf.uint8), y),
                num_parallel_calls=autotune)
    if cache:
        ds = ds.cache()
    if shuffle:
        ds = ds.shuffle(len(files), seed=seed, reshuffle_each_iteration=True)
    return ds.batch(batch_size).map(lambda x, y: (tf.cast(x, tf.float32), y)).prefetch(autotune)
