import dataclasses

import pytest

from helpers import profile


def test_named_profiles_and_env(monkeypatch):
    monkeypatch.setenv("CNN_PROFILE", "cpu")
    assert profile.get_profile().name == "cpu"
    monkeypatch.setenv("CNN_PROFILE", " SMOKE ")
    assert profile.get_profile().name == "smoke"
    assert profile.get_profile("full").name == "full"


def test_unset_follows_hardware(monkeypatch):
    monkeypatch.delenv("CNN_PROFILE", raising=False)
    monkeypatch.setattr(profile, "gpu_present", lambda: False)
    assert profile.get_profile().name == "cpu"
    monkeypatch.setattr(profile, "gpu_present", lambda: True)
    assert profile.get_profile().name == "full"


def test_bad_value_lists_valid_profiles(monkeypatch):
    monkeypatch.setenv("CNN_PROFILE", "laptop")
    with pytest.raises(ValueError, match="smoke, cpu, full"):
        profile.get_profile()


def test_profiles_are_read_only():
    with pytest.raises(dataclasses.FrozenInstanceError):
        profile.PROFILES["cpu"].batch_size = 100


def test_profiles_grow_from_smoke_to_full():
    smoke, cpu, full = (profile.PROFILES[n] for n in ("smoke", "cpu", "full"))
    assert smoke.study_epochs < cpu.study_epochs < full.study_epochs
    assert smoke.cifar_train < 50_000 and cpu.cifar_train is None
    assert smoke.image_size <= cpu.image_size <= full.image_size
