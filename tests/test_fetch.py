"""The ``cnn-data`` command (helpers.course.fetch): status names what is missing and how to get it;
fetching from the offline mirror checks the archive and replaces a folder whole."""
import tarfile

from PIL import Image

from helpers import data
from helpers.course import fetch


def test_cli_status_names_whats_missing(data_home, capsys):
    assert fetch.main(["status"]) == 0
    out = capsys.readouterr().out
    assert out.count("MISSING") == 3
    assert "fetch cifar10 --from ../shared/data" in out
    assert "fetch mobilenet_v2 --from ../shared/data" in out
    assert "Traceback" not in out


def test_cli_fetch_from_mirror_checks_and_copies(tmp_path, data_home, capsys):
    mirror = tmp_path / "mirror"
    (mirror / "keras" / "models").mkdir(parents=True)
    weights = data.MOBILENET_V2_FILE.format(size=160)
    (mirror / "keras" / "models" / weights).write_bytes(b"not the real weights")
    with tarfile.open(mirror / "animals3-jpg.tar.gz", "w:gz") as tar:
        tar.add(mirror / "keras", arcname="animals3")
    assert fetch.main(["fetch", "mobilenet_v2", "--from", str(mirror)]) == 0
    info = data.mobilenet_v2_weights(160)
    assert info["present"] and not info["is_standin"]
    # A damaged archive is refused with one line, not a traceback.
    assert fetch.main(["fetch", "animals", "--from", str(mirror)]) == 1
    err = capsys.readouterr().err
    assert "wrong sha256" in err and "Traceback" not in err
    assert fetch.main(["fetch", "cifar10", "--from", str(tmp_path / "nowhere")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_mirror_extraction_replaces_the_folder_whole(tmp_path, data_home, monkeypatch):
    src = tmp_path / "src" / "animals3" / "cats"
    src.mkdir(parents=True)
    Image.new("RGB", (20, 20)).save(src / "a.jpg")
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    with tarfile.open(mirror / "animals.tar.gz", "w:gz") as tar:
        tar.add(tmp_path / "src" / "animals3", arcname="animals3")
    monkeypatch.setitem(fetch.MIRROR_ARCHIVES, "animals",
                        ("animals.tar.gz", data.sha256(mirror / "animals.tar.gz")))
    stale = data_home / "animals3" / "cats" / "left_from_an_interrupted_run.jpg"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"half")
    fetch._extract_from_mirror("animals", mirror)
    assert [p.name for p in (data_home / "animals3" / "cats").iterdir()] == ["a.jpg"]
    assert not list(data_home.glob(".extract-*"))
