"""Where the embedding model runs: ``embed.device`` resolved against what this machine has.

Nothing needs a GPU. ``auto`` uses a CUDA GPU only where the installed runtime can (a CUDA build of
torch, or onnxruntime-gpu); the pinned CPU build of torch never can, so ``make install`` machines
embed on the CPU.
"""

from __future__ import annotations

from voc.errors import ModelError


def resolve_device(device: str, usable: bool, backend: str) -> str:
    """``cpu`` or ``cuda`` for a setting (auto, cpu, cuda), given whether a GPU is usable."""
    if device == "cuda" and not usable:
        raise ModelError(
            f"embed.device is 'cuda' but the {backend} backend cannot use a CUDA GPU here "
            "(the pinned torch is a CPU build; onnx needs onnxruntime-gpu); set embed.device "
            "to 'auto' or 'cpu'"
        )
    return "cuda" if device == "cuda" or (device == "auto" and usable) else "cpu"
